"""What each section of the Connectivity page shows, from the named queries to ready figures and tables.

Each function takes the report context (its query runner: the app's cached `run_query`, or `execute_query` on a
connection in tests) and the user's choices, and returns a dataclass the page only lays out. The day the figures
stand on is `data_month_end`, the end of the data's latest month (not the report's as-of day). No Streamlit.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from smartisland import disclosure, geo, province
from smartisland.chart_style import FigureRecipe
from smartisland.config import province_code
from smartisland.connectivity import coverage_charts, logic, official_figures, tables, wifi_charts
from smartisland.connectivity.map import connectivity_map, item_labels, legend_markdown, map_items_table
from smartisland.connectivity.map import item_details as map_item_details
from smartisland.paging import ROWS_PER_PAGE, Page, page_of
from smartisland.report_context import ReportContext

Runner = Callable[..., pd.DataFrame]
COVERAGE_MEASURES = ("percent_good", "percent_with_signal")


@dataclass(frozen=True, eq=False)
class Places:
    """The regencies and districts to choose from, with their names."""
    areas: pd.DataFrame
    names: dict[str, str]
    regency_codes: list[str]

    def district_options(self, regency_code: str) -> list[str]:
        """The regency itself (all its districts) first, then its districts in code order."""
        return [regency_code, *logic.children_of(self.areas, regency_code)["region_code"]]


def places(context: ReportContext) -> Places:
    run = context.run
    areas = run("connectivity_areas")
    return Places(areas, dict(zip(areas["region_code"], areas["name"])),
                  list(logic.children_of(areas, province_code())["region_code"]))


@dataclass(frozen=True)
class Headline:
    """The five figures at the top of the page."""
    points_in_service: int | None
    percent_of_target: float | None  # of the published target; None below the province, or with no target
    points_down: int
    funding_ended: int
    good_signal_percent: float  # by the province's own surveys: the source of the KPI "villages with good 4G"
    late_sites: int
    open_sites: int
    good_signal_any_source_percent: float = float("nan")  # by each village's latest survey from any source
    target: logic.WifiFigure | None = None  # the province's published Wi-Fi target, None when it has none


def headline(context: ReportContext, region_code: str, data_month_end: date) -> Headline:
    run = context.run
    monthly = run("wifi_points_in_service_monthly", region_code=region_code)
    by_area = run("wifi_points_by_area", region_code=region_code, as_of=data_month_end)
    ended = run("wifi_points_funding_counts", region_code=region_code, as_of=data_month_end, months=0)
    tiers = logic.tier_counts(run("coverage_village_tiers", region_code=region_code)).set_index("signal_tier")
    by_source = run("coverage_tiers_by_source", region_code=region_code)
    sites = run("blank_spot_sites_list", region_code=region_code, as_of=data_month_end)
    in_service = logic.points_in_service_on(monthly, data_month_end)
    percent_of_target = None
    target = logic.wifi_target()
    if region_code == province_code() and in_service is not None and target is not None:
        percent_of_target = 100 * in_service / target.points
    late_sites, open_sites = logic.late_share(sites)
    return Headline(in_service, percent_of_target, int(by_area["points_down"].sum()),
                    int(ended["funding_ended"].iloc[0]),
                    good_percent_by_source(by_source, KPI_SIGNAL_SOURCE), late_sites, open_sites,
                    tiers.loc["good", "percent"], target)


# One declared source for "villages with good 4G", on every page: the province's own surveys, as the KPI
# (queries/kpi_villages_good_4g.sql); the other sources are shown as comparisons.
KPI_SIGNAL_SOURCE = "province"


def good_percent_by_source(by_source: pd.DataFrame, source: str) -> float:
    """The share of the region's villages that one source puts in the good tier by its latest survey of each
    (coverage_tiers_by_source: villages never surveyed by it count in the whole, as the KPI counts them)."""
    rows = by_source[by_source["source"] == source]
    total = rows["villages"].sum()
    return 100.0 * rows.loc[rows["signal_tier"] == "good", "villages"].sum() / total if total else float("nan")


# Above this many Wi-Fi points in a regency or district its map counts them per district, as the province's does:
# each drawn point is about 400 bytes sent, and tens of thousands of dots show nothing a count does not.
MAX_POINTS_DRAWN = 2_000
MAP_ITEM_CHOICES = 30  # the most items the list beside the map offers at once; a search narrows them


@dataclass(frozen=True, eq=False)
class MapView:
    """The map with its legend, and the sites and villages it shows (for a picked item's details). The items one
    can pick and the table alternative are asked for a page at a time (map_items)."""
    deck: pdk.Deck
    legend: str
    sites: pd.DataFrame
    village_tiers: pd.DataFrame
    clustered: bool  # the Wi-Fi points are counted per area, not drawn one by one


def map_view(context: ReportContext, region_code: str, data_month_end: date, coverage_shading: str, layers: list[str],
             width_px: int | None = None,
             build: Callable[..., MapView] | None = None) -> MapView:
    """The map's queries, then its build (`build`: build_map_view, or the app's cached copy of it). Every point is
    asked for only where they are drawn one by one: in a regency or district with at most MAX_POINTS_DRAWN."""
    run = context.run
    code_length = 5 if region_code == province_code() and geo.is_large(geo.land_cells()) else 8
    point_counts = run("wifi_point_counts_by_area", region_code=region_code, code_length=code_length)
    clustered = region_code == province_code() or int(point_counts["points"].sum()) > MAX_POINTS_DRAWN
    points = None if clustered else run("wifi_points_list", region_code=region_code)
    sites = run("blank_spot_sites_list", region_code=region_code, as_of=data_month_end)
    village_tiers = run("coverage_village_tiers", region_code=region_code)
    areas = run("connectivity_areas")
    official = run("boundaries", region_code=province_code())  # none loaded: an empty frame, and the traced base
    return (build or build_map_view)(points, sites, village_tiers, areas, official, region_code, coverage_shading,
                                     tuple(layers), width_px, point_counts if clustered else None)


def build_map_view(points: pd.DataFrame | None, sites: pd.DataFrame, village_tiers: pd.DataFrame,
                   areas: pd.DataFrame, official: pd.DataFrame, region_code: str, coverage_shading: str,
                   layers: tuple[str, ...], width_px: int | None = None,
                   point_counts: pd.DataFrame | None = None) -> MapView:
    """The map from its query results (`official`: the loaded boundaries, maybe none; `point_counts`: the points
    counted per area, in place of `points`): pure in them, the province's land cells and the choices."""
    layers = list(layers)
    cells = geo.land_cells()
    hexagons = None
    if coverage_shading == "hexagon":
        region_cells = geo.cells_of_region(cells, region_code)
        nearest = geo.nearest_place(region_cells, village_tiers, place_group=village_tiers["village_code"].str[:8])
        hexagons = logic.hexagon_tiers(region_cells, village_tiers, nearest)
    names = dict(zip(areas["region_code"], areas["name"]))
    deck = connectivity_map(cells, region_code, coverage_shading, layers, points=points, sites=sites,
                            village_tiers=village_tiers, hexagons=hexagons, names=names,
                            width_px=width_px, official=official, point_counts=point_counts)
    clustered = point_counts is not None or region_code == province_code()
    shown_cells = cells if region_code == province_code() else geo.cells_of_region(cells, region_code)
    codes_shown = set(shown_cells["regency_code"]) | set(shown_cells["district_code"])
    village_polygons = coverage_shading in ("village", "stage") and not geo.official_of_level(
        official, "village", region_code).empty
    codes_shown |= set(village_tiers["village_code"]) if village_polygons else set()
    borders_basis = geo.borders_basis_text(official, codes_shown)
    large = region_code == province_code() and geo.is_large(cells)
    return MapView(deck, legend_markdown(coverage_shading, layers, clustered, borders_basis, large, village_polygons),
                   sites, village_tiers, clustered)


