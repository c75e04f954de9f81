"""Every query and shared view states its grain (`-- Grain: ...`), and the sample warehouse holds to it."""
from datetime import date
from itertools import product

import duckdb
import pytest
from support.grain import assert_grain

from smartisland.config import QUERIES_DIR
from smartisland.db import caller_parameters, execute_query, query_names, query_text
from smartisland.warehouse import MACRO_ARGUMENTS

VIEW_PATHS = sorted((QUERIES_DIR / "views").glob("*.sql"))

# The values each parameter is tried with on the sample warehouse; every combination must hold to the grain.
PARAMETERS = {
    "region_code": ["51", "51.71", "51.03.01"],
    "as_of": [date(2026, 11, 28), date(2022, 6, 30)],
    "months": [12],
    "limit": [50],
    "with_points": [True, False],
    "with_sites": [True],
    "village_shading": ["tier", "stage", "none"],
    "search": ["", "sanur"],
    "code_length": [5, 8],
    "point_id": ["wifi-0001", "nothing"],
    "offset": [0, 50],
    "regency_code": ["51", "51.71"],
    "period_unit": ["month", "quarter", "year"],
    "period_start": [date(2025, 1, 1)],
    "service_id": ["", "svc-bali", "svc-planning_budgeting"],
    "kpi_id": ["imdi"],
    "include_internal": [True, False],
    "measure": ["spbe_index", "imdi"],
    "province_code": ["51", "52"],
    # table macros
    "day": [None, date(2024, 6, 30)],
}

# Queries of a dataset the sample leaves empty on purpose: their own test files check the grain on tiny rows; the
# digest's record is empty until a digest is sent (the official boundaries now ship with the province).
EMPTY_ON_THE_SAMPLE = {"digest_outbox"}


def parameter_sets(names: set[str]) -> list[dict]:
    ordered = sorted(names)
    return [dict(zip(ordered, values)) for values in product(*(PARAMETERS[name] for name in ordered))]


@pytest.fixture(scope="module")
def sample(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        yield connection


@pytest.mark.parametrize("name", query_names())
def test_each_query_holds_to_its_grain_on_the_sample(sample, name):
    sql = query_text(name)
    rows_checked = 0
    for params in parameter_sets(caller_parameters(sql)):
        result = execute_query(sample, name, **params)
        assert_grain(result, sql, f"{name} {params}")
        rows_checked += len(result)
    assert (rows_checked > 0) != (name in EMPTY_ON_THE_SAMPLE), \
        f"{name}: the sample warehouse gives no rows to check the grain on (or rows where it should give none)"


@pytest.mark.parametrize("path", VIEW_PATHS, ids=[path.stem for path in VIEW_PATHS])
def test_each_shared_view_holds_to_its_grain_on_the_sample(sample, path):
    sql = path.read_text(encoding="utf-8")
    arguments = MACRO_ARGUMENTS.search(sql)
    names = arguments.group(1).split(", ") if arguments else []
    call = f'"{path.stem}"(' + ", ".join(f"${name}" for name in names) + ")" if arguments else f'"{path.stem}"'
    rows_checked = 0
    for params in parameter_sets(set(names)):
        result = sample.execute(f"select * from {call}", params).df()
        assert_grain(result, sql, f"{path.stem} {params}")
        rows_checked += len(result)
    assert rows_checked > 0, f"{path.stem}: the sample warehouse gives no rows to check the grain on"


def test_the_grain_check_finds_a_repeated_row():
    import pandas as pd

    repeated = pd.DataFrame({"region_code": ["51.01", "51.01"], "value": [1.0, 2.0]})
    with pytest.raises(AssertionError, match="two rows share"):
        assert_grain(repeated, "-- Grain: region_code\nselect 1", "repeated")
    missing = pd.DataFrame({"region_code": [None], "value": [1.0]})
    with pytest.raises(AssertionError, match="is null"):
        assert_grain(missing, "-- Grain: region_code\nselect 1", "missing")
