from datetime import date

from support.kpi_rows import REGIONS, rows, usage, wifi_point

from smartisland.db import execute_query


def test_mean_uptime_per_month_over_points_reporting_it(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "wifi_points": [wifi_point("a", "51.01.01.2001", date(2023, 1, 1)),
                        wifi_point("b", "51.01.01.2002", date(2023, 1, 1))],
        "wifi_usage_monthly": [usage("a", date(2023, 1, 1), 99.0), usage("b", date(2023, 1, 1), 95.0),
                               usage("a", date(2023, 2, 1), 90.0), usage("b", date(2023, 2, 1), None)],
    })
    assert rows(execute_query(connection, "kpi_wifi_uptime")) == [("2023-01-31", 97.0), ("2023-02-28", 90.0)]
