from datetime import date

from support.connectivity_rows import REGIONS, SIGNAL_SURVEYS

from smartisland.db import execute_query

COLUMNS = ["village_code", "village_name", "district_name", "regency_name", "population", "signal_tier", "source",
           "best_technology", "signal_quality"]


def test_each_village_takes_the_tier_of_its_latest_survey_by_any_source(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "signal_surveys": SIGNAL_SURVEYS})
    result = execute_query(connection, "coverage_village_tiers", region_code="51")
    rows = [tuple(None if value != value else value for value in row)
            for row in result[COLUMNS].itertuples(index=False)]
    assert rows == [
        ("51.01.01.2001", "Baluk", "Negara", "Kabupaten Jembrana", 3000, "weak", "bakti", "3g", "weak"),
        ("51.01.01.2002", "Banyubiru", "Negara", "Kabupaten Jembrana", 2000, "no_4g", "province", "3g", "good"),
        # Two sources on the same day: the later name in the alphabet (province) is the one kept.
        ("51.71.01.1001", "Sanur", "Denpasar Selatan", "Kota Denpasar", 9000, "good", "province", "4g", "good"),
        ("51.71.01.1002", "Sesetan", "Denpasar Selatan", "Kota Denpasar", 5000, None, None, None, None),
    ]
    assert [value.date() for value in result["surveyed_on"][:3]] == [date(2024, 7, 1), date(2025, 5, 1),
                                                                     date(2025, 5, 1)]


def test_a_district_lists_only_its_villages(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "signal_surveys": SIGNAL_SURVEYS})
    result = execute_query(connection, "coverage_village_tiers", region_code="51.01.01")
    assert list(result["village_name"]) == ["Baluk", "Banyubiru"]
