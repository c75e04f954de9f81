from datetime import date

from support.kpi_rows import REGIONS, rows, survey

from smartisland.db import execute_query


def test_villages_without_signal_per_province_round(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "signal_surveys": [
            survey("51.01.01.2001", date(2020, 5, 1), "none", "none"),
            survey("51.01.01.2002", date(2020, 6, 1), "none", "none"),
            survey("51.71.01.1001", date(2020, 6, 2), "4g", "good"),
            survey("51.01.01.2001", date(2021, 3, 1), "4g", "weak"),
            survey("51.71.01.1001", date(2021, 3, 1), "none", "none", source="crowd"),  # not the province's count
        ],
    })
    assert rows(execute_query(connection, "kpi_blank_spot_villages")) == [("2020-06-02", 2.0), ("2021-03-01", 1.0)]
