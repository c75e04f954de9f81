"""Every registered page runs in AppTest in both languages and loads in headless Chromium, on the sample data."""
import pytest
from support.apptest import raw_keys_shown, run_page
from support.browser import open_page, page_exceptions

from smartisland.ui.navigation import PAGES

PAGE_IDS = [page.url_path for page in PAGES]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("entry", PAGES, ids=PAGE_IDS)
def test_page_runs_in_apptest_without_exception_or_raw_key(monkeypatch, sample_db, entry, language):
    app = run_page(monkeypatch, sample_db, entry.script, language)
    assert app.title, f"{entry.script} has no title"
    assert raw_keys_shown(app) == []
    # the app says which data it runs on, on every page
    badge = "Data sampel (ilustratif)" if language == "id" else "Sample data (illustrative)"
    assert any(badge in warning.value for warning in app.sidebar.warning)


@pytest.mark.parametrize("entry", PAGES, ids=PAGE_IDS)
def test_page_runs_before_any_fact_is_loaded(monkeypatch, reference_only_db, entry):
    """Real data arrives a dataset at a time: a page with nothing to show says so instead of failing."""
    app = run_page(monkeypatch, reference_only_db, entry.script, "en")
    assert app.title, f"{entry.script} has no title"
    assert raw_keys_shown(app) == []


@pytest.mark.browser
@pytest.mark.parametrize("entry", PAGES, ids=PAGE_IDS)
def test_page_loads_in_chromium_in_both_languages(browser, app_url, entry):
    for language in ("id", "en"):
        page = open_page(browser, f"{app_url}/{entry.url}?lang={language}")
        assert page_exceptions(page) == [], f"{entry.url_path} ({language})"
        heading = page.locator("h1").first.inner_text()
        assert heading.strip(), f"{entry.url_path} ({language}) shows no heading"
        page.close()


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
        page.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
