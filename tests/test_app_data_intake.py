"""The Data page's intake for signed-in editors, run by AppTest: a file whose headers do not match gets its
proposed mapping to confirm, a name that does not resolve gets its candidates to pick, and the SPBE form's 47
levels reproduce the published index, in both languages."""
import re
import shutil

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from support import ROOT
from support.apptest import raw_keys_shown
from support.intake_rows import HEADERS, ROWS

from smartisland import db
from smartisland.editing.auth import hash_password
from smartisland.editing.uploads import load_uploaded
from smartisland.intake.loading import MAPPINGS_ENVIRONMENT
from smartisland.intake.mapping import load_profile
from smartisland.intake.region_names import RegionAliases
from smartisland.text import markdown_text
from smartisland.ui.intake import PENDING


@pytest.fixture(autouse=True)
def let_go_of_warehouses():
    """The app's cached readers of a warehouse these tests loaded into (and so replaced) are closed after each."""
    yield
    db.close_all()


@pytest.fixture
def warehouse(tmp_path, sample_db, monkeypatch):
    """A copy of the sample warehouse (with published SPBE indices), profiles and aliases kept in tmp_path."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_db, path)
    monkeypatch.setenv(MAPPINGS_ENVIRONMENT, str(tmp_path / "mappings"))
    return path


@pytest.fixture
def empty_warehouse(tmp_path, reference_only_db, monkeypatch):
    """A copy of a warehouse without facts: a Wi-Fi list replaces no points that usage rows point at."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(reference_only_db, path)
    monkeypatch.setenv(MAPPINGS_ENVIRONMENT, str(tmp_path / "mappings"))
    return path


def signed_in(monkeypatch, db_path, language, session=None):
    monkeypatch.setenv("SMARTISLAND_DB", str(db_path))
    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    app.secrets["editors"] = {"ayu": hash_password("rahasia")}
    app.query_params["lang"] = language
    app.session_state["editor"] = "ayu"
    for name, value in (session or {}).items():
        app.session_state[name] = value
    app.run()
    app.switch_page("app_pages/data.py")
    app.run()
    assert not app.exception, [item.value for item in app.exception]
    return app


def pending_upload(db_path, rows, mapping=None):
    """What the upload form keeps after an editor uploaded `rows` as wifi.csv (the upload widget itself cannot be
    driven by AppTest; the browser test drives it)."""
    content = pd.DataFrame(rows, columns=HEADERS).to_csv(index=False).encode("utf-8")
    files = [("wifi.csv", content)]
    return {"dataset": "wifi_points", "mapping": mapping, "files": files,
            "result": load_uploaded("wifi_points", files, db_path, "ayu", mapping=mapping)}


def stored(db_path, point_ids):
    with duckdb.connect(str(db_path), read_only=True) as connection:
        return connection.execute("select point_id, village_code from wifi_points where point_id in "
                                  "(select unnest($ids)) order by point_id", {"ids": point_ids}).fetchall()


@pytest.mark.parametrize("language, save, loaded", [
    ("en", "Save the mapping and load", "6 rows loaded"), ("id", "Simpan pemetaan dan muat", "6 baris dimuat")])
def test_a_proposed_mapping_is_confirmed_saved_and_loaded(monkeypatch, empty_warehouse, tmp_path, language, save,
                                                          loaded):
    warehouse = empty_warehouse
    app = signed_in(monkeypatch, warehouse, language, {PENDING: pending_upload(warehouse, ROWS)})
    assert [app.selectbox(key=f"intake_mapping_{position}").value for position in range(len(HEADERS))] == [
        "", "point_id", "site_name", "category", "district_name", "village_name", "lat", "lon", "bandwidth_mbps",
        "installed_on", "status"]
    funding = next(box for box in app.selectbox if "funding_source" in box.label)
    funding.set_value("province")
    profile_name = next(field for field in app.text_input if field.value == "wifi_points_wifi")
    profile_name.input("diskominfo")
    next(button for button in app.button if button.label == save).click().run()
    assert not app.exception
    assert any(loaded in success.value for success in app.success), [item.value for item in app.error]
    assert stored(warehouse, ["dw-1", "bh-1", "pos-1"]) == [
        ("bh-1", "51.04.07.2005"), ("dw-1", "51.01.05.1005"), ("pos-1", "51.03.02.2002")]
    profile = load_profile("diskominfo", tmp_path / "mappings")
    assert (profile.dataset, profile.columns["No"], profile.columns["Desa"], profile.fixed) == (
        "wifi_points", None, "village_name", {"funding_source": "province"})
    assert raw_keys_shown(app) == []


