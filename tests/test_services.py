"""The pure logic of the Public services page: stages, measures, changes, periods, reporting counts, next steps."""
from datetime import date

import pandas as pd
import pytest

from smartisland.report_context import ReportContext, using
from smartisland.services import logic
from smartisland.services.logic import MEASURES_BY_NAME as MEASURES


def test_the_four_stages_are_named_and_explained_in_both_languages():
    with using(ReportContext(language="id")):
        assert [logic.stage_name(stage) for stage in logic.STAGES] == \
            ["Informasi", "Interaksi", "Transaksi", "Transformasi"]
    with using(ReportContext(language="en")):
        assert [logic.stage_name(stage) for stage in logic.STAGES] == \
            ["Information", "Interaction", "Transaction", "Transformation"]
    with using(ReportContext(language="id")):
        assert logic.stage_label(3) == "3 · Transaksi"
    for stage in logic.STAGES:
        with using(ReportContext(language="id")):
            indonesian = logic.stage_meaning(stage)
        with using(ReportContext(language="en")):
            assert logic.stage_meaning(stage) != indonesian


def test_the_name_follows_the_language():
    row = {"name_id": "Relasi Bantuan Sosial", "name_en": "Social aid relations"}
    with using(ReportContext(language="id")):
        assert logic.service_name(row) == "Relasi Bantuan Sosial"
    with using(ReportContext(language="en")):
        assert logic.service_name(row) == "Social aid relations"


@pytest.mark.parametrize("name, value, indonesian, english", [
    ("requests_total", 2996129, "2.996.129", "2,996,129"),
    ("digital_take_up", 0.7812, "78,1%", "78.1%"),
    ("median_days", 9.25, "9,2 hari", "9.2 days"),
    ("satisfaction_ikm", 85.34, "85,3", "85.3"),
    ("cost_per_transaction_idr", 21946.4, "Rp21.946", "Rp21,946"),
    ("satisfaction_ikm", None, "tidak ada data", "no data"),
    ("digital_take_up", float("nan"), "tidak ada data", "no data"),
])
def test_measures_are_formatted_for_the_language_and_a_missing_one_is_no_data(name, value, indonesian, english):
    with using(ReportContext(language="id")):
        assert logic.format_measure(value, MEASURES[name]) == indonesian
    with using(ReportContext(language="en")):
        assert logic.format_measure(value, MEASURES[name]) == english


def test_a_missing_figure_is_drawn_as_a_gap_not_zero():
    assert logic.plot_value(None, MEASURES["completion_rate"]) is None
    assert logic.plot_value(0.875, MEASURES["completion_rate"]) == 87.5
    assert logic.plot_value(0, MEASURES["requests_total"]) == 0.0


def change(current, previous, measure):
    """One pair's change (logic.changes takes whole columns)."""
    return logic.changes(pd.Series([current], dtype=object), pd.Series([previous], dtype=object), measure)[0]


def test_changes_are_relative_for_counts_points_for_shares_and_plain_otherwise():
    assert change(110, 100, MEASURES["requests_total"]) == pytest.approx(10.0)
    assert change(0.78, 0.75, MEASURES["digital_take_up"]) == pytest.approx(3.0)
    assert change(8.0, 9.5, MEASURES["median_days"]) == pytest.approx(-1.5)
    assert change(None, 80, MEASURES["satisfaction_ikm"]) is None
    assert change(80, float("nan"), MEASURES["satisfaction_ikm"]) is None
    assert change(5, 0, MEASURES["requests_total"]) is None


@pytest.mark.parametrize("name, value, indonesian, english", [
    ("requests_total", 9.14, "+9,1%", "+9.1%"),
    ("digital_take_up", 2.4, "+2,4 poin", "+2.4 pts"),
    ("median_days", -0.6, "-0,6 hari", "-0.6 days"),
    ("median_days", 0.004, "±0,0 hari", "±0.0 days"),
    ("cost_per_transaction_idr", -1025.2, "-Rp1.025", "-Rp1,025"),
    ("satisfaction_ikm", None, "tidak ada data", "no data"),
])
def test_changes_are_formatted_with_a_plain_minus_for_the_metric_arrow(name, value, indonesian, english):
    with using(ReportContext(language="id")):
        assert logic.format_change(value, MEASURES[name]) == indonesian
    with using(ReportContext(language="en")):
        assert logic.format_change(value, MEASURES[name]) == english


