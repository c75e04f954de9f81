"""What a load did, shown in the user's language."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from smartisland.i18n import has_key, t
from smartisland.text import markdown_text


def show_load_result(result) -> None:
    """Rows loaded, or every problem as a table (file, row, column, value, problem) in the user's language."""
    if result.ok:
        st.success("  \n".join(t("load.loaded", dataset=t(f"dataset.{record.dataset}"), rows=f"{record.rows}",
                                 file=markdown_text(record.file_name)) for record in result.loaded))
        return
    st.error(t("load.refused", count=result.total_problems))
    st.dataframe(pd.DataFrame([{
        t("editing.column_file"): problem.file, t("editing.column_row"): problem.row,
        t("editing.column_column"): problem.column or "", t("editing.column_value"): problem.value or "",
        t("editing.column_problem"): t(f"problem.{problem.code}", **_readable_params(problem.params)),
    } for problem in result.problems]), hide_index=True, width="stretch")


def _readable_params(params) -> dict:
    """Dataset names in a problem, as the user sees them in the app (the command line keeps the file names)."""
    return {name: t(f"dataset.{value}") if name in ("other", "dataset") and has_key(f"dataset.{value}") else value
            for name, value in params}
