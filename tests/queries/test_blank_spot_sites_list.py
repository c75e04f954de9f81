from datetime import date

import pytest
from support.connectivity_rows import AS_OF, BLANK_SPOT_SITES, REGIONS

from smartisland.db import execute_query

COLUMNS = ["site_id", "village_name", "district_name", "regency_name", "stage", "solution", "owner", "is_late"]


@pytest.mark.calendar
def test_lists_late_sites_first_then_open_ones_by_target_then_verified_ones(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "blank_spot_sites": BLANK_SPOT_SITES})
    result = execute_query(connection, "blank_spot_sites_list", region_code="51", as_of=AS_OF)
    assert [tuple(row) for row in result[COLUMNS].itertuples(index=False)] == [
        ("bs-1", "Baluk", "Negara", "Kabupaten Jembrana", "identified", "vsat", "Diskominfos Bali", True),
        ("bs-2", "Banyubiru", "Negara", "Kabupaten Jembrana", "planned", "bts", "BAKTI Kominfo", False),
        ("bs-4", "Sanur", "Denpasar Selatan", "Kota Denpasar", "built", "fiber", "Telkomsel", False),
        ("bs-3", "Baluk", "Negara", "Kabupaten Jembrana", "verified", "bts", "Telkomsel", False),
    ]
    assert result["target_date"].iloc[0].date() == date(2026, 6, 30)


@pytest.mark.calendar
def test_lateness_depends_on_the_date(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "blank_spot_sites": BLANK_SPOT_SITES})
    result = execute_query(connection, "blank_spot_sites_list", region_code="51.01", as_of=date(2026, 1, 1))
    assert list(result["site_id"]) == ["bs-1", "bs-2", "bs-3"]
    assert not result["is_late"].any()
