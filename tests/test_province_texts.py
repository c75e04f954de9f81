"""The texts and figures a province is shown: a second province (NTB, 52) reads no Bali name in either language,
Bali keeps its own wording (provinces/51/texts.toml), and a province with no published Wi-Fi figure gets none."""
import re
import tomllib

import pytest
from support import ROOT

from smartisland.connectivity import logic, tables, wifi_charts
from smartisland.connectivity.sections import headline
from smartisland.i18n import DATA_TEXT_PREFIX, LOCALES_DIR, _flatten, catalog, province_catalog, t
from smartisland.publishing.open_data import package_descriptor, package_name, sources, zip_file_name
from smartisland.report_context import ReportContext, using
from smartisland.text import data_text

BALI_NAMES = re.compile(r"Bali|Denpasar|Diskominfos|51\.")


def _own_texts(code: str) -> dict[str, dict[str, str]]:
    own: dict[str, dict[str, str]] = {}
    with (ROOT / "provinces" / code / "texts.toml").open("rb") as handle:
        _flatten(tomllib.load(handle), "", own, "texts.toml")
    return own


def _shared_texts() -> dict[str, dict[str, str]]:
    shared: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            _flatten(tomllib.load(handle), "", shared, path.name)
    return shared


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_text_of_ntb_names_bali(monkeypatch, language):
    monkeypatch.setenv("SMARTISLAND_PROVINCE", "52")
    named = {key: entry[language] for key, entry in catalog().items()
             if BALI_NAMES.search(entry[language])}
    assert named == {}


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_placeholder_of_a_province_name_is_filled(language):
    for code in ("51", "52"):
        unfilled = {key: entry[language] for key, entry in province_catalog(code).items()
                    if re.search(r"\{(province|province_official|province_code|programme|agency|agency_short|"
                                 r"agency_website|time_zone)\}", entry[language])}
        assert unfilled == {}, code


def test_ntb_texts_name_ntb(monkeypatch):
    monkeypatch.setenv("SMARTISLAND_PROVINCE", "52")
    with using(ReportContext(language="en")):
        assert t("app.title") == "NTB Digital Transformation Dashboard"
    with using(ReportContext(language="id")):
        assert t("connectivity.filter.all_province") == "Seluruh NTB"
    with using(ReportContext(language="en")):
        assert t("problem.bad_code") == "badly formed region code (example: 52.01.01.2001)"
    with using(ReportContext(language="id")):
        assert t("intake.template.type_timestamp") == "waktu YYYY-MM-DD HH:MM:SS, waktu setempat NTB (WITA) tanpa zona"
    with using(ReportContext(language="en")):
        assert "diskominfotik.ntbprov.go.id" in t("transparency.accessibility_contact")


def test_bali_keeps_its_own_wording():
    bali = province_catalog("51")
    assert bali["app.title"] == {"id": "Dasbor Bali Smart Island", "en": "Bali Smart Island Dashboard"}
    assert bali["connectivity.filter.all_province"] == {"id": "Seluruh Bali", "en": "All of Bali"}
    assert "Bali Digital Hub" in bali["services.next.integrate"]["en"]
    assert "balipost.com/?p=72717" in bali["connectivity.wifi.targets_note"]["id"]
    assert "detik.com/bali d-7733638" in bali["connectivity.wifi.funding_note"]["en"]
    ntb = province_catalog("52")
    assert "Bali Digital Hub" not in ntb["services.next.integrate"]["en"]
    assert ntb["connectivity.wifi.funding_note"]["en"] == "Each point's funding end date comes from the loaded point data."


def test_every_key_of_bali_texts_overrides_a_shared_one_but_its_own_data_texts():
    own, shared = _own_texts("51"), _shared_texts()
    assert [key for key in own if key not in shared and not key.startswith(DATA_TEXT_PREFIX)] == []
    assert {key for key in own if key.startswith(DATA_TEXT_PREFIX)} <= set(province_catalog("51"))


def test_bali_data_texts_are_translated_for_bali_only(monkeypatch):
    source = "Bali Post 2019 (balipost.com/?p=72717): target 1.825 titik"
    with using(ReportContext(language="en")):
        assert data_text(source) == "Bali Post 2019 (balipost.com/?p=72717): a target of 1,825 points"
    monkeypatch.setenv("SMARTISLAND_PROVINCE", "52")
    with using(ReportContext(language="en")):
        assert data_text(source) == source


def test_a_province_without_published_wifi_figures_has_no_target_and_no_figures(monkeypatch):
    assert logic.wifi_target().points == 1825 and len(logic.wifi_figures()) == 6
    monkeypatch.setenv("SMARTISLAND_PROVINCE", "52")
    assert logic.wifi_figures() == ()
    assert logic.wifi_target() is None
    with using(ReportContext(language="en")):
        assert tables.published_figures_table() is None
    with using(ReportContext(language="en")):
        assert t("connectivity.wifi.no_target") == (
            "No published Wi-Fi point target for NTB yet: add it to provinces/52/reference/published_figures.csv "
            "(measure wifi_points, is_target true), with its source.")


def test_the_wifi_chart_of_a_province_without_figures_shows_only_the_points_in_service(monkeypatch):
    import pandas as pd

    monthly = pd.DataFrame({"month_end": pd.to_datetime(["2026-09-30", "2026-10-31"]), "points_in_service": [10, 12],
                            "bandwidth_mbps_total": [100.0, 120.0], "bandwidth_mbps_mean": [10.0, 10.0]})
    monkeypatch.setenv("SMARTISLAND_PROVINCE", "52")
    with using(ReportContext(language="en")):
        figure = wifi_charts.points_in_service_figure(monthly)
    assert [trace.name for trace in figure.data] == ["Points in service"]
    assert figure.layout.shapes == ()


@pytest.mark.calendar
def test_the_headline_of_a_province_without_a_target_has_no_share_of_it(fixture_db, monkeypatch):
    from smartisland.db import execute_query, reading

    with reading(fixture_db) as connection:
        def run(name, **params):
            return execute_query(connection, name, **params)

        with_target = headline(ReportContext(run), "51", logic.month_end("2026-10-31"))
        monkeypatch.setattr(logic, "figures_of", lambda measure: ())  # as a province that has published none
        without = headline(ReportContext(run), "51", logic.month_end("2026-10-31"))
    assert with_target.target.points == 1825 and with_target.percent_of_target is not None
    assert (without.target, without.percent_of_target) == (None, None)
    assert without.points_in_service == with_target.points_in_service is not None


def test_open_data_names_the_province_served(monkeypatch):
    assert package_name() == "bali-smart-island-open-data"
    assert any("balipost.com" in source.get("path", "") for source in sources())
    monkeypatch.setenv("SMARTISLAND_PROVINCE", "52")
    assert (package_name(), zip_file_name()) == ("ntb-digital-transformation-open-data",
                                                 "ntb-digital-transformation-open-data.zip")
    package = package_descriptor([], {})
    assert [source["title"][:12] for source in package["sources"]] == [
        "Kepmendagri ", "Dukcapil 202", "KepMenPANRB ", "IMDI 2024: I"]
    assert package["contributors"] == [{"title": "Provinsi Nusa Tenggara Barat", "role": "publisher",
                                        "organization": "Dinas Komunikasi, Informatika dan Statistik Provinsi "
                                                        "Nusa Tenggara Barat"}]
    assert package["keywords"][:2] == ["NTB", "Transformasi Digital NTB"]
    assert not BALI_NAMES.search(json_text(package))


def json_text(value) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