def item_details(context: ReportContext, item: str, shown: MapView) -> tuple[str, pd.DataFrame] | None:
    """A title and a field/value table for a picked item, or None for no (or an unknown) item: a point's own row, or
    a village's points, asked for alone (not every point of the region)."""
    if not item:
        return None
    kind, _, key = item.partition(":")
    run = context.run
    if kind == "point":
        points = run("wifi_point_details", point_id=key)
    elif kind == "village" and key in set(shown.village_tiers["village_code"]):
        points = run("wifi_points_list", region_code=key)
    else:
        points = None
    if points is None:
        points = pd.DataFrame(columns=["point_id", "village_code", "status"])
    return map_item_details(item, points, shown.sites, shown.village_tiers)


@dataclass(frozen=True, eq=False)
class MapItems:
    """One page of the map's items (or of those a search finds): their table, their labels to pick from, and how
    many there are in all."""
    page: Page
    table: pd.DataFrame
    labels: dict[str, str]


def map_items(context: ReportContext, region_code: str, data_month_end: date, coverage_shading: str,
              layers: list[str], page_number: int = 0, search: str = "",
              rows_per_page: int = ROWS_PER_PAGE) -> MapItems:
    """Page `page_number` of the items the map shows with these layers and shading (matching `search`), paged in
    SQL: the table alternative, and the list beside the map."""
    parameters = {"region_code": region_code, "as_of": data_month_end, "with_points": "wifi_points" in layers,
                  "with_sites": "blank_spots" in layers,
                  "village_shading": {"village": "tier", "hexagon": "tier", "stage": "stage"}.get(coverage_shading,
                                                                                              "none"),
                  "search": search.strip()}
    run = context.run
    number = max(0, page_number)
    rows = run("connectivity_map_items", **parameters, limit=rows_per_page, offset=number * rows_per_page)
    if rows.empty and number > 0:  # past the end (the list shrank since): its first page
        number = 0
        rows = run("connectivity_map_items", **parameters, limit=rows_per_page, offset=0)
    total = int(rows["total_rows"].iloc[0]) if not rows.empty else 0
    return MapItems(Page(number, total, rows_per_page), map_items_table(rows, coverage_shading), item_labels(rows))


