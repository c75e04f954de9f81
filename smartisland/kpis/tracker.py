"""The KPI tracker's table logic: filters and the CSV export (no Streamlit)."""
from __future__ import annotations

import pandas as pd

EXPORT_COLUMNS = ("kpi_id", "area", "name_id", "name_en", "unit", "direction", "status", "latest_value", "latest_date",
                  "previous_value", "change", "planned_value", "baseline_value", "baseline_date", "target_value",
                  "target_date", "target_source", "forecast_date", "forecast_kind", "is_stale", "update_frequency",
                  "owner_agency", "is_public", "method")


def filter_scorecard(card: pd.DataFrame, areas: list[str], owners: list[str], statuses: list[str],
                     visibility: str) -> pd.DataFrame:
    """The KPIs matching every chosen filter; an empty choice means all."""
    mask = pd.Series(True, index=card.index)
    if areas:
        mask &= card["area"].isin(areas)
    if owners:
        mask &= card["owner_agency"].isin(owners)
    if statuses:
        mask &= card["status"].isin(statuses)
    if visibility == "public":
        mask &= card["is_public"].astype(bool)
    elif visibility == "internal":
        mask &= ~card["is_public"].astype(bool)
    return card[mask]


def tracker_export(card: pd.DataFrame) -> pd.DataFrame:
    """The table as downloaded: raw values with stable English column names, for reuse in a spreadsheet."""
    return card[list(EXPORT_COLUMNS)].reset_index(drop=True)
