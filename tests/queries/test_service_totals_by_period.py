"""The summary table of all services together by period unit, area and period (queries/summaries/), refreshed
with every change of the warehouse after service_measures_by_period: exact rows on tiny data, the KPIs read from
it, the same rows as that summary's on the sample, its grain (tests/test_incremental_summaries.py: refreshed
incrementally, it equals the whole rebuild)."""
from datetime import date

import duckdb
import pandas as pd
from support.grain import assert_grain
from support.kpi_rows import rows
from support.service_rows import FEBRUARY, JANUARY, figures, plain_rows

from smartisland.config import QUERIES_DIR
from smartisland.db import execute_query

SUMMARY = "service_totals_by_period"
SERVICE_MONTHS = [
    figures("svc-a", JANUARY, 100, 60, 90, 4.0, 80.0, 10000.0),
    figures("svc-b", JANUARY, 50, 10, 40, 2.0, 70.0, 5000.0),
    figures("svc-a", FEBRUARY, 200, 150, 180, 2.0, None, 8000.0),
]


def test_one_row_per_period_unit_area_and_period_for_all_services_together(make_warehouse):
    connection = make_warehouse({"service_monthly": SERVICE_MONTHS})
    result = connection.execute(
        "select period_unit, regency_code, period_start, months_with_rows, requests_total, digital_take_up, "
        f"completion_rate from {SUMMARY} order by period_unit, period_start").df()
    january, february = pd.Timestamp(JANUARY), pd.Timestamp(FEBRUARY)
    assert plain_rows(result) == [
        ["month", "51", january, 2, 150, 70 / 150, 130 / 150],
        ["month", "51", february, 1, 200, 0.75, 0.9],
        ["quarter", "51", january, 3, 350, 220 / 350, 310 / 350],
        ["year", "51", pd.Timestamp(date(2025, 1, 1)), 3, 350, 220 / 350, 310 / 350],
    ]
    assert rows(execute_query(connection, "kpi_digital_takeup", province_code="51")) == [
        ("2025-01-31", 46.6667), ("2025-02-28", 75.0)]
    assert rows(execute_query(connection, "kpi_completion_rate", province_code="51")) == [
        ("2025-01-31", 86.6667), ("2025-02-28", 90.0)]


def test_the_sample_summary_is_every_all_services_row_of_service_measures_by_period(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        order = "order by period_unit, regency_code, period_start"
        totals = connection.execute(f"select * from {SUMMARY} {order}").df()
        measures = connection.execute(f"select * exclude (service_id) from service_measures_by_period "
                                      f"where service_id is null {order}").df()
    assert len(totals) > 100
    pd.testing.assert_frame_equal(totals, measures)
    assert_grain(totals, (QUERIES_DIR / "summaries" / f"{SUMMARY}.sql").read_text(encoding="utf-8"), SUMMARY)