def every_map_item(context: ReportContext, region_code: str, data_month_end: date, coverage_shading: str,
                   layers: list[str]) -> pd.DataFrame:
    """The whole table alternative at once (the static site pages it itself): asked for the count, then for all."""
    total = map_items(context, region_code, data_month_end, coverage_shading, layers, rows_per_page=1).page.total
    return map_items(context, region_code, data_month_end, coverage_shading, layers,
                     rows_per_page=max(1, total)).table


@dataclass(frozen=True, eq=False)
class WifiView:
    """Points in service against the target, by area, capacity and use; a part without data is None. The figures are
    recipes, drawn once per arguments and language by the app (a switch to this section drew four anew, most of
    its run)."""
    in_service_figure: FigureRecipe
    in_service_table: pd.DataFrame
    published_table: pd.DataFrame | None  # None: the province has published no Wi-Fi figure yet
    by_area_figure: FigureRecipe | None
    by_area_table: pd.DataFrame | None
    capacity_figure: FigureRecipe
    use_figure: FigureRecipe | None
    use_table: pd.DataFrame | None


def wifi_view(context: ReportContext, region_code: str, data_month_end: date, is_public: bool) -> WifiView:
    """In public mode the use figures lose the measures withheld from the public (disclosure.py)."""
    run = context.run
    monthly = run("wifi_points_in_service_monthly", region_code=region_code)
    by_area = run("wifi_points_by_area", region_code=region_code, as_of=data_month_end)
    usage = run("wifi_usage_trend", region_code=region_code)
    if is_public:
        usage = disclosure.public_result(usage)
    has_area, has_usage = not by_area.empty, not usage.empty
    return WifiView(
        FigureRecipe(wifi_charts.points_in_service_figure, (monthly,),
                     {"show_published": region_code == province_code()}),
        tables.points_in_service_table(monthly),
        tables.published_figures_table(),
        FigureRecipe(wifi_charts.points_by_area_figure, (by_area,)) if has_area else None,
        tables.points_by_area_table(by_area) if has_area else None,
        FigureRecipe(wifi_charts.capacity_figure, (monthly,)),
        FigureRecipe(wifi_charts.use_figure, (usage,)) if has_usage else None,
        tables.use_table(usage) if has_usage else None)


@dataclass(frozen=True, eq=False)
class WifiGapsView:
    """Where the Wi-Fi falls short: funding ended or ending within the window (one page of the points, and a way to
    the whole list), and villages without a point."""
    funding_ended: int
    funding_ending: int
    funding_page: Page
    funding_table: pd.DataFrame | None  # the page's points; None when no point's funding ends in the window
    funding_download: Callable[[], pd.DataFrame]  # every such point, asked for only when called (a download)
    villages_without: int
    villages_without_table: pd.DataFrame | None


