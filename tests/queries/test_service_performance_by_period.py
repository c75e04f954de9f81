from datetime import date

import pandas as pd
import pytest
from support.service_rows import figures, plain_rows

from smartisland.db import execute_query

JANUARY, FEBRUARY, MARCH = date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)


@pytest.fixture
def connection(make_warehouse):
    return make_warehouse({"service_monthly": [
        figures("svc-a", JANUARY, 100, 60, 90, 4.0, 80.0, 10000.0),
        figures("svc-a", FEBRUARY, 200, 150, 180, 2.0, None, 8000.0),
        figures("svc-a", MARCH, 0, 0, 0, None, None, None),
        figures("svc-b", JANUARY, 300, None, 150, None, 60.0, None),
        figures("svc-b", FEBRUARY, None, None, None, 5.0, 70.0, None),
        figures("svc-a", JANUARY, 40, 40, 40, 1.0, 90.0, 5000.0, regency_code="51.01"),
    ]})


rows = plain_rows


def test_monthly_rows_of_the_period_and_the_one_before_keep_missing_figures_missing(connection):
    result = execute_query(connection, "service_performance_by_period", regency_code="51", period_unit="month",
                           period_start=FEBRUARY)
    assert list(result.columns) == ["service_id", "period_start", "months_with_rows", "requests_total",
                                    "requests_online", "digital_take_up", "completion_rate", "median_days",
                                    "satisfaction_ikm", "cost_per_transaction_idr"]
    # February and January (for the change); March is another period and is not read.
    assert rows(result) == [
        ["svc-a", pd.Timestamp(JANUARY), 1, 100, 60, 0.6, 0.9, 4.0, 80.0, 10000.0],
        ["svc-a", pd.Timestamp(FEBRUARY), 1, 200, 150, 0.75, 0.9, 2.0, None, 8000.0],
        ["svc-b", pd.Timestamp(JANUARY), 1, 300, None, None, 0.5, None, 60.0, None],
        # Figures without requests: one service's own month needs no weight.
        ["svc-b", pd.Timestamp(FEBRUARY), 1, None, None, None, None, 5.0, 70.0, None],
    ]


def test_a_month_without_requests_gives_no_ratio_and_its_month_before_comes_with_it(connection):
    result = execute_query(connection, "service_performance_by_period", regency_code="51", period_unit="month",
                           period_start=MARCH)
    assert rows(result) == [
        ["svc-a", pd.Timestamp(FEBRUARY), 1, 200, 150, 0.75, 0.9, 2.0, None, 8000.0],
        # No requests: a ratio over zero is no data, not 0.
        ["svc-a", pd.Timestamp(MARCH), 1, 0, 0, None, None, None, None, None],
        ["svc-b", pd.Timestamp(FEBRUARY), 1, None, None, None, None, 5.0, 70.0, None],
    ]
    assert execute_query(connection, "service_performance_by_period", regency_code="51", period_unit="month",
                         period_start=None).empty  # no period chosen: no rows


def test_a_quarter_weighs_months_by_their_requests(connection):
    result = execute_query(connection, "service_performance_by_period", regency_code="51", period_unit="quarter",
                           period_start=JANUARY)
    first, second = rows(result)
    assert first[:5] == ["svc-a", pd.Timestamp(JANUARY), 3, 300, 210]
    assert first[5:] == pytest.approx([0.7, 0.9, (4 * 100 + 2 * 200) / 300, 80.0, (10000 * 100 + 8000 * 200) / 300])
    # svc-b's IKM: January is weighted by its 300 requests; February has no weight and is left out.
    assert second == ["svc-b", pd.Timestamp(JANUARY), 2, 300, None, None, 0.5, 5.0, 60.0, None]


def test_a_regency_reads_only_its_own_rows(connection):
    result = execute_query(connection, "service_performance_by_period", regency_code="51.01", period_unit="year",
                           period_start=JANUARY)
    assert rows(result) == [["svc-a", pd.Timestamp(JANUARY), 1, 40, 40, 1.0, 1.0, 1.0, 90.0, 5000.0]]
    # The year after: 2025 comes as the year before, 2026 has no rows.
    assert rows(execute_query(connection, "service_performance_by_period", regency_code="51.01", period_unit="year",
                              period_start=date(2026, 1, 1))) == [
        ["svc-a", pd.Timestamp(JANUARY), 1, 40, 40, 1.0, 1.0, 1.0, 90.0, 5000.0]]
