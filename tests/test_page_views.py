"""The domain calls the pages lay out: KPI views, the status vocabulary, public_kpis, the SPBE views, dataset
status and the promise detail; and the trajectory drawing the scorecard's own forecast."""
from datetime import date

import duckdb
import pandas as pd
import pytest

from smartisland.config import province_code
from smartisland.db import execute_query
from smartisland.disclosure import public_kpis
from smartisland.editing.datasets import dataset_status, manual_kpis
from smartisland.i18n import has_key
from smartisland.kpis import sections, status
from smartisland.kpis.assessment import Forecast
from smartisland.kpis.charts import kpi_trajectory_figure
from smartisland.kpis.scorecard import build_scorecard
from smartisland.publishing.transparency import method_sections, promise_detail
from smartisland.report_context import ReportContext, using
from smartisland.spbe import sections as spbe_sections
from smartisland.spbe.plan import GapPlan, PlanStep, raises_by_owner


def definition(kpi_id, method, **overrides):
    row = {"kpi_id": kpi_id, "area": "connectivity", "name_id": f"{kpi_id} id", "name_en": f"{kpi_id} en",
           "definition_id": "d", "definition_en": "d", "unit": "count", "direction": "higher",
           "baseline_value": 0.0, "baseline_date": date(2020, 1, 1), "target_value": 100.0,
           "target_date": date(2024, 1, 1), "target_source": "ilustratif", "target_kind": "illustrative",
           "owner_agency": "Diskominfos Bali",
           "update_frequency": "yearly", "is_public": True, "method": method, "regional_method": None,
           "is_headline": True}
    return row | overrides


def series(*points):
    return pd.DataFrame({"period_end": [pd.Timestamp(day) for day, _ in points], "value": [v for _, v in points]})


TABLES = {"q_behind": series((date(2021, 1, 1), 20.0), (date(2022, 1, 1), 30.0)),
          "q_late": series((date(2021, 1, 1), 50.0), (date(2022, 6, 1), 70.0)),
          "q_met": series((date(2022, 1, 1), 100.0))}


@pytest.fixture
def scored():
    definitions = pd.DataFrame([definition("behind", "q_behind", owner_agency="Bappeda"),
                                definition("late", "q_late", target_date=date(2022, 1, 1), target_kind="official",
                                           target_source="Bali Post 2019"),
                                definition("met", "q_met", is_headline=False, is_public=False)])
    return build_scorecard(definitions, lambda name, **params: TABLES[name], today=date(2022, 7, 1))


def test_the_status_vocabulary_is_complete_and_in_one_order():
    assert status.STATUSES == ("achieved", "achieved_late", "on_track", "worsening", "at_risk", "off_track", "overdue",
                               "no_data")
    assert set(status.LATE_STATUSES) < set(status.STATUSES)
    for table in (status.SYMBOLS, status.COLOURS, status.BADGE_COLOURS):
        assert tuple(table) == status.STATUSES
    assert all(has_key(status.label_key(name)) for name in status.STATUSES)
    assert all(has_key(status.target_kind_key(kind)) for kind in status.TARGET_KINDS)
    assert len(set(status.SYMBOLS.values())) == len(status.STATUSES)  # told apart without colour


def test_bad_news_against_an_illustrative_target_is_neutral_grey():
    assert status.badge_colour("off_track", "official") == "red"
    assert status.badge_colour("off_track", "illustrative") == "gray"
    assert status.badge_colour("achieved", "illustrative") == "green"  # good news is no slippage to soften
    assert status.chart_colour("overdue", "illustrative") == status.NEUTRAL_COLOUR


def test_public_kpis_keeps_only_the_public_ones_renumbered():
    frame = pd.DataFrame({"kpi_id": ["a", "b", "c"], "is_public": [False, True, True]})
    kept = public_kpis(frame)
    assert kept["kpi_id"].tolist() == ["b", "c"] and kept.index.tolist() == [0, 1]


