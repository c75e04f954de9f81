"""What the SPBE page shows, shaped from the warehouse: the index by year, the regencies side by side, one
government's year and its heat map, and a view builder per section of the page (no Streamlit; spbe/charts.py
draws, the page draws each figure once through its FigureRecipe).

The data is read through a report context's query runner (run_query in the app, execute_query in tests).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from smartisland.chart_style import FigureRecipe
from smartisland.config import province_code
from smartisland.i18n import format_number, format_signed, t
from smartisland.report_context import ReportContext
from smartisland.spbe import charts
from smartisland.spbe.index import Indicator, entity_year_indices, frameworks_from_frame, predicate
from smartisland.spbe.plan import breakdown, compare_with_published, gap_plan, next_band_bound, plan_targets, what_if
from smartisland.text import data_text, markdown_text

NATIONAL_CODE = "national"


@dataclass(frozen=True)
class SpbeData:
    frameworks: dict[str, dict[int, Indicator]]  # framework id -> its indicators
    levels: pd.DataFrame  # one row per government, year and indicator (spbe_indicator_levels)
    published: pd.DataFrame  # the published indices (spbe_published_indices)
    indices: pd.DataFrame  # one row per government and year: the index computed from its levels


def spbe_data(context: ReportContext, include_internal: bool) -> SpbeData:
    """Every assessment and published index in the context's warehouse, and the index of each government and year
    computed from the levels; the evidence status (internal) only with `include_internal`."""
    return _spbe_data(context.run, include_internal)


def _spbe_data(run, include_internal: bool) -> SpbeData:
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


# ---------------------------------------------------------------- what each section of the page shows
# One builder per section, as the Connectivity and Services pages have: the page lays the result out and asks
# nothing else of the SPBE modules.


@dataclass(frozen=True)
class TrendView:
    latest: tuple[str, str] | None  # (label, value) of the latest published index; None when none is published
    next_step: tuple[str, str] | None  # (label, value): how far the next band is, or that it is the top band
    figure: FigureRecipe
    table: pd.DataFrame
    sources: str


def trend_view(data: SpbeData) -> TrendView:
    """The province by year: its latest published index, the distance to the band above, the chart and sources."""
    trend = province_trend(data)
    latest = next_step = None
    if trend.latest_index is not None:
        latest = (t("spbe.trend.latest", year=trend.latest_year), charts.index_with_predicate(trend.latest_index))
        if trend.next_bound is None:
            next_step = (t("spbe.predicate_label"), t("spbe.trend.top_band"))
        else:
            next_step = (t("spbe.trend.gap_to_next", predicate=charts.predicate_text(predicate(trend.next_bound))),
                         format_number(trend.next_bound - trend.latest_index, 2))
    return TrendView(latest, next_step, FigureRecipe(charts.trend_figure, (trend.frame,)),
                     charts.trend_table(trend.frame),
                     t("spbe.trend.sources", sources="; ".join(markdown_text(source) for source in trend.sources)))


@dataclass(frozen=True)
class CheckView:
    different: int  # published indices the levels do not reproduce
    table: pd.DataFrame


def check_view(data: SpbeData) -> CheckView:
    """The team's check of its own computation: each published index beside the one computed from the levels."""
    comparison = compare_with_published(data.indices, data.published)
    return CheckView(int(comparison["is_different"].sum()), charts.comparison_table(comparison))


@dataclass(frozen=True)
class RegencyYear:
    figure: FigureRecipe | None  # None when no regency has an index that year
    table: pd.DataFrame | None


@dataclass(frozen=True)
class RegenciesView:
    data: SpbeData
    years: list[int]  # latest first

    def of_year(self, year: int | None) -> RegencyYear:
        """The regencies and the city side by side in `year`."""
        regencies = regency_comparison(self.data, year)
        if regencies.entities.empty:
            return RegencyYear(None, None)
        return RegencyYear(FigureRecipe(charts.entities_figure, (regencies.entities, regencies.national)),
                           charts.entities_table(regencies.entities))


def regencies_view(data: SpbeData) -> RegenciesView:
    return RegenciesView(data, regency_years(data.indices, data.published))


