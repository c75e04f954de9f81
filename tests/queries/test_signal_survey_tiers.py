from datetime import date

from support.kpi_rows import REGIONS, rows, survey


def test_each_survey_gets_its_signal_tier(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "signal_surveys": [
            survey("51.01.01.2001", date(2024, 1, 1), "none", "none"),
            survey("51.01.01.2001", date(2024, 2, 1), "4g", "none"),  # no signal whatever the technology
            survey("51.01.01.2002", date(2024, 1, 1), "4g", "weak"),
            survey("51.71.01.1001", date(2024, 1, 1), "3g", "good"),
            survey("51.71.01.1001", date(2024, 2, 1), "5g", "good", source="bakti"),
        ],
    })
    result = connection.execute("select village_code, surveyed_on, source, signal_tier from signal_survey_tiers "
                                "order by village_code, surveyed_on").df()
    assert rows(result) == [
        ("51.01.01.2001", "2024-01-01", "province", "none"),
        ("51.01.01.2001", "2024-02-01", "province", "none"),
        ("51.01.01.2002", "2024-01-01", "province", "weak"),
        ("51.71.01.1001", "2024-01-01", "province", "no_4g"),
        ("51.71.01.1001", "2024-02-01", "bakti", "good"),
    ]