@pytest.mark.parametrize("language, remember", [
    ("en", "Remember the choices and load"), ("id", "Ingat pilihan dan muat")])
def test_an_unresolved_name_is_picked_from_its_candidates_and_remembered(monkeypatch, empty_warehouse, tmp_path,
                                                                         language, remember):
    warehouse = empty_warehouse
    from smartisland.intake.mapping import propose_mapping, save_profile

    save_profile(propose_mapping(HEADERS, "wifi_points").as_profile("diskominfo", {"funding_source": "province"}),
                 tmp_path / "mappings")
    rows = [ROWS[0], [*ROWS[4][:4], "", *ROWS[4][5:]]]
    app = signed_in(monkeypatch, warehouse, language, {PENDING: pending_upload(warehouse, rows, "diskominfo")})
    picker = app.selectbox(key="intake_region_0")
    shown_file = markdown_text("wifi.csv")  # file names and written names are shown escaped
    assert picker.label == (f"{shown_file}, row 3: Buahan" if language == "en" else f"{shown_file}, baris 3: Buahan")
    assert picker.options == ["51.02.05.2011 Buahan (Tabanan, Kabupaten Tabanan)",
                              "51.04.07.2005 Buahan (Payangan, Kabupaten Gianyar)",
                              "51.06.04.2019 Buahan (Kintamani, Kabupaten Bangli)"]
    picker.set_value("51.04.07.2005")
    next(button for button in app.button if button.label == remember).click().run()
    assert not app.exception
    assert app.success, [item.value for item in app.error]
    assert stored(warehouse, ["dw-1", "bh-1"]) == [("bh-1", "51.04.07.2005"), ("dw-1", "51.01.05.1005")]
    aliases = RegionAliases.load(tmp_path / "mappings" / "region_aliases.json")
    assert aliases.lookup("Buahan", "", "") == "51.04.07.2005"


def sample_levels(entity_code, year):
    levels = pd.read_csv(ROOT / "provinces" / "51" / "sample" / "spbe_assessments.csv", dtype={"entity_code": str})
    rows = levels[(levels["entity_code"] == entity_code) & (levels["year"] == year)]
    return dict(zip(rows["indicator_no"], rows["level"]))


@pytest.mark.parametrize("language, shown, band", [("en", "3.77", "Very good"), ("id", "3,77", "Sangat Baik")])
def test_the_47_levels_entered_in_the_form_reproduce_the_published_index(monkeypatch, warehouse, language, shown,
                                                                         band):
    app = signed_in(monkeypatch, warehouse, language)
    app.selectbox(key="spbe_government").set_value("51.02")
    app.selectbox(key="spbe_year").set_value(2023)
    app.run()
    metrics = {metric.label: metric.value for metric in app.metric}
    index_label, published_label = ("SPBE index (computed)", "Published index") if language == "en" else (
        "Indeks SPBE (dihitung)", "Indeks yang dipublikasikan")
    assert metrics[index_label] == "-" and metrics[published_label] == shown
    levels = sample_levels("51.02", 2023)
    assert len(levels) == 47
    for number, level in levels.items():
        app.number_input(key=f"spbe_level_{number}").set_value(int(level))
    app.run()
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics[index_label] == shown
    assert list(metrics.values())[0] == "47 / 47"
    assert any(band in markdown.value for markdown in app.markdown)
    assert raw_keys_shown(app) == []


def test_saving_the_form_goes_through_the_loader_and_the_load_log(monkeypatch, warehouse):
    app = signed_in(monkeypatch, warehouse, "en")
    app.selectbox(key="spbe_government").set_value("51.02")
    app.selectbox(key="spbe_year").set_value(2024)
    for number, level in sample_levels("51.02", 2023).items():
        app.number_input(key=f"spbe_level_{number}").set_value(int(level))
    app.run()
    app.button(key="spbe_save").click().run()
    # the owner agency is required, in every row
    assert [error.value for error in app.error] == ["Nothing was loaded; problems found: 47. The warehouse is unchanged."]
    app.text_input(key="spbe_owner").input("Diskominfo Tabanan")
    app.button(key="spbe_save").click().run()
    assert [success.value for success in app.success] == [
        "SPBE indicator assessments: 47 rows loaded from " + markdown_text("spbe_assessments-51.02-2024.csv")]
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        assert connection.execute("select count(*), min(owner_agency), sum(level) from spbe_assessments "
                                  "where year = 2024 and entity_code = '51.02'").fetchone() == (
            47, "Diskominfo Tabanan", sum(sample_levels("51.02", 2023).values()))
        assert connection.execute("select file_name, rows, loaded_by from load_log where action = 'load'"
                                  ).fetchall() == [("spbe_assessments-51.02-2024.csv", 47, "ayu")]


