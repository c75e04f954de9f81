from support.connectivity_rows import BLANK_SPOT_SITES, REGIONS

from smartisland.db import execute_query


def _rows(result):
    return [tuple(row) for row in result.itertuples(index=False)]


def test_counts_sites_at_each_stage_and_sites_that_reached_it(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "blank_spot_sites": BLANK_SPOT_SITES})
    assert _rows(execute_query(connection, "blank_spot_pipeline", region_code="51")) == [
        ("identified", 1, 1, 4),
        ("proposed", 2, 0, 3),
        ("planned", 3, 1, 3),
        ("built", 4, 1, 2),
        ("verified", 5, 1, 1),
    ]


def test_every_stage_appears_even_without_sites(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "blank_spot_sites": BLANK_SPOT_SITES})
    assert _rows(execute_query(connection, "blank_spot_pipeline", region_code="51.71")) == [
        ("identified", 1, 0, 1),
        ("proposed", 2, 0, 1),
        ("planned", 3, 0, 1),
        ("built", 4, 1, 1),
        ("verified", 5, 0, 0),
    ]
