from datetime import date

from support.kpi_rows import REGIONS, rows, service_month

from smartisland.db import execute_query


def test_satisfaction_weighted_by_requests_over_services_reporting_it(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "service_monthly": [
            service_month("a", date(2024, 3, 1), requests_total=300, satisfaction_ikm=90.0),
            service_month("b", date(2024, 3, 1), requests_total=100, satisfaction_ikm=70.0),
            service_month("c", date(2024, 3, 1), requests_total=5000),  # no IKM reported: does not drag the mean
        ],
    })
    assert rows(execute_query(connection, "kpi_satisfaction")) == [("2024-03-31", 85.0)]
