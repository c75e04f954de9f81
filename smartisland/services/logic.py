"""Public services: maturity stages, performance measures, changes against the previous period, and reporting counts.

Pure functions over the frames of the `service*` queries, without Streamlit.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from smartisland.config import province_code
from smartisland.i18n import (
    current_language,
    format_currency,
    format_number,
    format_percent,
    format_period,
    t,
)

# Jakarta Smart City's four stages, as the article gives them.
STAGE_CODES = {1: "informasi", 2: "interaksi", 3: "transaksi", 4: "transformasi"}
STAGES = tuple(STAGE_CODES)
TRANSACTION_STAGE = 3
PERIOD_UNITS = ("month", "quarter", "year")
MONTHS_IN_PERIOD = {"month": 1, "quarter": 3, "year": 12}


def is_missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def stage_name(stage: int) -> str:
    return t(f"services.stage.{STAGE_CODES[int(stage)]}")


def stage_meaning(stage: int) -> str:
    return t(f"services.stage_meaning.{STAGE_CODES[int(stage)]}")


def stage_label(stage: int) -> str:
    """`3 · Transaksi`: the number keeps the order readable in tables and legends."""
    return f"{int(stage)} · {stage_name(stage)}"


def service_name(row: Mapping) -> str:
    """The service's name in the user's language."""
    return row[name_column()]


def name_column() -> str:
    """The catalogue's column of the services' names in the user's language."""
    return "name_en" if current_language() == "en" else "name_id"


@dataclass(frozen=True)
class Measure:
    name: str  # the column in the query results
    kind: str  # count, share (a fraction), days, score, currency
    reporting_column: str  # how many services report it, in the totals
    higher_is_better: bool
    decimals: int = 0

    @property
    def label(self) -> str:
        return t(f"services.measure.{self.name}")

    @property
    def help(self) -> str:
        return t(f"services.measure_help.{self.name}")


MEASURES: tuple[Measure, ...] = (
    Measure("requests_total", "count", "services_reporting_requests", True),
    Measure("digital_take_up", "share", "services_reporting_take_up", True, 1),
    Measure("completion_rate", "share", "services_reporting_completion", True, 1),
    Measure("median_days", "days", "services_reporting_median_days", False, 1),
    Measure("satisfaction_ikm", "score", "services_reporting_satisfaction", True, 1),
    Measure("cost_per_transaction_idr", "currency", "services_reporting_cost", False),
)
MEASURES_BY_NAME = {measure.name: measure for measure in MEASURES}


def plot_value(value: Any, measure: Measure) -> float | None:
    """The number a chart draws: shares in percent, a missing figure as None (a gap, never 0)."""
    if is_missing(value):
        return None
    return float(value) * 100 if measure.kind == "share" else float(value)


def format_measure(value: Any, measure: Measure) -> str:
    if is_missing(value):
        return t("common.no_data")
    if measure.kind == "share":
        return format_percent(float(value) * 100, measure.decimals)
    if measure.kind == "currency":
        return format_currency(value)
    if measure.kind == "days":
        return t("services.unit.days", value=format_number(value, measure.decimals))
    return format_number(value, measure.decimals)


def changes(current: pd.Series, previous: pd.Series, measure: Measure) -> pd.Series:
    """Each figure's change against the previous period's, a column at a time (a period's services at a hundred
    times the sample are 25,000 pairs a measure): relative (percent) for counts, percentage points for shares, plain
    difference otherwise; floats, None where either figure is missing or a count's previous figure is 0."""
    now = pd.to_numeric(current, errors="coerce").astype(float).to_numpy()
    before = pd.to_numeric(previous, errors="coerce").astype(float).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure.kind == "count":
            result = np.where(before == 0, np.nan, (now - before) / before * 100)
        elif measure.kind == "share":
            result = (now - before) * 100
        else:
            result = now - before
    values = pd.Series(result, index=current.index, dtype=float).astype(object)
    return values.where(~np.isnan(result), None)


def format_change(value: Any, measure: Measure) -> str:
    """`+5,2%`, `+1,3 poin`, `-0,4 hari`, `-Rp1.200`: a plain hyphen for minus, so that st.metric colours it."""
    if is_missing(value):
        return t("common.no_data")
    decimals = 0 if measure.kind == "currency" else 1
    magnitude = round(abs(float(value)), decimals)
    sign = "±" if magnitude == 0 else ("+" if value > 0 else "-")
    if measure.kind == "count":
        text = format_percent(magnitude, 1)
    elif measure.kind == "share":
        text = t("services.unit.points", value=format_number(magnitude, 1))
    elif measure.kind == "days":
        text = t("services.unit.days", value=format_number(magnitude, 1))
    elif measure.kind == "currency":
        text = format_currency(magnitude)
    else:
        text = format_number(magnitude, 1)
    return f"{sign}{text}"


def metric_delta(value: Any, measure: Measure) -> tuple[str | None, str]:
    """The delta text and colour rule of `st.metric`: no delta when missing, grey when it rounds to nothing,
    and red for a rise of a measure where lower is better."""
    if is_missing(value):
        return None, "off"
    text = format_change(value, measure)
    if text.startswith("±"):
        return text, "off"
    return text, "normal" if measure.higher_is_better else "inverse"


def as_date(value: Any) -> date:
    return pd.Timestamp(value).date()


