from datetime import date

import pandas as pd
import pytest
from support.service_rows import figures, plain_rows

from smartisland.db import execute_query

JANUARY, FEBRUARY, MARCH, APRIL = date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1), date(2025, 4, 1)


@pytest.fixture
def connection(make_warehouse):
    return make_warehouse({"service_monthly": [
        figures("svc-a", JANUARY, 100, 60, 90, 4.0, 80.0, 10000.0),
        figures("svc-a", FEBRUARY, 200, 150, 180, 2.0, None, 8000.0),
        figures("svc-a", MARCH, 0, 0, 0, None, None, None),
        figures("svc-a", APRIL, 50, 25, 50, 3.0, 75.0, None),
        figures("svc-b", JANUARY, 300, None, 150, None, 60.0, None),
        figures("svc-a", JANUARY, 40, 40, 40, 1.0, 90.0, 5000.0, regency_code="51.01"),
    ]})


def test_one_services_every_month_and_no_other_service(connection):
    result = execute_query(connection, "service_performance_history", regency_code="51", period_unit="month",
                           service_id="svc-a")
    assert list(result.columns) == ["service_id", "period_start", "months_with_rows", "requests_total",
                                    "requests_online", "digital_take_up", "completion_rate", "median_days",
                                    "satisfaction_ikm", "cost_per_transaction_idr"]
    assert plain_rows(result) == [
        ["svc-a", pd.Timestamp(JANUARY), 1, 100, 60, 0.6, 0.9, 4.0, 80.0, 10000.0],
        ["svc-a", pd.Timestamp(FEBRUARY), 1, 200, 150, 0.75, 0.9, 2.0, None, 8000.0],
        ["svc-a", pd.Timestamp(MARCH), 1, 0, 0, None, None, None, None, None],
        ["svc-a", pd.Timestamp(APRIL), 1, 50, 25, 0.5, 1.0, 3.0, 75.0, None],
    ]


def test_quarters_weigh_months_by_their_requests_and_a_regency_reads_its_own_rows(connection):
    result = execute_query(connection, "service_performance_history", regency_code="51", period_unit="quarter",
                           service_id="svc-a")
    first, second = plain_rows(result)
    assert first[:5] == ["svc-a", pd.Timestamp(JANUARY), 3, 300, 210]
    assert first[5:] == pytest.approx([0.7, 0.9, (4 * 100 + 2 * 200) / 300, 80.0, (10000 * 100 + 8000 * 200) / 300])
    assert second == ["svc-a", pd.Timestamp(APRIL), 1, 50, 25, 0.5, 1.0, 3.0, 75.0, None]
    assert plain_rows(execute_query(connection, "service_performance_history", regency_code="51.01",
                                    period_unit="year", service_id="svc-a")) == [
        ["svc-a", pd.Timestamp(JANUARY), 1, 40, 40, 1.0, 1.0, 1.0, 90.0, 5000.0]]
    assert execute_query(connection, "service_performance_history", regency_code="51.01", period_unit="year",
                         service_id="svc-b").empty
