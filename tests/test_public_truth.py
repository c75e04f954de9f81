"""One public truth (issue 21): the public summary, table and detail say what the overview says, from the one
scorecard, with the kind of target beside every status; achieved late is not achieved; worsening above the target
is not late; no forecast date in the past; on track at 0% says why; "last updated" is the data's period and the
day it was loaded; a table's provenance agrees with its rows; the SPBE self-check is internal."""
from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd
import pytest
from support import FIXTURE_TODAY
from support.apptest import run_page, visible_texts

from smartisland.db import execute_query
from smartisland.i18n import t
from smartisland.kpis import sections
from smartisland.kpis.display import forecast_sentence, forecast_short, public_status, status_note, status_phrase
from smartisland.kpis.scorecard import build_scorecard
from smartisland.publishing.open_data import build_open_data, datasets_table, last_update_text
from smartisland.publishing.transparency import (
    dataset_view,
    last_updated_line,
    promise_cards,
    promise_detail,
    promises_table,
    public_promises,
    summary_sentence,
)
from smartisland.report_context import ReportContext, using


@pytest.fixture(scope="module")
def card(sample_db) -> pd.DataFrame:
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        def run(name, **params):
            return execute_query(connection, name, **params)

        scorecard, _ = build_scorecard(run("kpi_definitions"), run, FIXTURE_TODAY)
    return scorecard


@pytest.fixture(scope="module")
def promises(card) -> pd.DataFrame:
    return public_promises(card)