def test_metric_delta_colours_follow_the_direction_of_the_measure():
    with using(ReportContext(language="en")):
        assert logic.metric_delta(-0.6, MEASURES["median_days"]) == ("-0.6 days", "inverse")
    with using(ReportContext(language="en")):
        assert logic.metric_delta(2.4, MEASURES["digital_take_up"]) == ("+2.4 pts", "normal")
    with using(ReportContext(language="en")):
        assert logic.metric_delta(0.001, MEASURES["satisfaction_ikm"]) == ("±0.0", "off")
    with using(ReportContext(language="en")):
        assert logic.metric_delta(None, MEASURES["satisfaction_ikm"]) == (None, "off")


def test_periods_shift_and_read_in_the_language():
    assert logic.shift_period(date(2026, 1, 1), "month", -1) == date(2025, 12, 1)
    assert logic.shift_period(date(2026, 10, 1), "quarter", -1) == date(2026, 7, 1)
    assert logic.shift_period(date(2025, 1, 1), "year", 1) == date(2026, 1, 1)
    with using(ReportContext(language="id")):
        assert logic.period_label(date(2026, 7, 1), "quarter") == "Triwulan III 2026"
    with using(ReportContext(language="en")):
        assert logic.period_label(date(2026, 7, 1), "quarter") == "Q3 2026"
    with using(ReportContext(language="id")):
        assert logic.period_label(pd.Timestamp("2026-10-01"), "month") == "Oktober 2026"
    with using(ReportContext(language="en")):
        assert logic.period_label(date(2026, 1, 1), "year") == "2026"


def test_a_running_period_is_partial_and_not_the_default():
    through = date(2026, 10, 1)
    assert logic.is_complete(date(2026, 10, 1), "month", through)
    assert not logic.is_complete(date(2026, 10, 1), "quarter", through)
    assert logic.is_complete(date(2026, 7, 1), "quarter", through)
    assert not logic.is_complete(date(2026, 1, 1), "year", through)
    periods = [date(2025, 1, 1), date(2026, 1, 1)]
    assert logic.default_period(periods, "year", through) == date(2025, 1, 1)
    assert logic.default_period([date(2026, 1, 1)], "year", through) == date(2026, 1, 1)
    assert logic.default_period([], "year", through) is None
    frame = pd.DataFrame({"period_start": [pd.Timestamp("2026-07-01"), pd.Timestamp("2026-10-01")]})
    assert list(logic.complete_periods(frame, "quarter", through)["period_start"]) == [pd.Timestamp("2026-07-01")]


def test_changes_compare_with_the_period_just_before_not_the_row_before():
    frame = pd.DataFrame({
        "service_id": ["a", "a", "a", "b"],
        "period_start": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-04-01", "2026-02-01"]),
        "requests_total": [100, 150, 120, 10],
        "digital_take_up": [0.5, 0.6, None, 0.9],
    })
    result = logic.with_changes(frame, "month", keys=("service_id",))
    assert result["period_start"].tolist() == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 4, 1), date(2026, 2, 1)]
    changes = [None if pd.isna(value) else round(value, 6) for value in result["requests_total_change"]]
    assert changes == [None, 50.0, None, None]  # April has no March before it; b has no January
    assert pd.isna(result["digital_take_up_change"][2]) and result["digital_take_up_change"][1] == pytest.approx(10.0)


def test_reporting_counts_read_as_n_of_m_services():
    with using(ReportContext(language="id")):
        assert logic.reporting_text(12, 15) == "12 dari 15 layanan melapor"
    with using(ReportContext(language="en")):
        assert logic.reporting_text(12, 15) == "12 of 15 services report"
    with using(ReportContext(language="en")):
        assert logic.reporting_text(None, 15) == "0 of 15 services report"


