from datetime import date

from support.kpi_rows import REGIONS, rows, usage, wifi_point

from smartisland.db import execute_query


def test_mean_bandwidth_of_points_active_at_the_latest_month_end(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "wifi_points": [
            wifi_point("a", "51.01.01.2001", date(2023, 1, 15), bandwidth_mbps=50.0),
            wifi_point("b", "51.01.01.2002", date(2023, 2, 1), bandwidth_mbps=100.0),
            wifi_point("c", "51.71.01.1001", date(2023, 1, 1), decommissioned_on=date(2023, 2, 10),
                       bandwidth_mbps=10.0),
        ],
        "wifi_usage_monthly": [usage("a", date(2023, 6, 1), 99.0)],
    })
    assert rows(execute_query(connection, "kpi_wifi_bandwidth")) == [("2023-06-30", 75.0)]
