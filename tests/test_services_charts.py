"""Chart builders of the Public services page: the series they hold, gaps for missing figures, the language."""
from datetime import date

import pandas as pd
import pytest

from smartisland.report_context import ReportContext, using
from smartisland.services import charts
from smartisland.services.logic import MEASURES_BY_NAME as MEASURES


def test_stages_figure_splits_each_stage_into_integrated_or_not():
    catalog = pd.DataFrame({"maturity_stage": [1, 3, 3, 4, 3], "is_integrated": [True, False, True, True, True]})
    with using(ReportContext(language="id")):
        figure = charts.stages_figure(catalog)
    assert [trace.name for trace in figure.data] == ["Terintegrasi", "Belum terintegrasi"]
    assert list(figure.data[0].x) == ["Informasi", "Interaksi", "Transaksi", "Transformasi"]
    assert list(figure.data[0].y) == [1, 0, 2, 1] and list(figure.data[1].y) == [0, 0, 1, 0]
    assert figure.layout.barmode == "stack"


def test_stages_over_time_stacks_one_series_per_stage_with_local_month_names():
    counts = pd.DataFrame({
        "month": pd.to_datetime(["2025-01-01"] * 4 + ["2025-02-01"] * 4),
        "maturity_stage": [1, 2, 3, 4] * 2,
        "service_count": [2, 1, 0, 0, 1, 1, 1, 0],
    })
    with using(ReportContext(language="id")):
        figure = charts.stages_over_time_figure(counts)
    assert [trace.name for trace in figure.data] == ["1 · Informasi", "2 · Interaksi", "3 · Transaksi",
                                                     "4 · Transformasi"]
    assert list(figure.data[0].y) == [2, 1] and list(figure.data[2].y) == [0, 1]
    assert {trace.stackgroup for trace in figure.data} == {"stages"}
    assert list(figure.layout.xaxis.ticktext) == ["Jan 2025", "Feb 2025"]
    assert list(figure.data[0].customdata) == ["Januari 2025", "Februari 2025"]


def test_trend_leaves_a_gap_for_a_missing_figure_and_says_who_reports():
    totals = pd.DataFrame({
        "period_start": [date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1)],
        "service_count": [18, 18, 18],
        "satisfaction_ikm": [84.0, None, 85.3],
        "services_reporting_satisfaction": [4, 0, 4],
    })
    with using(ReportContext(language="en")):
        figure = charts.measure_trend_figure(totals, MEASURES["satisfaction_ikm"], "quarter", "IKM")
    assert list(figure.data[0].y) == [84.0, None, 85.3]
    assert figure.data[0].connectgaps is False
    assert figure.data[0].customdata[1] == "Q2 2026: no data<br>0 of 18 services report"
    assert figure.layout.separators == ".,"


def test_trend_draws_shares_in_percent_with_indonesian_separators():
    history = pd.DataFrame({"period_start": [date(2026, 8, 1), date(2026, 9, 1)], "digital_take_up": [0.5, 0.781]})
    with using(ReportContext(language="id")):
        figure = charts.measure_trend_figure(history, MEASURES["digital_take_up"], "month", "Layanan")
    assert list(figure.data[0].y) == pytest.approx([50.0, 78.1])
    assert figure.layout.yaxis.ticksuffix == "%" and figure.layout.separators == ",."
    assert figure.data[0].customdata[1] == "September 2026: 78,1%"


def test_ranked_bars_put_the_best_on_top_and_show_no_data_without_a_bar():
    with using(ReportContext(language="id")):
        figure = charts.ranked_bars_figure(["A", "B", "C"], [12.0, None, 4.5], MEASURES["median_days"])
    bars = figure.data[0]
    # Plotly draws the first category at the bottom: fewer days is better, so C is on top.
    assert list(bars.y) == ["B", "A", "C"]
    assert list(bars.text) == ["tidak ada data", "12,0 hari", "4,5 hari"]
    assert bars.x[0] == 0 and bars.marker.color[0] != bars.marker.color[1]
