from datetime import date

from support.kpi_rows import REGIONS, rows, usage, wifi_point

from smartisland.db import execute_query


def test_mean_bandwidth_of_each_regencys_points_in_service_at_the_latest_month_end(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "wifi_points": [
            wifi_point("a", "51.01.01.2001", date(2024, 1, 15), bandwidth_mbps=50.0),
            wifi_point("b", "51.01.01.2002", date(2024, 1, 15), bandwidth_mbps=100.0),
            wifi_point("c", "51.01.01.2002", date(2024, 1, 1), decommissioned_on=date(2024, 2, 10),
                       bandwidth_mbps=10.0),  # gone by the latest month end: left out
            wifi_point("d", "51.71.01.1001", date(2024, 2, 1), bandwidth_mbps=20.0),
        ],
        "wifi_usage_monthly": [usage("a", date(2024, 3, 1), 99.0)],
    })
    assert rows(execute_query(connection, "kpi_wifi_bandwidth_by_regency")) == [
        ("51.01", "Kabupaten Jembrana", "2024-03-31", 75.0),
        ("51.71", "Kota Denpasar", "2024-03-31", 20.0),
    ]
