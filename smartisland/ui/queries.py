"""The app's way in to the warehouse: `run_query(name, **params)`, cached per warehouse file (the only Streamlit
cache of query results; smartisland.db stays free of Streamlit for the loader, the export and the benchmark)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from smartisland.config import province_code, warehouse_path
from smartisland.db import WarehouseMissing, execute_query, reading, warehouse_version
from smartisland.publishing.open_data import open_data_package

__all__ = ["open_data_files", "run_query", "warehouse_version"]


@st.cache_data(max_entries=2000, show_spinner=False)
def _cached_query(name: str, frozen_params: tuple, version: tuple[str, int, int], province: str) -> pd.DataFrame:
    # `province` keys the cache only: execute_query binds the province served to a query that asks for it.
    with reading(Path(version[0])) as connection:
        return execute_query(connection, name, **dict(frozen_params))


def run_query(name: str, **params) -> pd.DataFrame:
    """The cached result of a named query on the current warehouse (a copy: callers may change it)."""
    version = warehouse_version()
    if version is None:
        raise WarehouseMissing(str(warehouse_path()))
    return _cached_query(name, tuple(sorted(params.items())), version, province_code()).copy()


@st.cache_data(max_entries=2, show_spinner=False)
def _open_data_files(version: tuple):
    return open_data_package(Path(version[0]))


def open_data_files():
    """Every open-data file and the whole-package ZIP of the current warehouse, made once per warehouse file."""
    version = warehouse_version()
    if version is None:
        raise WarehouseMissing(str(warehouse_path()))
    return _open_data_files(version)
