from datetime import date

from support.kpi_rows import REGIONS, rows, survey

from smartisland.db import execute_query


def test_blank_spot_villages_per_regency_including_zero(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "signal_surveys": [
            survey("51.01.01.2001", date(2020, 5, 1), "none", "none"),
            survey("51.01.01.2002", date(2020, 6, 1), "none", "none"),
            survey("51.01.01.2001", date(2021, 3, 1), "4g", "weak"),
        ],
    })
    assert rows(execute_query(connection, "kpi_blank_spot_villages_by_regency")) == [
        ("51.01", "Kabupaten Jembrana", "2021-03-01", 1.0),
        ("51.71", "Kota Denpasar", "2021-03-01", 0.0),
    ]
