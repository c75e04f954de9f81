"""Issue 13 as the Governor's office and the team read the KPIs: honest statuses (achieved late, worsening, a
regression below zero, the distance in the KPI's own unit), the kind of every target, one meaning per label, the
overview as a one-screen brief, and a tracker export a spreadsheet opens in the reader's language."""
from __future__ import annotations

import io
import json
from datetime import date

import pandas as pd
import pytest
from support.apptest import run_page

from smartisland.i18n import t
from smartisland.kpis import sections
from smartisland.kpis.assessment import KpiDefinition, assess
from smartisland.kpis.tracker import tracker_export
from smartisland.publishing.safe_csv import spreadsheet_csv_bytes
from smartisland.report_context import ReportContext, using

OVERVIEW = "app_pages/overview.py"
LANGUAGES = ("id", "en")


def series(*points):
    return pd.DataFrame({"period_end": [day for day, _ in points], "value": [value for _, value in points]})


# ---------------------------------------------------------------- statuses (pure)

POINTS = KpiDefinition("points", "higher", 311.0, date(2018, 12, 31), 1825.0, date(2019, 12, 31), "monthly")


@pytest.mark.calendar
def test_met_after_the_deadline_is_achieved_late_and_by_it_achieved():
    late = assess(POINTS, series((date(2019, 12, 31), 1700.0), (date(2022, 12, 31), 1834.0)), date(2023, 1, 31))
    on_time = assess(POINTS, series((date(2019, 11, 30), 1830.0), (date(2022, 12, 31), 1834.0)), date(2023, 1, 31))
    assert (late.status, late.achieved_on) == ("achieved_late", date(2022, 12, 31))
    assert (on_time.status, on_time.achieved_on) == ("achieved", date(2019, 11, 30))


@pytest.mark.calendar
def test_a_network_shrinking_for_a_year_is_worsening_even_above_its_target():
    months = pd.date_range("2025-11-30", periods=12, freq="ME").date
    shrinking = series(*[(day, 2299.0 - 6 * number) for number, day in enumerate(months)])  # -66 in 11 months
    result = assess(POINTS, shrinking, date(2026, 11, 28))
    assert result.status == "worsening"
    assert result.recent_change == pytest.approx(-66.0, abs=0.5) and result.recent_start == months[0]
    # a wobble smaller than 2% of the baseline-to-target distance (30 points) is no trend to report
    wobbling = series(*[(day, 2299.0 - 2 * number) for number, day in enumerate(months)])
    assert assess(POINTS, wobbling, date(2026, 11, 28)).status == "achieved_late"


@pytest.mark.calendar
def test_progress_stays_negative_when_the_value_moved_back_from_the_baseline():
    uptime = KpiDefinition("uptime", "higher", 98.2, date(2023, 1, 31), 99.0, date(2026, 12, 31), "monthly")
    result = assess(uptime, series((date(2026, 10, 31), 93.4)), date(2026, 11, 28))
    assert result.progress_share == pytest.approx(-6.0)


def test_the_distance_is_said_in_the_kpis_unit_and_plain_words():
    row = {"status": "off_track", "unit": "percent", "shortfall": 5.562, "planned_value": 98.97,
           "latest_value": 93.403, "target_value": 99.0}
    with using(ReportContext(language="en")):
        assert sections.behind_text(row) == \
            "5.6 percentage points behind the planned path (should be 99.0% by now, is 93.4%)"
    with using(ReportContext(language="id")):
        assert sections.behind_text(row) == \
            "5,6 poin persen tertinggal dari jalur rencana (seharusnya 99,0%, kini 93,4%)"
    worsening = {"status": "worsening", "unit": "count", "target_value": 1825.0, "recent_change": -67.0,
                 "recent_start": date(2025, 11, 30)}
    with using(ReportContext(language="en")):
        assert sections.behind_text(worsening) == "moving away from the 1,825 target: −67 since Nov 2025 (trend)"


# ---------------------------------------------------------------- the overview in both languages


def _texts(app) -> list[str]:
    """The page's Markdown blocks, after the frame's data badge (the top bar every page shares)."""
    return [block.value for block in app.markdown if not block.value.startswith(":orange-badge[:material/science:")]


VERDICT = {"id": "#### Dari 13 janji: 1 tercapai terlambat, 3 sesuai jalur, 1 memburuk, 6 tertinggal, 2 lewat tenggat.",
           "en": "#### Of 13 promises: 1 achieved late, 3 on track, 1 worsening, 6 off track, 2 overdue."}
