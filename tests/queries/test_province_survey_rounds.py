from datetime import date

from support.kpi_rows import REGIONS, rows, survey


def test_each_round_holds_every_village_surveyed_by_then_with_its_latest_tier(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "signal_surveys": [
            survey("51.01.01.2001", date(2020, 5, 1), "none", "none"),
            survey("51.01.01.2002", date(2020, 6, 1), "3g", "good"),
            survey("51.01.01.2001", date(2021, 3, 1), "4g", "good"),
            survey("51.71.01.1001", date(2021, 3, 1), "none", "none", source="crowd"),  # not the province's
        ],
    })
    result = connection.execute("select * from province_survey_rounds order by period_end, village_code").df()
    assert rows(result) == [
        ("2020-06-01", "51.01.01.2001", "none"), ("2020-06-01", "51.01.01.2002", "no_4g"),
        ("2021-03-01", "51.01.01.2001", "good"), ("2021-03-01", "51.01.01.2002", "no_4g"),
    ]
