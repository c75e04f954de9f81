"""Every registered page runs before any fact is loaded, and opens from a direct link in the app's frame.

Every page in both languages and both modes, on every province's sample, runs in AppTest in
tests/test_any_province.py (title, no raw key, the data badge, the province's own names), and loads in Chromium
there for every province but the default; every page of the default province loads in Chromium in both languages
on a phone in tests/test_readers_site.py (lang, title, heading, no exception)."""
import pytest
from support.apptest import raw_keys_shown, run_page
from support.browser import open_page, page_exceptions

from smartisland.ui.navigation import PAGES

PAGE_IDS = [page.url_path for page in PAGES]


@pytest.mark.parametrize("entry", PAGES, ids=PAGE_IDS)
def test_page_runs_before_any_fact_is_loaded(monkeypatch, reference_only_db, entry):
    """Real data arrives a dataset at a time: a page with nothing to show says so instead of failing."""
    app = run_page(monkeypatch, reference_only_db, entry.script, "en")
    assert app.title, f"{entry.script} has no title"
    assert raw_keys_shown(app) == []


def test_no_pages_folder_beside_the_entry_point():
    """Streamlit treats a `pages/` folder beside app.py as its automatic page list: a direct link to a freshly
    started server then runs that page alone, without app.py's frame, language or public-mode filter."""
    from pathlib import Path

    assert not (Path(__file__).resolve().parent.parent / "pages").exists()
    assert all(page.script.startswith("app_pages/") for page in PAGES)


@pytest.mark.browser
def test_a_direct_link_to_a_fresh_server_opens_the_page_in_the_app_frame(browser, sample_db):
    from support.browser import start_server

    process, url = start_server(sample_db)
    try:
        page = open_page(browser, f"{url}/tracker?lang=en")
        assert page_exceptions(page) == []
        assert page.locator("h1").first.inner_text().strip() == "KPI tracker"
        assert page.get_by_text("Bahasa Indonesia").count() == 1  # the shared frame with the language switch
        assert page.get_by_text("Sample data (illustrative)").count() == 2  # the sidebar and the bar atop the page
    finally:
        process.terminate()
        process.wait(timeout=60)  # a busy machine may take a while to stop it