@pytest.mark.calendar
def test_late_view_lists_official_targets_first_with_where_how_far_deadline_kind_and_owner(scored):
    card, _ = scored
    with using(ReportContext(lambda name, **params: None, "en", as_of=date(2022, 7, 1))) as context:
        late = sections.late_view(card, context)
    assert late.kpi_ids == ["late", "behind"]
    assert late.table.to_dict("list") == {
        "KPI": ["late en", "behind en"], "Status": ["✖ Overdue", "▼ Off track"],
        "Where": ["all of Bali: this KPI is measured for the province as a whole"] * 2,
        "Behind by": ["30 still to go to the 100 target, past its deadline",
                      "20 behind the planned path (should be 50 by now, is 30)"],
        "Deadline": ["Jan 2022", "Jan 2024"],
        "Target kind": ["§ official target", "≈ illustrative target (team), not an official one"],
        "Owner": ["Diskominfos Bali", "Bappeda"]}
    assert late.official == [":violet-badge[✖ Overdue] :blue-badge[§ official target] **late en** — all of Bali: this "
                             "KPI is measured for the province as a whole · 30 still to go to the 100 target, past its "
                             "deadline · deadline Jan 2022 · Diskominfos Bali"]
    assert late.illustrative == [":gray-badge[▼ Off track] :gray-badge[≈ illustrative target] **behind en** — all of "
                                 "Bali: this KPI is measured for the province as a whole · 20 behind the planned path "
                                 "(should be 50 by now, is 30) · deadline Jan 2024 · Bappeda"]


@pytest.mark.calendar
def test_the_verdict_counts_all_then_official_and_illustrative_targets_apart(scored):
    card, _ = scored
    with using(ReportContext(language="en")):
        assert sections.verdict(card) == [
            "Of 3 promises: 1 achieved, 1 off track, 1 overdue.", "With an official target (1): 1 overdue.",
            "Measured against illustrative targets the team set, not official ones (2): 1 achieved, 1 off track; behind "
            "here means behind the team's figure, not behind a promise."]
    with using(ReportContext(language="id")):
        assert sections.verdict(card)[0] == "Dari 3 janji: 1 tercapai, 1 tertinggal, 1 lewat tenggat."


@pytest.mark.calendar
def test_status_summary_headline_and_tracker_table(scored):
    card, _ = scored
    with using(ReportContext(language="en")):
        assert sections.status_summary(card, "Status") == \
            "Status: :green-badge[✔ Achieved] 1 · :red-badge[▼ Off track] 1 · :violet-badge[✖ Overdue] 1"
    assert [row["kpi_id"] for row in sections.headline(card)] == ["behind", "late"]
    with using(ReportContext(language="en")):
        table = sections.tracker_table(card)
    assert list(table.columns) == ["KPI", "Status", "Latest value", "Target", "Trend", "Forecast", "Last update",
                                   "Freshness", "Owner"]
    assert table.iloc[2].tolist() == ["met en", "✔ Achieved", "100", "100 · Jan 2024 · ≈ illustrative target", [0.5],
                                      "met", "2022", "✓ Up to date", "Diskominfos Bali"]


@pytest.mark.calendar
def test_kpi_detail_says_everything_about_one_kpi(scored):
    card, _ = scored
    with using(ReportContext(language="en")):
        detail = sections.kpi_detail(sections.kpi_row(card, "behind"))
    assert detail.title == "### behind en"
    assert detail.status_line == (":gray-badge[▼ Off track] :gray-badge[≈ illustrative target] ✓ Up to date · "
                                  "At this pace the target is reached December 2028, after its deadline")
    assert detail.about[1] == "**Method**: computed from the data by the query `q_behind`"
    assert detail.facts == ["**Unit**: count · **Update frequency**: yearly · **Public**: yes",
                            "**Baseline**: 0 (1 January 2020)",
                            "**Target**: 100 (1 January 2024) :gray-badge[≈ illustrative target (team), not an "
                            "official one]  \nTarget source: ilustratif",
                            "**Last update**: 2022"]


