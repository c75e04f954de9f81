"""Data: every dataset with its rows, origin and last load."""
import streamlit as st

from smartisland import ui
from smartisland.config import warehouse_path
from smartisland.db import run_query
from smartisland.editing import enter_kpi_value, load_uploaded
from smartisland.i18n import format_datetime, format_number, t
from smartisland.kpi_display import kpi_name
from smartisland.warehouse import undo_last

ui.require_warehouse()
st.title(t("data_page.title"))
st.write(t("data_page.intro"))
ui.sample_notice()

status = run_query("dataset_status")
status_names = list(status["dataset"])
dataset_labels = {name: t(f"dataset.{name}") for name in status_names}
status["dataset"] = status["dataset"].map(dataset_labels.__getitem__)
status["origin"] = status["origin"].fillna("none").map(lambda origin: t(f"origin.{origin}"))
status["row_count"] = status["row_count"].map(format_number)
status["last_loaded_at"] = status["last_loaded_at"].map(format_datetime)
status["file_name"] = status["file_name"].fillna("")
table = ui.localized_table(status, {
    "dataset": "data_page.column_dataset",
    "row_count": "data_page.column_rows",
    "origin": "data_page.column_origin",
    "file_name": "data_page.column_file",
    "last_loaded_at": "data_page.column_loaded_at",
    "load_count": "data_page.column_loads",
})
st.dataframe(table, hide_index=True, width="stretch", height="content")

with st.expander(t("data_page.how_to_load")):
    st.markdown(t("data_page.how_to_load_text"))

st.subheader(t("editing.title"))
editor = ui.editor_sign_in()
if editor:
    ui.sign_out_button(editor)
    st.write(t("editing.intro"))
    st.caption(t("editing.entered_by_note"))
    dataset_names = [name for name in status_names]
    with st.form("upload", clear_on_submit=True):
        dataset = st.selectbox(t("editing.dataset"), dataset_names, format_func=dataset_labels.__getitem__)
        files = st.file_uploader(t("editing.files"), type=["csv", "xlsx", "parquet"], accept_multiple_files=True)
        if st.form_submit_button(t("editing.load"), icon=":material/upload:") and files:
            ui.show_load_result(load_uploaded(dataset, [(file.name, file.getvalue()) for file in files],
                                              warehouse_path(), editor))
    if st.button(t("editing.undo"), icon=":material/undo:"):
        if undo_last(warehouse_path()):
            st.success(t("editing.undone"))
        else:
            st.info(t("editing.nothing_to_undo"))

    manual = run_query("kpi_definitions").query("method == 'manual'")
    if not manual.empty:
        st.markdown(f"#### {t('editing.kpi_title')}")
        names = dict(zip(manual["kpi_id"], manual.apply(kpi_name, axis=1)))
        with st.form("kpi_value", clear_on_submit=True):
            kpi_id = st.selectbox(t("editing.kpi"), list(names), format_func=names.__getitem__)
            period_end = st.date_input(t("editing.period_end"), format="DD/MM/YYYY")
            value = st.number_input(t("editing.value"), value=0.0, step=0.01, format="%.2f")
            source = st.text_input(t("editing.source"))
            note = st.text_input(t("editing.note"))
            if st.form_submit_button(t("editing.save"), icon=":material/save:"):
                ui.show_load_result(enter_kpi_value(kpi_id, period_end, value, source, note, warehouse_path(), editor))
