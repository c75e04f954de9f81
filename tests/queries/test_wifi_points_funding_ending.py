import pytest
from support.connectivity_rows import AS_OF, REGIONS, WIFI_POINTS

from smartisland.db import execute_query

COLUMNS = ["point_id", "site_name", "status", "village_name", "funding_source", "days_left", "is_funding_ended"]


def _rows(result):
    return [tuple(row) for row in result[COLUMNS].itertuples(index=False)]


@pytest.mark.calendar
def test_lists_points_whose_funding_ended_or_ends_within_the_window(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    result = execute_query(connection, "wifi_points_funding_ending", region_code="51", as_of=AS_OF, months=3)
    # wf-3 has no end date and wf-4 is decommissioned: neither is listed.
    assert _rows(result) == [
        ("wf-1", "Wantilan Baluk", "active", "Baluk", "province", -669, True),
        ("wf-2", "Puskesmas Banyubiru", "down", "Banyubiru", "regency", 61, False),
    ]


@pytest.mark.calendar
def test_a_zero_month_window_lists_only_funding_already_ended(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    result = execute_query(connection, "wifi_points_funding_ending", region_code="51", as_of=AS_OF, months=0)
    assert _rows(result) == [("wf-1", "Wantilan Baluk", "active", "Baluk", "province", -669, True)]
    assert execute_query(connection, "wifi_points_funding_ending", region_code="51.71", as_of=AS_OF,
                         months=12).empty
