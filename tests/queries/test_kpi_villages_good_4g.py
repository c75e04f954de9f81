from datetime import date

from support.kpi_rows import REGIONS, rows, survey

from smartisland.db import execute_query


def test_share_of_villages_with_good_4g_per_province_round(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "signal_surveys": [
            survey("51.01.01.2001", date(2022, 5, 1), "4g", "good"),
            survey("51.01.01.2002", date(2022, 6, 1), "3g", "good"),
            survey("51.71.01.1001", date(2022, 6, 2), "4g", "weak"),
            survey("51.01.01.2002", date(2023, 8, 1), "5g", "good"),  # 2023 round: only one village resurveyed
            survey("51.71.01.1001", date(2023, 9, 1), "4g", "good", source="bakti"),  # another source: ignored
        ],
    })
    assert rows(execute_query(connection, "kpi_villages_good_4g")) == [
        ("2022-06-02", 33.3333), ("2023-08-01", 66.6667)]
