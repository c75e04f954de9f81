from datetime import date

from support.connectivity_rows import REGIONS, SIGNAL_SURVEYS
from support.kpi_rows import rows

QUERY = ("select village_code, source, surveyed_on, best_technology, signal_quality, signal_tier "
         "from latest_surveys($day) order by village_code, source")


def test_each_sources_latest_survey_of_each_village(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "signal_surveys": SIGNAL_SURVEYS})
    assert rows(connection.execute(QUERY, {"day": None}).df()) == [
        ("51.01.01.2001", "bakti", "2024-07-01", "3g", "weak", "weak"),
        ("51.01.01.2001", "province", "2024-06-01", "4g", "good", "good"),
        ("51.01.01.2002", "province", "2025-05-01", "3g", "good", "no_4g"),
        ("51.71.01.1001", "operator", "2025-05-01", "5g", "good", "good"),
        ("51.71.01.1001", "province", "2025-05-01", "4g", "good", "good"),
    ]


def test_as_of_a_day_later_surveys_are_not_seen(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "signal_surveys": SIGNAL_SURVEYS})
    assert rows(connection.execute(QUERY, {"day": date(2024, 6, 30)}).df()) == [
        ("51.01.01.2001", "province", "2024-06-01", "4g", "good", "good"),
        ("51.01.01.2002", "province", "2023-05-01", "none", "none", "none"),
    ]
