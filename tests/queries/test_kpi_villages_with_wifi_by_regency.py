from datetime import date

from support.kpi_rows import REGIONS, rows, usage, wifi_point

from smartisland.db import execute_query


def test_share_per_regency_at_the_latest_month_end(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "wifi_points": [
            wifi_point("a", "51.01.01.2001", date(2024, 1, 15)),
            wifi_point("b", "51.71.01.1001", date(2024, 1, 1), decommissioned_on=date(2024, 2, 10)),
        ],
        "wifi_usage_monthly": [usage("a", date(2024, 3, 1), 99.0)],
    })
    assert rows(execute_query(connection, "kpi_villages_with_wifi_by_regency")) == [
        ("51.01", "Kabupaten Jembrana", "2024-03-31", 50.0),
        ("51.71", "Kota Denpasar", "2024-03-31", 0.0),
    ]
