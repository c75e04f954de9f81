"""Charts, map and tables of the Connectivity page: pure builders from query results to Plotly figures, a pydeck
Deck and display tables (no Streamlit)."""
from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
from plotly.subplots import make_subplots

from smartisland import geo
from smartisland.chart_style import NEUTRAL, PALETTE, base_layout, localize_date_axis
from smartisland.connectivity.logic import (
    ARTICLE_SOURCE,
    CATEGORIES,
    COVERAGE_TARGET_PERCENT,
    NOT_SURVEYED,
    SIGNAL_TIERS,
    SOURCES,
    STAGES,
    WIFI_FIGURES,
    WIFI_TARGET,
    Forecast,
)
from smartisland.i18n import current_language, format_date, format_number, format_percent, t
from smartisland.text import plotly_text

CATEGORY_COLOURS = {
    "desa_adat": "#0072B2",
    "puskesmas": "#009E73",
    "hospital": "#D55E00",
    "school": "#E69F00",
    "tourist_site": "#CC79A7",
    "public_area": "#56B4E9",
    "government_office": "#5F5F5F",
}
TIER_COLOURS = {"none": "#A6322B", "weak": "#E69F00", "no_4g": "#F0E442", "good": "#009E73",
                NOT_SURVEYED: "#C9D3D2"}
SOURCE_COLOURS = dict(zip(SOURCES, (PALETTE[0], PALETTE[5], PALETTE[2], PALETTE[3])))
STAGE_COLOURS = {"identified": "#C2A5CF", "proposed": "#A983BF", "planned": "#8E61A8", "built": "#6A3D8A",
                 "verified": "#40004B"}
LATE_COLOUR = "#D55E00"
DOWN_RING = "#1B1B1B"
MAP_LAYERS = ("wifi_points", "blank_spots")
COVERAGE_VIEWS = ("hexagon", "village", "off")


# ---------------------------------------------------------------- labels

def category_label(category: str, language: str | None = None) -> str:
    return t(f"connectivity.category.{category}", language)


def status_label(status: str, language: str | None = None) -> str:
    return t(f"connectivity.status.{status}", language)


def tier_label(tier, language: str | None = None) -> str:
    return t(f"connectivity.tier.{tier if isinstance(tier, str) else NOT_SURVEYED}", language)


def source_label(source, language: str | None = None) -> str:
    if not isinstance(source, str):
        return t("common.no_data", language)
    return t(f"connectivity.source.{source}", language)


def stage_label(stage: str, language: str | None = None) -> str:
    return t(f"connectivity.stage.{stage}", language)


def solution_label(solution: str, language: str | None = None) -> str:
    return t(f"connectivity.solution.{solution}", language)


def funding_label(funding_source: str, language: str | None = None) -> str:
    return t(f"connectivity.funding.{funding_source}", language)


def technology_label(technology, language: str | None = None) -> str:
    if not isinstance(technology, str):
        return t("common.no_data", language)
    return t("connectivity.technology.none", language) if technology == "none" else technology.upper()


def figure_source(source: str, language: str | None = None) -> str:
    return t("connectivity.source_article", language) if source == ARTICLE_SOURCE else source


def _dates(values) -> list:
    return [pd.Timestamp(value).date() for value in values]


# ---------------------------------------------------------------- Wi-Fi charts

def points_in_service_figure(monthly: pd.DataFrame, language: str | None = None,
                             show_published: bool = True) -> go.Figure:
    """Points in service month by month, against the 2019 target and the published counts (with sources)."""
    language = language or current_language()
    months = _dates(monthly["month_end"])
    figure = go.Figure()
    figure.add_scatter(
        x=months, y=monthly["points_in_service"], mode="lines", name=t("connectivity.wifi.series_in_service", language),
        line={"color": PALETTE[0], "width": 2.5},
        customdata=[format_date(month, language, "month") for month in months],
        hovertemplate="%{customdata}: %{y:,}<extra></extra>")
    figure.add_hline(y=WIFI_TARGET.points, line={"color": PALETTE[5], "dash": "dash", "width": 1.5})
    figure.add_scatter(
        x=[months[0], months[-1]] if months else [], y=[WIFI_TARGET.points] * (2 if months else 0), mode="lines",
        name=t("connectivity.wifi.series_target", language, points=format_number(WIFI_TARGET.points, 0, language)),
        line={"color": PALETTE[5], "dash": "dash", "width": 1.5}, hoverinfo="skip")
    if show_published:
        published = [figure_row for figure_row in WIFI_FIGURES if not figure_row.is_target]
        figure.add_scatter(
            x=[row.on for row in published], y=[row.points for row in published], mode="markers",
            name=t("connectivity.wifi.series_published", language),
            marker={"symbol": "diamond", "size": 10, "color": PALETTE[7], "line": {"color": "white", "width": 1}},
            customdata=[[t(row.label_key, language), figure_source(row.source, language)] for row in published],
            hovertemplate="%{customdata[0]}: %{y:,}<br>" + t("common.source", language)
                          + ": %{customdata[1]}<extra></extra>")
    base_layout(figure, language, height=360)
    figure.update_yaxes(title=t("connectivity.wifi.axis_points", language), rangemode="tozero", tickformat=",d")
    if months:
        localize_date_axis(figure, months[0], months[-1], language)
    return figure


