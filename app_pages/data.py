"""Data: every dataset with its rows, origin and last load."""
import streamlit as st

from smartisland import clock, ui
from smartisland.comparison import sections as comparison_sections
from smartisland.config import warehouse_path
from smartisland.editing.datasets import dataset_status, manual_kpis
from smartisland.editing.uploads import enter_kpi_value
from smartisland.i18n import t
from smartisland.ui.queries import run_query

ui.require_mode("internal")
ui.require_warehouse()
st.title(t("data_page.title"))
st.write(t("data_page.intro"))
ui.sample_notice()

status = dataset_status(run_query)
st.dataframe(status.table, hide_index=True, width="stretch", height="content")

with st.expander(t("data_page.how_to_load")):
    st.markdown(t("data_page.how_to_load_text"))
    st.markdown(comparison_sections.team_note("spbe_index"))
    st.markdown(comparison_sections.team_note("imdi"))
card, _ = ui.scorecard()
ui.team_overdue(card)

st.subheader(t("editing.title"))
editor = ui.editor_sign_in()
if editor:
    ui.sign_out_button(editor)
    st.write(t("editing.intro"))
    st.caption(t("editing.entered_by_note"))
    ui.upload_section(status.labels, editor, warehouse_path())
    ui.undo_button(warehouse_path())

    names = manual_kpis(run_query)
    if names:
        st.markdown(f"#### {t('editing.kpi_title')}")
        with st.form("kpi_value", clear_on_submit=True):
            kpi_id = st.selectbox(t("editing.kpi"), list(names), format_func=names.__getitem__)
            period_end = st.date_input(t("editing.period_end"), value=clock.today(), max_value=clock.today(),
                                       format="DD/MM/YYYY")
            value = st.number_input(t("editing.value"), value=0.0, step=0.01, format="%.2f")
            source = st.text_input(t("editing.source"))
            note = st.text_input(t("editing.note"))
            if st.form_submit_button(t("editing.save"), icon=":material/save:"):
                ui.show_load_result(enter_kpi_value(kpi_id, period_end, value, source, note, warehouse_path(), editor))

    ui.team_reports(editor, card)

    st.markdown(f"#### {t('editing.spbe.title')}")
    st.caption(t("editing.spbe.intro"))
    ui.spbe_entry(editor, warehouse_path())
