"""Lists typed in SQL that the Python code also needs stay equal to their Python constants.

The shared lists have one home in SQL (queries/views/signal_tiers.sql, queries/views/survey_sources.sql,
queries/views/maturity_stages.sql, tested in their own files); these are the lists one query holds.
"""
import re
from datetime import date

import pytest
from support.connectivity_rows import REGIONS, WIFI_POINTS

from smartisland.config import QUERIES_DIR
from smartisland.connectivity.logic import LEFT_OUT_CATEGORIES
from smartisland.contract import BLANK_SPOT_STAGES, KPI_AREAS, WIFI_CATEGORIES
from smartisland.db import execute_query
from smartisland.spbe.index import PREDICATES


def test_the_blank_spot_pipeline_has_the_contracts_stages_in_order(make_warehouse):
    result = execute_query(make_warehouse({}), "blank_spot_pipeline", region_code="51")
    assert tuple(result["stage"]) == BLANK_SPOT_STAGES


@pytest.mark.calendar
def test_the_sites_left_out_are_of_the_categories_the_page_ranks(make_warehouse):
    down_everywhere = [point | {"point_id": f"wf-{category}", "category": category, "status": "down",
                                "decommissioned_on": None} for point in WIFI_POINTS[:1] for category in WIFI_CATEGORIES]
    connection = make_warehouse({"regions": REGIONS, "wifi_points": down_everywhere})
    result = execute_query(connection, "connectivity_sites_left_out", region_code="51", as_of=date(2026, 1, 1))
    assert sorted(result["category"]) == sorted(LEFT_OUT_CATEGORIES)


def test_the_kpi_catalog_is_ordered_by_the_contracts_areas():
    sql = (QUERIES_DIR / "kpi_definitions.sql").read_text(encoding="utf-8")
    ordered = re.findall(r"when '(\w+)' then (\d+)", sql)
    assert [area for area, _ in ordered] == list(KPI_AREAS[:len(ordered)])
    assert [int(rank) for _, rank in ordered] == list(range(1, len(ordered) + 1))


def test_baik_or_better_starts_where_the_spbe_rating_says():
    sql = (QUERIES_DIR / "kpi_spbe_regencies_baik.sql").read_text(encoding="utf-8")
    [threshold] = re.findall(r"index_value >= ([\d.]+)", sql)
    assert float(threshold) == dict((name, bound) for bound, name in PREDICATES)["Baik"]
