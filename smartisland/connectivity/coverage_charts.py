"""Figures of mobile coverage and blank spots: tiers by source, progress towards full coverage, and the blank-spot
funnel (pure Plotly builders, no Streamlit)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from smartisland.chart_style import NEUTRAL, base_layout, localize_date_axis
from smartisland.connectivity.labels import (
    SOURCE_COLOURS,
    STAGE_COLOURS,
    TIER_COLOURS,
    as_dates,
    source_label,
    stage_label,
    tier_label,
)
from smartisland.connectivity.logic import COVERAGE_TARGET_PERCENT, NOT_SURVEYED, SIGNAL_TIERS, SOURCES, Forecast
from smartisland.i18n import format_date, format_number, format_percent, t


def tiers_by_source_figure(counts: pd.DataFrame, latest: pd.DataFrame) -> go.Figure:
    """Villages per tier as each source counts them, side by side, under the latest-survey view of all sources.

    `counts` is coverage_tiers_by_source; `latest` is connectivity.tier_counts of coverage_village_tiers.
    """
    rows = [t("connectivity.coverage.latest_any_source")] + [source_label(s) for s in SOURCES]
    figure = go.Figure()
    for tier in [*SIGNAL_TIERS, NOT_SURVEYED]:
        values = [int(latest.set_index("signal_tier").loc[tier, "villages"])]
        for source in SOURCES:
            match = counts[(counts["source"] == source) & (counts["signal_tier"] == tier)]["villages"]
            values.append(int(match.iloc[0]) if not match.empty else 0)
        figure.add_bar(y=rows, x=values, orientation="h", name=tier_label(tier),
                       marker={"color": TIER_COLOURS[tier], "line": {"color": "white", "width": 0.5}},
                       text=[format_number(v, 0) if v else "" for v in values], textposition="inside",
                       insidetextanchor="middle",
                       hovertemplate="%{y}: %{x:,}<extra>" + tier_label(tier) + "</extra>")
    base_layout(figure, height=330)
    figure.update_layout(barmode="stack", legend={"traceorder": "normal"})
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(title=t("connectivity.coverage.axis_villages"), tickformat=",d")
    return figure


def coverage_progress_figure(shares: pd.DataFrame, measure: str, forecasts: dict[str, Forecast]) -> go.Figure:
    """Percent of surveyed villages covered (measure: percent_good or percent_with_signal) by each source, quarter
    by quarter, against 100%, with each rising source's trajectory to 100% as a dotted line."""
    figure = go.Figure()
    ends = []
    for source in SOURCES:
        rows = shares[shares["source"] == source].sort_values("quarter_end")
        if rows.empty:
            continue
        quarters = as_dates(rows["quarter_end"])
        ends.extend([quarters[0], quarters[-1]])
        name = source_label(source)
        figure.add_scatter(x=quarters, y=rows[measure], mode="lines+markers", name=name,
                           line={"color": SOURCE_COLOURS[source], "width": 2}, marker={"size": 4},
                           customdata=[[format_date(q, "short_month"), format_percent(v, 1),
                                        format_number(n, 0)]
                                       for q, v, n in zip(quarters, rows[measure], rows["villages_surveyed"])],
                           hovertemplate="%{customdata[0]}: %{customdata[1]} (" + t(
                               "connectivity.coverage.hover_surveyed") + " %{customdata[2]})<extra>"
                                         + name + "</extra>")
        forecast = forecasts.get(source)
        if forecast and forecast.reached_on and not forecast.is_reached:
            figure.add_scatter(x=[quarters[-1], forecast.reached_on],
                               y=[rows[measure].iloc[-1], COVERAGE_TARGET_PERCENT], mode="lines",
                               line={"color": SOURCE_COLOURS[source], "dash": "dot", "width": 1.5},
                               showlegend=False, hoverinfo="skip")
            ends.append(forecast.reached_on)
    figure.add_hline(y=COVERAGE_TARGET_PERCENT, line={"color": NEUTRAL, "dash": "dash", "width": 1},
                     annotation_text=t("connectivity.coverage.target_line"),
                     annotation_position="bottom left")
    base_layout(figure, height=380)
    figure.update_yaxes(title=t("connectivity.coverage.axis_percent"), ticksuffix="%",
                        range=[0, 105])
    if ends:
        localize_date_axis(figure, min(ends), max(ends))
    return figure


def pipeline_figure(pipeline: pd.DataFrame) -> go.Figure:
    """The blank-spot funnel: sites that reached each stage, with those standing at it now in the hover."""
    labels = [stage_label(stage) for stage in pipeline["stage"]]
    figure = go.Figure(go.Funnel(
        y=labels, x=pipeline["sites_reached"], textinfo="value",
        marker={"color": [STAGE_COLOURS[stage] for stage in pipeline["stage"]]},
        customdata=[format_number(v, 0) for v in pipeline["sites_at_stage"]],
        hovertemplate="%{y}: %{x:,}<br>" + t("connectivity.blank.hover_at_stage")
                      + ": %{customdata}<extra></extra>"))
    base_layout(figure, height=320)
    return figure
