"""What a load did, shown in the user's language."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from smartisland.config import max_file_mb, max_rows
from smartisland.i18n import format_number, has_key, t
from smartisland.text import markdown_text
from smartisland.ui.public_site import refresh_public_site
from smartisland.warehouse import undo_last


def show_load_result(result) -> None:
    """Rows loaded, or every problem as a table (file, row, column, value, problem) in the user's language."""
    if result.ok:
        st.success("  \n".join(t("load.loaded", dataset=t(f"dataset.{record.dataset}"), rows=f"{record.rows}",
                                 file=markdown_text(record.file_name)) for record in result.loaded))
        refresh_public_site()  # the static site follows every successful load (publishing/site_refresh.py)
        return
    st.error(t("load.refused", count=result.total_problems))
    st.dataframe(pd.DataFrame([{
        t("editing.column_file"): problem.file, t("editing.column_row"): problem.row,
        t("editing.column_column"): problem.column or "", t("editing.column_value"): problem.value or "",
        t("editing.column_problem"): t(f"problem.{problem.code}", **_readable_params(problem)),
    } for problem in result.problems]), hide_index=True, width="stretch")


def _readable_params(problem) -> dict:
    """Dataset names in a problem, as the user sees them in the app (the command line keeps the file names), and
    its numbers written for the language."""
    return {name: t(f"dataset.{value}") if name in ("other", "dataset") and has_key(f"dataset.{value}") else value
            for name, value in problem.number_params().items()}


def undo_button(db_path) -> None:
    """Put the warehouse back as it was before the last load; the public site goes back with it."""
    if st.button(t("editing.undo"), icon=":material/undo:"):
        if undo_last(db_path):
            st.success(t("editing.undone"))
            refresh_public_site()
        else:
            st.info(t("editing.nothing_to_undo"))


def show_upload_limits() -> None:
    """The upload limits, as a caption under the file picker."""
    st.caption(t("upload_limits.limits", size=format_number(max_file_mb()), rows=format_number(max_rows())))


@contextmanager
def loading(file_sizes: list[int]) -> Iterator[None]:
    """A status box while a load runs (how many files, how large), closed as finished when it returns."""
    size = format_number(sum(file_sizes) / (1 << 20), 1)
    with st.status(t("upload_limits.loading", count=format_number(len(file_sizes)), size=size)) as status:
        yield
        status.update(label=t("upload_limits.done"), state="complete", expanded=False)
