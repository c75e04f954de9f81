from datetime import date

from support.connectivity_rows import REGIONS, SIGNAL_SURVEYS
from support.kpi_rows import rows

QUERY = ("select village_code, source, surveyed_on, signal_tier from village_latest_survey($day) "
         "order by village_code")


def test_the_latest_survey_by_any_source_the_last_source_alphabetically_on_a_tie(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "signal_surveys": SIGNAL_SURVEYS})
    assert rows(connection.execute(QUERY, {"day": None}).df()) == [
        ("51.01.01.2001", "bakti", "2024-07-01", "weak"),
        ("51.01.01.2002", "province", "2025-05-01", "no_4g"),
        ("51.71.01.1001", "province", "2025-05-01", "good"),  # operator surveyed the same day
    ]


def test_as_of_a_day(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "signal_surveys": SIGNAL_SURVEYS})
    assert rows(connection.execute(QUERY, {"day": date(2024, 6, 30)}).df()) == [
        ("51.01.01.2001", "province", "2024-06-01", "good"),
        ("51.01.01.2002", "province", "2023-05-01", "none"),
    ]