def wifi_gaps_view(context: ReportContext, region_code: str, data_month_end: date, months: int,
                   page_number: int = 0) -> WifiGapsView:
    """The counts and page `page_number` of the points whose funding ends: at a hundred times the sample every
    such point would be 222,000 rows on each run."""
    run = context.run
    counts = run("wifi_points_funding_counts", region_code=region_code, as_of=data_month_end, months=months)
    ended, ending = int(counts["funding_ended"].iloc[0]), int(counts["funding_ending"].iloc[0])
    page = page_of(page_number, ended + ending)
    funding = run("wifi_points_funding_ending", region_code=region_code, as_of=data_month_end, months=months,
                  limit=page.rows_per_page, offset=page.offset)
    without = run("wifi_villages_without_points", region_code=region_code, as_of=data_month_end)

    def every_point() -> pd.DataFrame:
        return tables.funding_table(run("wifi_points_funding_ending", region_code=region_code, as_of=data_month_end,
                                        months=months, limit=max(1, page.total), offset=0))

    return WifiGapsView(ended, ending, page, tables.funding_table(funding) if not funding.empty else None,
                        every_point, len(without),
                        tables.villages_without_table(without) if not without.empty else None)


@dataclass(frozen=True, eq=False)
class CoverageView:
    """Villages per signal tier as each source counts them, and the villages where sources disagree."""
    tiers_figure: go.Figure
    tiers_table: pd.DataFrame
    disagreements: int
    villages: int
    disagreements_table: pd.DataFrame | None


def coverage_view(context: ReportContext, region_code: str) -> CoverageView:
    run = context.run
    village_tiers = run("coverage_village_tiers", region_code=region_code)
    by_source = run("coverage_tiers_by_source", region_code=region_code)
    disagreements = run("coverage_source_disagreements", region_code=region_code)
    tier_totals = logic.tier_counts(village_tiers)
    return CoverageView(
        coverage_charts.tiers_by_source_figure(by_source, tier_totals),
        tables.tiers_by_source_table(logic.tiers_by_source_wide(by_source), tier_totals),
        len(disagreements), len(village_tiers),
        tables.disagreements_table(disagreements) if not disagreements.empty else None)


def published_view(context: ReportContext, region_code: str) -> pd.DataFrame | None:
    """Published figures on coverage and residents for the region, and its base stations by year."""
    run = context.run
    areas = run("connectivity_areas")
    names = {province_code(): province.current().short_name, **dict(zip(areas["region_code"], areas["name"]))}
    return official_figures.published_table(run("base_stations_by_year", region_code=region_code), region_code, names)


@dataclass(frozen=True, eq=False)
class ProgressView:
    """Coverage quarter by quarter per source with each one's forecast; None figures when nothing was surveyed."""
    figure: go.Figure | None
    table: pd.DataFrame | None


def progress_view(context: ReportContext, region_code: str, measure: str) -> ProgressView:
    run = context.run
    shares = logic.coverage_shares(run("coverage_by_quarter", region_code=region_code))
    if shares.empty:
        return ProgressView(None, None)
    forecasts = logic.coverage_forecasts(shares, measure)
    return ProgressView(coverage_charts.coverage_progress_figure(shares, measure, forecasts),
                        tables.forecasts_table(shares, measure, forecasts))


@dataclass(frozen=True, eq=False)
class BlankSpotView:
    """The blank-spot funnel and the list of sites, with how many open sites are late."""
    pipeline_figure: go.Figure
    pipeline_table: pd.DataFrame
    late_sites: int
    open_sites: int
    sites_table: pd.DataFrame


def blank_spot_view(context: ReportContext, region_code: str, data_month_end: date) -> BlankSpotView:
    run = context.run
    pipeline = run("blank_spot_pipeline", region_code=region_code)
    sites = run("blank_spot_sites_list", region_code=region_code, as_of=data_month_end)
    late_sites, open_sites = logic.late_share(sites)
    return BlankSpotView(coverage_charts.pipeline_figure(pipeline), tables.pipeline_table(pipeline),
                         late_sites, open_sites, tables.blank_spot_table(sites))


@dataclass(frozen=True, eq=False)
class LeftOutView:
    """The sites left out (a point down, or a village with no or a weak signal), the first to visit first."""
    sites: int
    down: int
    poor_signal: int
    table: pd.DataFrame | None  # None when no site is left out


def left_out_view(context: ReportContext, region_code: str, data_month_end: date) -> LeftOutView:
    run = context.run
    ranked = logic.rank_sites_left_out(run("connectivity_sites_left_out", region_code=region_code, as_of=data_month_end))
    return LeftOutView(len(ranked), int(ranked["is_down"].sum()), int(ranked["has_poor_signal"].sum()),
                       tables.left_out_table(ranked) if not ranked.empty else None)
