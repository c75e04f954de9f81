"""The app's way in to the warehouse: `run_query(name, **params)`, cached per warehouse file (the only Streamlit
cache of query results; smartisland.db stays free of Streamlit for the loader, the export and the benchmark).

Every query of one page run reads the same file: app.py runs the page within `one_warehouse()` (and a
fragment's own rerun runs within its own), and run_query reads the pinned file, so a load that swaps in a new file
between two queries of a run cannot put a value of the new file beside a target of the old.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from smartisland.config import province_code, warehouse_path
from smartisland.db import Pin, WarehouseMissing, execute_query, reading, warehouse_version
from smartisland.publishing.open_data import open_data_package

__all__ = ["one_warehouse", "open_data_files", "pin_warehouse", "release_warehouse", "run_query",
           "warehouse_version"]


PIN = "warehouse_pin"  # the session's pinned warehouse (smartisland.db.Pin) of its current run


@st.cache_data(max_entries=2000, show_spinner=False)
def _cached_query(name: str, frozen_params: tuple, version: tuple[str, int, int], province: str,
                  _pin: Pin | None = None) -> pd.DataFrame:
    # `province` keys the cache only: execute_query binds the province served to a query that asks for it. The
    # pin (not hashed) is the very file `version` names, held open however the path has been swapped since.
    if _pin is not None:
        return execute_query(_pin.connection, name, **dict(frozen_params))
    with reading(Path(version[0])) as connection:
        return execute_query(connection, name, **dict(frozen_params))


def pin_warehouse() -> None:
    """Pin the warehouse file as it is now for this run of the page (releasing the last run's)."""
    previous = st.session_state.get(PIN)
    try:
        st.session_state[PIN] = Pin()
    except WarehouseMissing:
        st.session_state[PIN] = None  # the page says so (require_warehouse)
    if previous is not None:
        previous.release()


def release_warehouse() -> None:
    """Let go of this run's pinned file (a file a load has since replaced is then closed and its space freed)."""
    pin = st.session_state.pop(PIN, None)
    if pin is not None:
        pin.release()


@contextmanager
def one_warehouse() -> Iterator[None]:
    """Every query within reads the warehouse file as it was on entry; released on the way out, however the run
    ends (st.stop and st.rerun end it by an exception)."""
    pin_warehouse()
    try:
        yield
    finally:
        release_warehouse()


def _pinned() -> Pin | None:
    if get_script_run_ctx() is None:
        return None  # outside a page run (a test calling run_query): the file as it is now
    pin = st.session_state.get(PIN)
    return pin if pin is not None and pin.version[0] == str(warehouse_path()) else None


def run_query(name: str, **params) -> pd.DataFrame:
    """The cached result of a named query on the run's pinned warehouse, else the current one (a copy: callers
    may change it)."""
    pin = _pinned()
    version = pin.version if pin is not None else warehouse_version()
    if version is None:
        raise WarehouseMissing(str(warehouse_path()))
    return _cached_query(name, tuple(sorted(params.items())), version, province_code(), _pin=pin).copy()


@st.cache_data(max_entries=2, show_spinner=False)
def _open_data_files(version: tuple):
    return open_data_package(Path(version[0]))


def open_data_files():
    """Every open-data file and the whole-package ZIP of the current warehouse, made once per warehouse file."""
    version = warehouse_version()
    if version is None:
        raise WarehouseMissing(str(warehouse_path()))
    return _open_data_files(version)
