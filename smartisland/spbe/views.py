"""What the SPBE page shows, shaped from the warehouse: the index by year, the regencies side by side, one
government's year, the heat map's grid and the gap plan's owners (no Streamlit, no figures: spbe/charts.py draws).

`run` is a query runner, `run(name, **params) -> DataFrame` (run_query in the app, execute_query in tests).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from smartisland.config import province_code
from smartisland.kpis.scorecard import QueryRunner
from smartisland.spbe.index import Indicator, entity_year_indices, frameworks_from_frame, predicate
from smartisland.spbe.plan import GapPlan, next_band_bound
from smartisland.text import data_text

NATIONAL_CODE = "national"


@dataclass(frozen=True)
class SpbeData:
    frameworks: dict[str, dict[int, Indicator]]  # framework id -> its indicators
    levels: pd.DataFrame  # one row per government, year and indicator (spbe_indicator_levels)
    published: pd.DataFrame  # the published indices (spbe_published_indices)
    indices: pd.DataFrame  # one row per government and year: the index computed from its levels


def spbe_data(run: QueryRunner, include_internal: bool) -> SpbeData:
    """Every assessment and published index, and the index of each government and year computed from the levels;
    the evidence status (internal) only with `include_internal`."""
    frameworks = frameworks_from_frame(run("spbe_framework_indicators"))
    levels = run("spbe_indicator_levels", include_internal=include_internal)
    return SpbeData(frameworks, levels, run("spbe_published_indices"), entity_year_indices(levels, frameworks))


# ---------------------------------------------------------------- the province by year


def trend_frame(indices: pd.DataFrame, published: pd.DataFrame, entity_code: str | None = None) -> pd.DataFrame:
    """One row per year: the entity's (default: the province's) computed and published index and the national
    average."""
    entity_code = entity_code or province_code()
    computed = indices[indices["entity_code"] == entity_code].set_index("year")["index_value"].rename("computed")
    own = published[published["entity_code"] == entity_code].set_index("year")
    national = published[published["is_national"].astype(bool)].set_index("year")["index_value"].rename("national")
    frame = pd.concat([computed, own["index_value"].rename("published"), own["certainty"], national], axis=1)
    frame = frame.sort_index().reset_index().rename(columns={"index": "year"})
    return frame[["year", "computed", "published", "certainty", "national"]]


@dataclass(frozen=True)
class ProvinceTrend:
    frame: pd.DataFrame  # trend_frame of the province
    latest_year: int | None  # of the latest published index of the province
    latest_index: float | None
    next_bound: float | None  # the lower bound of the band above the latest index; None in the top band
    sources: list[str]  # the sources of the province's and the national published indices


def province_trend(data: SpbeData) -> ProvinceTrend:
    """The province's index by year, its latest published index and how far the next band is."""
    published = data.published
    own = published[published["entity_code"] == province_code()].tail(1)
    latest_year = int(own["year"].iloc[0]) if len(own) else None
    latest_index = float(own["index_value"].iloc[0]) if len(own) else None
    sources = sorted({data_text(source) for source in
                      published.loc[published["entity_code"].isin([province_code(), NATIONAL_CODE]), "source"]})
    return ProvinceTrend(trend_frame(data.indices, published), latest_year, latest_index,
                         next_band_bound(latest_index) if latest_index is not None else None, sources)


# ---------------------------------------------------------------- the regencies side by side


def regency_years(indices: pd.DataFrame, published: pd.DataFrame) -> list[int]:
    """Years with a computed or published index of a regency or the city, latest first."""
    computed = indices.loc[indices["entity_code"] != province_code(), "year"]
    own = published.loc[~published["is_national"].astype(bool) & (published["entity_code"] != province_code()),
                        "year"]
    return sorted({int(year) for year in [*computed, *own]}, reverse=True)


def national_average(published: pd.DataFrame, year: int) -> float | None:
    values = published.loc[published["is_national"].astype(bool) & (published["year"] == year), "index_value"]
    return float(values.iloc[0]) if len(values) else None