def points_in_service_table(monthly: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    return pd.DataFrame({
        t("connectivity.column.month", language): [format_date(day, language, "month") for day in monthly["month_end"]],
        t("connectivity.column.points_in_service", language): [format_number(value, 0, language)
                                                               for value in monthly["points_in_service"]],
        t("connectivity.column.bandwidth_total", language): [format_number(value, 0, language)
                                                             for value in monthly["bandwidth_mbps_total"]],
        t("connectivity.column.bandwidth_mean", language): [format_number(value, 1, language)
                                                            for value in monthly["bandwidth_mbps_mean"]],
    })


def published_figures_table(language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    return pd.DataFrame({
        t("connectivity.column.figure", language): [t(row.label_key, language) for row in WIFI_FIGURES],
        t("connectivity.column.points", language): [format_number(row.points, 0, language) for row in WIFI_FIGURES],
        t("common.source", language): [figure_source(row.source, language) for row in WIFI_FIGURES],
    })


def points_by_area_figure(by_area: pd.DataFrame, language: str | None = None) -> go.Figure:
    """Points in service per area, stacked by category, the largest area on top."""
    language = language or current_language()
    totals = by_area.groupby("area_name")["points_in_service"].sum().sort_values()
    figure = go.Figure()
    for category in CATEGORIES:
        rows = by_area[by_area["category"] == category].set_index("area_name")["points_in_service"]
        if rows.empty:
            continue
        values = rows.reindex(totals.index).fillna(0)
        figure.add_bar(y=[plotly_text(name) for name in totals.index], x=values, orientation="h",
                       name=category_label(category, language),
                       marker_color=CATEGORY_COLOURS[category],
                       hovertemplate="%{y}: %{x:,}<extra>" + category_label(category, language) + "</extra>")
    base_layout(figure, language, height=max(300, 28 * len(totals) + 120))
    figure.update_layout(barmode="stack", legend={"traceorder": "normal"})
    figure.update_xaxes(title=t("connectivity.wifi.axis_points", language), tickformat=",d")
    return figure


def points_by_area_table(by_area: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    return pd.DataFrame({
        t("connectivity.column.area", language): by_area["area_name"],
        t("connectivity.column.category", language): [category_label(value, language) for value in by_area["category"]],
        t("connectivity.column.points_in_service", language): [format_number(value, 0, language)
                                                               for value in by_area["points_in_service"]],
        t("connectivity.column.points_down", language): [format_number(value, 0, language)
                                                         for value in by_area["points_down"]],
    })


def capacity_figure(monthly: pd.DataFrame, language: str | None = None) -> go.Figure:
    """The total bandwidth of the points in service, in Gbps, month by month."""
    language = language or current_language()
    months = _dates(monthly["month_end"])
    gbps = monthly["bandwidth_mbps_total"] / 1000
    figure = go.Figure()
    figure.add_scatter(x=months, y=gbps, mode="lines", name=t("connectivity.wifi.series_capacity", language),
                       line={"color": PALETTE[2], "width": 2.5},
                       customdata=[format_date(month, language, "month") for month in months],
                       hovertemplate="%{customdata}: %{y:,.2f} Gbps<extra></extra>")
    base_layout(figure, language, height=300)
    figure.update_layout(showlegend=False)
    figure.update_yaxes(title=t("connectivity.wifi.axis_gbps", language), rangemode="tozero")
    if months:
        localize_date_axis(figure, months[0], months[-1], language)
    return figure


USE_MEASURES = (
    ("unique_users", "connectivity.wifi.use_users", PALETTE[0], ",.0f"),
    ("traffic_gb", "connectivity.wifi.use_traffic", PALETTE[3], ",.0f"),
    ("uptime_pct_mean", "connectivity.wifi.use_uptime", PALETTE[2], ",.1f"),
)


def use_figure(usage: pd.DataFrame, language: str | None = None) -> go.Figure:
    """Monthly users, traffic and mean uptime, one panel each over the same months; a missing month is a gap.
    A measure whose column `usage` lacks (withheld in public mode) has no panel."""
    language = language or current_language()
    months = _dates(usage["month"])
    measures = [measure for measure in USE_MEASURES if measure[0] in usage.columns]
    figure = make_subplots(rows=len(measures), cols=1, shared_xaxes=True, vertical_spacing=0.08,
                           subplot_titles=[t(key, language) for _, key, _, _ in measures])
    labels = [format_date(month, language, "month") for month in months]
    for row, (column, key, colour, number_format) in enumerate(measures, start=1):
        figure.add_scatter(x=months, y=usage[column], mode="lines", name=t(key, language), line={"color": colour},
                           customdata=labels, connectgaps=False,
                           hovertemplate="%{customdata}: %{y:" + number_format + "}<extra></extra>", row=row, col=1)
    base_layout(figure, language, height=180 * len(measures) - 20)
    figure.update_layout(showlegend=False, margin={"t": 30})
    figure.update_annotations(font={"size": 13})
    for row, (_, _, _, number_format) in enumerate(measures, start=1):
        figure.update_yaxes(tickformat=number_format, row=row, col=1)
    if months:
        localize_date_axis(figure, months[0], months[-1], language)
    return figure


def use_table(usage: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """The numbers of use_figure; without uptime when `usage` lacks it."""
    language = language or current_language()
    table = pd.DataFrame({
        t("connectivity.column.month", language): [format_date(day, language, "month") for day in usage["month"]],
        t("connectivity.column.points_reporting", language): [format_number(v, 0, language)
                                                              for v in usage["points_reporting"]],
        t("connectivity.wifi.use_users", language): [format_number(v, 0, language) for v in usage["unique_users"]],
        t("connectivity.column.sessions", language): [format_number(v, 0, language) for v in usage["sessions"]],
        t("connectivity.wifi.use_traffic", language): [format_number(v, 1, language) for v in usage["traffic_gb"]],
    })
    if "uptime_pct_mean" in usage.columns:
        table[t("connectivity.wifi.use_uptime", language)] = [format_percent(v, 1, language)
                                                              for v in usage["uptime_pct_mean"]]
    return table


def funding_table(funding: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    return pd.DataFrame({
        t("connectivity.column.site", language): funding["site_name"],
        t("connectivity.column.category", language): [category_label(v, language) for v in funding["category"]],
        t("connectivity.column.status", language): [status_label(v, language) for v in funding["status"]],
        t("connectivity.column.village", language): funding["village_name"],
        t("connectivity.column.district", language): funding["district_name"],
        t("connectivity.column.funding_source", language): [funding_label(v, language)
                                                            for v in funding["funding_source"]],
        t("connectivity.column.funded_until", language): [format_date(v, language) for v in funding["funded_until"]],
        t("connectivity.column.funding_state", language): [
            t("connectivity.wifi.funding_ended", language) if ended
            else t("connectivity.wifi.funding_days_left", language, days=format_number(days, 0, language))
            for ended, days in zip(funding["is_funding_ended"], funding["days_left"])],
    })


def villages_without_table(villages: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    return pd.DataFrame({
        t("connectivity.column.village", language): villages["village_name"],
        t("connectivity.column.district", language): villages["district_name"],
        t("connectivity.column.regency", language): villages["regency_name"],
        t("connectivity.column.village_type", language): [t(f"connectivity.village_type.{v}", language)
                                                          if isinstance(v, str) else t("common.no_data", language)
                                                          for v in villages["village_type"]],
        t("connectivity.column.population", language): [format_number(v, 0, language) for v in villages["population"]],
    })


# ---------------------------------------------------------------- coverage charts

def tiers_by_source_figure(counts: pd.DataFrame, latest: pd.DataFrame, language: str | None = None) -> go.Figure:
    """Villages per tier as each source counts them, side by side, under the latest-survey view of all sources.

    `counts` is coverage_tiers_by_source; `latest` is connectivity.tier_counts of coverage_village_tiers.
    """
    language = language or current_language()
    rows = [t("connectivity.coverage.latest_any_source", language)] + [source_label(s, language) for s in SOURCES]
    figure = go.Figure()
    for tier in [*SIGNAL_TIERS, NOT_SURVEYED]:
        values = [int(latest.set_index("signal_tier").loc[tier, "villages"])]
        for source in SOURCES:
            match = counts[(counts["source"] == source) & (counts["signal_tier"] == tier)]["villages"]
            values.append(int(match.iloc[0]) if not match.empty else 0)
        figure.add_bar(y=rows, x=values, orientation="h", name=tier_label(tier, language),
                       marker={"color": TIER_COLOURS[tier], "line": {"color": "white", "width": 0.5}},
                       text=[format_number(v, 0, language) if v else "" for v in values], textposition="inside",
                       insidetextanchor="middle",
                       hovertemplate="%{y}: %{x:,}<extra>" + tier_label(tier, language) + "</extra>")
    base_layout(figure, language, height=330)
    figure.update_layout(barmode="stack", legend={"traceorder": "normal"})
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(title=t("connectivity.coverage.axis_villages", language), tickformat=",d")
    return figure


def tiers_by_source_table(wide: pd.DataFrame, latest: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """Sources side by side (connectivity.tiers_by_source_wide), with the latest-survey view first."""
    language = language or current_language()
    table = {t("connectivity.column.tier", language): [tier_label(v, language) for v in wide["signal_tier"]],
             t("connectivity.coverage.latest_any_source", language): [
                 format_number(v, 0, language) for v in latest.set_index("signal_tier").loc[wide["signal_tier"],
                                                                                            "villages"]]}
    for source in SOURCES:
        table[source_label(source, language)] = [format_number(v, 0, language) for v in wide[source]]
    return pd.DataFrame(table)


def disagreements_table(disagreements: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    table = {
        t("connectivity.column.village", language): disagreements["village_name"],
        t("connectivity.column.district", language): disagreements["district_name"],
        t("connectivity.column.regency", language): disagreements["regency_name"],
    }
    for source in SOURCES:
        table[source_label(source, language)] = [tier_label(v, language) if isinstance(v, str) else "–"
                                                 for v in disagreements[f"{source}_tier"]]
    table[t("connectivity.column.worst_tier", language)] = [tier_label(v, language)
                                                           for v in disagreements["worst_tier"]]
    return pd.DataFrame(table)


def coverage_progress_figure(shares: pd.DataFrame, measure: str, forecasts: dict[str, Forecast],
                             language: str | None = None) -> go.Figure:
    """Percent of surveyed villages covered (measure: percent_good or percent_with_signal) by each source, quarter
    by quarter, against 100%, with each rising source's trajectory to 100% as a dotted line."""
    language = language or current_language()
    figure = go.Figure()
    ends = []
    for source in SOURCES:
        rows = shares[shares["source"] == source].sort_values("quarter_end")
        if rows.empty:
            continue
        quarters = _dates(rows["quarter_end"])
        ends.extend([quarters[0], quarters[-1]])
        name = source_label(source, language)
        figure.add_scatter(x=quarters, y=rows[measure], mode="lines+markers", name=name,
                           line={"color": SOURCE_COLOURS[source], "width": 2}, marker={"size": 4},
                           customdata=[[format_date(q, language, "short_month"), format_percent(v, 1, language),
                                        format_number(n, 0, language)]
                                       for q, v, n in zip(quarters, rows[measure], rows["villages_surveyed"])],
                           hovertemplate="%{customdata[0]}: %{customdata[1]} (" + t(
                               "connectivity.coverage.hover_surveyed", language) + " %{customdata[2]})<extra>"
                                         + name + "</extra>")
        forecast = forecasts.get(source)
        if forecast and forecast.reached_on and not forecast.is_reached:
            figure.add_scatter(x=[quarters[-1], forecast.reached_on],
                               y=[rows[measure].iloc[-1], COVERAGE_TARGET_PERCENT], mode="lines",
                               line={"color": SOURCE_COLOURS[source], "dash": "dot", "width": 1.5},
                               showlegend=False, hoverinfo="skip")
            ends.append(forecast.reached_on)
    figure.add_hline(y=COVERAGE_TARGET_PERCENT, line={"color": NEUTRAL, "dash": "dash", "width": 1},
                     annotation_text=t("connectivity.coverage.target_line", language),
                     annotation_position="bottom left")
    base_layout(figure, language, height=380)
    figure.update_yaxes(title=t("connectivity.coverage.axis_percent", language), ticksuffix="%",
                        range=[0, 105])
    if ends:
        localize_date_axis(figure, min(ends), max(ends), language)
    return figure


def forecasts_table(shares: pd.DataFrame, measure: str, forecasts: dict[str, Forecast],
                    language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    rows = []
    for source in SOURCES:
        latest = shares[shares["source"] == source].sort_values("quarter_end").tail(1)
        if latest.empty:
            continue
        forecast = forecasts[source]
        if forecast.is_reached:
            outlook = t("connectivity.coverage.reached", language)
        elif forecast.reached_on:
            outlook = format_date(forecast.reached_on, language, "month")
        else:
            outlook = t("connectivity.coverage.not_at_this_pace", language)
        rows.append({
            t("connectivity.column.source", language): source_label(source, language),
            t("connectivity.column.quarter", language): format_date(latest["quarter_end"].iloc[0], language),
            t("connectivity.column.villages_surveyed", language): format_number(
                latest["villages_surveyed"].iloc[0], 0, language),
            t("connectivity.column.percent", language): format_percent(latest[measure].iloc[0], 1, language),
            t("connectivity.column.reaches_target", language): outlook,
        })
    return pd.DataFrame(rows)


def pipeline_figure(pipeline: pd.DataFrame, language: str | None = None) -> go.Figure:
    """The blank-spot funnel: sites that reached each stage, with those standing at it now in the hover."""
    language = language or current_language()
    labels = [stage_label(stage, language) for stage in pipeline["stage"]]
    figure = go.Figure(go.Funnel(
        y=labels, x=pipeline["sites_reached"], textinfo="value",
        marker={"color": [STAGE_COLOURS[stage] for stage in pipeline["stage"]]},
        customdata=[format_number(v, 0, language) for v in pipeline["sites_at_stage"]],
        hovertemplate="%{y}: %{x:,}<br>" + t("connectivity.blank.hover_at_stage", language)
                      + ": %{customdata}<extra></extra>"))
    base_layout(figure, language, height=320)
    return figure


def pipeline_table(pipeline: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    return pd.DataFrame({
        t("connectivity.column.stage", language): [stage_label(v, language) for v in pipeline["stage"]],
        t("connectivity.column.sites_reached", language): [format_number(v, 0, language)
                                                           for v in pipeline["sites_reached"]],
        t("connectivity.column.sites_at_stage", language): [format_number(v, 0, language)
                                                            for v in pipeline["sites_at_stage"]],
    })


def blank_spot_table(sites: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    return pd.DataFrame({
        t("connectivity.column.late", language): [f"⚠ {t('connectivity.blank.late', language)}" if late else ""
                                                  for late in sites["is_late"]],
        t("connectivity.column.village", language): sites["village_name"],
        t("connectivity.column.district", language): sites["district_name"],
        t("connectivity.column.stage", language): [stage_label(v, language) for v in sites["stage"]],
        t("connectivity.column.solution", language): [solution_label(v, language) for v in sites["solution"]],
        t("connectivity.column.owner", language): sites["owner"],
        t("connectivity.column.stage_date", language): [format_date(v, language) for v in sites["stage_date"]],
        t("connectivity.column.target_date", language): [format_date(v, language) for v in sites["target_date"]],
    })


def left_out_table(ranked: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """The sites left out in the order to visit them (connectivity.rank_sites_left_out)."""
    language = language or current_language()
    return pd.DataFrame({
        t("connectivity.column.priority", language): ranked["priority"],
        t("connectivity.column.site", language): ranked["site_name"],
        t("connectivity.column.category", language): [category_label(v, language) for v in ranked["category"]],
        t("connectivity.column.reason", language): [t(f"connectivity.reason.{v}", language) for v in ranked["reason"]],
        t("connectivity.column.village", language): ranked["village_name"],
        t("connectivity.column.district", language): ranked["district_name"],
        t("connectivity.column.population", language): [format_number(v, 0, language)
                                                        for v in ranked["village_population"]],
        t("connectivity.column.survey", language): [
            f"{source_label(source, language)}, {format_date(day, language, 'short_month')}"
            if isinstance(source, str) else t("common.no_data", language)
            for source, day in zip(ranked["survey_source"], ranked["surveyed_on"])],
    })


# ---------------------------------------------------------------- the map

def _tooltip_html(title: str, lines: list[tuple[str, str]]) -> str:
    body = "".join(f"<br/>{escape(label)}: {escape(str(value))}" for label, value in lines)
    return f"<b>{escape(str(title))}</b>{body}"


def point_map_data(points: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """Wi-Fi points for the map: colour by category; a dark ring when down; faded when decommissioned."""
    language = language or current_language()
    frame = points[["point_id", "site_name", "village_code", "lat", "lon", "category", "status"]].copy()
    frame["fill"] = [geo.hex_to_rgba(CATEGORY_COLOURS[category], 70 if status == "decommissioned" else 230)
                     for category, status in zip(points["category"], points["status"])]
    frame["line"] = [geo.hex_to_rgba(DOWN_RING if status == "down" else ("#8C9A99" if status == "decommissioned"
                                                                         else "#FFFFFF"))
                     for status in points["status"]]
    frame["line_width"] = [3 if status == "down" else 1 for status in points["status"]]
    frame["tooltip"] = [
        _tooltip_html(row.site_name, [
            (t("connectivity.column.village", language), row.village_name),
            (t("connectivity.column.category", language), category_label(row.category, language)),
            (t("connectivity.column.status", language), status_label(row.status, language)),
            (t("connectivity.column.bandwidth", language), f"{format_number(row.bandwidth_mbps, 0, language)} Mbps"),
            (t("connectivity.column.funding_source", language), funding_label(row.funding_source, language)),
            (t("connectivity.column.funded_until", language), format_date(row.funded_until, language)),
        ]) for row in points.itertuples()]
    frame["item"] = "point:" + frame["point_id"]
    return frame.drop(columns=["point_id", "site_name", "village_code", "category", "status"])


def site_map_data(sites: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    frame = sites[["site_id", "village_code", "lat", "lon"]].copy()
    frame["fill"] = [geo.hex_to_rgba(STAGE_COLOURS[stage], 235) for stage in sites["stage"]]
    frame["line"] = [geo.hex_to_rgba(LATE_COLOUR if late else "#FFFFFF") for late in sites["is_late"]]
    frame["line_width"] = [3 if late else 1 for late in sites["is_late"]]
    frame["tooltip"] = [
        _tooltip_html(t("connectivity.blank.site_title", language, village=row.village_name), [
            (t("connectivity.column.stage", language), stage_label(row.stage, language)
             + (f" ({t('connectivity.blank.late', language)})" if row.is_late else "")),
            (t("connectivity.column.solution", language), solution_label(row.solution, language)),
            (t("connectivity.column.owner", language), row.owner),
            (t("connectivity.column.target_date", language), format_date(row.target_date, language)),
        ]) for row in sites.itertuples()]
    frame["item"] = "site:" + frame["site_id"]
    return frame.drop(columns=["site_id", "village_code"])


def _village_tooltip(row, language: str) -> str:
    return _tooltip_html(row.village_name, [
        (t("connectivity.column.district", language), row.district_name),
        (t("connectivity.column.tier", language), tier_label(row.signal_tier, language)),
        (t("connectivity.column.survey", language),
         f"{source_label(row.source, language)}, {format_date(row.surveyed_on, language, 'short_month')}"
         if isinstance(row.source, str) else t("common.no_data", language)),
    ])


def village_map_data(village_tiers: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    frame = village_tiers[["village_code", "lat", "lon"]].copy()
    frame["fill"] = [geo.hex_to_rgba(TIER_COLOURS[tier if isinstance(tier, str) else NOT_SURVEYED], 220)
                     for tier in village_tiers["signal_tier"]]
    frame["line"] = [geo.hex_to_rgba("#FFFFFF")] * len(frame)
    frame["line_width"] = 1
    frame["tooltip"] = [_village_tooltip(row, language) for row in village_tiers.itertuples()]
    frame["item"] = "village:" + frame["village_code"]
    return frame.drop(columns=["village_code"])


def hexagon_map_data(hexagons: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """Land cells shaded by the tier of the village that stands for them (connectivity.hexagon_tiers)."""
    language = language or current_language()
    frame = hexagons[["polygon", "village_code"]].copy()
    frame["fill"] = [geo.hex_to_rgba(TIER_COLOURS[tier if isinstance(tier, str) else NOT_SURVEYED], 200)
                     for tier in hexagons["signal_tier"]]
    frame["tooltip"] = [_village_tooltip(row, language) for row in hexagons.itertuples()]
    frame["item"] = "village:" + frame["village_code"]
    return frame.drop(columns=["village_code"])


TOOLTIP_STYLE = {"backgroundColor": "white", "color": "#1B2B2A", "fontSize": "13px", "padding": "6px 8px",
                 "border": "1px solid #C9D3D2", "borderRadius": "4px"}


def connectivity_map(cells: pd.DataFrame, region_code: str, coverage_view: str, layers: list[str],
                     points: pd.DataFrame | None = None, sites: pd.DataFrame | None = None,
                     village_tiers: pd.DataFrame | None = None, hexagons: pd.DataFrame | None = None,
                     language: str | None = None) -> pdk.Deck:
    """The map: Bali's own base, then coverage (by hexagon or village), blank spots and Wi-Fi points on top."""
    language = language or current_language()
    deck_layers = [geo.base_layer(cells, region_code)]
    if coverage_view == "hexagon" and hexagons is not None and not hexagons.empty:
        deck_layers.append(geo.hexagon_layer(hexagon_map_data(hexagons, language), "coverage_hexagons"))
    if coverage_view == "village" and village_tiers is not None and not village_tiers.empty:
        located = village_tiers.dropna(subset=["lat", "lon"])
        deck_layers.append(geo.point_layer(village_map_data(located, language), "coverage_villages", radius_m=700))
    if "blank_spots" in layers and sites is not None and not sites.empty:
        deck_layers.append(geo.point_layer(site_map_data(sites, language), "blank_spots", radius_m=500))
    if "wifi_points" in layers and points is not None and not points.empty:
        deck_layers.append(geo.point_layer(point_map_data(points, language), "wifi_points", radius_m=250))
    tooltip = {"html": "{tooltip}", "style": TOOLTIP_STYLE}
    return geo.deck(deck_layers, geo.view_state_for(region_code, cells), tooltip)


def _swatch(colour: str, shape: str = "■", ring: str | None = None) -> str:
    ring_style = f"-webkit-text-stroke:1.5px {ring};" if ring else ""
    return f"<span style='color:{colour};font-size:1.15em;{ring_style}'>{shape}</span>"


def legend_markdown(coverage_view: str, layers: list[str], language: str | None = None) -> str:
    """The map's legend as Markdown (with coloured symbols), for the layers shown, in the map's colours."""
    language = language or current_language()
    lines = [f"**{t('connectivity.map.legend', language)}**", ""]
    if "wifi_points" in layers:
        lines.append(f"*{t('connectivity.map.layer.wifi_points', language)}*  ")
        lines += [f"{_swatch(CATEGORY_COLOURS[c], '●')} {category_label(c, language)}  " for c in CATEGORIES]
        lines.append(f"{_swatch('#8C9A99', '●')} {status_label('active', language)}: "
                     f"{t('connectivity.map.status_active', language)}  ")
        lines.append(f"{_swatch('#FFFFFF', '●', DOWN_RING)} {status_label('down', language)}: "
                     f"{t('connectivity.map.status_down', language)}  ")
        lines.append(f"{_swatch('#D5DBDA', '●')} {status_label('decommissioned', language)}: "
                     f"{t('connectivity.map.status_decommissioned', language)}  ")
        lines.append("")
    if "blank_spots" in layers:
        lines.append(f"*{t('connectivity.map.layer.blank_spots', language)}*  ")
        lines += [f"{_swatch(STAGE_COLOURS[s], '●')} {stage_label(s, language)}  " for s in STAGES]
        lines.append(f"{_swatch('#FFFFFF', '●', LATE_COLOUR)} {t('connectivity.map.late_ring', language)}  ")
        lines.append("")
    if coverage_view in ("hexagon", "village"):
        shape = "⬢" if coverage_view == "hexagon" else "●"
        lines.append(f"*{t('connectivity.map.coverage.' + coverage_view, language)}*  ")
        lines += [f"{_swatch(TIER_COLOURS[tier], shape)} {tier_label(tier, language)}  "
                  for tier in [*SIGNAL_TIERS, NOT_SURVEYED]]
        lines.append("")
    lines.append(f"{_swatch(geo.REGENCY_TINTS['51.03'], '⬢')} {t('connectivity.map.base', language)}")
    return "\n".join(lines)


def item_details(item: str, points: pd.DataFrame, sites: pd.DataFrame, village_tiers: pd.DataFrame,
                 language: str | None = None) -> tuple[str, pd.DataFrame] | None:
    """A title and a two-column table describing a map item (`point:<id>`, `site:<id>` or `village:<code>`)."""
    language = language or current_language()
    kind, _, key = (item or "").partition(":")
    field, value = t("connectivity.column.field", language), t("connectivity.column.value", language)
    if kind == "point":
        match = points[points["point_id"] == key]
        if match.empty:
            return None
        row = match.iloc[0]
        pairs = [
            ("connectivity.column.category", category_label(row["category"], language)),
            ("connectivity.column.status", status_label(row["status"], language)),
            ("connectivity.column.village", row["village_name"]),
            ("connectivity.column.district", row["district_name"]),
            ("connectivity.column.regency", row["regency_name"]),
            ("connectivity.column.bandwidth", f"{format_number(row['bandwidth_mbps'], 0, language)} Mbps"),
            ("connectivity.column.installed_on", format_date(row["installed_on"], language)),
            ("connectivity.column.decommissioned_on", format_date(row["decommissioned_on"], language)
             if pd.notna(row["decommissioned_on"]) else "–"),
            ("connectivity.column.funding_source", funding_label(row["funding_source"], language)),
            ("connectivity.column.funded_until", format_date(row["funded_until"], language)),
        ]
        title = row["site_name"]
    elif kind == "site":
        match = sites[sites["site_id"] == key]
        if match.empty:
            return None
        row = match.iloc[0]
        pairs = [
            ("connectivity.column.village", row["village_name"]),
            ("connectivity.column.district", row["district_name"]),
            ("connectivity.column.stage", stage_label(row["stage"], language)),
            ("connectivity.column.late", t("connectivity.blank.late", language) if row["is_late"] else "–"),
            ("connectivity.column.solution", solution_label(row["solution"], language)),
            ("connectivity.column.owner", row["owner"]),
            ("connectivity.column.stage_date", format_date(row["stage_date"], language)),
            ("connectivity.column.target_date", format_date(row["target_date"], language)),
        ]
        title = t("connectivity.blank.site_title", language, village=row["village_name"])
    elif kind == "village":
        match = village_tiers[village_tiers["village_code"] == key]
        if match.empty:
            return None
        row = match.iloc[0]
        village_points = points[(points["village_code"] == key) & (points["status"] != "decommissioned")]
        pairs = [
            ("connectivity.column.district", row["district_name"]),
            ("connectivity.column.regency", row["regency_name"]),
            ("connectivity.column.population", format_number(row["population"], 0, language)),
            ("connectivity.column.tier", tier_label(row["signal_tier"], language)),
            ("connectivity.column.technology", technology_label(row["best_technology"], language)),
            ("connectivity.column.survey", f"{source_label(row['source'], language)}, "
                                           f"{format_date(row['surveyed_on'], language)}"
             if isinstance(row["source"], str) else t("common.no_data", language)),
            ("connectivity.column.wifi_points", format_number(len(village_points), 0, language)),
            ("connectivity.column.points_down", format_number(int((village_points["status"] == "down").sum()),
                                                              0, language)),
        ]
        title = row["village_name"]
    else:
        return None
    return str(title), pd.DataFrame({field: [t(key, language) for key, _ in pairs],
                                     value: [str(v) for _, v in pairs]})


def item_labels(points: pd.DataFrame, sites: pd.DataFrame, village_tiers: pd.DataFrame,
                language: str | None = None) -> dict[str, str]:
    """A short name for every map item (`point:`, `site:` or `village:` and its id), for a list to pick from."""
    language = language or current_language()
    labels: dict[str, str] = {}
    for row in village_tiers.itertuples():
        labels[f"village:{row.village_code}"] = (f"{t('connectivity.map.village_prefix', language)} "
                                                 f"{row.village_name} ({row.district_name})")
    for row in points.itertuples():
        labels[f"point:{row.point_id}"] = f"{row.site_name} ({row.village_name})"
    for row in sites.itertuples():
        labels[f"site:{row.site_id}"] = (f"{t('connectivity.blank.site_title', language, village=row.village_name)}"
                                         f" · {row.site_id}")
    return labels


def map_items_table(points: pd.DataFrame, layers: list[str], coverage_view: str, sites: pd.DataFrame,
                    village_tiers: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """The table alternative to the map: every item of the layers shown, with what the map encodes."""
    language = language or current_language()
    kind_column, name_column = t("connectivity.column.kind", language), t("connectivity.column.name", language)
    village_column, what_column = t("connectivity.column.village", language), t("connectivity.column.shown_as", language)
    frames = []
    if "wifi_points" in layers and not points.empty:
        frames.append(pd.DataFrame({
            kind_column: t("connectivity.map.layer.wifi_points", language),
            name_column: points["site_name"], village_column: points["village_name"],
            what_column: [f"{category_label(c, language)} · {status_label(s, language)}"
                          for c, s in zip(points["category"], points["status"])]}))
    if "blank_spots" in layers and not sites.empty:
        frames.append(pd.DataFrame({
            kind_column: t("connectivity.map.layer.blank_spots", language),
            name_column: sites["site_id"], village_column: sites["village_name"],
            what_column: [stage_label(s, language) + (f" · {t('connectivity.blank.late', language)}" if late else "")
                          for s, late in zip(sites["stage"], sites["is_late"])]}))
    if coverage_view in ("hexagon", "village") and not village_tiers.empty:
        frames.append(pd.DataFrame({
            kind_column: t("connectivity.map.coverage_kind", language),
            name_column: village_tiers["village_name"], village_column: village_tiers["village_name"],
            what_column: [tier_label(v, language) for v in village_tiers["signal_tier"]]}))
    if not frames:
        return pd.DataFrame(columns=[kind_column, name_column, village_column, what_column])
    return pd.concat(frames, ignore_index=True)