APART = {"id": ["Dengan target resmi (2): 1 tercapai terlambat, 1 memburuk.",
                "Diukur terhadap target ilustratif yang ditetapkan tim, bukan target resmi (11): 3 sesuai jalur, "
                "6 tertinggal, 2 lewat tenggat; tertinggal di sini berarti tertinggal dari angka tim, bukan dari janji."],
         "en": ["With an official target (2): 1 achieved late, 1 worsening.",
                "Measured against illustrative targets the team set, not official ones (11): 3 on track, 6 off track, "
                "2 overdue; behind here means behind the team's figure, not behind a promise."]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_overview_opens_with_the_verdict_then_what_is_late_then_the_tiles(monkeypatch, sample_db, language):
    app = run_page(monkeypatch, sample_db, OVERVIEW, language)
    texts = _texts(app)
    start = texts.index(VERDICT[language])
    # after the one-line intro only (the frame's data badge is not counted)
    with using(ReportContext(language=language)):
        assert texts[start - 1] == t("overview.intro") and start == 1
    assert texts[start + 1:start + 3] == APART[language]
    late_title = "Yang terlambat atau memburuk" if language == "id" else "What is late or worsening"
    assert [header.value for header in app.subheader][:2] == [
        late_title, "Janji utama" if language == "id" else "Key promises"]
    assert len(app.metric) == 8


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_is_late_says_where_how_far_deadline_target_kind_and_owner(monkeypatch, sample_db, language):
    app = run_page(monkeypatch, sample_db, OVERVIEW, language)
    official, illustrative = (block for block in _texts(app) if block.startswith("- "))
    wifi = official.splitlines()[0]
    if language == "id":
        assert wifi.startswith("- :yellow-badge[↘ Memburuk] :blue-badge[§ target resmi] **Titik Wi\\-Fi publik "
                               "terpasang**")
        assert "Des 2019" in wifi and "Diskominfos Bali" in wifi
        signal = next(line for line in illustrative.splitlines() if "sinyal 4G baik" in line)
        # an illustrative target: grey, never red, and said
        assert signal.startswith("- :gray-badge[✖ Lewat tenggat] :gray-badge[≈ target ilustratif]")
        takeup = next(line for line in illustrative.splitlines() if "Pemanfaatan layanan daring" in line)
        assert "terjauh: Gianyar (49,1%), Jembrana (49,3%)" in takeup
    else:
        assert wifi.startswith("- :yellow-badge[↘ Worsening] :blue-badge[§ official target] **Public Wi\\-Fi points "
                               "installed**")
        assert "moving away from the 1,825 target: −67 since Nov 2025 (trend)" in wifi
        signal = next(line for line in illustrative.splitlines() if "good 4G signal" in line)
        assert signal.startswith("- :gray-badge[✖ Overdue] :gray-badge[≈ illustrative target]")
        assert "10.5 percentage points still to go to the 100.0% target, past its deadline" in signal
    assert len(official.splitlines()) == 1 and len(illustrative.splitlines()) == 8


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_tile_shows_its_status_with_its_target_kind(monkeypatch, sample_db, language):
    app = run_page(monkeypatch, sample_db, OVERVIEW, language)
    official = "§ target resmi" if language == "id" else "§ official target"
    illustrative = "≈ target ilustratif" if language == "id" else "≈ illustrative target"
    # the tiles' badges (not the frame's data badge), then the trajectory's
    badges = [text for text in _texts(app) if text.startswith(":") and "-badge[" in text
              and (official in text or illustrative in text)][:8]
    assert sum(official in text for text in badges) == 2 and sum(illustrative in text for text in badges) == 6
    late_word = "☑ Tercapai terlambat" if language == "id" else "☑ Achieved late"
    assert any(late_word in text for text in badges)  # blank spots: zero came 13 months after the deadline


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_regency_comparison_draws_the_target_and_colours_bars_by_status(monkeypatch, sample_db, language):
    app = run_page(monkeypatch, sample_db, OVERVIEW, language, query={"regional": "digital_takeup"})
    figure = json.loads(app.get("plotly_chart")[-1].proto.spec)
    bar = figure["data"][0]
    assert [shape["x0"] for shape in figure["layout"]["shapes"]] == [90.0]  # the target, 90%
    assert set(bar["marker"]["color"]) == {"#8C9A99"}  # all behind an illustrative target: neutral grey
    assert all(text.startswith("▼ ") for text in bar["text"])  # the status's symbol, never colour alone
    table = app.dataframe[-1].value
    assert set(table.iloc[:, 2]) == {"▼ Tertinggal" if language == "id" else "▼ Off track"}


# ---------------------------------------------------------------- one definition per label


@pytest.mark.parametrize("language", LANGUAGES)
def test_good_4g_and_installed_points_are_one_number_on_the_overview_and_connectivity(monkeypatch, sample_db,
                                                                                        language):
    overview = run_page(monkeypatch, sample_db, OVERVIEW, language)
    connectivity = run_page(monkeypatch, sample_db, "app_pages/connectivity.py", language)
    tiles = {metric.label.replace("\\", ""): metric.value for metric in overview.metric}  # labels are escaped
    metrics = {metric.label: metric.value for metric in connectivity.metric}
    if language == "id":
        assert tiles["Desa/kelurahan dengan sinyal 4G baik"] == metrics["Desa dengan 4G baik"] == "89,5%"
        assert tiles["Titik Wi-Fi publik terpasang"] == metrics["Titik Wi-Fi terpasang"] == "2.232"
        captions = " ".join(caption.value for caption in connectivity.caption)
        assert "survei terakhir dari sumber mana pun: 93,6%" in captions
        assert "Berfungsi: 2.120 (terpasang dikurangi yang mati)" in captions
    else:
        assert tiles["Villages with good 4G signal"] == metrics["Villages with good 4G"] == "89.5%"
        assert tiles["Public Wi-Fi points installed"] == metrics["Wi-Fi points installed"] == "2,232"


def test_the_catalogue_credits_a_target_only_for_what_its_source_promised():
    catalogue = pd.read_csv("provinces/51/reference/kpis.csv").set_index("kpi_id")
    assert catalogue.loc["villages_good_4g", "target_kind"] == "illustrative"  # the article promised coverage
    assert catalogue.loc["blank_spot_villages", "target_kind"] == "official"  # ... which this KPI measures
    assert sorted(catalogue.index[catalogue["target_kind"] == "official"]) == ["blank_spot_villages",
                                                                              "wifi_points_active"]
    illustrative = catalogue[catalogue["target_kind"] == "illustrative"]
    assert illustrative["target_source"].str.contains("ilustratif").all()


# ---------------------------------------------------------------- the tracker export


@pytest.fixture
def exported_card():
    return pd.DataFrame([{
        "kpi_id": "wifi_uptime", "name_id": "Waktu aktif Wi-Fi publik", "name_en": "Public Wi-Fi uptime",
        "area": "connectivity", "unit": "percent", "status": "off_track", "target_kind": "illustrative",
        "latest_value": 93.40344262295082, "latest_date": date(2026, 10, 31), "previous_value": 94.0912,
        "change": -0.687757, "planned_value": 98.96756, "baseline_value": 98.2, "baseline_date": date(2023, 1, 31),
        "target_value": 99.0, "target_date": date(2026, 12, 31), "target_source": "ilustratif, ditetapkan oleh tim",
        "forecast_date": None, "forecast_kind": "not_at_this_pace", "is_stale": False, "update_frequency": "monthly",
        "owner_agency": "Diskominfos Bali", "is_public": False}])


def test_the_tracker_export_opens_in_an_indonesian_spreadsheet(exported_card):
    with using(ReportContext(language="id")):
        text = spreadsheet_csv_bytes(tracker_export(exported_card)).decode("utf-8-sig")
    header, row = pd.read_csv(io.StringIO(text), sep=";", dtype=str, keep_default_na=False).columns, None
    frame = pd.read_csv(io.StringIO(text), sep=";", dtype=str, keep_default_na=False)
    row = frame.iloc[0].to_dict()
    assert list(header[:6]) == ["id_iku", "IKU", "Bidang", "Satuan", "Status", "Jenis target"]
    assert (row["IKU"], row["Status"], row["Bidang"], row["Prakiraan"]) == (
        "Waktu aktif Wi-Fi publik", "Tertinggal", "Konektivitas", "tidak dengan laju ini")
    assert (row["Nilai terakhir"], row["Perubahan"], row["Target"], row["Tenggat target"]) == (
        "93,4", "-0,7", "99", "2026-12-31")
    assert row["Publik"] == "tidak" and "off_track" not in text


def test_the_tracker_export_opens_in_an_english_spreadsheet(exported_card):
    with using(ReportContext(language="en")):
        text = spreadsheet_csv_bytes(tracker_export(exported_card)).decode("utf-8-sig")
    row = pd.read_csv(io.StringIO(text), sep=",", dtype=str, keep_default_na=False).iloc[0].to_dict()
    assert (row["KPI"], row["Status"], row["Target kind"]) == (
        "Public Wi-Fi uptime", "Off track", "illustrative target (team), not an official one")
    assert (row["Latest value"], row["Change"], row["Planned value"]) == ("93.4", "-0.7", "99")