@pytest.fixture(scope="module")
def open_data(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        return build_open_data(connection)


def _row(promises, kpi_id):
    return promises.set_index("kpi_id").loc[kpi_id].to_dict() | {"kpi_id": kpi_id}


def test_the_public_summary_is_the_overviews_verdict_with_the_kinds_of_target_apart(promises):
    """Of the 11 promises, 1 was met late (not "achieved"), 1 is worsening above its target (not "late"), and only
    the official targets' statuses are counted as promises kept or broken."""
    with using(ReportContext(language="id")):
        assert summary_sentence(promises) == " ".join(sections.verdict(promises)) == (
            "Dari 11 janji: 1 tercapai terlambat, 2 sesuai jalur, 1 memburuk, 5 tertinggal, 2 lewat tenggat. "
            "Dengan target resmi (2): 1 tercapai terlambat, 1 memburuk. "
            "Diukur terhadap target ilustratif yang ditetapkan tim, bukan target resmi (9): 2 sesuai jalur, "
            "5 tertinggal, 2 lewat tenggat; tertinggal di sini berarti tertinggal dari angka tim, bukan dari janji.")
    with using(ReportContext(language="en")):
        assert "Of 11 promises: 1 achieved late, 2 on track, 1 worsening" in summary_sentence(promises)


def test_every_public_status_has_its_kind_of_target_beside_it(promises):
    with using(ReportContext(language="en")):
        statuses = dict(zip(promises["kpi_id"], promises_table(promises)["Status"]))
    assert statuses["blank_spot_villages"] == "☑ Achieved late · § official target"
    assert statuses["wifi_points_active"] == "↘ Worsening (target still met) · § official target"
    assert statuses["villages_good_4g"] == "✖ Overdue · ≈ illustrative target"
    assert statuses["imdi"] == "▲ On track (baseline only) · ≈ illustrative target"
    assert all(status.endswith(("§ official target", "≈ illustrative target")) for status in statuses.values())
    # the phone's stacked cards hold the same words, every column of the table
    with using(ReportContext(language="en")):
        cards = promise_cards(promises)
    assert len(cards) == 11
    assert cards[0] == ("**Blank\\-spot villages**  \n☑ Achieved late · § official target  \n"
                        "By when: December 2022 · Progress: 100% · Latest value: 0 · Target: 0 · Area: Connectivity")


def test_worsening_above_the_target_says_the_target_is_still_met_not_late():
    row = {"status": "worsening", "direction": "higher", "latest_value": 2232.0, "target_value": 1825.0,
           "unit": "count", "target_kind": "official", "latest_date": date(2026, 10, 31),
           "baseline_date": date(2018, 12, 31), "update_frequency": "monthly"}
    with using(ReportContext(language="id")):
        assert status_phrase(row) == "↘ Memburuk (target masih terpenuhi)"
    with using(ReportContext(language="en")):
        assert status_note(row) == ("The target is still met (2,232 against 1,825), but the figure is falling: "
                                          "worsening, not late.")
    # below the target, worsening is just worsening: it says nothing it cannot show
    below = row | {"latest_value": 1500.0}
    with using(ReportContext(language="en")):
        assert (status_phrase(below), status_note(below)) == ("↘ Worsening", None)
    # lower is better: at or under the target is met
    lower = row | {"direction": "lower", "latest_value": 3.0, "target_value": 5.0}
    with using(ReportContext(language="en")):
        assert status_phrase(lower) == "↘ Worsening (target still met)"


def test_on_track_with_only_the_baseline_says_why():
    row = {"status": "on_track", "direction": "higher", "latest_value": 49.05, "target_value": 55.0,
           "unit": "index", "target_kind": "illustrative", "latest_date": date(2024, 12, 31),
           "baseline_date": date(2024, 12, 31), "update_frequency": "yearly"}
    with using(ReportContext(language="id")):
        assert status_phrase(row) == "▲ Sesuai jalur (baru garis dasar)"
    with using(ReportContext(language="en")):
        assert status_note(row) == ("On track because only the baseline figure exists (2024): no later figure yet "
                                          "to measure progress by (0%).")
    later = row | {"latest_date": date(2025, 12, 31)}
    with using(ReportContext(language="en")):
        assert (status_phrase(later), status_note(later)) == ("▲ On track", None)
    with using(ReportContext(language="en")):
        assert public_status(row) == "▲ On track (baseline only) · ≈ illustrative target"


def test_no_forecast_date_in_the_past(promises):
    """The SPBE index's trend met its target in August 2024 on paper, with no figure since: no date is forecast,
    the words say it is not shown to be on a path to its target."""
    spbe = _row(promises, "spbe_province_index")
    assert (spbe["forecast_kind"], spbe["forecast_date"]) == ("awaiting_data", date(2024, 8, 30))
    for language in ("id", "en"):
        with using(ReportContext(language=language)):
            sentence = forecast_sentence(spbe["forecast_kind"], spbe["forecast_date"])
        with using(ReportContext(language=language)):
            short = forecast_short(spbe["forecast_kind"], spbe["forecast_date"])
        assert "2024" not in sentence + short and "Agu" not in sentence + short and "Aug" not in sentence + short
    with using(ReportContext(language="en")):
        assert forecast_sentence("awaiting_data", date(2024, 8, 30)) == (
            "Not shown to be on a path to its target: the old trend points to a date already past, and no newer "
            "figure shows the target met")
    with using(ReportContext(language="id")):
        assert forecast_short("awaiting_data", date(2024, 8, 30)) == "tak terbukti di jalur; perlu data baru"
    # every dated forecast on the public page lies ahead
    dated = promises[promises["forecast_kind"].isin(["on_time", "late"])]
    assert len(dated) == 4 and (pd.to_datetime(dated["forecast_date"]) >= pd.Timestamp(FIXTURE_TODAY)).all()


def test_the_detail_overview_and_tracker_say_the_same(card, promises):
    wifi, imdi = _row(promises, "wifi_points_active"), _row(promises, "imdi")
    with using(ReportContext(language="en")):
        assert promise_detail(wifi).status_line == sections.status_line(wifi) == (
            ":yellow-badge[↘ Worsening] :blue-badge[§ official target] Target already met  \n"
            "The target is still met (2,232 against 1,825), but the figure is falling: worsening, not late.")
    with using(ReportContext(language="id")):
        assert promise_detail(imdi).status_line.endswith(
            "Sesuai jalur karena baru ada angka garis dasar (2024): belum ada angka sesudahnya untuk menilai kemajuan (0%).")
    with using(ReportContext(language="en")):
        tracker = sections.tracker_table(card).set_index(card["kpi_id"])
    assert tracker.loc["wifi_points_active", "Status"] == "↘ Worsening (target still met)"
    assert tracker.loc["spbe_province_index", "Forecast"] == "no path shown; needs new data"
    with using(ReportContext(language="en")):
        assert sections.kpi_detail(wifi).status_line.endswith("worsening, not late.")


def test_last_updated_is_the_datas_period_and_the_day_it_was_loaded():
    with using(ReportContext(language="id")):
        assert last_updated_line(date(2026, 10, 31), datetime(2026, 12, 7, 4, 44)) == (
            "Pembaruan terakhir: data s.d. Oktober 2026 · dimuat 7 Desember 2026")
    with using(ReportContext(language="en")):
        assert last_update_text(2024, pd.Timestamp("2026-12-07 04:44")) == "data through 2024 · loaded 7 December 2026"
    with using(ReportContext(language="en")):
        assert last_update_text(None, None) == "no data"


def test_the_transparency_page_says_when_its_data_was_last_updated(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, "app_pages/transparency.py", "en", "public")
    line = next(caption.value for caption in app.caption if caption.value.startswith("Assessed as of"))
    assert line.startswith("Assessed as of 28 November 2026 · Last updated: data through October 2026 · loaded ")
    # the promise's own source line: the period its figure stands for and the day its data was loaded
    assert any(caption.value.startswith("Source: computed from the data (Mobile signal surveys) · Last update: 2025 · "
                                        "loaded ") for caption in app.caption)
    table = next(frame.value for frame in app.dataframe if "Last update" in frame.value.columns).set_index("Dataset")
    assert table.loc["Monthly Wi-Fi use", "Last update"].startswith("data through October 2026 · loaded ")


def test_a_tables_provenance_agrees_with_its_rows(open_data):
    """The published SPBE indices were loaded from the sample folder, yet every row is published: the table says
    what its rows say, never "sample" beside "published 14"."""
    for language, published, sample in (("id", "terbit 14", "sampel"), ("en", "published 14", "sample")):
        with using(ReportContext(language=language)):
            table = datasets_table(open_data)
        with using(ReportContext(language=language)):
            row = table[table.iloc[:, 0] == t("dataset.spbe_published")].iloc[0]
        assert published in row.to_list() and not any(sample in str(cell) for cell in row.to_list())
        with using(ReportContext(language=language)):
            rows_line = dataset_view(open_data, "spbe_published").rows_line
        assert published in rows_line and sample not in rows_line
        with using(ReportContext(language=language)):
            assert t("open_data.column_origin") not in table.columns
    with using(ReportContext(language="en")):
        kpis = datasets_table(open_data).set_index("Dataset").loc["KPI definitions", "Provenance (rows)"]
    assert kpis == "published 2 · sample (invented) 9"


@pytest.mark.parametrize(("mode", "shown"), [("public", False), ("internal", True)])
def test_the_spbe_self_check_is_internal_only(monkeypatch, sample_db, mode, shown):
    app = run_page(monkeypatch, sample_db, "app_pages/spbe.py", "en", mode)
    headers = [header.value for header in app.header]
    assert ("Computed against published" in headers) is shown
    assert any("computed" in text.lower() and "published" in text.lower() for text in visible_texts(app)) is shown
