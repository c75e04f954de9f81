"""The one way in to the warehouse: `run_query(name, **params)` over the SQL files in `queries/`.

`execute_query` is the plain function (used by tests, the export and the benchmark); `run_query` is the
same, cached for the app. The cache keys include the warehouse file's identity, so a load that swaps in a
new file is seen at once. This module is the one place outside the UI that uses Streamlit, for its caches.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from smartisland.config import QUERIES_DIR, warehouse_path

PARAMETER_PATTERN = re.compile(r"(?<![\w$])\$([a-z_][a-z0-9_]*)")


class QueryError(Exception):
    """A query was asked for with a wrong name or wrong parameters."""


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise QueryError(f"bad query name: {name!r}")
    path = QUERIES_DIR / f"{name}.sql"
    if not path.exists():
        raise QueryError(f"no query file queries/{name}.sql")
    return path.read_text(encoding="utf-8")


def query_parameters(sql: str) -> set[str]:
    """The `$name` parameters a query binds (comments stripped first, so a header may mention them)."""
    without_comments = re.sub(r"--[^\n]*", "", sql)
    return set(PARAMETER_PATTERN.findall(without_comments))


def query_names() -> list[str]:
    return sorted(path.stem for path in QUERIES_DIR.glob("*.sql"))


def execute_query(connection: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run `queries/<name>.sql` with exactly its parameters bound by name."""
    sql = query_text(name)
    wanted = query_parameters(sql)
    missing, unknown = wanted - params.keys(), params.keys() - wanted
    if missing or unknown:
        raise QueryError(f"query {name}: missing parameters {sorted(missing)}, unknown {sorted(unknown)}")
    cursor = connection.cursor()
    try:
        return cursor.execute(sql, params).df()
    finally:
        cursor.close()


def warehouse_version(path: Path | None = None) -> tuple[str, int, int] | None:
    """Identity of the warehouse file now: changes when a load swaps in a new file."""
    path = path or warehouse_path()
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return str(path), status.st_ino, status.st_mtime_ns


def connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True)


@st.cache_resource(max_entries=2, show_spinner=False)
def _shared_connection(version: tuple[str, int, int]) -> duckdb.DuckDBPyConnection:
    return connect_read_only(Path(version[0]))


@st.cache_data(max_entries=2000, show_spinner=False)
def _cached_query(name: str, frozen_params: tuple, version: tuple[str, int, int]) -> pd.DataFrame:
    return execute_query(_shared_connection(version), name, **dict(frozen_params))


class WarehouseMissing(Exception):
    pass


def run_query(name: str, **params) -> pd.DataFrame:
    """The cached result of a named query on the current warehouse (a copy: callers may change it)."""
    version = warehouse_version()
    if version is None:
        raise WarehouseMissing(str(warehouse_path()))
    return _cached_query(name, tuple(sorted(params.items())), version).copy()


def query_datasets(name: str) -> list[str]:
    """The contract's datasets a query reads, through the shared views too, in the order it first names them
    (to say where figures come from)."""
    from smartisland.contract import DATASETS_BY_NAME

    return [table for table in _tables_read(query_text(name)) if table in DATASETS_BY_NAME]


def _tables_read(sql: str) -> list[str]:
    found = re.findall(r"\b(?:from|join)\s+([a-z_]+)", re.sub(r"--[^\n]*", "", sql), flags=re.IGNORECASE)
    tables: list[str] = []
    for table in found:
        view = QUERIES_DIR / "views" / f"{table}.sql"
        tables += _tables_read(view.read_text(encoding="utf-8")) if view.exists() else [table]
    return list(dict.fromkeys(tables))
