"""Figures of the Wi-Fi programme: points in service against the target, points by area, capacity and use
(pure Plotly builders, no Streamlit)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from smartisland.chart_style import PALETTE, base_layout, localize_date_axis
from smartisland.connectivity.labels import CATEGORY_COLOURS, as_dates, category_label, figure_source
from smartisland.connectivity.logic import CATEGORIES, wifi_figures, wifi_target
from smartisland.i18n import format_date, format_number, t
from smartisland.text import plotly_text


def points_in_service_figure(monthly: pd.DataFrame, show_published: bool = True) -> go.Figure:
    """Points in service month by month, against the published target and counts (with sources) when the province
    has published them."""
    months = as_dates(monthly["month_end"])
    figure = go.Figure()
    figure.add_scatter(
        x=months, y=monthly["points_in_service"], mode="lines", name=t("connectivity.wifi.series_in_service"),
        line={"color": PALETTE[0], "width": 2.5},
        customdata=[format_date(month, "month") for month in months],
        hovertemplate="%{customdata}: %{y:,}<extra></extra>")
    target = wifi_target()
    if target is not None:
        figure.add_hline(y=target.points, line={"color": PALETTE[5], "dash": "dash", "width": 1.5})
        figure.add_scatter(
            x=[months[0], months[-1]] if months else [], y=[target.points] * (2 if months else 0), mode="lines",
            name=t("connectivity.wifi.series_target", year=target.on.year,
                   points=format_number(target.points, 0)),
            line={"color": PALETTE[5], "dash": "dash", "width": 1.5}, hoverinfo="skip")
    published = [figure_row for figure_row in wifi_figures() if not figure_row.is_target]
    if show_published and published:
        figure.add_scatter(
            x=[row.on for row in published], y=[row.points for row in published], mode="markers",
            name=t("connectivity.wifi.series_published"),
            marker={"symbol": "diamond", "size": 10, "color": PALETTE[7], "line": {"color": "white", "width": 1}},
            customdata=[[t(row.label_key), figure_source(row.source)] for row in published],
            hovertemplate="%{customdata[0]}: %{y:,}<br>" + t("common.source")
                          + ": %{customdata[1]}<extra></extra>")
    base_layout(figure, height=360)
    figure.update_yaxes(title=t("connectivity.wifi.axis_points"), rangemode="tozero", tickformat=",d")
    if months:
        localize_date_axis(figure, months[0], months[-1])
    return figure


def points_by_area_figure(by_area: pd.DataFrame) -> go.Figure:
    """Points in service per area, stacked by category, the largest area on top."""
    totals = by_area.groupby("area_name")["points_in_service"].sum().sort_values()
    figure = go.Figure()
    for category in CATEGORIES:
        rows = by_area[by_area["category"] == category].set_index("area_name")["points_in_service"]
        if rows.empty:
            continue
        values = rows.reindex(totals.index).fillna(0)
        figure.add_bar(y=[plotly_text(name) for name in totals.index], x=values, orientation="h",
                       name=category_label(category),
                       marker_color=CATEGORY_COLOURS[category],
                       hovertemplate="%{y}: %{x:,}<extra>" + category_label(category) + "</extra>")
    base_layout(figure, height=max(300, 28 * len(totals) + 120))
    figure.update_layout(barmode="stack", legend={"traceorder": "normal"})
    figure.update_xaxes(title=t("connectivity.wifi.axis_points"), tickformat=",d")
    return figure


def capacity_figure(monthly: pd.DataFrame) -> go.Figure:
    """The total bandwidth of the points in service, in Gbps, month by month."""
    months = as_dates(monthly["month_end"])
    gbps = monthly["bandwidth_mbps_total"] / 1000
    figure = go.Figure()
    figure.add_scatter(x=months, y=gbps, mode="lines", name=t("connectivity.wifi.series_capacity"),
                       line={"color": PALETTE[2], "width": 2.5},
                       customdata=[format_date(month, "month") for month in months],
                       hovertemplate="%{customdata}: %{y:,.2f} Gbps<extra></extra>")
    base_layout(figure, height=300)
    figure.update_layout(showlegend=False)
    figure.update_yaxes(title=t("connectivity.wifi.axis_gbps"), rangemode="tozero")
    if months:
        localize_date_axis(figure, months[0], months[-1])
    return figure


USE_MEASURES = (
    ("unique_users", "connectivity.wifi.use_users", PALETTE[0], ",.0f"),
    ("traffic_gb", "connectivity.wifi.use_traffic", PALETTE[3], ",.0f"),
    ("uptime_pct_mean", "connectivity.wifi.use_uptime", PALETTE[2], ",.1f"),
)


def use_figure(usage: pd.DataFrame) -> go.Figure:
    """Monthly users, traffic and mean uptime, one panel each over the same months; a missing month is a gap.
    A measure whose column `usage` lacks (withheld in public mode) has no panel."""
    months = as_dates(usage["month"])
    measures = [measure for measure in USE_MEASURES if measure[0] in usage.columns]
    figure = make_subplots(rows=len(measures), cols=1, shared_xaxes=True, vertical_spacing=0.08,
                           subplot_titles=[t(key) for _, key, _, _ in measures])
    labels = [format_date(month, "month") for month in months]
    for row, (column, key, colour, number_format) in enumerate(measures, start=1):
        figure.add_scatter(x=months, y=usage[column], mode="lines", name=t(key), line={"color": colour},
                           customdata=labels, connectgaps=False,
                           hovertemplate="%{customdata}: %{y:" + number_format + "}<extra></extra>", row=row, col=1)
    base_layout(figure, height=180 * len(measures) - 20)
    figure.update_layout(showlegend=False, margin={"t": 30})
    figure.update_annotations(font={"size": 13})
    for row, (_, _, _, number_format) in enumerate(measures, start=1):
        figure.update_yaxes(tickformat=number_format, row=row, col=1)
    if months:
        localize_date_axis(figure, months[0], months[-1])
    return figure
