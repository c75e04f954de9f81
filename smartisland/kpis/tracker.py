"""The KPI tracker's table logic: filters and the CSV export (no Streamlit)."""
from __future__ import annotations

import pandas as pd

from smartisland.i18n import t
from smartisland.kpis.display import DECIMALS, kpi_name
from smartisland.kpis.status import label_key, target_kind_key
from smartisland.text import data_text

# The export's columns and the translation keys of their headers, in order.
EXPORT_LABELS = {
    "kpi_id": "export.kpi_id", "name": "export.name", "area": "export.area", "unit": "export.unit",
    "status": "export.status", "target_kind": "export.target_kind", "latest_value": "export.latest_value",
    "latest_date": "export.latest_date", "previous_value": "export.previous_value", "change": "export.change",
    "planned_value": "export.planned_value", "baseline_value": "export.baseline_value",
    "baseline_date": "export.baseline_date", "target_value": "export.target_value", "target_date": "export.target_date",
    "target_source": "export.target_source", "forecast_date": "export.forecast_date", "forecast": "export.forecast",
    "freshness": "export.freshness", "update_frequency": "export.update_frequency", "owner_agency": "export.owner",
    "is_public": "export.is_public",
}
NUMBER_COLUMNS = ("latest_value", "previous_value", "change", "planned_value", "baseline_value", "target_value")


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


def _rounded(value, unit: str) -> float | None:
    """A number rounded to the precision the dashboard shows it with; None when missing."""
    if value is None or pd.isna(value):
        return None
    return round(float(value), DECIMALS[unit])


def _iso(value) -> str | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def tracker_export(card: pd.DataFrame) -> pd.DataFrame:
    """The table as downloaded, for a spreadsheet in the reader's language: headers, statuses and words translated,
    numbers rounded to their display precision, dates ISO (every spreadsheet reads them), the KPI's id kept for
    reuse. The separator and decimal mark are the CSV writer's (publishing/safe_csv.spreadsheet_csv_bytes)."""
    yes, no = t("kpi.yes"), t("kpi.no")
    rows = []
    for _, row in card.iterrows():
        unit = row["unit"]
        rows.append({
            "kpi_id": row["kpi_id"], "name": kpi_name(row), "area": t(f"area.{row['area']}"),
            "unit": t(f"unit_name.{unit}"), "status": t(label_key(row["status"])),
            "target_kind": t(target_kind_key(row["target_kind"])),
            **{column: _rounded(row[column], unit) for column in NUMBER_COLUMNS},
            "latest_date": _iso(row["latest_date"]), "baseline_date": _iso(row["baseline_date"]),
            "target_date": _iso(row["target_date"]), "target_source": data_text(row["target_source"]),
            "forecast_date": _iso(row["forecast_date"]),
            "forecast": t(f"forecast_kind.{row['forecast_kind']}"),
            "freshness": t("status.stale" if row["is_stale"] else "status.fresh"),
            "update_frequency": t(f"frequency.{row['update_frequency']}"),
            "owner_agency": row["owner_agency"], "is_public": yes if row["is_public"] else no,
        })
    frame = pd.DataFrame(rows, columns=list(EXPORT_LABELS))
    for column in NUMBER_COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    return frame.rename(columns={name: t(key) for name, key in EXPORT_LABELS.items()})
