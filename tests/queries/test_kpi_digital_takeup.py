from datetime import date

from support.kpi_rows import REGIONS, rows, service_month

from smartisland.db import execute_query


def test_online_share_over_services_reporting_both_figures(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "service_monthly": [
            service_month("a", date(2024, 1, 1), requests_total=100, requests_online=80),
            service_month("b", date(2024, 1, 1), requests_total=300, requests_online=60),
            service_month("c", date(2024, 1, 1), requests_total=1000),  # does not report online requests
            service_month("a", date(2024, 1, 1), "51.01", requests_total=50, requests_online=0),  # a regency row
            service_month("a", date(2024, 2, 1), requests_total=0, requests_online=0),  # nothing to divide
            service_month("a", date(2024, 3, 1), requests_total=10, requests_online=5),
        ],
    })
    assert rows(execute_query(connection, "kpi_digital_takeup")) == [("2024-01-31", 35.0), ("2024-03-31", 50.0)]
