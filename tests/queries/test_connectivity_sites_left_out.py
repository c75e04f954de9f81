from datetime import date

import pytest
from support.connectivity_rows import AS_OF, REGIONS, SIGNAL_SURVEYS, WIFI_POINTS

from smartisland.db import execute_query

COLUMNS = ["point_id", "category", "status", "village_name", "village_population", "signal_tier", "survey_source",
           "is_down", "has_poor_signal"]


def _rows(result):
    return [tuple(row) for row in result[COLUMNS].itertuples(index=False)]


@pytest.mark.calendar
def test_lists_sites_whose_point_is_down_or_whose_village_has_no_or_weak_signal(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS, "signal_surveys": SIGNAL_SURVEYS})
    result = execute_query(connection, "connectivity_sites_left_out", region_code="51", as_of=AS_OF)
    # wf-3 (good signal, active) is fine; wf-4 is a tourist site and decommissioned.
    assert _rows(result) == [
        ("wf-1", "desa_adat", "active", "Baluk", 3000, "weak", "bakti", False, True),
        ("wf-2", "puskesmas", "down", "Banyubiru", 2000, "no_4g", "province", True, False),
    ]
    assert [value.date() for value in result["surveyed_on"]] == [date(2024, 7, 1), date(2025, 5, 1)]


@pytest.mark.calendar
def test_uses_the_surveys_known_on_the_date(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS, "signal_surveys": SIGNAL_SURVEYS})
    result = execute_query(connection, "connectivity_sites_left_out", region_code="51", as_of=date(2024, 6, 15))
    assert _rows(result) == [("wf-2", "puskesmas", "down", "Banyubiru", 2000, "none", "province", True, True)]
    assert execute_query(connection, "connectivity_sites_left_out", region_code="51.71", as_of=AS_OF).empty
