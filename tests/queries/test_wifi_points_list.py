from datetime import date

from support.connectivity_rows import REGIONS, WIFI_POINTS

from smartisland.db import execute_query


def test_lists_the_regions_points_with_their_places_decommissioned_ones_included(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    result = execute_query(connection, "wifi_points_list", region_code="51.71")
    columns = ["point_id", "site_name", "category", "status", "bandwidth_mbps", "funding_source", "village_name",
               "district_name", "regency_name"]
    assert [tuple(row) for row in result[columns].itertuples(index=False)] == [
        ("wf-3", "SMA Negeri 1 Denpasar", "school", "active", 50, "regency", "Sanur", "Denpasar Selatan",
         "Kota Denpasar"),
        ("wf-4", "Pantai Sanur", "tourist_site", "decommissioned", 10, "province", "Sanur", "Denpasar Selatan",
         "Kota Denpasar"),
    ]
    assert result["funded_until"].isna().tolist() == [True, False]
    assert result["decommissioned_on"].iloc[1].date() == date(2021, 12, 31)
    assert len(execute_query(connection, "wifi_points_list", region_code="51")) == 4
