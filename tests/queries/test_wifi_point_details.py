from datetime import date

from support.connectivity_rows import REGIONS, WIFI_POINTS

from smartisland.db import execute_query

COLUMNS = ["point_id", "site_name", "category", "status", "bandwidth_mbps", "funding_source", "village_code",
           "village_name", "district_name", "regency_name"]


def test_one_point_with_its_place_decommissioned_or_not_and_none_for_an_unknown_id(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    result = execute_query(connection, "wifi_point_details", point_id="wf-4")
    assert [tuple(row) for row in result[COLUMNS].itertuples(index=False)] == [
        ("wf-4", "Pantai Sanur", "tourist_site", "decommissioned", 10, "province", "51.71.01.1001", "Sanur",
         "Denpasar Selatan", "Kota Denpasar")]
    assert result["decommissioned_on"].iloc[0].date() == date(2021, 12, 31)
    assert result["funded_until"].iloc[0].date() == date(2021, 12, 31)
    assert execute_query(connection, "wifi_point_details", point_id="wf-3")["funded_until"].isna().tolist() == [True]
    assert execute_query(connection, "wifi_point_details", point_id="wf-9").empty
