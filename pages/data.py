"""Data: every dataset with its rows, origin and last load."""
import streamlit as st

from smartisland import ui
from smartisland.db import run_query
from smartisland.i18n import format_datetime, format_number, t

ui.require_warehouse()
st.title(t("data_page.title"))
st.write(t("data_page.intro"))
ui.sample_notice()

status = run_query("dataset_status")
status["dataset"] = status["dataset"].map(lambda name: t(f"dataset.{name}"))
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
st.dataframe(table, hide_index=True, width="stretch")

with st.expander(t("data_page.how_to_load")):
    st.markdown(t("data_page.how_to_load_text"))