@dataclass(frozen=True)
class EntityView:
    """One government in one year: its index, by aspect and by domain, and the targets a gap plan can aim at."""
    chosen: EntityYear
    incomplete: str | None  # why there is no index (indicators missing); None when complete
    index: str
    aspects_figure: FigureRecipe | None
    aspects_table: pd.DataFrame | None
    domains_table: pd.DataFrame | None
    plan_targets: dict[float, str]  # a band's lower bound -> its label


@dataclass(frozen=True)
class BreakdownView:
    data: SpbeData
    entities: dict[str, str]  # entity code -> label, the province first

    def years(self, entity_code: str) -> list[int]:
        return entity_years(self.data, entity_code)

    def of(self, entity_code: str, year: int, compact: bool = False) -> EntityView:
        chosen = entity_year(self.data, entity_code, year)
        if not chosen.is_complete:
            return EntityView(chosen, t("spbe.breakdown.incomplete", assessed=chosen.indicators_assessed,
                                        expected=chosen.indicators_expected), "", None, None, None, {})
        aspects = breakdown(chosen.levels, chosen.indicators, by="aspect")
        targets = {bound: t("spbe.plan.target_option", predicate=charts.predicate_text(predicate(bound)),
                            bound=format_number(bound, 1)) for bound in plan_targets(chosen.index_value)}
        return EntityView(chosen, None, charts.index_with_predicate(chosen.index_value),
                          FigureRecipe(charts.breakdown_figure, (aspects,), {"compact": compact}),
                          charts.breakdown_table(aspects, "aspect"),
                          charts.breakdown_table(breakdown(chosen.levels, chosen.indicators, by="domain"), "domain"),
                          targets)


def breakdown_view(data: SpbeData) -> BreakdownView:
    names = entity_choices(data)
    return BreakdownView(data, {code: charts.entity_label(code, name) for code, name in names.items()})


@dataclass(frozen=True)
class Chart:
    figure: FigureRecipe
    table: pd.DataFrame


def heatmap_view(data: SpbeData, chosen: EntityYear, mode: str, include_evidence: bool, compact: bool = False) -> Chart:
    """The levels as a heat map: the chosen government's years (`year`) or every government that year (`entity`);
    the evidence status (internal) only with `include_evidence`."""
    levels = heatmap_levels(data, chosen, mode)
    return Chart(FigureRecipe(charts.heatmap_figure, (levels, mode),
                              {"include_evidence": include_evidence, "compact": compact}),
                 charts.heatmap_table(levels, include_evidence=include_evidence))


@dataclass(frozen=True)
class PlanView:
    unreachable: str | None  # the message when no plan reaches the target
    met: str | None  # the message when the index already meets it
    summary: str | None
    steps_table: pd.DataFrame | None
    figure: FigureRecipe | None
    by_owner: pd.DataFrame | None


def plan_view(chosen: EntityYear, target: float) -> PlanView:
    """The fewest raises that lift the chosen government's index to `target`, step by step and by owner."""
    plan = gap_plan(chosen.levels, chosen.indicators, target)
    if not plan.is_reachable:
        return PlanView(t("spbe.plan.unreachable", target=format_number(plan.target, 2)), None, None, None, None, None)
    if not plan.steps:
        return PlanView(None, t("spbe.plan.met", index=format_number(plan.start_index, 2),
                                target=format_number(plan.target, 2)), None, None, None, None)
    summary = t("spbe.plan.summary", count=len(plan.steps), start=format_number(plan.start_index, 2),
                end=format_number(plan.final_index, 2), predicate=charts.predicate_text(predicate(plan.final_index)))
    return PlanView(None, None, summary, charts.plan_table(plan, chosen.indicators, chosen.owners),
                    FigureRecipe(charts.plan_figure, (plan, chosen.indicators)),
                    charts.owner_summary(plan, chosen.owners))


@dataclass(frozen=True)
class LevelInput:
    number: int
    label: str
    help: str  # the five levels in words
    level: int  # the assessed level


