"""The scorecard: every KPI's values gathered by its method and assessed by the KPI engine (no Streamlit).

`run` is a query runner, `run(name, **params) -> DataFrame` (db.run_query in the app, execute_query in tests).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd

from smartisland.kpis.assessment import KpiAssessment, assess, definition_from_row
from smartisland.kpis.status import ILLUSTRATIVE, LATE_STATUSES, NO_DATA, STATUSES, TARGET_KINDS

MANUAL = "manual"
SPARKLINE_POINTS = 24

QueryRunner = Callable[..., pd.DataFrame]
SCORECARD_COLUMNS = ("status", "latest_value", "latest_date", "previous_value", "previous_date", "change",
                     "planned_value", "shortfall", "shortfall_share", "progress_share", "is_stale", "forecast_date",
                     "forecast_kind", "forecast", "achieved_on", "recent_change", "recent_start", "source", "sparkline",
                     "data_problem", "is_headline", "is_public")


def kpi_values(definition: pd.Series, run: QueryRunner) -> pd.DataFrame:
    """A KPI's values (period_end, value): computed by its query, or entered by the team when manual."""
    if definition["method"] == MANUAL:
        frame = run("kpi_manual_values", kpi_id=definition["kpi_id"])
    else:
        frame = run(definition["method"])
    frame = frame.copy()
    frame["period_end"] = pd.to_datetime(frame["period_end"]).dt.date
    return frame


def unusable_values(values: pd.DataFrame) -> pd.Series:
    """Values no assessment can use: infinite, or not numbers at all (a missing value is simply missing)."""
    numbers = pd.to_numeric(values["value"], errors="coerce")
    return values["value"].notna() & (numbers.isna() | ~np.isfinite(numbers.astype(float)))


def regional_values(method: str, run: QueryRunner) -> tuple[pd.DataFrame | None, str | None]:
    """A KPI's values by regency, or None and why they cannot be computed (for the team)."""
    try:
        return run(method), None
    except Exception as error:  # a broken regional method must not take the overview down
        return None, _problem_text(error)


