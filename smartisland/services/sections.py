"""What each section of the Public services page shows, from the named queries to ready figures, tables and texts.

Each function that reads takes the report context (its query runner: the app's cached `run_query`, or
`execute_query` on a connection in tests) and the user's choices, and returns a dataclass the page only lays out.
No Streamlit.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from smartisland import paging
from smartisland.chart_style import FigureRecipe
from smartisland.config import province_code
from smartisland.i18n import format_date, format_number, t
from smartisland.report_context import ReportContext
from smartisland.services import charts, logic
from smartisland.services.logic import STAGES, Measure

Runner = Callable[..., pd.DataFrame]
SECTIONS = ("catalog", "performance", "detail")  # the parts of the page, one shown at a time
# The measures whose change against the previous period has a column of its own in the performance table.
MEASURES_WITH_CHANGE_COLUMN = ("requests_total", "digital_take_up", "completion_rate", "satisfaction_ikm")


def _yes_no(value: Any) -> str:
    return t("services.catalog.yes") if value else t("services.catalog.no")


SERVICE_CHOICES = 50  # the most services the detail view's list offers at once; past it a search narrows them


@dataclass(frozen=True, eq=False)
class Choices:
    """The catalog (with each service's name in the language) and the areas to choose from."""
    catalog: pd.DataFrame
    names: dict[str, str]
    area_labels: dict[str, str]  # the options of the area filter
    area_names: dict[str, str]  # the area in a heading


def choices(context: ReportContext) -> Choices:
    run = context.run
    catalog = run("services_catalog")
    catalog["name"] = catalog[logic.name_column()]
    areas = run("services_areas").to_dict("records")
    return Choices(
        catalog, dict(zip(catalog["service_id"], catalog["name"])),
        {row["region_code"]: logic.area_label(row) for row in areas},
        {row["region_code"]: t("services.filter.all_province") if row["region_code"] == province_code() else row["name"]
         for row in areas})


@dataclass(frozen=True, eq=False)
class Figures:
    """All services' totals and each service's figures by period in an area, each with its change."""
    unit: str
    totals: pd.DataFrame
    # Every service's figures in a period (and the one before, for the change), and one service's every period,
    # asked for when a view reads them: the catalog view, the page's default, needs none; every service's every
    # period would grow with the services times the history (2M rows at a hundred times the sample).
    performance_query: Callable[[date | None], pd.DataFrame]
    history_query: Callable[[str], pd.DataFrame]
    data_through: Any  # the last month with figures, or None
    periods: list[date]  # oldest first

    def performance(self, period: date | None) -> pd.DataFrame:
        """Every service's figures in the period with their change, asked for once per period."""
        return self._asked.setdefault(("period", period), self.performance_query(period))

    def history(self, service_id: str) -> pd.DataFrame:
        """One service's figures in every period with their change, asked for once per service."""
        return self._asked.setdefault(("service", service_id), self.history_query(service_id))

    @cached_property
    def _asked(self) -> dict:
        return {}

    @property
    def default_period(self) -> date | None:
        return logic.default_period(self.periods, self.unit, self.data_through)

    def period_option(self, period: date) -> str:
        """A period as the period filter shows it: marked partial when the data stop inside it."""
        label = logic.period_label(period, self.unit)
        if logic.is_complete(period, self.unit, self.data_through):
            return label
        return t("services.partial_period", period=label,
                 through=format_date(self.data_through, "month"))


def figures(context: ReportContext, area: str, unit: str) -> Figures:
    run = context.run
    totals = run("services_totals_by_period", regency_code=area, period_unit=unit)
    data_through = totals["last_month"].max() if not totals.empty else None
    periods = [logic.as_date(period) for period in totals["period_start"]]
    return Figures(unit, logic.with_changes(totals, unit),
                   lambda period: _performance_in(run, area, unit, period),
                   lambda service_id: logic.with_changes(run("service_performance_history", regency_code=area,
                                                             period_unit=unit, service_id=service_id),
                                                         unit, keys=("service_id",)),
                   data_through, periods)


def _performance_in(run: Runner, area: str, unit: str, period: date | None) -> pd.DataFrame:
    """Every service's figures in the period with their change against the period before (asked for with it)."""
    both = logic.with_changes(run("service_performance_by_period", regency_code=area, period_unit=unit,
                                  period_start=period), unit, keys=("service_id",))
    return both[both["period_start"] == (logic.as_date(period) if period is not None else None)].reset_index(
        drop=True)


@dataclass(frozen=True)
class MeasureFigure:
    """One measure as a metric shows it: value, change and its colour rule, help and who reports it."""
    label: str
    value: str
    delta: str | None
    delta_color: str
    help: str
    reporting: str


def _measure_figures(row: dict) -> list[MeasureFigure]:
    shown = []
    for measure in logic.MEASURES:
        delta, delta_color = logic.metric_delta(row.get(f"{measure.name}_change"), measure)
        shown.append(MeasureFigure(measure.label, logic.format_measure(row.get(measure.name), measure), delta,
                                   delta_color, measure.help,
                                   logic.reporting_text(row.get(measure.reporting_column), row.get("service_count"))))
    return shown


def period_text(period: date | None, unit: str) -> str:
    return logic.period_label(period, unit) if period else t("common.no_data")


@dataclass(frozen=True, eq=False)
class Summary:
    """At a glance: the catalog in numbers and the period's measures for all services."""
    catalog: logic.CatalogSummary
    period_text: str
    measures: list[MeasureFigure]
    is_partial: bool  # the data stop inside the period
    previous_period_text: str | None  # what the changes compare against; None without a period


def summary(choices: Choices, figures: Figures, period: date | None) -> Summary:
    current = figures.totals[figures.totals["period_start"] == period].to_dict("records")
    unit = figures.unit
    return Summary(
        logic.catalog_summary(choices.catalog), period_text(period, unit),
        _measure_figures(current[0] if current else {}),
        period is not None and not logic.is_complete(period, unit, figures.data_through),
        logic.period_label(logic.shift_period(period, unit, -1), unit) if period is not None else None)


@dataclass(frozen=True, eq=False)
class CatalogView:
    """The services by stage, the catalog, and stages now and over time. The figures are recipes, drawn once per
    arguments and language by the app: the catalog is the same whatever area or period a reader picks."""
    stages: list[tuple[str, int, str]]  # each stage's label, number of services and meaning
    table: pd.DataFrame  # the page of the catalog asked for (the whole catalog when no page was asked for)
    page: paging.Page
    download: Callable[[], pd.DataFrame]  # the whole catalog, made only when called (a download)
    stages_figure: FigureRecipe
    stages_table: pd.DataFrame
    over_time_figure: FigureRecipe
    over_time_table: pd.DataFrame  # the latest month first


def catalog_table(catalog: pd.DataFrame) -> pd.DataFrame:
    """The catalog's rows as the reader reads them, in the reader's language."""
    return pd.DataFrame({
        t("services.catalog.column_service"): catalog["name"],
        t("services.catalog.column_agency"): catalog["agency"],
        t("services.catalog.column_stage"): [logic.stage_label(v) for v in catalog["maturity_stage"]],
        t("services.catalog.column_stage_since"): [format_date(v)
                                                             for v in catalog["stage_reached_on"]],
        t("services.catalog.column_integrated"): [_yes_no(v) for v in catalog["is_integrated"]],
        t("services.catalog.column_launched"): [format_date(v) for v in catalog["launched_on"]],
        t("services.catalog.column_in_article"): ["★ " + t("services.catalog.yes") if v else ""
                                                            for v in catalog["is_in_article"]],
    })


def catalog_view(context: ReportContext, choices: Choices, page_number: int | None = None) -> CatalogView:
    """With `page_number`, one page of the catalog's table (a hundred times the sample holds 24,966 services, 3.8 MB
    sent at once); without, the whole catalog (the static site's page)."""
    run = context.run
    catalog = choices.catalog
    by_stage = logic.catalog_summary(catalog).by_stage
    if page_number is None:
        page = paging.page_of(0, len(catalog), max(1, len(catalog)))
    else:
        page = paging.page_of(page_number, len(catalog))
    table = catalog_table(catalog.iloc[page.offset:page.offset + page.rows_per_page])
    stages_table = pd.DataFrame({
        t("services.catalog.column_stage"): [logic.stage_label(stage) for stage in STAGES],
        t("services.catalog.integrated"): [
            int(((catalog["maturity_stage"] == stage) & catalog["is_integrated"]).sum()) for stage in STAGES],
        t("services.catalog.not_integrated"): [
            int(((catalog["maturity_stage"] == stage) & ~catalog["is_integrated"]).sum()) for stage in STAGES],
    })
    over_time = run("services_by_stage_over_time")
    return CatalogView(
        [(logic.stage_label(stage), by_stage[stage], logic.stage_meaning(stage)) for stage in STAGES],
        table, page, lambda: catalog_table(catalog), FigureRecipe(charts.stages_figure, (catalog,)), stages_table,
        FigureRecipe(charts.stages_over_time_figure, (over_time,)), stages_over_time_table(over_time))


def stages_over_time_table(over_time: pd.DataFrame) -> pd.DataFrame:
    """Months (the latest first) by stage, from services_by_stage_over_time; a stage no service reached shows 0."""
    wide = over_time.pivot(index="month", columns="maturity_stage", values="service_count").reset_index()
    table = pd.DataFrame({t("services.catalog.axis_month"): [format_date(month, "month")
                                                                         for month in wide["month"]]})
    for stage in STAGES:
        table[logic.stage_label(stage)] = wide[stage] if stage in wide.columns else 0
    return table.iloc[::-1]


def current_rows(choices: Choices, figures: Figures, period: date | None) -> pd.DataFrame:
    """Each service's figures in the period, with its stage, in the catalog's order."""
    catalog = choices.catalog
    rows = figures.performance(period).merge(
        catalog[["service_id", "maturity_stage"]], on="service_id")
    order = {service_id: position for position, service_id in enumerate(catalog["service_id"])}
    return rows.sort_values("service_id", key=lambda ids: ids.map(order))


@dataclass(frozen=True, eq=False)
class PerformancePage:
    """One page of the performance table, and the whole table for a download."""
    table: pd.DataFrame
    page: paging.Page
    download: Callable[[], pd.DataFrame]  # made only when called


def performance_page(choices: Choices, figures: Figures, period: date | None,
                     page_number: int) -> PerformancePage | None:
    """Page `page_number` of every service's measures in the period with the main changes (50 services: a hundred
    times the sample has 24,966, 9 MB sent at once with the ranking); None when no service has figures then."""
    rows = current_rows(choices, figures, period)
    if rows.empty:
        return None
    page = paging.page_of(page_number, len(rows))
    return PerformancePage(_performance_rows(choices, rows.iloc[page.offset:page.offset + page.rows_per_page]), page,
                           lambda: _performance_rows(choices, rows))


def _performance_rows(choices: Choices, rows: pd.DataFrame) -> pd.DataFrame:
    table = pd.DataFrame({
        t("services.catalog.column_service"): rows["service_id"].map(choices.names),
        t("services.catalog.column_stage"): [logic.stage_label(v) for v in rows["maturity_stage"]],
    })
    for measure in logic.MEASURES:
        table[measure.label] = [logic.format_measure(value, measure) for value in rows[measure.name]]
        if measure.name in MEASURES_WITH_CHANGE_COLUMN:
            table[f"{measure.label} · {t('services.performance.column_change')}"] = [
                logic.format_change(value, measure) for value in rows[f"{measure.name}_change"]]
    return table.reset_index(drop=True)


@dataclass(frozen=True, eq=False)
class Chart:
    """A figure and its numbers as a table."""
    figure: go.Figure
    table: pd.DataFrame


def regency_breakdown(context: ReportContext, service_id: str, measure: Measure, period: date | None, unit: str) -> Chart | None:
    """Bars and a table of one measure by regency for one service ('' for all); None when no regency reports it."""
    run = context.run
    by_regency = run("service_performance_by_regency", period_unit=unit, period_start=period, service_id=service_id)
    if by_regency[measure.reporting_column].sum() == 0:
        return None
    table = pd.DataFrame({
        t("services.performance.column_regency"): by_regency["regency_name"],
        measure.label: [logic.format_measure(value, measure) for value in by_regency[measure.name]],
        t("services.performance.column_reporting"): [format_number(v)
                                                               for v in by_regency[measure.reporting_column]],
    })
    return Chart(charts.ranked_bars_figure(list(by_regency["regency_name"]), list(by_regency[measure.name]), measure), table)


def _trend_table(frame: pd.DataFrame, measure: Measure, unit: str, with_reporting: bool) -> pd.DataFrame:
    """A measure period by period, the latest first, with its change (and, for totals, who reports it)."""
    table = pd.DataFrame({
        t("services.performance.column_period"): [logic.period_label(v, unit)
                                                            for v in frame["period_start"]],
        measure.label: [logic.format_measure(value, measure) for value in frame[measure.name]],
        t("services.performance.column_change"): [logic.format_change(value, measure)
                                                            for value in frame[f"{measure.name}_change"]],
    })
    if with_reporting:
        table[t("services.performance.column_reporting")] = [
            logic.reporting_text(reporting, total)
            for reporting, total in zip(frame[measure.reporting_column], frame["service_count"])]
    return table.iloc[::-1]


@dataclass(frozen=True, eq=False)
class MeasureView:
    """One measure across services (ranked), over time, and by regency (for the whole province only)."""
    ranking: Chart | None  # None when no service has the measure in the period
    trend: Chart
    by_regency: Chart | None
    shows_regencies: bool
    ranking_note: str | None = None  # said when the ranking draws only the best and the worst


# More services than a chart can name readably: the best and the worst of them are drawn, the table lists all.
RANKED_AT_MOST = 40


def ranked_rows(rows: pd.DataFrame, measure: Measure) -> tuple[pd.DataFrame, int]:
    """The services the ranking draws: all of them, or, past RANKED_AT_MOST reporting the measure, the best and
    the worst half of that many (those without the figure left out); and how many report it."""
    reporting = rows[rows[measure.name].notna()]
    if len(reporting) <= RANKED_AT_MOST:
        return rows, len(reporting)
    ranked = reporting.sort_values(measure.name, ascending=not measure.higher_is_better, kind="stable")
    half = RANKED_AT_MOST // 2
    return pd.concat([ranked.iloc[:half], ranked.iloc[-half:]]), len(reporting)


def measure_view(context: ReportContext, choices: Choices, figures: Figures, period: date | None, area: str,
                 measure: Measure) -> MeasureView:
    rows = current_rows(choices, figures, period)
    ranking, ranking_note = None, None
    if rows[measure.name].notna().any():
        shown, reporting = ranked_rows(rows, measure)
        labels = list(shown["service_id"].map(choices.names))
        ranking = Chart(charts.ranked_bars_figure(labels, list(shown[measure.name]), measure), pd.DataFrame({
            t("services.catalog.column_service"): labels,
            measure.label: [logic.format_measure(value, measure) for value in shown[measure.name]],
        }))
        if len(shown) < len(rows):
            ranking_note = t("services.performance.ranking_trimmed", shown=format_number(RANKED_AT_MOST // 2),
                             total=format_number(reporting), measure=measure.label)
    unit, totals = figures.unit, figures.totals
    trend = Chart(charts.measure_trend_figure(logic.trend_rows(totals, measure, unit, figures.data_through), measure,
                                              unit, measure.label),
                  _trend_table(totals, measure, unit, True))
    shows_regencies = area == province_code()
    by_regency = regency_breakdown(context, "", measure, period, unit) if shows_regencies else None
    return MeasureView(ranking, trend, by_regency, shows_regencies, ranking_note)


@dataclass(frozen=True, eq=False)
class DetailView:
    """One service: its facts, stage history, next steps, and its figures in the period and over time."""
    name: str
    facts: dict[str, str]  # label key -> value
    stage_label: str
    stage_meaning: str
    is_in_article: bool
    stage_history: pd.DataFrame
    next_steps: list[str]
    has_figures: bool
    measures: list[MeasureFigure]  # in the period
    history: list[tuple[Measure, Chart]]  # each measure over time


def detail_view(context: ReportContext, choices: Choices, figures: Figures, service_id: str, period: date | None,
                area: str) -> DetailView:
    run = context.run
    catalog, unit = choices.catalog, figures.unit
    service = catalog[catalog["service_id"] == service_id].iloc[0].to_dict()
    history = figures.history(service_id)
    latest = history[history["period_start"] == period].to_dict("records")
    # What the service lacks is judged on its figures for the whole province: a regency may simply have no breakdown.
    province_history = history if area == province_code() else run(
        "service_performance_history", regency_code=province_code(), period_unit=unit, service_id=service_id)
    province_latest = province_history[province_history["period_start"].map(logic.as_date) == period].to_dict(
        "records")
    stages = run("service_stage_history", service_id=service_id)
    stage = service["maturity_stage"]
    return DetailView(
        service["name"],
        {"services.detail.agency": service["agency"],
         "services.detail.stage": logic.stage_label(stage),
         "services.detail.integrated": _yes_no(service["is_integrated"]),
         "services.detail.launched": format_date(service["launched_on"])},
        logic.stage_label(stage), logic.stage_meaning(stage), bool(service["is_in_article"]),
        pd.DataFrame({
            t("services.catalog.column_stage"): [logic.stage_label(v)
                                                           for v in stages["maturity_stage"]],
            t("services.detail.column_reached_on"): [
                t("services.detail.not_reached") if logic.is_missing(v) else format_date(v)
                for v in stages["reached_on"]],
        }),
        logic.next_steps(service, province_latest[0] if province_latest else None),
        not history.empty,
        _measure_figures(latest[0] if latest else {}),
        [(measure, Chart(charts.measure_trend_figure(logic.trend_rows(history, measure, unit, figures.data_through),
                                                     measure, unit, service["name"]),
                         _trend_table(history, measure, unit, False)))
         for measure in logic.MEASURES])
