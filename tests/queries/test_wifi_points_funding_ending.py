import pytest
from support.connectivity_rows import AS_OF, REGIONS, WIFI_POINTS

from smartisland.db import execute_query

COLUMNS = ["point_id", "site_name", "status", "village_name", "funding_source", "days_left", "is_funding_ended"]
WANTILAN = ("wf-1", "Wantilan Baluk", "active", "Baluk", "province", -669, True)
PUSKESMAS = ("wf-2", "Puskesmas Banyubiru", "down", "Banyubiru", "regency", 61, False)


def _rows(result):
    return [tuple(row) for row in result[COLUMNS].itertuples(index=False)]


def _page(connection, limit, offset, months=3, region_code="51"):
    return execute_query(connection, "wifi_points_funding_ending", region_code=region_code, as_of=AS_OF,
                         months=months, limit=limit, offset=offset)


@pytest.mark.calendar
def test_lists_points_whose_funding_ended_or_ends_within_the_window(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    # wf-3 has no end date and wf-4 is decommissioned: neither is listed.
    assert _rows(_page(connection, 50, 0)) == [WANTILAN, PUSKESMAS]


@pytest.mark.calendar
def test_a_page_holds_limit_rows_from_the_offset_the_earliest_end_first(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    assert _rows(_page(connection, 1, 0)) == [WANTILAN]
    assert _rows(_page(connection, 1, 1)) == [PUSKESMAS]  # the second page
    assert _page(connection, 1, 2).empty  # past the last row


@pytest.mark.calendar
def test_a_zero_month_window_lists_only_funding_already_ended(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    assert _rows(_page(connection, 50, 0, months=0)) == [WANTILAN]
    assert _page(connection, 50, 0, months=12, region_code="51.71").empty