@pytest.fixture(scope="module")
def editors_app_url(reference_only_db, tmp_path_factory):
    """The app signed-in editors use: a warehouse without facts but with the published SPBE indices, an editor
    `ayu` in a secrets file outside the project, and profiles and aliases kept in a temporary folder."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    from support.browser import free_port as _free_port

    from smartisland.load import load_files

    folder = tmp_path_factory.mktemp("editors_app")
    warehouse = folder / "warehouse.duckdb"
    shutil.copy(reference_only_db, warehouse)
    assert load_files("spbe_published", [ROOT / "provinces" / "51" / "sample" / "spbe_published.csv"], warehouse).ok
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(f'[editors]\nayu = "{hash_password("rahasia")}"\n', encoding="utf-8")
    port = _free_port()
    environment = {**os.environ, "SMARTISLAND_DB": str(warehouse), "SMARTISLAND_MODE": "internal",
                   MAPPINGS_ENVIRONMENT: str(folder / "mappings")}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--secrets.files", str(secrets_file)],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60  # an interval, not a date
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("the Streamlit server did not start: "
                                   + process.stderr.read().decode()[-2000:]) from None
            time.sleep(0.3)
    yield url, folder, warehouse
    process.terminate()
    process.wait(timeout=60)  # a busy machine may take a while to stop it


def wait_for_script(page):
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60000)


def sign_in(browser, url):
    from support.browser import open_page

    page = open_page(browser, f"{url}/data?lang=en", own_tab=True)  # it signs in: a tab of its own
    page.get_by_label("User name").fill("ayu")
    page.get_by_label("Password", exact=True).fill("rahasia")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out (ayu)").wait_for(timeout=60000)
    wait_for_script(page)
    return page


def choose(page, label, option):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    widget = page.locator('[data-testid="stSelectbox"]').filter(
        has=page.locator("label", has_text=re.compile(f"^{re.escape(label)}$")))
    box = widget.locator("input")
    # Up to three tries: on a busy machine the filtered list can be drawn again (and its options replaced) while the
    # click waits for one, and the try ends unchosen; a fresh opening of the list then chooses it.
    for attempt in range(3):
        box.click()
        box.fill(option)  # typing filters the list, whose options below the fold are not drawn
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=15000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            box.press("Escape")
            wait_for_script(page)
    wait_for_script(page)


@pytest.mark.browser
def test_an_editor_uploads_a_file_confirms_its_mapping_and_enters_an_spbe_assessment(browser, editors_app_url, tmp_path):
    from support.browser import page_exceptions

    url, folder, warehouse = editors_app_url
    page = sign_in(browser, url)
    wifi = tmp_path / "wifi diskominfo.csv"
    pd.DataFrame(ROWS, columns=HEADERS).to_csv(wifi, index=False)
    choose(page, "Dataset", "Public Wi-Fi points")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(wifi))
    page.get_by_role("button", name="Check and load").click()
    page.get_by_text("do not match the contract").wait_for(timeout=60000)
    wait_for_script(page)
    assert page_exceptions(page) == []
    choose(page, "Value for every row of the required column funding_source (the file does not have it)", "province")
    page.get_by_label("Profile name", exact=True).fill("diskominfo")
    page.get_by_role("button", name="Save the mapping and load").click()
    page.get_by_text("Public Wi-Fi points: 6 rows loaded").wait_for(timeout=60000)
    assert page.get_by_text("rows without a region, placed in their village by their coordinates: 7").count() == 1
    assert load_profile("diskominfo", folder / "mappings").fixed == {"funding_source": "province"}
    assert stored(warehouse, ["bh-1", "pos-1"]) == [("bh-1", "51.04.07.2005"), ("pos-1", "51.03.02.2002")]

    choose(page, "Government", "Kabupaten Tabanan (51.02)")
    choose(page, "Year", "2023")
    for expander in page.locator('[data-testid="stExpander"] summary').all():
        expander.click()
    for number, level in sample_levels("51.02", 2023).items():
        field = page.locator(f".st-key-spbe_level_{number} input")
        field.fill(str(level))
        field.press("Tab")
    wait_for_script(page)
    page.wait_for_timeout(1500)
    metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
    # In English after each fragment rerun too: the fragment sets the session's language itself.
    assert metrics == ["Indicators entered\n\n47 / 47", "SPBE index (computed)\n\n3.77", "Published index\n\n3.77"]
    assert page.get_by_text("Band: Very good").count() == 1
    assert page_exceptions(page) == []
    page.close()
