import pytest
from support.connectivity_rows import AS_OF, BLANK_SPOT_SITES, REGIONS, SIGNAL_SURVEYS, WIFI_POINTS

from smartisland.db import execute_query

COLUMNS = ["item", "kind", "name", "village_name", "district_name", "category", "status", "stage", "is_late",
           "signal_tier", "total_rows"]
EVERY_ITEM = [
    ("point:wf-1", "wifi_point", "Wantilan Baluk", "Baluk", "Negara", "desa_adat", "active", None, False, None, 12),
    ("point:wf-2", "wifi_point", "Puskesmas Banyubiru", "Banyubiru", "Negara", "puskesmas", "down", None, False,
     None, 12),
    ("point:wf-3", "wifi_point", "SMA Negeri 1 Denpasar", "Sanur", "Denpasar Selatan", "school", "active", None,
     False, None, 12),
    # decommissioned points are on the map too (faded)
    ("point:wf-4", "wifi_point", "Pantai Sanur", "Sanur", "Denpasar Selatan", "tourist_site", "decommissioned", None,
     False, None, 12),
    # late sites first, then open ones by target date, then verified ones (as blank_spot_sites_list)
    ("site:bs-1", "blank_spot", "bs-1", "Baluk", "Negara", None, None, "identified", True, None, 12),
    ("site:bs-2", "blank_spot", "bs-2", "Banyubiru", "Negara", None, None, "planned", False, None, 12),
    ("site:bs-4", "blank_spot", "bs-4", "Sanur", "Denpasar Selatan", None, None, "built", False, None, 12),
    ("site:bs-3", "blank_spot", "bs-3", "Baluk", "Negara", None, None, "verified", False, None, 12),
    # each village's tier by its latest survey from any source; Sesetan was never surveyed
    ("village:51.01.01.2001", "village", "Baluk", "Baluk", "Negara", None, None, None, False, "weak", 12),
    ("village:51.01.01.2002", "village", "Banyubiru", "Banyubiru", "Negara", None, None, None, False, "no_4g", 12),
    ("village:51.71.01.1001", "village", "Sanur", "Sanur", "Denpasar Selatan", None, None, None, False, "good", 12),
    ("village:51.71.01.1002", "village", "Sesetan", "Sesetan", "Denpasar Selatan", None, None, None, False, None, 12),
]


@pytest.fixture
def connection(make_warehouse):
    return make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS, "blank_spot_sites": BLANK_SPOT_SITES,
                           "signal_surveys": SIGNAL_SURVEYS})


def _items(connection, region_code="51", with_points=True, with_sites=True, village_shading="tier", search="",
           limit=50, offset=0):
    result = execute_query(connection, "connectivity_map_items", region_code=region_code, as_of=AS_OF,
                           with_points=with_points, with_sites=with_sites, village_shading=village_shading,
                           search=search, limit=limit, offset=offset)
    return [tuple(None if value != value else value for value in row)  # NaN (a missing text) as None
            for row in result[COLUMNS].itertuples(index=False)]


@pytest.mark.calendar
def test_every_item_of_the_map_points_then_sites_then_villages_with_what_the_map_shows(connection):
    assert _items(connection) == EVERY_ITEM


@pytest.mark.calendar
def test_a_page_holds_limit_rows_from_the_offset_each_counting_every_item(connection):
    assert _items(connection, limit=5) == EVERY_ITEM[:5]
    assert _items(connection, limit=5, offset=5) == EVERY_ITEM[5:10]  # the second page
    assert _items(connection, limit=5, offset=10) == EVERY_ITEM[10:]  # the last, shorter
    assert _items(connection, limit=5, offset=15) == []


@pytest.mark.calendar
def test_the_layers_and_shading_choose_the_kinds_and_a_village_s_stage_is_its_least_advanced_site(connection):
    staged = _items(connection, "51.01", with_points=False, village_shading="stage")
    assert [(item, stage, total) for item, _, _, _, _, _, _, stage, _, _, total in staged] == [
        ("site:bs-1", "identified", 5), ("site:bs-2", "planned", 5), ("site:bs-3", "verified", 5),
        ("village:51.01.01.2001", "identified", 5),  # bs-1 identified, bs-3 verified: identified
        ("village:51.01.01.2002", "planned", 5)]
    assert [row[0] for row in _items(connection, "51.71", with_sites=False, village_shading="none")] == [
        "point:wf-3", "point:wf-4"]


@pytest.mark.calendar
def test_a_search_matches_the_name_village_or_district_in_any_case(connection):
    # named Sanur first (Pantai Sanur, the village), then in the village Sanur
    assert [(row[0], row[-1]) for row in _items(connection, search="sAnUr")] == [
        ("point:wf-4", 4), ("village:51.71.01.1001", 4), ("point:wf-3", 4), ("site:bs-4", 4)]
    # the district's name: every item in Denpasar Selatan, the one named so first (wf-3), the second page
    assert [(row[0], row[-1]) for row in _items(connection, search="denpasar")] == [
        ("point:wf-3", 5), ("point:wf-4", 5), ("site:bs-4", 5), ("village:51.71.01.1001", 5),
        ("village:51.71.01.1002", 5)]
    assert [row[0] for row in _items(connection, search="denpasar", limit=2, offset=2)] == [
        "site:bs-4", "village:51.71.01.1001"]
    # named "Banyubiru" first (the point, the village), then in the village Banyubiru (the site)
    assert [row[0] for row in _items(connection, search="banyubiru")] == [
        "point:wf-2", "village:51.01.01.2002", "site:bs-2"]
    assert [row[0] for row in _items(connection, search="puskesmas")] == ["point:wf-2"]
    assert _items(connection, search="%") == []  # a search is text, not a pattern
