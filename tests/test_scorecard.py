"""The scorecard, the tracker's filters and export, KPI display words, and the KPI charts."""
from datetime import date

import pandas as pd
import pytest

from smartisland.kpis.assessment import KpiDefinition, forecast
from smartisland.kpis.charts import regional_figure, trajectory_figure
from smartisland.kpis.display import forecast_sentence, format_kpi_change, format_kpi_value, period_label, status_label
from smartisland.kpis.scorecard import build_scorecard, late_items, status_counts
from smartisland.kpis.tracker import filter_scorecard, tracker_export
from smartisland.report_context import ReportContext, using

pytestmark = pytest.mark.calendar  # the day is what these tests are about


def definition(kpi_id, method, **overrides):
    row = {"kpi_id": kpi_id, "area": "connectivity", "name_id": f"{kpi_id} id", "name_en": f"{kpi_id} en",
           "definition_id": "d", "definition_en": "d", "unit": "count", "direction": "higher",
           "baseline_value": 0.0, "baseline_date": date(2020, 1, 1), "target_value": 100.0,
           "target_date": date(2024, 1, 1), "target_source": "ilustratif", "target_kind": "illustrative",
           "owner_agency": "Diskominfos Bali",
           "update_frequency": "yearly", "is_public": True, "method": method, "regional_method": None,
           "is_headline": True}
    return row | overrides


def fake_runner(tables):
    def run(name, **params):
        key = (name, params.get("kpi_id"))
        return tables[key]
    return run


def series(*points, source=None):
    frame = pd.DataFrame({"period_end": [pd.Timestamp(day) for day, _ in points], "value": [v for _, v in points]})
    if source:
        frame["source"] = source
    return frame


@pytest.fixture
def card():
    definitions = pd.DataFrame([
        definition("ahead", "q_ahead"),
        definition("behind", "q_behind", owner_agency="Bappeda", area="services"),
        definition("late", "q_late", target_date=date(2022, 1, 1)),
        definition("met", "q_met"),
        definition("manual", "manual", is_public=False, area="society"),
        definition("empty", "q_empty"),
    ])
    run = fake_runner({
        ("q_ahead", None): series((date(2021, 1, 1), 20.0), (date(2022, 1, 1), 60.0)),
        ("q_behind", None): series((date(2021, 1, 1), 20.0), (date(2022, 1, 1), 30.0)),
        ("q_late", None): series((date(2021, 1, 1), 50.0), (date(2022, 6, 1), 70.0)),
        ("q_met", None): series((date(2022, 1, 1), 100.0)),
        ("kpi_manual_values", "manual"): series((date(2022, 6, 30), 80.0), source="IMDI 2022"),
        ("q_empty", None): series(),
    })
    table, values = build_scorecard(definitions, run, today=date(2022, 7, 1))
    return table


def test_scorecard_assesses_every_kpi(card):
    assert dict(zip(card["kpi_id"], card["status"])) == {
        "ahead": "on_track", "behind": "off_track", "late": "overdue", "met": "achieved", "manual": "on_track",
        "empty": "no_data"}
    ahead = card.set_index("kpi_id").loc["ahead"]
    assert (ahead["change"], ahead["sparkline"], ahead["forecast_kind"]) == (40.0, [0.0, 1.0], "on_time")
    assert card.set_index("kpi_id").loc["met", "sparkline"] == [0.5]  # one value: a flat line that still draws
    assert card.set_index("kpi_id").loc["empty", "sparkline"] == []
    assert card.set_index("kpi_id").loc["manual", "source"] == "IMDI 2022"
    assert pd.isna(card.set_index("kpi_id").loc["ahead", "source"])


def test_a_warehouse_without_kpis_gives_an_empty_scorecard_whose_headline_rows_can_be_picked():
    definitions = pd.DataFrame(columns=list(definition("any", "q")))
    table, values = build_scorecard(definitions, fake_runner({}), today=date(2022, 7, 1))
    assert values == {} and len(table) == 0
    assert table.columns.is_unique
    assert len(table[table["is_headline"]]) == 0  # what the overview does first


def test_late_items_worst_first(card):
    assert list(late_items(card)["kpi_id"]) == ["late", "behind"]
    assert status_counts(card) == {"achieved": 1, "achieved_late": 0, "on_track": 2, "worsening": 0, "at_risk": 0,
                                   "off_track": 1, "overdue": 1, "no_data": 1}


def test_tracker_filters_combine_and_empty_means_all(card):
    assert len(filter_scorecard(card, [], [], [], "all")) == 6
    assert list(filter_scorecard(card, ["services"], [], [], "all")["kpi_id"]) == ["behind"]
    assert list(filter_scorecard(card, [], ["Bappeda"], ["off_track"], "all")["kpi_id"]) == ["behind"]
    assert list(filter_scorecard(card, [], [], [], "internal")["kpi_id"]) == ["manual"]
    assert len(filter_scorecard(card, [], [], [], "public")) == 5
    assert list(filter_scorecard(card, ["services"], [], ["achieved"], "all")["kpi_id"]) == []


def test_tracker_export_keeps_the_kpi_id_and_the_value_rounded_to_its_display(card):
    with using(ReportContext(language="en")):
        exported = tracker_export(card)
    assert list(exported.columns[:2]) == ["kpi_id", "KPI"]
    assert exported.loc[exported["kpi_id"] == "behind", "Latest value"].item() == 30.0


