"""Connectivity logic without Streamlit: signal tiers, the Wi-Fi targets, funding windows, coverage trends and
which left-out sites to visit first."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from smartisland.config import province_code
from smartisland.contract import BLANK_SPOT_STAGES, SURVEY_SOURCES, WIFI_CATEGORIES, WIFI_STATUSES
from smartisland.official_figures import figures_of

# From the worst to the best; a village's tier comes from its latest survey (see queries/coverage_*.sql):
# none = no signal; weak = a weak signal; no_4g = a good signal but only 2G/3G; good = 4G or better, good signal.
SIGNAL_TIERS = ("none", "weak", "no_4g", "good")
NOT_SURVEYED = "not_surveyed"
CATEGORIES = WIFI_CATEGORIES
STATUSES = WIFI_STATUSES
SOURCES = SURVEY_SOURCES
STAGES = BLANK_SPOT_STAGES
FUNDING_WINDOWS_MONTHS = (0, 3, 6, 12, 24)
LEFT_OUT_CATEGORIES = ("hospital", "puskesmas", "school", "desa_adat")  # in the order they are served first
COVERAGE_TARGET_PERCENT = 100.0
FORECAST_POINTS = 6  # quarters the coverage forecast is fitted on


ARTICLE_SOURCE = "article"  # the programme's seed article (reference/SOURCES.md), shown with a translated name


@dataclass(frozen=True)
class WifiFigure:
    """A published figure on the Wi-Fi programme (the province's reference/published_figures.csv), with its source."""
    on: date
    points: int
    is_target: bool
    label_key: str
    source: str


def wifi_figures() -> tuple[WifiFigure, ...]:
    """The province's published Wi-Fi point counts and targets, read at call time (none for a province that has
    published none yet)."""
    return tuple(
        WifiFigure(figure.on, int(figure.value), figure.is_target,
                   "connectivity.figure_" + figure.figure_id.removeprefix("wifi_"), figure.source)
        for figure in figures_of("wifi_points"))


def wifi_target() -> WifiFigure | None:
    """The province's published Wi-Fi point target, the first in its file; None when it has published none."""
    return next((figure for figure in wifi_figures() if figure.is_target), None)


def month_end(day) -> date:
    """The last day of the month of `day` (the date the data runs to)."""
    day = pd.Timestamp(day).date()
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def chosen_region(regency_code: str | None, district_code: str | None) -> str:
    """The most specific region chosen: the district, else the regency, else the province."""
    if district_code and district_code != regency_code:
        return district_code
    return regency_code or province_code()


def children_of(regions: pd.DataFrame, parent_code: str) -> pd.DataFrame:
    """The regions whose parent is `parent_code`, in code order (regions holds region_code, name, parent_code)."""
    return regions[regions["parent_code"] == parent_code].sort_values("region_code")


def points_in_service_on(monthly: pd.DataFrame, day: date) -> int | None:
    """Points in service at the last month end on or before `day`, from wifi_points_in_service_monthly."""
    earlier = monthly[pd.to_datetime(monthly["month_end"]) <= pd.Timestamp(day)]
    return None if earlier.empty else int(earlier["points_in_service"].iloc[-1])


def tier_counts(village_tiers: pd.DataFrame) -> pd.DataFrame:
    """Villages per tier (not surveyed last) with their share of all villages, from coverage_village_tiers."""
    tiers = village_tiers["signal_tier"].fillna(NOT_SURVEYED)
    order = [*SIGNAL_TIERS, NOT_SURVEYED]
    counts = tiers.value_counts().reindex(order, fill_value=0)
    total = int(counts.sum())
    return pd.DataFrame({"signal_tier": order, "villages": counts.to_numpy(),
                         "percent": [100.0 * count / total if total else np.nan for count in counts]})


def tiers_by_source_wide(counts: pd.DataFrame) -> pd.DataFrame:
    """Sources side by side: one row per tier, one column per source, from coverage_tiers_by_source."""
    wide = counts.pivot(index="signal_tier", columns="source", values="villages")
    wide = wide.reindex(index=[*SIGNAL_TIERS, NOT_SURVEYED], columns=list(SOURCES)).fillna(0).astype(int)
    return wide.reset_index()


def coverage_shares(quarterly: pd.DataFrame) -> pd.DataFrame:
    """Adds the percent of surveyed villages with any signal and with good 4G, from coverage_by_quarter."""
    frame = quarterly.copy()
    surveyed = frame["villages_surveyed"].where(frame["villages_surveyed"] > 0)
    frame["percent_with_signal"] = 100.0 * frame["villages_with_signal"] / surveyed
    frame["percent_good"] = 100.0 * frame["villages_good"] / surveyed
    return frame


@dataclass(frozen=True)
class Forecast:
    """When a share reaches the target at its recent pace: a date, or None when it is not rising."""
    reached_on: date | None
    is_reached: bool
    slope_per_year: float | None


def forecast_reaching(dates: pd.Series, values: pd.Series, target: float = COVERAGE_TARGET_PERCENT,
                      points: int = FORECAST_POINTS) -> Forecast:
    """A least-squares line through the last `points` values: the date it crosses `target`."""
    frame = pd.DataFrame({"date": pd.to_datetime(dates), "value": values}).dropna().sort_values("date")
    if frame.empty:
        return Forecast(None, False, None)
    if frame["value"].iloc[-1] >= target:
        return Forecast(frame["date"].iloc[-1].date(), True, None)
    recent = frame.tail(points)
    if len(recent) < 2:
        return Forecast(None, False, None)
    years = (recent["date"] - recent["date"].iloc[0]).dt.days.to_numpy() / 365.25
    slope, intercept = np.polyfit(years, recent["value"].to_numpy(dtype=float), 1)
    if slope <= 1e-9:
        return Forecast(None, False, float(slope))
    reached = recent["date"].iloc[0] + pd.Timedelta(days=float((target - intercept) / slope * 365.25))
    return Forecast(reached.date(), False, float(slope))


def coverage_forecasts(shares: pd.DataFrame, measure: str) -> dict[str, Forecast]:
    """Each source's forecast of reaching full coverage on `measure` (a column of coverage_shares)."""
    return {source: forecast_reaching(rows["quarter_end"], rows[measure]) for source, rows in shares.groupby("source")}


def late_share(sites: pd.DataFrame) -> tuple[int, int]:
    """(late sites, open sites: not yet verified), from blank_spot_sites_list."""
    open_sites = sites[sites["stage"] != "verified"]
    return int(open_sites["is_late"].sum()), len(open_sites)


def left_out_reason(is_down: bool, signal_tier) -> str:
    """Why a site is on the list: the worst of its point being down and its village's signal."""
    poor = signal_tier if signal_tier in ("none", "weak") else None
    if is_down and poor:
        return f"down_and_{poor}"
    if is_down:
        return "down"
    return f"signal_{poor}"


# Lower first: a site with no connection at all comes before one that only has a weak signal.
REASON_ORDER = ("down_and_none", "down_and_weak", "signal_none", "down", "signal_weak")


def rank_sites_left_out(sites: pd.DataFrame) -> pd.DataFrame:
    """The sites left out, the first to visit first: by reason, then category (health first), then population.

    Adds `reason` and `priority` (1 = first) to connectivity_sites_left_out's rows.
    """
    frame = sites.copy()
    frame["reason"] = [left_out_reason(bool(down), tier) for down, tier in zip(frame["is_down"], frame["signal_tier"])]
    frame["_reason_rank"] = frame["reason"].map(REASON_ORDER.index)
    frame["_category_rank"] = frame["category"].map(
        {category: rank for rank, category in enumerate(LEFT_OUT_CATEGORIES)}).fillna(len(LEFT_OUT_CATEGORIES))
    frame["_population"] = frame["village_population"].fillna(0)
    frame = frame.sort_values(["_reason_rank", "_category_rank", "_population", "point_id"],
                              ascending=[True, True, False, True])
    frame = frame.drop(columns=["_reason_rank", "_category_rank", "_population"]).reset_index(drop=True)
    frame.insert(0, "priority", range(1, len(frame) + 1))
    return frame


def hexagon_tiers(cells: pd.DataFrame, village_tiers: pd.DataFrame, nearest: pd.Series) -> pd.DataFrame:
    """Each land cell with the village that stands for it (`nearest`: index labels into village_tiers)."""
    villages = village_tiers.loc[nearest.dropna().to_numpy()].reset_index(drop=True)
    frame = cells.loc[nearest.dropna().index].reset_index(drop=True)
    for column in ("village_code", "village_name", "district_name", "regency_name", "signal_tier", "source",
                   "surveyed_on"):
        frame[column] = villages[column].to_numpy()
    return frame