@pytest.mark.calendar
def test_the_trajectory_draws_the_scorecards_forecast_and_none_when_there_is_none(scored):
    card, values = scored
    row = sections.kpi_row(card, "behind")
    assert row["forecast"].reach_date == date(2028, 12, 30)
    # A forecast unlike the one the values would give: the chart draws what it is handed, not its own.
    handed = Forecast(date(2023, 1, 1), 70.0, date(2022, 1, 1), 30.0)
    with using(ReportContext(language="en")):
        figure = kpi_trajectory_figure(row | {"forecast": handed}, values["behind"], date(2022, 7, 1))
    line = next(trace for trace in figure.data if trace.name == "Forecast (trend)")
    assert list(line.x) == [date(2022, 1, 1), date(2023, 1, 1)] and line.y[-1] == pytest.approx(100.0, abs=0.1)
    with using(ReportContext(language="en")):
        achieved = kpi_trajectory_figure(sections.kpi_row(card, "met"), values["met"], date(2022, 7, 1))
    assert "Forecast (trend)" not in {trace.name for trace in achieved.data}


@pytest.mark.calendar
def test_regional_view_says_when_the_regional_figure_is_later_than_the_chosen_day():
    frame = pd.DataFrame({"name": ["Badung"], "value": [5.0], "period_end": [pd.Timestamp(2026, 10, 31)]})
    row = definition("r", "q", regional_method="q_regional", source=None)
    with using(ReportContext(lambda name, **params: frame, "en", as_of=date(2026, 9, 30))) as context:
        shown = sections.regional_view(row, context)
    assert shown.problem is None and shown.past_note == \
        "The regency comparison uses the latest data (October 2026), not the chosen as-of date."
    assert shown.caption.startswith("Period October 2026 · Source: ")

    def broken(name, **params):
        raise RuntimeError("no such table\nmore")

    with using(ReportContext(broken, "en", as_of=date(2026, 11, 28))) as context:
        failed = sections.regional_view(row, context)
    assert failed.values is None and failed.problem == "no such table"


@pytest.mark.calendar
def test_promise_detail_and_method_sections(scored):
    card, _ = scored
    row = sections.kpi_row(card, "behind") | {"kpi_id": "wifi_points_active"}
    with using(ReportContext(language="en")):
        detail = promise_detail(row)
    assert detail.progress == pytest.approx(0.3)
    assert detail.datasets == []  # q_behind is no named query: no dataset behind it
    assert "(?kpi=wifi_points_active&lang=id)" in detail.share_line
    assert detail.share_line.endswith("(?kpi=wifi_points_active&lang=en)")
    with using(ReportContext(language="en")):
        method = method_sections(card.assign(area=["services", "connectivity", "services"]))
    assert [section.promises for section in method] == ["- **behind en**: d\n- **met en**: d", "- **late en**: d"]


