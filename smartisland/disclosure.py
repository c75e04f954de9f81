"""What public mode and the open data may show, decided once here (no Streamlit).

Withheld from the public: the contract's internal columns (`Column.is_internal`), and every measure that exists
only to compute a KPI the catalog keeps internal (`kpis.is_public = false`): publishing the measure would publish
the KPI under another name; `public_kpis` is the one filter of KPIs. A query column computed from a withheld
measure keeps the measure's name as its prefix (`uptime_pct_mean` from `uptime_pct`), so the same rule finds it in query results.
"""
from __future__ import annotations

import pandas as pd

from smartisland.contract import Column, Dataset

# dataset -> column -> the internal KPI it is the raw material of
INTERNAL_KPI_MEASURES: dict[str, dict[str, str]] = {
    "wifi_usage_monthly": {"uptime_pct": "wifi_uptime"},
}


def public_kpis(definitions: pd.DataFrame) -> pd.DataFrame:
    """Only the KPIs the catalog marks public (`is_public`), from definitions or a scorecard, renumbered from 0."""
    return definitions[definitions["is_public"].astype(bool)].reset_index(drop=True)


def withheld_measures() -> tuple[str, ...]:
    """The names of the columns measured only for internal KPIs."""
    return tuple(column for columns in INTERNAL_KPI_MEASURES.values() for column in columns)


def is_public_column(dataset: Dataset, column: Column) -> bool:
    return not column.is_internal and column.name not in INTERNAL_KPI_MEASURES.get(dataset.name, {})


def public_columns(dataset: Dataset) -> tuple[Column, ...]:
    return tuple(column for column in dataset.columns if is_public_column(dataset, column))


def is_withheld_result_column(name: str) -> bool:
    """A query result column holding a withheld measure or a figure computed from one."""
    return any(name == measure or name.startswith(f"{measure}_") for measure in withheld_measures())


def public_result(frame: pd.DataFrame) -> pd.DataFrame:
    """A query result without the columns computed from withheld measures."""
    return frame.drop(columns=[name for name in frame.columns if is_withheld_result_column(str(name))])
