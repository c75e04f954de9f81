from datetime import date

from support.kpi_rows import REGIONS, rows, survey

from smartisland.db import execute_query


def test_share_of_each_regencys_villages_with_good_4g_at_the_latest_province_round(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "signal_surveys": [
            survey("51.01.01.2001", date(2022, 5, 1), "4g", "good"),
            survey("51.01.01.2002", date(2022, 6, 1), "3g", "good"),
            survey("51.71.01.1001", date(2022, 6, 2), "4g", "good"),
            survey("51.71.01.1001", date(2023, 8, 1), "4g", "weak"),  # 2023 round: Sesetan worse
            survey("51.01.01.2002", date(2023, 9, 1), "4g", "good", source="bakti"),  # another source: ignored
        ],
    })
    assert rows(execute_query(connection, "kpi_villages_good_4g_by_regency")) == [
        ("51.01", "Kabupaten Jembrana", "2023-08-01", 50.0),
        ("51.71", "Kota Denpasar", "2023-08-01", 0.0),
    ]


def test_no_province_survey_no_rows(make_warehouse):
    connection = make_warehouse({"regions": REGIONS,
                                 "signal_surveys": [survey("51.01.01.2001", date(2022, 5, 1), "4g", "good", "bakti")]})
    assert rows(execute_query(connection, "kpi_villages_good_4g_by_regency")) == []
