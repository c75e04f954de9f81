"""The KPI engine: planned path, status, staleness, forecast and change, for any KPI (pure functions).

Rules: the planned path runs straight from baseline to target and stays at target after the
target date. Achieved: the target is met. On track: at or ahead of the path. At risk: behind by at most 10% of
the baseline-to-target distance. Off track: further behind. Overdue: past the target date and not achieved.
No data: nothing measured yet (the names: kpis/status.py). Stale: the latest value is older than the update frequency allows.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from smartisland.kpis.status import (
    ACHIEVED,
    ACHIEVED_LATE,
    AT_RISK,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    OVERDUE,
    WORSENING,
)

AT_RISK_SHARE = 0.10
FORECAST_POINTS = 8  # the recent trend: the last few values, not the whole history
FORECAST_HORIZON_YEARS = 50
# The recent periods whose trend can make a KPI worsening: a year of monthly or quarterly values, three years of
# yearly ones; and how far that trend must move away from the target, as a share of the baseline-to-target
# distance, so that the noise of one period does not.
RECENT_PERIODS = {"monthly": 12, "quarterly": 4, "yearly": 3}
WORSENING_SHARE = 0.02

# How old the latest value may be: one period plus the usual delay before a period's figure is published.
ALLOWED_AGE_DAYS = {"monthly": 31 + 30, "quarterly": 92 + 45, "yearly": 366 + 183}


@dataclass(frozen=True)
class KpiDefinition:
    kpi_id: str
    direction: str  # higher or lower is better
    baseline_value: float
    baseline_date: date
    target_value: float
    target_date: date
    update_frequency: str = "yearly"

    @property
    def sign(self) -> int:
        return 1 if self.direction == "higher" else -1


@dataclass(frozen=True)
class Forecast:
    reach_date: date | None  # when the trend meets the target; None when it never does at this pace
    slope_per_year: float | None
    intercept_date: date | None = None  # the line: value = value_at_start + slope * years since intercept_date
    value_at_start: float | None = None

    @property
    def is_reachable(self) -> bool:
        return self.reach_date is not None


@dataclass(frozen=True)
class KpiAssessment:
    status: str
    latest_value: float | None
    latest_date: date | None
    previous_value: float | None
    previous_date: date | None
    planned_value: float | None  # on the planned path at the latest date
    shortfall: float | None  # behind the path, in the KPI's unit (0 when on or ahead)
    shortfall_share: float | None  # behind the path, as a share of the baseline-to-target distance
    progress_share: float | None  # share of the way from baseline to target covered
    is_stale: bool
    forecast: Forecast | None
    achieved_on: date | None = None  # the first period the target was met
    recent_change: float | None = None  # the trend's change over the recent periods, in the KPI's unit
    recent_start: date | None = None  # the first of those periods

    @property
    def change(self) -> float | None:
        if self.latest_value is None or self.previous_value is None:
            return None
        return self.latest_value - self.previous_value


def _as_date(value) -> date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    return value


def planned_value(definition: KpiDefinition, on: date) -> float:
    """The value the straight path from baseline to target plans for a date."""
    if on <= definition.baseline_date:
        return definition.baseline_value
    if on >= definition.target_date:
        return definition.target_value
    elapsed = (on - definition.baseline_date).days
    total = (definition.target_date - definition.baseline_date).days
    return definition.baseline_value + (definition.target_value - definition.baseline_value) * elapsed / total


def is_achieved(definition: KpiDefinition, value: float) -> bool:
    return (value - definition.target_value) * definition.sign >= 0


def is_stale(definition: KpiDefinition, latest_date: date | None, today: date) -> bool:
    if latest_date is None:
        return False
    return (today - latest_date).days > ALLOWED_AGE_DAYS[definition.update_frequency]


def _clean_series(values: pd.DataFrame) -> pd.DataFrame:
    frame = values.dropna(subset=["value"]).copy()
    frame["period_end"] = frame["period_end"].map(_as_date)
    return frame.sort_values("period_end").drop_duplicates("period_end", keep="last").reset_index(drop=True)


def _years(start: date, end: date) -> float:
    return (end - start).days / 365.25


def forecast(definition: KpiDefinition, values: pd.DataFrame, today: date) -> Forecast:
    """Least squares over the recent values: the date the target is reached, or None if not at this pace."""
    frame = _clean_series(values)
    if len(frame) < 2:
        baseline = pd.DataFrame({"period_end": [definition.baseline_date], "value": [definition.baseline_value]})
        frame = _clean_series(pd.concat([baseline, frame], ignore_index=True)) if len(frame) else frame
    frame = frame.tail(FORECAST_POINTS)
    if len(frame) < 2:
        return Forecast(None, None)
    origin = frame["period_end"].iloc[0]
    x = np.array([_years(origin, day) for day in frame["period_end"]])
    y = frame["value"].to_numpy(dtype=float)
    slope, intercept = np.polyfit(x, y, 1)
    line = dict(intercept_date=origin, value_at_start=float(intercept))
    if abs(slope) < 1e-12 or slope * definition.sign <= 0:
        return Forecast(None, float(slope), **line)
    years = (definition.target_value - intercept) / slope
    if years > _years(origin, today) + FORECAST_HORIZON_YEARS:
        return Forecast(None, float(slope), **line)
    reach = origin + timedelta(days=round(years * 365.25))
    return Forecast(max(reach, frame["period_end"].iloc[-1]), float(slope), **line)


def first_achieved_on(definition: KpiDefinition, frame: pd.DataFrame) -> date | None:
    """The first period whose value met the target, or None if none did (frame: cleaned, oldest first)."""
    met = frame[[is_achieved(definition, float(value)) for value in frame["value"]]]
    return None if met.empty else met["period_end"].iloc[0]


def recent_trend(definition: KpiDefinition, frame: pd.DataFrame) -> tuple[float, date] | None:
    """The least-squares change over the KPI's recent periods (in its unit) and the first of them; None with fewer
    than three values."""
    recent = frame.tail(RECENT_PERIODS[definition.update_frequency])
    if len(recent) < 3:
        return None
    start, end = recent["period_end"].iloc[0], recent["period_end"].iloc[-1]
    x = np.array([_years(start, day) for day in recent["period_end"]])
    slope = np.polyfit(x, recent["value"].to_numpy(dtype=float), 1)[0]
    return float(slope * _years(start, end)), start


def is_worsening(definition: KpiDefinition, change: float | None) -> bool:
    """The recent trend moves away from the target by at least WORSENING_SHARE of the baseline-to-target
    distance (of the target itself when baseline and target are equal)."""
    if change is None:
        return False
    scale = abs(definition.target_value - definition.baseline_value) or abs(definition.target_value) or 1.0
    return change * definition.sign <= -WORSENING_SHARE * scale


def _status(definition: KpiDefinition, latest_value: float, shortfall: float, shortfall_share: float,
            achieved_on: date | None, recent_change: float | None, today: date) -> str:
    if is_achieved(definition, latest_value):
        status = ACHIEVED_LATE if achieved_on is not None and achieved_on > definition.target_date else ACHIEVED
    elif today > definition.target_date:
        status = OVERDUE
    elif shortfall <= 0:
        status = ON_TRACK
    elif shortfall_share <= AT_RISK_SHARE + 1e-9:
        status = AT_RISK
    else:
        status = OFF_TRACK
    if status in (ACHIEVED, ACHIEVED_LATE, ON_TRACK) and is_worsening(definition, recent_change):
        status = WORSENING
    return status


def single_value_status(definition: KpiDefinition, period_end, value: float, today: date) -> str:
    """The status `assess` gives one value alone, without its frames: the overview asks it for every regency of
    every regional KPI (35 regencies in a large province), where a full assessment each took 8 ms."""
    latest_date, latest_value = _as_date(period_end), float(value)
    distance = abs(definition.target_value - definition.baseline_value)
    shortfall = max((planned_value(definition, latest_date) - latest_value) * definition.sign, 0.0)
    shortfall_share = shortfall / distance if distance else (0.0 if shortfall == 0 else 1.0)
    achieved_on = latest_date if is_achieved(definition, latest_value) else None
    # One value has no recent trend: assess needs three.
    return _status(definition, latest_value, shortfall, shortfall_share, achieved_on, None, today)


def assess(definition: KpiDefinition, values: pd.DataFrame, today: date) -> KpiAssessment:
    """Status, change, staleness and forecast of a KPI from its values (columns period_end, value)."""
    frame = _clean_series(values)
    if frame.empty:
        return KpiAssessment(NO_DATA, None, None, None, None, None, None, None, None, False, None)
    latest = frame.iloc[-1]
    previous = frame.iloc[-2] if len(frame) > 1 else None
    latest_value, latest_date = float(latest["value"]), latest["period_end"]
    distance = abs(definition.target_value - definition.baseline_value)
    planned = planned_value(definition, latest_date)
    shortfall = max((planned - latest_value) * definition.sign, 0.0)
    shortfall_share = shortfall / distance if distance else (0.0 if shortfall == 0 else 1.0)
    progress = ((latest_value - definition.baseline_value) / (definition.target_value - definition.baseline_value)
                if distance else 1.0)
    achieved_on = first_achieved_on(definition, frame)
    trend = recent_trend(definition, frame)
    recent_change, recent_start = trend if trend else (None, None)
    status = _status(definition, latest_value, shortfall, shortfall_share, achieved_on, recent_change, today)
    return KpiAssessment(
        status=status,
        latest_value=latest_value,
        latest_date=latest_date,
        previous_value=None if previous is None else float(previous["value"]),
        previous_date=None if previous is None else previous["period_end"],
        planned_value=planned,
        shortfall=shortfall,
        shortfall_share=shortfall_share,
        progress_share=progress,
        is_stale=is_stale(definition, latest_date, today),
        forecast=None if is_achieved(definition, latest_value) else forecast(definition, frame, today),
        achieved_on=achieved_on,
        recent_change=recent_change,
        recent_start=recent_start,
    )


def definition_from_row(row) -> KpiDefinition:
    return KpiDefinition(
        kpi_id=row["kpi_id"],
        direction=row["direction"],
        baseline_value=float(row["baseline_value"]),
        baseline_date=_as_date(row["baseline_date"]),
        target_value=float(row["target_value"]),
        target_date=_as_date(row["target_date"]),
        update_frequency=row["update_frequency"],
    )
