"""The Data page, run by AppTest in both languages and loaded in a real browser."""
import pytest
from support import FIXTURE_TODAY
from support.apptest import raw_keys_shown, run_page
from support.browser import open_page, page_exceptions

from smartisland.contract import DATASETS


@pytest.mark.parametrize("language, title, sample_word", [("id", "Data", "sampel"), ("en", "Data", "sample")])
def test_data_page_lists_every_dataset_with_its_origin(monkeypatch, fixture_db, language, title, sample_word):
    app = run_page(monkeypatch, fixture_db, "app_pages/data.py", language)
    assert app.title[0].value == title
    table = app.dataframe[0].value
    assert len(table) == len(DATASETS)  # every dataset of the contract
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


def _editors_app(monkeypatch, db_path):
    from streamlit.testing.v1 import AppTest
    from support import ROOT

    from smartisland.editing.auth import hash_password

    monkeypatch.setenv("SMARTISLAND_DB", str(db_path))
    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.secrets["editors"] = {"ayu": hash_password("rahasia")}
    app.query_params["lang"] = "en"
    app.run()
    app.switch_page("app_pages/data.py")
    app.run()
    return app


@pytest.mark.calendar
def test_editing_needs_a_signed_in_editor(monkeypatch, sample_db, tmp_path):
    import shutil

    db_path = tmp_path / "copy.duckdb"
    shutil.copy(sample_db, db_path)
    app = _editors_app(monkeypatch, db_path)
    assert [button.label for button in app.button] == ["Sign in"]  # no upload, undo or save before signing in
    app.text_input[0].input("ayu")
    app.text_input[1].input("wrong")
    app.button[0].click().run()
    assert "Wrong user name or password." in [error.value for error in app.error]
    app.text_input[0].input("ayu")
    app.text_input[1].input("rahasia")
    app.button[0].click().run()
    assert "Sign out (ayu)" in [button.label for button in app.button]
    labels = [field.label for field in app.text_input]
    assert labels == ["Source", "Note (internal)", "Owner agency"]  # the KPI value and the SPBE assessment forms
    # the upload says its limits before a file is chosen, and a KPI value is dated by the app's clock, not the
    # machine's (the suite runs on 2026-11-28)
    assert "Limits per file: 512 MB and 10,000,000 data rows." in [caption.value for caption in app.caption]
    period_end = next(field for field in app.date_input if field.label == "Period end")
    assert period_end.value == FIXTURE_TODAY


def test_editing_is_off_without_secrets(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, "app_pages/data.py", "en")
    assert any("Editing is off" in info.value for info in app.info)


def test_no_editing_in_public_mode(monkeypatch, sample_db):
    from streamlit.testing.v1 import AppTest
    from support import ROOT

    monkeypatch.setenv("SMARTISLAND_DB", str(sample_db))
    monkeypatch.setenv("SMARTISLAND_MODE", "public")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    # the only fields are those of a citizen's report on a figure (the public page); nothing to sign in or edit
    assert [field for field in [*app.text_input, *app.text_area] if not field.form_id.startswith("citizen_report_")] == []
    assert not [button for button in app.button if "Sign" in button.label]
