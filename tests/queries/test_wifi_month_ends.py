from datetime import date

from support.kpi_rows import REGIONS, rows, usage, wifi_point


def test_month_ends_from_the_first_installation_to_the_latest_wifi_data(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "wifi_points": [wifi_point("a", "51.01.01.2001", date(2024, 1, 15)),
                        wifi_point("b", "51.01.01.2002", date(2023, 11, 3), decommissioned_on=date(2024, 2, 1))],
        "wifi_usage_monthly": [usage("a", date(2024, 3, 1), 99.0)],
    })
    result = connection.execute("select month_end from wifi_month_ends order by month_end").df()
    assert rows(result) == [("2023-11-30",), ("2023-12-31",), ("2024-01-31",), ("2024-02-29",), ("2024-03-31",)]


def test_no_points_no_month_ends(make_warehouse):
    connection = make_warehouse({"regions": REGIONS})
    assert connection.execute("select count(*) from wifi_month_ends").fetchone()[0] == 0