def shift_period(period_start: date, unit: str, periods: int = 1) -> date:
    """The start of the period `periods` after (negative: before) the one starting on `period_start`."""
    months = period_start.year * 12 + period_start.month - 1 + periods * MONTHS_IN_PERIOD[unit]
    return date(months // 12, months % 12 + 1, 1)


def period_label(period_start: Any, unit: str) -> str:
    """`Oktober 2026`, `Triwulan IV 2026` / `Q4 2026`, `2026`."""
    return format_period(as_date(period_start), unit)


def is_complete(period_start: Any, unit: str, data_through: Any) -> bool:
    """Whether the data reach the last month of the period (a running quarter or year is partial)."""
    if is_missing(data_through):
        return True
    last_month = shift_period(shift_period(as_date(period_start), unit, 1), "month", -1)
    through = as_date(data_through)
    return last_month <= date(through.year, through.month, 1)


def complete_periods(frame: pd.DataFrame, unit: str, data_through: Any) -> pd.DataFrame:
    """Only the periods the data fully cover: a running quarter's few months would read as a fall."""
    if frame.empty or is_missing(data_through):
        return frame
    return frame[[is_complete(period, unit, data_through) for period in frame["period_start"]]]


def trend_rows(frame: pd.DataFrame, measure: Measure, unit: str, data_through: Any) -> pd.DataFrame:
    """The periods a trend of `measure` can draw: complete ones and, for a count of one service, only those
    with a row in every month (a service launched mid-quarter would otherwise seem to start with a slump)."""
    rows = complete_periods(frame, unit, data_through)
    if measure.kind == "count" and "months_with_rows" in rows.columns:
        rows = rows[rows["months_with_rows"] == MONTHS_IN_PERIOD[unit]]
    return rows


def default_period(periods: list[date], unit: str, data_through: Any) -> date | None:
    """The latest complete period, else the latest one."""
    complete = [period for period in periods if is_complete(period, unit, data_through)]
    return max(complete) if complete else (max(periods) if periods else None)


def with_changes(frame: pd.DataFrame, unit: str, keys: tuple[str, ...] = ()) -> pd.DataFrame:
    """Add `<measure>_change` for each measure in the frame: against the period just before (not merely the
    previous row: a gap in the data gives no change)."""
    result = frame.copy()
    # each distinct period converted and shifted once, not each row (a period holds every service)
    starts = {value: as_date(value) for value in result["period_start"].unique()}
    result["period_start"] = result["period_start"].map(starts)
    measures = [measure for measure in MEASURES if measure.name in result.columns]
    previous = result[[*keys, "period_start", *(measure.name for measure in measures)]].copy()
    shifted = {start: shift_period(start, unit, 1) for start in starts.values()}
    previous["period_start"] = previous["period_start"].map(shifted)
    merged = result.merge(previous, on=[*keys, "period_start"], how="left", suffixes=("", "_previous"))
    for measure in measures:
        merged[f"{measure.name}_change"] = changes(merged[measure.name], merged[f"{measure.name}_previous"], measure)
    return merged.drop(columns=[f"{measure.name}_previous" for measure in measures])


def reporting_text(reporting: Any, total: Any) -> str:
    """`12 dari 15 layanan melapor` / `12 of 15 services report`."""
    return t("services.reporting", reporting=format_number(0 if is_missing(reporting) else reporting, 0),
             total=format_number(0 if is_missing(total) else total, 0))


@dataclass(frozen=True)
class CatalogSummary:
    service_count: int
    by_stage: dict[int, int]
    integrated_count: int
    transaction_or_above: int


def catalog_summary(catalog: pd.DataFrame) -> CatalogSummary:
    stages = catalog["maturity_stage"].astype(int)
    return CatalogSummary(
        service_count=len(catalog),
        by_stage={stage: int((stages == stage).sum()) for stage in STAGES},
        integrated_count=int(catalog["is_integrated"].astype(bool).sum()),
        transaction_or_above=int((stages >= TRANSACTION_STAGE).sum()),
    )


# What a service lacks when it does not report these, in the terms of the GOV.UK service standard.
REPORTED_FIGURES = ("digital_take_up", "completion_rate", "satisfaction_ikm", "cost_per_transaction_idr")
LOW_TAKE_UP = 0.5


def next_steps(service: Mapping, latest: Mapping | None = None) -> list[str]:
    """What it would take the service to reach its next stage, and the gaps its latest figures show."""
    stage = int(service["maturity_stage"])
    steps = [t(f"services.next.to_{STAGE_CODES[stage + 1]}") if stage < 4
             else t("services.next.at_top")]
    if not bool(service["is_integrated"]):
        steps.append(t("services.next.integrate"))
    if latest is None:
        steps.append(t("services.next.report_all"))
        return steps
    missing = [MEASURES_BY_NAME[name] for name in REPORTED_FIGURES if is_missing(latest.get(name))]
    if missing:
        steps.append(t("services.next.report_missing",
                       figures=", ".join(t(f"services.measure.{measure.name}") for measure in missing)))
    take_up = latest.get("digital_take_up")
    if stage >= TRANSACTION_STAGE and not is_missing(take_up) and float(take_up) < LOW_TAKE_UP:
        steps.append(t("services.next.raise_take_up", share=format_percent(float(take_up) * 100, 0)))
    return steps


def area_label(row: Mapping) -> str:
    """`Seluruh <province>`, or the regency name with how many services report there."""
    if row["region_code"] == province_code():
        return t("services.filter.all_province")
    return t("services.filter.regency_option", name=row["name"],
             count=format_number(row["services_with_figures"], 0))