def test_dataset_status_and_manual_kpis_on_the_sample_warehouse(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        def run(name, **params):
            return execute_query(connection, name, **params)

        with using(ReportContext(language="en")):
            shown = dataset_status(run)
        with using(ReportContext(language="en")):
            manual = manual_kpis(run)
        catalog = run("kpi_definitions")
    assert list(shown.table.columns) == ["Dataset", "Rows", "Origin", "File", "Loaded", "Loads"]
    assert shown.labels["kpi_values"] == shown.table.iloc[list(shown.labels).index("kpi_values")]["Dataset"]
    assert list(manual) == list(catalog.loc[catalog["method"] == "manual", "kpi_id"])


def test_spbe_views_on_the_sample_warehouse(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        data = spbe_sections.spbe_data(ReportContext(lambda name, **params: execute_query(connection, name, **params)),
                                    include_internal=False)
    trend = spbe_sections.province_trend(data)
    assert (trend.latest_year, trend.latest_index, trend.next_bound) == (2023, 4.07, 4.2)  # Sangat Baik; Memuaskan from 4.2
    codes = list(spbe_sections.entity_choices(data))
    assert codes[0] == province_code() and codes[1:] == sorted(codes[1:])
    chosen = spbe_sections.entity_year(data, province_code(), 2023)
    assert chosen.is_complete and round(chosen.index_value, 2) == 4.07 and len(chosen.levels) == 47
    by_year = spbe_sections.heatmap_levels(data, chosen, "year")
    assert set(by_year["entity_code"]) == {province_code()}
    assert set(spbe_sections.heatmap_levels(data, chosen, "entity")["year"]) == {2023}


def test_raises_by_owner_counts_most_first_then_by_name():
    plan = GapPlan(3.0, 3.5, tuple(PlanStep(number, 2, 3, 3.1) for number in (1, 2, 3, 4)), True)
    assert raises_by_owner(plan, {1: "B", 2: "A", 3: "B"}, "?") == [("B", 2), ("?", 1), ("A", 1)]


def test_the_spbe_page_s_view_builders_one_per_section_on_the_sample_warehouse(sample_db):
    """The SPBE page asks one view builder per section, as Connectivity and Services do: each hands back the page's
    words, tables and figures, in the context's language."""
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        run = lambda name, **params: execute_query(connection, name, **params)  # noqa: E731
        with using(ReportContext(run, "en")) as context:
            data = spbe_sections.spbe_data(context, include_internal=True)
            trend = spbe_sections.trend_view(data)
            check = spbe_sections.check_view(data)
            regencies = spbe_sections.regencies_view(data)
            breakdown = spbe_sections.breakdown_view(data)
            entity = breakdown.of(province_code(), 2023, compact=True)
            heatmap = spbe_sections.heatmap_view(data, entity.chosen, "year", include_evidence=False, compact=True)
            plan = spbe_sections.plan_view(entity.chosen, 4.2)
            what_if = spbe_sections.what_if_view(entity.chosen)
            first = what_if.inputs(1)[0]
            unchanged, raised = what_if.outcome({}), what_if.outcome({first.number: 5})
        with using(ReportContext(run, "id")) as context:
            indonesian = spbe_sections.trend_view(spbe_sections.spbe_data(context, include_internal=False))
            met = spbe_sections.plan_view(entity.chosen, 4.0)
            unreachable = spbe_sections.plan_view(entity.chosen, 5.5)
    assert (trend.latest, trend.next_step) == (("Latest published index (2023)", "4.07 · Very good"),
                                               ("Gap to Excellent", "0.13"))
    assert indonesian.latest == ("Indeks resmi terakhir (2023)", "4,07 · Sangat Baik")
    assert trend.figure.builder.__name__ == "trend_figure" and trend.table.columns[0] == "Year"
    assert trend.sources.startswith("Sources of the published indices: KemenPANRB")
    assert (check.different, len(check.table)) == (0, 12)
    assert regencies.years == [2023, 2021]
    assert len(regencies.of_year(2023).table) == 9 and regencies.of_year(None).figure is None
    assert list(breakdown.entities.items())[:2] == [(province_code(), "Provinsi Bali"), ("51.01", "Kabupaten Jembrana")]
    assert breakdown.years(province_code()) == [2023, 2022, 2021]
    assert (entity.incomplete, entity.index, entity.plan_targets) == (None, "4.07 · Very good", {4.2: "Excellent (4.2)"})
    assert entity.aspects_figure.kwargs == {"compact": True} and (len(entity.aspects_table), len(entity.domains_table)) == (8, 4)
    assert heatmap.figure.args[1] == "year" and heatmap.figure.kwargs == {"include_evidence": False, "compact": True}
    assert "Evidence status" not in heatmap.table.columns
    assert plan.summary == "5 one-level raises take the index from 4.07 to 4.21 (Excellent)."
    assert len(plan.steps_table) == 5 and plan.by_owner.values.tolist()[0] == ["BKD", "1"]
    assert met.met == "Indeks 4,07 sudah mencapai target 4,00: tidak perlu kenaikan." and met.steps_table is None
    assert unreachable.unreachable == "Target 5,50 tidak dapat dicapai walau semua indikator di tingkat 5."
    assert list(what_if.aspects.items())[0] == (1, "Kebijakan Internal Tata Kelola SPBE")
    assert (first.number, first.label, first.level) == (1, "1 · Kebijakan Internal Arsitektur SPBE", 3)
    assert first.help.startswith("1 · Initiated · 2 · Managed")
    assert (unchanged.index_after, unchanged.change) == (("What-if index", "4.07"), None)
    assert (raised.index_now, raised.index_after, raised.change) == (("Index now (Very good)", "4.07"),
                                                                     ("What-if index", "4.10"), "+0.03")
    assert raised.changed.startswith("Indicators changed: 1 · ")