@pytest.mark.parametrize("value, unit, indonesian, english", [
    (2232, "count", "2.232", "2,232"),
    (89.525, "percent", "89,5%", "89.5%"),
    (4.07, "index", "4,07", "4.07"),
    (50.44, "mbps", "50,4 Mbps", "50.4 Mbps"),
    (12500, "idr", "Rp12.500", "Rp12,500"),
    (3.25, "days", "3,2 hari", "3.2 days"),
    (None, "count", "tidak ada data", "no data"),
])
def test_kpi_values_are_formatted_per_unit_and_language(value, unit, indonesian, english):
    with using(ReportContext(language="id")):
        assert format_kpi_value(value, unit) == indonesian
    with using(ReportContext(language="en")):
        assert format_kpi_value(value, unit) == english


def test_changes_statuses_forecasts_and_periods_in_words():
    with using(ReportContext(language="id")):
        assert format_kpi_change(10.335, "percent") == "+10,3 poin"
    with using(ReportContext(language="en")):
        assert format_kpi_change(-0.1378, "score") == "−0.1"
    with using(ReportContext(language="en")):
        assert format_kpi_change(None, "count") is None
    with using(ReportContext(language="id")):
        assert status_label("overdue") == "✖ Lewat tenggat"
    with using(ReportContext(language="en")):
        assert status_label("on_track") == "▲ On track"
    with using(ReportContext(language="id")):
        assert forecast_sentence("late", date(2028, 5, 28)) == \
            "Dengan laju ini target tercapai Mei 2028, terlambat dari tenggat"
    with using(ReportContext(language="en")):
        assert forecast_sentence("not_at_this_pace", None) == "Not reached at this pace"
    with using(ReportContext(language="id")):
        assert period_label(date(2026, 10, 31), "monthly") == "Oktober 2026"
    with using(ReportContext(language="en")):
        assert period_label(date(2023, 12, 31), "yearly") == "2023"
    with using(ReportContext(language="id")):
        assert period_label(date(2026, 9, 30), "quarterly") == "Triwulan III 2026"
    with using(ReportContext(language="en")):
        assert period_label(date(2026, 9, 30), "quarterly") == "Q3 2026"
    with using(ReportContext(language="en")):
        assert period_label(None, "quarterly") == "no data"


def test_trajectory_chart_holds_history_path_target_and_forecast():
    kpi = KpiDefinition("k", "higher", 0.0, date(2020, 1, 1), 100.0, date(2024, 1, 1), "yearly")
    values = series((date(2021, 1, 1), 20.0), (date(2022, 1, 1), 40.0))
    with using(ReportContext(language="id")):
        figure = trajectory_figure(kpi, "count", values, today=date(2022, 6, 1),
                                   trend=forecast(kpi, values, date(2022, 6, 1)))
    by_name = {trace.name: trace for trace in figure.data}
    assert set(by_name) == {"Nilai terukur", "Jalur rencana", "Target", "Prakiraan (tren)"}
    assert list(by_name["Nilai terukur"].y) == [20.0, 40.0]
    assert list(by_name["Target"].y) == [100.0]
    assert by_name["Prakiraan (tren)"].x[-1] == date(2024, 12, 31)  # 20 a year: 100 about four years after 2021
    assert by_name["Prakiraan (tren)"].y[-1] == pytest.approx(100.0, abs=0.2)
    assert figure.layout.separators == ",."
    assert "Jan 2021" in list(figure.layout.xaxis.ticktext) or "2021" in list(figure.layout.xaxis.ticktext)


def test_regional_chart_orders_best_first_for_lower_is_better():
    frame = pd.DataFrame({"name": ["A", "B", "C"], "value": [3.0, 0.0, 1.0]})
    with using(ReportContext(language="en")):
        figure = regional_figure(frame, "count", "lower")
    assert list(figure.data[0].y) == ["B", "C", "A"]
    assert list(figure.data[0].text) == ["0", "1", "3"]


def test_a_forecast_date_already_past_asks_for_new_data():
    definitions = pd.DataFrame([definition("stale_rise", "q")])
    run = fake_runner({("q", None): series((date(2021, 1, 1), 20.0), (date(2022, 1, 1), 60.0))})
    table, _ = build_scorecard(definitions, run, today=date(2023, 11, 1))  # the trend met 100 early in 2023
    row = table.iloc[0]
    assert (row["status"], row["forecast_kind"]) == ("on_track", "awaiting_data")
    # no forecast date in the past: the words say it is not shown to be on a path to its target
    with using(ReportContext(language="en")):
        sentence = forecast_sentence(row["forecast_kind"], row["forecast_date"])
    assert sentence.startswith("Not shown to be on a path to its target")
    assert "2023" not in sentence and "2022" not in sentence


def test_scorecard_as_of_a_past_day_leaves_out_later_periods():
    definitions = pd.DataFrame([definition("ahead", "q_ahead")])
    run = fake_runner({("q_ahead", None): series((date(2021, 1, 1), 20.0), (date(2022, 1, 1), 60.0))})
    now_card, now_values = build_scorecard(definitions, run, today=date(2022, 7, 1))
    past_card, past_values = build_scorecard(definitions, run, today=date(2021, 6, 30), as_of=date(2021, 6, 30))
    assert (now_card.loc[0, "latest_value"], past_card.loc[0, "latest_value"]) == (60.0, 20.0)
    assert list(past_values["ahead"]["period_end"]) == [date(2021, 1, 1)]
    assert past_card.loc[0, "latest_date"] == date(2021, 1, 1)
