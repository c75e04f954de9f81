from datetime import date

from support.kpi_rows import REGIONS, rows, usage, wifi_point

from smartisland.db import execute_query


def test_change_in_points_in_service_per_regency_over_the_last_twelve_month_ends(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "wifi_points": [
            wifi_point("a", "51.01.01.2001", date(2023, 1, 15)),
            wifi_point("b", "51.01.01.2002", date(2023, 1, 15), decommissioned_on=date(2023, 12, 1)),  # lost
            wifi_point("c", "51.01.01.2002", date(2023, 1, 15), decommissioned_on=date(2023, 5, 1)),  # before
            wifi_point("d", "51.71.01.1001", date(2024, 3, 1)),  # gained
        ],
        "wifi_usage_monthly": [usage("a", date(2024, 4, 1), 99.0)],  # the data runs to April 2024
    })
    # The window: 31 May 2023 to 30 April 2024.
    assert rows(execute_query(connection, "kpi_wifi_points_active_by_regency")) == [
        ("51.01", "Kabupaten Jembrana", "2024-04-30", -1.0),
        ("51.71", "Kota Denpasar", "2024-04-30", 1.0),
    ]


def test_no_points_no_rows(make_warehouse):
    assert rows(execute_query(make_warehouse({"regions": REGIONS}), "kpi_wifi_points_active_by_regency")) == []
