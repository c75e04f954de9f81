from datetime import date

from support.kpi_rows import REGIONS, rows, usage, wifi_point

from smartisland.db import execute_query


def test_points_active_at_each_month_end(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "wifi_points": [
            wifi_point("a", "51.01.01.2001", date(2024, 1, 15)),
            wifi_point("b", "51.01.01.2002", date(2024, 2, 29)),  # on the month end: counts
            wifi_point("c", "51.71.01.1001", date(2024, 1, 1), decommissioned_on=date(2024, 2, 10)),
        ],
        "wifi_usage_monthly": [usage("a", date(2024, 4, 1), 99.0)],  # the data runs to April
    })
    assert rows(execute_query(connection, "kpi_wifi_points_active")) == [
        ("2024-01-31", 2.0), ("2024-02-29", 2.0), ("2024-03-31", 2.0), ("2024-04-30", 2.0)]


def test_no_points_no_rows(make_warehouse):
    assert rows(execute_query(make_warehouse({"regions": REGIONS}), "kpi_wifi_points_active")) == []