def _problem_text(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


def _values_and_problem(definition: pd.Series, run: QueryRunner, as_of: date | None) -> tuple[pd.DataFrame, str | None]:
    """A KPI's usable values and, when some or all could not be used, why (for the team)."""
    try:
        values = kpi_values(definition, run)
    except Exception as error:  # one KPI's broken method or data must not take a page or the export down
        return pd.DataFrame({"period_end": [], "value": []}), _problem_text(error)
    if as_of is not None:
        values = values[values["period_end"] <= as_of].reset_index(drop=True)
    unusable = unusable_values(values)
    if not unusable.any():
        return values, None
    left_out = ", ".join(f"{row.period_end}: {row.value}" for row in values[unusable].itertuples())
    return values[~unusable].reset_index(drop=True), f"unusable values left out ({left_out})"[:300]


def source_of(definition: pd.Series, values: pd.DataFrame) -> str | None:
    """Where a KPI's latest value comes from when the values name it (entered or published); else None."""
    measured = values.dropna(subset=["value"])
    if "source" in measured and not measured.empty and pd.notna(measured["source"].iloc[-1]):
        return str(measured["source"].iloc[-1])
    return None


def build_scorecard(definitions: pd.DataFrame, run: QueryRunner, today: date,
                    as_of: date | None = None) -> tuple[pd.DataFrame, dict]:
    """One row per KPI with its assessment; and the values of each KPI, by kpi_id.

    With `as_of`, the scorecard as it stood that day: values of later periods are left out."""
    rows, values_by_kpi = [], {}
    for _, definition in definitions.iterrows():
        values, problem = _values_and_problem(definition, run, as_of)
        values_by_kpi[definition["kpi_id"]] = values
        kpi_definition = definition_from_row(definition)
        assessment = assess(kpi_definition, values, today)
        rows.append({**definition.to_dict(), **assessment_columns(assessment, kpi_definition.target_date, today),
                     "source": source_of(definition, values),
                     "sparkline": sparkline(values), "data_problem": problem})
    if not rows:
        # is_headline and is_public are columns of both: pandas 3 cannot select rows by a duplicated column.
        return pd.DataFrame(columns=list(dict.fromkeys([*definitions.columns, *SCORECARD_COLUMNS]))), values_by_kpi
    return pd.DataFrame(rows), values_by_kpi


def sparkline(values: pd.DataFrame) -> list[float]:
    """The recent values scaled to 0..1: a sparkline shows shape, and a flat line (0.5) must still draw."""
    recent = values.dropna(subset=["value"])["value"].tail(SPARKLINE_POINTS).astype(float)
    low, high = recent.min(), recent.max()
    if recent.empty or high == low:
        return [0.5] * len(recent)
    return ((recent - low) / (high - low)).round(4).tolist()


def assessment_columns(assessment: KpiAssessment, target_date: date, today: date) -> dict:
    forecast = assessment.forecast
    return {
        "status": assessment.status,
        "latest_value": assessment.latest_value,
        "latest_date": assessment.latest_date,
        "previous_value": assessment.previous_value,
        "previous_date": assessment.previous_date,
        "change": assessment.change,
        "planned_value": assessment.planned_value,
        "shortfall": assessment.shortfall,
        "shortfall_share": assessment.shortfall_share,
        "progress_share": assessment.progress_share,
        "is_stale": assessment.is_stale,
        "forecast_date": forecast.reach_date if forecast else None,
        "forecast_kind": forecast_kind(assessment, target_date, today),
        "forecast": forecast,  # the trend line itself, for the trajectory chart
        "achieved_on": assessment.achieved_on,
        "recent_change": assessment.recent_change,
        "recent_start": assessment.recent_start,
    }


def forecast_kind(assessment: KpiAssessment, target_date: date, today: date) -> str:
    """achieved, on_time, late (after the target date), not_at_this_pace, not_enough_data, or awaiting_data
    (the trend says the target should already be met, but no value since says so)."""
    if assessment.status != NO_DATA and assessment.forecast is None:
        return "achieved"  # met now (achieved, late or worsening): nothing left to forecast
    forecast = assessment.forecast
    if forecast is None or forecast.slope_per_year is None:
        return "not_enough_data"
    if forecast.reach_date is None:
        return "not_at_this_pace"
    if forecast.reach_date < today:
        return "awaiting_data"
    return "on_time" if forecast.reach_date <= target_date else "late"


def late_items(scorecard: pd.DataFrame) -> pd.DataFrame:
    """The KPIs that are late, falling behind or worsening: those with an official target first, then those
    measured against an illustrative one; each worst first (overdue, off track, at risk, worsening), then by how
    far."""
    late = scorecard[scorecard["status"].isin(LATE_STATUSES)].copy()
    late["severity"] = late["status"].map({status: rank for rank, status in enumerate(LATE_STATUSES)})
    late["illustrative"] = late["target_kind"] == ILLUSTRATIVE
    late["gap_to_target"] = (late["target_value"] - late["latest_value"]).abs()
    return (late.sort_values(["illustrative", "severity", "shortfall_share"], ascending=[True, True, False])
            .drop(columns=["severity", "illustrative"]))


def status_counts(scorecard: pd.DataFrame, target_kind: str | None = None) -> dict[str, int]:
    """KPIs per status, every status in order; only those with that kind of target when `target_kind` is given."""
    shown = scorecard if target_kind is None else scorecard[scorecard["target_kind"] == target_kind]
    counts = shown["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def counts_by_target_kind(scorecard: pd.DataFrame) -> dict[str, dict[str, int]]:
    """KPIs per status, apart for official and illustrative targets."""
    return {kind: status_counts(scorecard, kind) for kind in TARGET_KINDS}
