"""Charts of the Public services page: services by stage, stages over time, a measure over time and ranked bars."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from smartisland.chart_style import NEUTRAL, PALETTE, base_layout, localize_date_axis
from smartisland.i18n import format_date, t
from smartisland.services.logic import (
    STAGES,
    Measure,
    as_date,
    format_measure,
    period_label,
    plot_value,
    reporting_text,
    stage_label,
    stage_name,
)
from smartisland.text import plotly_text

STAGE_COLOURS = {1: PALETTE[4], 2: PALETTE[0], 3: PALETTE[2], 4: PALETTE[3]}


def stages_figure(catalog: pd.DataFrame) -> go.Figure:
    """How many services stand at each stage, split into integrated in the single portal or not."""
    figure = go.Figure()
    labels = [stage_name(stage) for stage in STAGES]  # the order tells the number; short labels fit
    stages = catalog["maturity_stage"].astype(int)
    integrated = catalog["is_integrated"].astype(bool)
    for is_integrated, name_key, colour in ((True, "services.catalog.integrated", PALETTE[0]),
                                            (False, "services.catalog.not_integrated", NEUTRAL)):
        counts = [int(((stages == stage) & (integrated == is_integrated)).sum()) for stage in STAGES]
        figure.add_bar(x=labels, y=counts, name=t(name_key), marker_color=colour,
                       text=[str(count) if count else "" for count in counts], textposition="inside",
                       hovertemplate="%{x}: %{y}<extra>" + t(name_key) + "</extra>")
    base_layout(figure, height=320)
    figure.update_layout(barmode="stack")
    figure.update_yaxes(title=t("services.catalog.axis_services"), dtick=1 if len(catalog) <= 12 else None)
    return figure


def stages_over_time_figure(counts: pd.DataFrame) -> go.Figure:
    """Stacked areas: the number of services at each stage, month by month."""
    figure = go.Figure()
    months = [as_date(month) for month in counts["month"].drop_duplicates()]
    for stage in STAGES:
        rows = counts[counts["maturity_stage"] == stage]
        figure.add_scatter(
            x=[as_date(month) for month in rows["month"]], y=rows["service_count"], name=stage_label(stage),
            mode="lines", stackgroup="stages", line={"width": 0.5, "color": STAGE_COLOURS[stage]},
            customdata=[format_date(month, "month") for month in rows["month"]],
            hovertemplate="%{customdata}: %{y}<extra>" + stage_label(stage) + "</extra>")
    base_layout(figure, height=340)
    figure.update_yaxes(title=t("services.catalog.axis_services"))
    if months:
        localize_date_axis(figure, months[0], months[-1])
    return figure


def measure_trend_figure(frame: pd.DataFrame, measure: Measure, unit: str, name: str) -> go.Figure:
    """One measure over the periods of `frame` (`period_start` and the measure; with `service_count` and the
    measure's reporting column, the hover says how many services report). A missing figure leaves a gap."""
    periods = [as_date(period) for period in frame["period_start"]]
    values = [plot_value(value, measure) for value in frame[measure.name]]
    hover = [f"{period_label(period, unit)}: {format_measure(value, measure)}"
             for period, value in zip(periods, frame[measure.name])]
    if measure.reporting_column in frame.columns and "service_count" in frame.columns:
        hover = [f"{text}<br>{reporting_text(reporting, total)}" for text, reporting, total
                 in zip(hover, frame[measure.reporting_column], frame["service_count"])]
    figure = go.Figure()
    figure.add_scatter(x=periods, y=values, name=plotly_text(name), mode="lines+markers" if len(periods) <= 40 else "lines",
                       line={"color": PALETTE[0], "width": 2}, marker={"size": 5}, connectgaps=False,
                       customdata=hover, hovertemplate="%{customdata}<extra></extra>")
    base_layout(figure, height=300)
    figure.update_layout(showlegend=False, margin={"l": 10, "r": 10, "t": 20, "b": 10})
    figure.update_yaxes(title=measure.label, rangemode="tozero")
    if measure.kind == "share":
        figure.update_yaxes(ticksuffix="%", range=[0, 105])
    elif measure.kind == "currency":
        figure.update_yaxes(tickprefix="Rp")
    if periods:
        localize_date_axis(figure, min(periods), max(periods))
    return figure


def ranked_bars_figure(labels: list[str], values: list, measure: Measure) -> go.Figure:
    """Horizontal bars, best first (at the top); an item without the figure shows "no data" and no bar."""
    items = list(zip(labels, values))
    present = sorted((item for item in items if plot_value(item[1], measure) is not None),
                     key=lambda item: float(item[1]), reverse=not measure.higher_is_better)
    missing = [item for item in items if plot_value(item[1], measure) is None]
    # Plotly draws the first category at the bottom: missing ones go there, the best at the top.
    ordered = missing + present
    figure = go.Figure()
    figure.add_bar(
        y=[plotly_text(label) for label, _ in ordered], x=[plot_value(value, measure) or 0 for _, value in ordered],
        orientation="h", marker_color=[PALETTE[0] if plot_value(value, measure) is not None else NEUTRAL
                                       for _, value in ordered],
        text=[format_measure(value, measure) for _, value in ordered], textposition="outside",
        cliponaxis=False, hovertemplate="%{y}: %{text}<extra></extra>")
    base_layout(figure, height=max(220, 28 * len(ordered) + 80))
    figure.update_layout(showlegend=False, margin={"l": 10, "r": 60, "t": 20, "b": 10})
    figure.update_xaxes(title=measure.label, rangemode="tozero", showgrid=True, gridcolor="#E6ECEB")
    if measure.kind == "share":
        figure.update_xaxes(ticksuffix="%", range=[0, 115])
    elif measure.kind == "currency":
        figure.update_xaxes(tickprefix="Rp")
    return figure
