"""The overview's download of the Governor's brief: offered in internal mode in the page's language, the PDF made
only when pressed, for the date the page shows; never offered in public mode."""
from __future__ import annotations

import subprocess
from datetime import date

import pytest
from support.apptest import run_page
from support.axe import settle_streamlit
from support.browser import open_page

from smartisland.i18n import t
from smartisland.report_context import ReportContext, using
from smartisland.ui import brief as brief_ui


@pytest.mark.calendar
def test_the_overview_offers_the_brief_of_its_date_in_its_language(monkeypatch, sample_db):
    for language in ("id", "en"):
        app = run_page(monkeypatch, sample_db, "app_pages/overview.py", language, query={"as_of": "2025-09-30"})
        with using(ReportContext(language=language)):
            buttons = [button for button in app.get("download_button") if button.proto.label == t("brief.download")]
            assert len(buttons) == 1
            assert buttons[0].proto.help == t("brief.download_help")


@pytest.mark.calendar
def test_the_button_makes_one_pdf_page_of_the_chosen_date_when_pressed(monkeypatch, sample_db, tmp_path):
    monkeypatch.setenv("SMARTISLAND_DB", str(sample_db))
    path = tmp_path / "brief.pdf"
    # Called as Streamlit calls it, outside the page's run: the page's context goes with it.
    path.write_bytes(brief_ui._brief_maker(ReportContext(language="en", as_of=date(2025, 9, 30)))())
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert "Pages:           1" in info
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "As it stood on 30 September 2025" in text and "Brief for the Governor" in text


@pytest.mark.calendar
def test_public_mode_never_offers_the_brief(monkeypatch):
    offered = []
    monkeypatch.setenv("SMARTISLAND_MODE", "public")
    monkeypatch.setattr(brief_ui.st, "download_button", lambda *args, **kwargs: offered.append(args))
    brief_ui.brief_download(ReportContext(as_of=date(2025, 9, 30)))
    assert offered == []
    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    brief_ui.brief_download(ReportContext(as_of=date(2025, 9, 30)))
    assert len(offered) == 1


@pytest.mark.browser
def test_pressing_the_button_in_chromium_downloads_the_brief_of_the_page(browser, app_url, tmp_path):
    page = open_page(browser, f"{app_url}/?lang=en&as_of=2025-09-30")
    # A click while a rerun replaces the button's file fetches a file the server has just let go (the download then
    # bears the media file's bare name): the page settles first, and a click that met a rerun is made again.
    for _ in range(3):
        settle_streamlit(page)
        with page.expect_download(timeout=120000) as download:
            with using(ReportContext(language="en")):
                page.get_by_role("button", name=t("brief.download")).click()
        if download.value.suggested_filename.startswith("brief-"):
            break
    assert download.value.suggested_filename == "brief-2025-09-30-en.pdf"
    path = tmp_path / "brief.pdf"
    download.value.save_as(path)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert "Pages:           1" in info and "Tagged:          yes" in info
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "As it stood on 30 September 2025" in text
