"""The overview's download of the Governor's brief (internal mode only): one PDF page of what the page shows."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from smartisland import db
from smartisland.config import app_mode
from smartisland.i18n import t
from smartisland.report_context import ReportContext
from smartisland.reporting import brief


def _brief_maker(context: ReportContext):
    """The PDF made only when the button is pressed. Streamlit calls it outside the page's run (no session, no
    current context), so it takes the page's context with it and reads the warehouse directly, not through the cache."""
    def make() -> bytes:
        with db.reading() as connection:
            return brief.brief_pdf(replace(context, run=lambda name, **params: db.execute_query(connection, name,
                                                                                                   **params)))
    return make


def brief_download(context: ReportContext) -> None:
    """A button that downloads the brief as it stood on the context's day, in the page's language."""
    if app_mode() != "internal":
        return
    day, language = context.today, context.language
    st.download_button(t("brief.download"), _brief_maker(context),
                       file_name=f"{brief.file_stem(day, language)}.pdf", mime="application/pdf",
                       on_click="ignore", icon=":material/picture_as_pdf:", help=t("brief.download_help"),
                       key=f"brief_download_{language}")
