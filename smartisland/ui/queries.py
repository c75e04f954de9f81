"""The app's way in to the warehouse: `run_query(name, **params)`, cached per warehouse file (the only Streamlit
cache of query results; smartisland.db stays free of Streamlit for the loader, the export and the benchmark).

Every query of one page run reads the same file: app.py runs the page within `one_warehouse()` (and a
fragment's own rerun runs within its own), and run_query reads the pinned file, so a load that swaps in a new file
between two queries of a run cannot put a value of the new file beside a target of the old.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from smartisland import report_context
from smartisland.chart_style import FigureRecipe
from smartisland.config import app_mode, province_code, warehouse_path
from smartisland.db import Pin, WarehouseMissing, execute_query, reading, warehouse_version
from smartisland.publishing.open_data import open_data_package

__all__ = ["one_warehouse", "open_data_files", "pin_warehouse", "read_version", "release_warehouse", "run_query",
           "open_data_view", "warehouse_version", "warehouse_view"]


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


def read_version() -> tuple[str, int, int]:
    """The warehouse file this run's queries read (its pinned one, else the current one): what a cache of something
    built from query results is keyed by, in place of the results themselves."""
    pin = _pinned()
    version = pin.version if pin is not None else warehouse_version()
    if version is None:
        raise WarehouseMissing(str(warehouse_path()))
    return version


def run_query(name: str, **params) -> pd.DataFrame:
    """The cached result of a named query on the run's pinned warehouse, else the current one (a copy: callers
    may change it)."""
    pin = _pinned()
    version = pin.version if pin is not None else warehouse_version()
    if version is None:
        raise WarehouseMissing(str(warehouse_path()))
    return _cached_query(name, tuple(sorted(params.items())), version, province_code(), _pin=pin).copy()


def _drawn(view):
    """A view with its figure recipes (its fields, and its views' fields) drawn now, as Plotly's dictionaries: kept
    with the view, a run shows them without building a figure or hashing the data it is drawn from (ui.show_chart
    takes either)."""
    if isinstance(view, FigureRecipe):
        return view.draw().to_dict()
    if not dataclasses.is_dataclass(view) or isinstance(view, type):
        return view
    drawn = {}
    for field in dataclasses.fields(view):
        value = getattr(view, field.name)
        if isinstance(value, FigureRecipe) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
            changed = _drawn(value)
            if changed is not value:
                drawn[field.name] = changed
    return dataclasses.replace(view, **drawn) if drawn else view


@st.cache_data(max_entries=200, show_spinner=False)
def _warehouse_view(builder_name: str, version: tuple, province: str, mode: str, language: str, today, args: tuple,
                    _builder):
    return _drawn(_builder(run_query, *args))


def warehouse_view(builder, *args):
    """`builder(run_query, *args)`, made once per warehouse file, province, mode, language, day and `args` and then
    kept, its figure recipes drawn: what a page derives from its queries (sentences, tables, figures) costs more
    than reading the kept results again. A load makes a new warehouse file, hence a new view."""
    context = report_context.current()
    return _warehouse_view(f"{builder.__module__}.{builder.__qualname__}", read_version(), province_code(),
                           app_mode(), context.language, context.today, args, builder)


# Kept as they are, not copied on each read (st.cache_resource): bytes and their counts that readers never change,
# and a copy of every file and the ZIP on each run would cost more than the rest of the page.
@st.cache_resource(max_entries=2, show_spinner=False)
def _open_data_files(version: tuple):
    return open_data_package(Path(version[0]))


def open_data_files():
    """Every open-data file and the whole-package ZIP of the current warehouse, made once per warehouse file."""
    version = warehouse_version()
    if version is None:
        raise WarehouseMissing(str(warehouse_path()))
    return _open_data_files(version)


@st.cache_data(max_entries=100, show_spinner=False)
def _open_data_view(builder_name: str, version: tuple, language: str, today, args: tuple, _builder):
    open_data, _ = _open_data_files(version)
    return _builder(open_data, *args)


def open_data_view(builder, *args):
    """`builder(open_data, *args)` on the current warehouse's open-data package, made once per warehouse file,
    language, day and `args` and then kept."""
    version = warehouse_version()
    if version is None:
        raise WarehouseMissing(str(warehouse_path()))
    context = report_context.current()
    return _open_data_view(f"{builder.__module__}.{builder.__qualname__}", version, context.language, context.today,
                           args, builder)
