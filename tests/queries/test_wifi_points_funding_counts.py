import pytest
from support.connectivity_rows import AS_OF, REGIONS, WIFI_POINTS

from smartisland.db import execute_query


def _counts(connection, region_code, months):
    result = execute_query(connection, "wifi_points_funding_counts", region_code=region_code, as_of=AS_OF,
                           months=months)
    return [tuple(row) for row in result[["funding_ended", "funding_ending"]].itertuples(index=False)]


@pytest.mark.calendar
def test_counts_the_points_whose_funding_ended_and_those_ending_within_the_window(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    # wf-1 ended at the end of 2024; wf-2 ends in 61 days; wf-3 has no end date; wf-4 is decommissioned.
    assert _counts(connection, "51", 3) == [(1, 1)]
    assert _counts(connection, "51", 1) == [(1, 0)]  # wf-2 ends after a one-month window
    assert _counts(connection, "51", 0) == [(1, 0)]
    assert _counts(connection, "51.01.01.2002", 12) == [(0, 1)]
    assert _counts(connection, "51.71", 12) == [(0, 0)]  # one row of zeros, never none