def test_catalog_summary_counts_stages_and_integration():
    catalog = pd.DataFrame({"maturity_stage": [1, 3, 3, 4, 2], "is_integrated": [True, False, True, True, False]})
    summary = logic.catalog_summary(catalog)
    assert (summary.service_count, summary.integrated_count, summary.transaction_or_above) == (5, 3, 3)
    assert summary.by_stage == {1: 1, 2: 1, 3: 2, 4: 1}


def test_next_steps_name_the_next_stage_integration_and_the_gaps_in_the_figures():
    information = {"maturity_stage": 1, "is_integrated": False}
    with using(ReportContext(language="en")):
        steps = logic.next_steps(information, None)
    assert steps[0].startswith("To reach Interaction") and "single portal" in steps[1]
    assert steps[2].startswith("Report monthly figures")

    transaction = {"maturity_stage": 3, "is_integrated": True}
    latest = {"digital_take_up": 0.45, "completion_rate": 0.9, "satisfaction_ikm": None,
              "cost_per_transaction_idr": float("nan")}
    with using(ReportContext(language="id")):
        steps = logic.next_steps(transaction, latest)
    assert steps[0].startswith("Menuju Transformasi")
    assert steps[1] == "Laporkan angka yang belum ada pada periode ini: Kepuasan (IKM), Biaya per transaksi."
    assert steps[2] == "Naikkan penggunaan digital: baru 45% permohonan masuk daring."

    with using(ReportContext(language="en")):
        top = logic.next_steps({"maturity_stage": 4, "is_integrated": True},
                               {"digital_take_up": 0.9, "completion_rate": 0.9, "satisfaction_ikm": 80,
                                "cost_per_transaction_idr": 5000})
    assert len(top) == 1 and top[0].startswith("Already at the highest stage")


def test_area_labels_say_how_many_services_report_in_a_regency():
    with using(ReportContext(language="id")):
        assert logic.area_label({"region_code": "51", "name": "Provinsi Bali", "services_with_figures": 18}) == \
            "Seluruh Bali"
    with using(ReportContext(language="en")):
        assert logic.area_label({"region_code": "51.01", "name": "Kabupaten Jembrana", "services_with_figures": 8}) \
            == "Kabupaten Jembrana (8 services report)"


def test_a_count_trend_skips_a_service_period_with_missing_months():
    history = pd.DataFrame({
        "period_start": [date(2019, 1, 1), date(2019, 4, 1), date(2026, 10, 1)],
        "months_with_rows": [1, 3, 1],
        "requests_total": [240, 720, 330],
        "digital_take_up": [0.05, 0.06, 0.45],
    })
    through = date(2026, 10, 1)
    assert list(logic.trend_rows(history, MEASURES["requests_total"], "quarter", through)["requests_total"]) == [720]
    assert list(logic.trend_rows(history, MEASURES["digital_take_up"], "quarter", through)["digital_take_up"]) == \
        [0.05, 0.06]


def test_changes_of_whole_columns_follow_each_measures_rule():
    """Counts relative (none against 0), shares in points, the rest as differences; None where a figure is missing,
    plain floats otherwise, whatever the engine returned (integers, decimals)."""
    from decimal import Decimal

    current = pd.Series([150, 10, None, 120, Decimal("30")], dtype=object)
    previous = pd.Series([100, 0, 100, None, Decimal("20")], dtype=object)
    counts = logic.changes(current, previous, logic.MEASURES_BY_NAME["requests_total"])
    assert counts.tolist() == [50.0, None, None, None, 50.0] and type(counts[0]) is float
    shares = logic.changes(pd.Series([0.6, 0.55]), pd.Series([0.5, None]), logic.MEASURES_BY_NAME["digital_take_up"])
    assert [None if value is None else round(value, 9) for value in shares] == [10.0, None]
    score = logic.MEASURES_BY_NAME["satisfaction_ikm"]
    assert logic.changes(pd.Series([85.3]), pd.Series([85.4]), score).tolist() == [pytest.approx(-0.1)]
    assert change(150, 100, logic.MEASURES_BY_NAME["requests_total"]) == 50.0
    assert change(None, 100, score) is None and change(10, 0, logic.MEASURES_BY_NAME["requests_total"]) is None
