"""The one way in to the warehouse: named queries over the SQL files in `queries/` (no Streamlit).

`execute_query(connection, name, **params)` runs one; `reading()` gives the connection to the warehouse file as
it is now, shared by the app's sessions. The app caches results in `smartisland.ui.queries.run_query`, keyed by
the warehouse file's identity (`warehouse_version`), so a load that swaps in a new file is seen at once.
"""
from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from smartisland.config import QUERIES_DIR, province_code, warehouse_path

PARAMETER_PATTERN = re.compile(r"(?<![\w$])\$([a-z_][a-z0-9_]*)")


class WarehouseMissing(Exception):
    """There is no warehouse file at the configured path."""


class QueryError(Exception):
    """A query was asked for with a wrong name or wrong parameters."""


@cache
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


# What a query may bind without its caller giving it: the context of the process, the province served.
CONTEXT_PARAMETERS = ("province_code",)


def caller_parameters(sql: str) -> set[str]:
    """The parameters the caller of a query gives: all but the context ones, which execute_query binds."""
    return query_parameters(sql) - set(CONTEXT_PARAMETERS)


def query_names() -> list[str]:
    return sorted(path.stem for path in QUERIES_DIR.glob("*.sql"))


def execute_query(connection: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run `queries/<name>.sql` with exactly its parameters bound by name (`$province_code`, when not given, is the
    province served)."""
    sql = query_text(name)
    wanted = query_parameters(sql)
    if "province_code" in wanted and "province_code" not in params:
        params = {**params, "province_code": province_code()}
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


class _OpenWarehouse:
    """One warehouse file as it was when opened.

    DuckDB keeps one database per resolved path (since 2.0 it resolves `/proc/self/fd/N` to the file's name
    too): connecting again to a path whose file a load has swapped returns the old database. Attaching the file
    to a fresh in-memory database shares nothing with other connections, and DuckDB's open handle keeps
    reading exactly that file whatever a load renames meanwhile.
    """

    def __init__(self, path: Path):
        # Taken before the file is opened: a swap in between only makes the next reader open it again.
        status = path.stat()
        self.version = (str(path), status.st_ino, status.st_mtime_ns)
        self.readers = 0
        self.retired = False
        self.connection = duckdb.connect(":memory:")
        try:
            self.connection.execute("attach $path as warehouse (read_only)", {"path": str(path)})
            # With the in-memory database gone, the warehouse is the default of every cursor too.
            self.connection.execute("use warehouse")
            self.connection.execute("detach memory")
        except BaseException:
            self.connection.close()
            raise

    def close(self) -> None:
        self.connection.close()


_open_warehouses: dict[str, _OpenWarehouse] = {}
_open_lock = threading.Lock()


def _acquire(path: Path) -> _OpenWarehouse:
    """The open warehouse of the file at `path` now, one more reader counted on it."""
    with _open_lock:
        current = _open_warehouses.get(str(path))
        if current is None or current.version != warehouse_version(path):
            if not path.exists():
                raise WarehouseMissing(str(path))
            fresh = _OpenWarehouse(path)
            if current is not None:
                current.retired = True
                if current.readers == 0:
                    current.close()
            _open_warehouses[str(path)] = current = fresh
        current.readers += 1
    return current


def _release(opened: _OpenWarehouse) -> None:
    with _open_lock:
        opened.readers -= 1
        if opened.retired and opened.readers == 0:
            opened.close()


@contextmanager
def reading(path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the warehouse file as it is now, shared by every session of the app.

    When a load has swapped in a new file, the next reader opens it; the old one is closed (its disk space
    freed) as soon as the queries still reading it are done.
    """
    current = _acquire(path or warehouse_path())
    try:
        yield current.connection
    finally:
        _release(current)


class Pin:
    """The warehouse file as it was when pinned, held open until released (or the pin is dropped): every query of
    one page run reads it, so a load that swaps in a new file between two queries of the run changes neither."""

    def __init__(self, path: Path | None = None):
        opened = _acquire(path or warehouse_path())
        self.version = opened.version
        self.connection = opened.connection
        self._release = weakref.finalize(self, _release, opened)

    def release(self) -> None:
        self._release()


def close_all() -> None:
    """Close every shared connection (tests, and a server shutting down)."""
    with _open_lock:
        for opened in _open_warehouses.values():
            if opened.readers == 0:
                opened.close()
            else:
                opened.retired = True
        _open_warehouses.clear()


def query_datasets(name: str) -> list[str]:
    """The contract's datasets a query reads, through the shared views too, in the order it first names them
    (to say where figures come from)."""
    from smartisland.contract import DATASETS_BY_NAME

    try:
        sql = query_text(name)
    except QueryError:  # a KPI naming no query has no data to describe; the scorecard says why
        return []
    return [table for table in tables_read(sql) if table in DATASETS_BY_NAME]


def tables_read(sql: str) -> list[str]:
    """The tables a query reads, through the shared views and the summary tables to the tables they read."""
    found = re.findall(r"\b(?:from|join)\s+([a-z_]+)", re.sub(r"--[^\n]*", "", sql), flags=re.IGNORECASE)
    tables: list[str] = []
    for table in found:
        shared = [path for path in (QUERIES_DIR / "views" / f"{table}.sql", QUERIES_DIR / "summaries" / f"{table}.sql")
                  if path.exists()]
        tables += tables_read(shared[0].read_text(encoding="utf-8")) if shared else [table]
    return list(dict.fromkeys(tables))
