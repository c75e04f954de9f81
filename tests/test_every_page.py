"""Every registered page runs in AppTest in both languages and loads in headless Chromium, on the sample data."""
import pytest

from apptest_helpers import raw_keys_shown, run_page
from conftest import open_page, page_exceptions
from smartisland.navigation import PAGES

PAGE_IDS = [page.url_path for page in PAGES]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("entry", PAGES, ids=PAGE_IDS)
def test_page_runs_in_apptest_without_exception_or_raw_key(monkeypatch, sample_db, entry, language):
    app = run_page(monkeypatch, sample_db, entry.script, language)
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


def test_each_url_path_is_its_script_name():
    """A first request to a page is resolved by Streamlit from the pages/ file names before app.py runs;
    a different url_path then shows "page not found" on a cold server."""
    from pathlib import Path

    assert [(page.url_path, Path(page.script).stem) for page in PAGES if page.url_path != Path(page.script).stem] == []
