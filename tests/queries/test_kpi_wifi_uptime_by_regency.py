from datetime import date

from support.kpi_rows import REGIONS, rows, usage, wifi_point

from smartisland.db import execute_query


def test_mean_uptime_per_regency_in_the_latest_month_with_reports(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "wifi_points": [wifi_point("a", "51.01.01.2001", date(2023, 1, 1)),
                        wifi_point("b", "51.01.01.2002", date(2023, 1, 1)),
                        wifi_point("c", "51.71.01.1001", date(2023, 1, 1))],
        "wifi_usage_monthly": [usage("a", date(2023, 1, 1), 10.0),  # an earlier month: not the latest
                               usage("a", date(2023, 2, 1), 99.0), usage("b", date(2023, 2, 1), 95.0),
                               usage("c", date(2023, 2, 1), None),  # reports no uptime: Denpasar has no value
                               usage("c", date(2023, 1, 1), 50.0)],
    })
    assert rows(execute_query(connection, "kpi_wifi_uptime_by_regency")) == [
        ("51.01", "Kabupaten Jembrana", "2023-02-28", 97.0)]