def entities_frame(indices: pd.DataFrame, published: pd.DataFrame, year: int) -> pd.DataFrame:
    """The regencies and the city in a year: computed and published index, lowest first (for a bar chart)."""
    computed = indices[(indices["year"] == year) & (indices["entity_code"] != province_code())]
    own = published[(published["year"] == year) & ~published["is_national"].astype(bool)
                     & (published["entity_code"] != province_code())]
    frame = computed[["entity_code", "entity_name", "index_value"]].rename(columns={"index_value": "computed"}).merge(
        own[["entity_code", "entity_name", "index_value", "certainty"]].rename(
            columns={"index_value": "published", "entity_name": "published_name"}), on="entity_code", how="outer")
    frame["entity_name"] = frame["entity_name"].fillna(frame["published_name"])
    frame["shown"] = frame["published"].where(frame["published"].notna(), frame["computed"])
    frame["predicate"] = frame["shown"].map(lambda value: None if pd.isna(value) else predicate(value))
    return frame.sort_values(["shown", "entity_code"], na_position="first").reset_index(drop=True)[
        ["entity_code", "entity_name", "computed", "published", "certainty", "shown", "predicate"]]


@dataclass(frozen=True)
class RegencyComparison:
    entities: pd.DataFrame  # entities_frame of the year; empty when no regency has an index that year
    national: float | None


def regency_comparison(data: SpbeData, year: int | None) -> RegencyComparison:
    if year is None:
        return RegencyComparison(entities_frame(data.indices.iloc[0:0], data.published.iloc[0:0], 0), None)
    return RegencyComparison(entities_frame(data.indices, data.published, year), national_average(data.published, year))


# ---------------------------------------------------------------- one government, one year


def entity_choices(data: SpbeData) -> dict[str, str]:
    """Entity code -> name of every assessed government, the province first, then by code."""
    names = dict(zip(data.indices["entity_code"], data.indices["entity_name"]))
    return {code: names[code] for code in sorted(names, key=lambda code: (code != province_code(), code))}


def entity_years(data: SpbeData, entity_code: str) -> list[int]:
    """The years a government was assessed, latest first."""
    return sorted(data.indices.loc[data.indices["entity_code"] == entity_code, "year"].astype(int), reverse=True)


@dataclass(frozen=True)
class EntityYear:
    entity_code: str
    year: int
    framework_id: str
    indicators: dict[int, Indicator]
    index_value: float  # NaN when incomplete
    indicators_assessed: int
    indicators_expected: int
    levels: dict[int, int]  # indicator number -> level
    owners: dict[int, str]  # indicator number -> the agency that owns it

    @property
    def is_complete(self) -> bool:
        return self.indicators_assessed == self.indicators_expected


def entity_year(data: SpbeData, entity_code: str, year: int) -> EntityYear:
    """One government's assessment in one year: its index, levels and the owners of its indicators."""
    indices = data.indices
    chosen = indices[(indices["entity_code"] == entity_code) & (indices["year"] == year)].iloc[0]
    rows = data.levels[(data.levels["entity_code"] == entity_code) & (data.levels["year"] == year)]
    numbers = rows["indicator_no"].astype(int)
    return EntityYear(entity_code, int(year), chosen["framework_id"], data.frameworks[chosen["framework_id"]],
                      float(chosen["index_value"]), int(chosen["indicators_assessed"]),
                      int(chosen["indicators_expected"]), dict(zip(numbers, rows["level"].astype(int))),
                      dict(zip(numbers, rows["owner_agency"])))


def heatmap_levels(data: SpbeData, chosen: EntityYear, mode: str) -> pd.DataFrame:
    """The levels the heat map shows, in the chosen government's framework: its years (`year`), or every
    government in the chosen year (`entity`)."""
    levels = data.levels
    same_framework = levels["framework_id"] == chosen.framework_id
    if mode == "year":
        return levels[same_framework & (levels["entity_code"] == chosen.entity_code)]
    return levels[same_framework & (levels["year"] == chosen.year)]


@dataclass(frozen=True)
class Grid:
    values: pd.DataFrame  # rows by columns
    rows: list[str]
    columns: list[str]


def heatmap_grid(frame: pd.DataFrame, value: str, column: str) -> Grid:
    """`frame`'s `value` as a grid of row_label by column_label: rows by indicator number, columns by year or
    government code (`column`)."""
    columns = (frame.sort_values("year") if column == "year" else frame.sort_values("entity_code"))[
        "column_label"].drop_duplicates().tolist()
    rows = frame.sort_values("indicator_no")["row_label"].drop_duplicates().tolist()
    grid = frame.pivot(index="row_label", columns="column_label", values=value).reindex(index=rows, columns=columns)
    return Grid(grid, rows, columns)


# ---------------------------------------------------------------- the gap plan


def raises_by_owner(plan: GapPlan, owners: Mapping[int, str], unknown: str) -> list[tuple[str, int]]:
    """(owner agency, raises) of a plan, most first, then by name; `unknown` for an indicator without owner."""
    counts: dict[str, int] = {}
    for step in plan.steps:
        owner = owners.get(step.indicator_no, unknown)
        counts[owner] = counts.get(owner, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
