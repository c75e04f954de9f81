"""The Data page, run by AppTest in both languages and loaded in a real browser."""
import pytest

from apptest_helpers import raw_keys_shown, run_page
from conftest import open_page, page_exceptions


@pytest.mark.parametrize("language, title, sample_word", [("id", "Data", "sampel"), ("en", "Data", "sample")])
def test_data_page_lists_every_dataset_with_its_origin(monkeypatch, fixture_db, language, title, sample_word):
    app = run_page(monkeypatch, fixture_db, "pages/data.py", language)
    assert app.title[0].value == title
    table = app.dataframe[0].value
    assert len(table) == 15
    rows_column, origin_column = table.columns[1], table.columns[2]
    by_dataset = dict(zip(table.iloc[:, 0], table[rows_column]))
    wifi = "Titik Wi-Fi publik" if language == "id" else "Public Wi-Fi points"
    assert by_dataset[wifi] == "4"
    assert any(sample_word in origin for origin in table[origin_column])
    assert any(sample_word in str(item.value).lower() for item in app.sidebar.warning)
    assert raw_keys_shown(app) == []


@pytest.mark.browser
def test_data_page_loads_in_chromium(browser, app_url):
    for language in ("id", "en"):
        page = open_page(browser, f"{app_url}/data?lang={language}")
        assert page_exceptions(page) == []
        assert page.locator('[data-testid="stDataFrame"]').count() == 1
        page.close()
