from datetime import date

import pandas as pd
import pytest
from support.service_rows import figures, plain_rows

from smartisland.db import execute_query

JANUARY, FEBRUARY = date(2025, 1, 1), date(2025, 2, 1)


def service(service_id, launched_on):
    return {"service_id": service_id, "name_id": service_id, "name_en": service_id, "agency": "Diskominfos",
            "maturity_stage": 1, "is_integrated": True, "launched_on": launched_on, "is_in_article": False}


@pytest.fixture
def connection(make_warehouse):
    # svc-b reports neither online requests, median days nor cost in January: it must not drag those totals.
    # In February it reports median days and IKM without requests, which cannot be weighted.
    return make_warehouse({
        "services": [service("svc-a", date(2025, 1, 15)), service("svc-b", date(2024, 6, 1)),
                     service("svc-c", date(2025, 2, 10)), service("svc-d", None)],
        "service_monthly": [
            figures("svc-a", JANUARY, 100, 60, 90, 4.0, 80.0, 10000.0),
            figures("svc-b", JANUARY, 300, None, 150, None, 60.0, None),
            figures("svc-a", FEBRUARY, 200, 150, 180, 2.0, None, 8000.0),
            figures("svc-b", FEBRUARY, None, None, None, 5.0, 70.0, None),
            figures("svc-a", JANUARY, 40, 40, 40, 1.0, 90.0, 5000.0, regency_code="51.01"),
        ],
    })


COLUMNS = ["period_start", "service_count", "last_month", "requests_total", "services_reporting_requests", "digital_take_up",
           "services_reporting_take_up", "completion_rate", "services_reporting_completion", "median_days",
           "services_reporting_median_days", "satisfaction_ikm", "services_reporting_satisfaction",
           "cost_per_transaction_idr", "services_reporting_cost"]


def rows(result):
    assert list(result.columns) == COLUMNS
    return plain_rows(result)


def test_monthly_totals_weigh_only_the_services_that_report_each_figure(connection):
    result = execute_query(connection, "services_totals_by_period", regency_code="51", period_unit="month")
    assert rows(result) == [
        # Take-up 60/100 (not 60/400), median days 4 (svc-b's missing figure is not a 0), IKM (80*100+60*300)/400.
        [pd.Timestamp(JANUARY), 3, pd.Timestamp(JANUARY), 400, 2, 0.6, 1, 0.6, 2, 4.0, 1, 65.0, 2, 10000.0, 1],
        # svc-b's median days and IKM come without requests: left out, and svc-b does not count as reporting.
        [pd.Timestamp(FEBRUARY), 4, pd.Timestamp(FEBRUARY), 200, 1, 0.75, 1, 0.9, 1, 2.0, 1, None, 0, 8000.0, 1],
    ]


def test_quarterly_totals_weigh_each_month_by_its_requests(connection):
    result = execute_query(connection, "services_totals_by_period", regency_code="51", period_unit="quarter")
    [row] = rows(result)
    assert row[:5] == [pd.Timestamp(JANUARY), 4, pd.Timestamp(FEBRUARY), 600, 2]
    assert row[5:] == pytest.approx([210 / 300, 1, 420 / 600, 2, (4 * 100 + 2 * 200) / 300, 1, 65.0, 2,
                                     (10000 * 100 + 8000 * 200) / 300, 1])


def test_a_regency_reads_only_its_own_rows(connection):
    result = execute_query(connection, "services_totals_by_period", regency_code="51.01", period_unit="month")
    assert rows(result) == [[pd.Timestamp(JANUARY), 3, pd.Timestamp(JANUARY), 40, 1, 1.0, 1, 1.0, 1, 1.0, 1, 90.0, 1, 5000.0, 1]]
