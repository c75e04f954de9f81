from support.connectivity_rows import REGIONS, WIFI_POINTS

from smartisland.db import execute_query


def _counts(connection, region_code, code_length):
    result = execute_query(connection, "wifi_point_counts_by_area", region_code=region_code, code_length=code_length)
    return [tuple(row) for row in result[["area_code", "points", "points_down"]].itertuples(index=False)]


def test_counts_points_not_decommissioned_and_those_down_per_district_or_regency(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    # wf-4 in Sanur is decommissioned: Denpasar Selatan counts only wf-3
    assert _counts(connection, "51", 8) == [("51.01.01", 2, 1), ("51.71.01", 1, 0)]
    assert _counts(connection, "51", 5) == [("51.01", 2, 1), ("51.71", 1, 0)]
    assert _counts(connection, "51.71", 8) == [("51.71.01", 1, 0)]
    assert _counts(connection, "51.71.01.1002", 8) == []  # Sesetan has no point
