from datetime import date

from support.kpi_rows import REGIONS, rows, service_month

from smartisland.db import execute_query


def test_completed_share_over_services_reporting_both_figures(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "service_monthly": [
            service_month("a", date(2024, 1, 1), requests_total=100, completed=90),
            service_month("b", date(2024, 1, 1), requests_total=100, completed=70),
            service_month("c", date(2024, 1, 1), requests_total=800),  # reports no completions: left out
        ],
    })
    assert rows(execute_query(connection, "kpi_completion_rate")) == [("2024-01-31", 80.0)]
