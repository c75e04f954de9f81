from support.connectivity_rows import REGIONS

from smartisland.db import execute_query

STATIONS = [
    {"year": 2018, "region_code": "51", "base_stations": 1367, "source": "databoks"},
    {"year": 2022, "region_code": "51", "base_stations": 1550, "source": "sample (interpolated)"},
    {"year": 2021, "region_code": "51", "base_stations": 1536, "source": "databoks"},
    {"year": 2021, "region_code": "51.01", "base_stations": 90, "source": "operator"},
]


def test_the_regions_counts_by_year_with_their_sources(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "base_stations_yearly": STATIONS})
    rows = [tuple(row) for row in execute_query(connection, "base_stations_by_year", region_code="51").itertuples(
        index=False)]
    assert rows == [(2018, 1367, "databoks"), (2021, 1536, "databoks"), (2022, 1550, "sample (interpolated)")]
    assert execute_query(connection, "base_stations_by_year", region_code="51.71").empty
