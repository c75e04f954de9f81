from datetime import date

from support.kpi_rows import REGIONS, rows, wifi_point

from smartisland.db import execute_query


def test_share_of_villages_with_an_active_point(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "wifi_points": [
            wifi_point("a", "51.01.01.2001", date(2024, 1, 15)),
            wifi_point("a2", "51.01.01.2001", date(2024, 1, 20)),  # a second point in the same village
            wifi_point("b", "51.71.01.1001", date(2024, 2, 1), decommissioned_on=date(2024, 3, 5)),
            wifi_point("c", "51.01.01.2002", date(2024, 3, 1)),
        ],
    })
    assert rows(execute_query(connection, "kpi_villages_with_wifi")) == [
        ("2024-01-31", 33.3333), ("2024-02-29", 66.6667), ("2024-03-31", 66.6667)]
