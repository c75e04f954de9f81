"""Every KPI's method and regional method in the catalog names a query that gives what the pages read."""
import csv

import duckdb
import pytest

from smartisland.config import QUERIES_DIR
from smartisland.db import caller_parameters, execute_query, query_names, query_text
from smartisland.kpis.scorecard import MANUAL

CATALOG = QUERIES_DIR.parent / "provinces" / "51" / "reference" / "kpis.csv"
with CATALOG.open(encoding="utf-8-sig") as handle:
    KPIS = list(csv.DictReader(handle))
METHODS = sorted({row["method"] for row in KPIS if row["method"] != MANUAL})
REGIONAL_METHODS = sorted({row["regional_method"] for row in KPIS if row["regional_method"]})
# The trajectory and the scorecard read period_end and value; the regencies compared (app_pages/overview.py,
# smartisland/kpis/charts.py regional_figure and regional_table) read a regency's code and name too.
COLUMNS = ["period_end", "value"]
REGIONAL_COLUMNS = ["region_code", "name", "period_end", "value"]


@pytest.fixture(scope="module")
def sample(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        yield connection


def test_the_catalog_names_methods_and_regional_methods():
    assert len(METHODS) == 12 and len(REGIONAL_METHODS) == 10
    assert {row["method"] for row in KPIS} - set(METHODS) == {MANUAL}


@pytest.mark.parametrize("method", METHODS)
def test_a_method_is_a_query_without_parameters_that_gives_period_end_and_value(sample, method):
    assert method in query_names()
    assert caller_parameters(query_text(method)) == set()
    result = execute_query(sample, method)
    assert list(result.columns[:2]) == COLUMNS
    assert not result.empty
    assert result["period_end"].notna().all() and not result["period_end"].duplicated().any()


@pytest.mark.parametrize("method", REGIONAL_METHODS)
def test_a_regional_method_gives_each_regency_once_with_a_value(sample, method):
    assert method in query_names()
    assert caller_parameters(query_text(method)) == set()
    result = execute_query(sample, method)
    assert list(result.columns) == REGIONAL_COLUMNS
    assert not result.empty
    assert result["region_code"].str.fullmatch(r"51\.\d\d").all() and not result["region_code"].duplicated().any()
    assert result["name"].notna().all() and result["period_end"].nunique() == 1


def test_manual_values_give_period_end_and_value_too(sample):
    result = execute_query(sample, "kpi_manual_values", kpi_id="imdi")
    assert list(result.columns[:2]) == COLUMNS and not result.empty
