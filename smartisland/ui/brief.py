"""The overview's download of the Governor's brief (internal mode only): one PDF page of what the page shows."""
from __future__ import annotations

from datetime import date

import streamlit as st

from smartisland import clock, db
from smartisland.config import app_mode
from smartisland.i18n import current_language, t
from smartisland.reporting import brief


def _brief_maker(as_of: date, language: str):
    """The PDF made only when the button is pressed. Streamlit calls it outside the page's run (no session, no
    current language), so it takes the language with it and reads the warehouse directly, not through the cache."""
    def make() -> bytes:
        with db.reading() as connection:
            return brief.brief_pdf(lambda name, **params: db.execute_query(connection, name, **params), as_of,
                                   language)
    return make


def brief_download(as_of: date | None) -> None:
    """A button that downloads the brief as it stood on `as_of` (today when None), in the page's language."""
    if app_mode() != "internal":
        return
    day, language = as_of or clock.today(), current_language()
    st.download_button(t("brief.download"), _brief_maker(day, language),
                       file_name=f"{brief.file_stem(day, language)}.pdf", mime="application/pdf",
                       on_click="ignore", icon=":material/picture_as_pdf:", help=t("brief.download_help"),
                       key=f"brief_download_{language}")
