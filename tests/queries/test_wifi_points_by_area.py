from datetime import date

import pytest
from support.connectivity_rows import AS_OF, REGIONS, WIFI_POINTS

from smartisland.db import execute_query


def _rows(result):
    return [tuple(row) for row in result.itertuples(index=False)]


@pytest.mark.calendar
def test_the_province_is_split_by_regency_and_category(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    assert _rows(execute_query(connection, "wifi_points_by_area", region_code="51", as_of=AS_OF)) == [
        ("51.01", "Kabupaten Jembrana", "desa_adat", 1, 0),
        ("51.01", "Kabupaten Jembrana", "puskesmas", 1, 1),
        ("51.71", "Kota Denpasar", "school", 1, 0),
    ]


@pytest.mark.calendar
def test_earlier_dates_count_points_since_decommissioned_and_not_yet_installed(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    assert _rows(execute_query(connection, "wifi_points_by_area", region_code="51", as_of=date(2020, 1, 1))) == [
        ("51.01", "Kabupaten Jembrana", "desa_adat", 1, 0),
        ("51.01", "Kabupaten Jembrana", "puskesmas", 1, 1),
        ("51.71", "Kota Denpasar", "tourist_site", 1, 0),
    ]


@pytest.mark.calendar
def test_a_regency_is_split_by_district_and_a_district_by_village(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    assert _rows(execute_query(connection, "wifi_points_by_area", region_code="51.71", as_of=AS_OF)) == [
        ("51.71.01", "Denpasar Selatan", "school", 1, 0),
    ]
    assert _rows(execute_query(connection, "wifi_points_by_area", region_code="51.01.01", as_of=AS_OF)) == [
        ("51.01.01.2001", "Baluk", "desa_adat", 1, 0),
        ("51.01.01.2002", "Banyubiru", "puskesmas", 1, 1),
    ]