@dataclass(frozen=True)
class WhatIfOutcome:
    index_now: tuple[str, str]  # (label, value)
    index_after: tuple[str, str]
    change: str | None  # signed, with an ASCII minus (Streamlit reads the direction from it); None when unchanged
    predicate_after: tuple[str, str]
    changed: str


@dataclass(frozen=True)
class WhatIfView:
    chosen: EntityYear
    aspects: dict[int, str]  # aspect number -> name

    def inputs(self, aspect_no: int) -> list[LevelInput]:
        """One level per indicator of the aspect, as assessed."""
        return [LevelInput(indicator.number, charts.indicator_widget_label(indicator.number,
                                                                           markdown_text(indicator.name)),
                           " · ".join(charts.level_text(indicator.kind, level) for level in range(1, 6)),
                           int(self.chosen.levels[indicator.number]))
                for indicator in self.chosen.indicators.values() if indicator.aspect_no == aspect_no]

    def outcome(self, changes: Mapping[int, int]) -> WhatIfOutcome:
        """The index and its band before and after the changed levels."""
        outcome = what_if(self.chosen.levels, changes, self.chosen.indicators)
        change = format_signed(outcome.index_after - outcome.index_before, 2).replace("−", "-") \
            if outcome.changed else None
        return WhatIfOutcome(
            (t("spbe.what_if.index_now", predicate=charts.predicate_text(outcome.predicate_before)),
             format_number(outcome.index_before, 2)),
            (t("spbe.what_if.index_after"), format_number(outcome.index_after, 2)), change,
            (t("spbe.what_if.predicate_after"), charts.predicate_text(outcome.predicate_after)),
            f"{t('spbe.what_if.changed', count=len(outcome.changed))} · {t('spbe.level_names_unsure')}")


def what_if_view(chosen: EntityYear) -> WhatIfView:
    """What raising some of the chosen government's levels would do to its index."""
    return WhatIfView(chosen, {indicator.aspect_no: indicator.aspect for indicator in chosen.indicators.values()})


# ---------------------------------------------------------------- the page's parts, from plain choices
# Each part of the page from the warehouse (`run`) and the page's choices alone, plain values the app keeps its
# parts by (ui.warehouse_view): a warm run of the page then computes none of them again.


@dataclass(frozen=True)
class PageStart:
    trend: TrendView
    has_levels: bool  # some government has assessed levels
    check: CheckView | None  # the team's check (internal only)
    regency_years: list[int]  # latest first
    entities: dict[str, str]  # entity code -> label, the province first


def page_start(run, include_internal: bool) -> PageStart:
    data = _spbe_data(run, include_internal)
    has_levels = not data.levels.empty
    return PageStart(trend_view(data), has_levels, check_view(data) if include_internal and has_levels else None,
                     regencies_view(data).years, breakdown_view(data).entities)


def regency_year_part(run, include_internal: bool, year: int | None) -> RegencyYear:
    return regencies_view(_spbe_data(run, include_internal)).of_year(year)


def entity_years_part(run, include_internal: bool, entity_code: str | None) -> list[int]:
    return breakdown_view(_spbe_data(run, include_internal)).years(entity_code)


def entity_part(run, include_internal: bool, entity_code: str | None, year: int | None,
                compact: bool) -> EntityView:
    return breakdown_view(_spbe_data(run, include_internal)).of(entity_code, year, compact=compact)


def heatmap_part(run, include_internal: bool, entity_code: str | None, year: int | None, mode: str,
                 compact: bool) -> Chart:
    data = _spbe_data(run, include_internal)
    return heatmap_view(data, entity_year(data, entity_code, year), mode, include_evidence=include_internal,
                        compact=compact)


def plan_part(run, include_internal: bool, entity_code: str | None, year: int | None, target: float) -> PlanView:
    data = _spbe_data(run, include_internal)
    return plan_view(entity_year(data, entity_code, year), target)


def what_if_part(run, include_internal: bool, entity_code: str | None, year: int | None) -> WhatIfView:
    data = _spbe_data(run, include_internal)
    return what_if_view(entity_year(data, entity_code, year))
