"""KPI charts: the trajectory (history, planned path, target, forecast) and the regency comparison."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from smartisland.chart_style import NEUTRAL, PALETTE, base_layout, localize_date_axis
from smartisland.i18n import format_date, t
from smartisland.kpis import status
from smartisland.kpis.assessment import Forecast, KpiDefinition, definition_from_row, planned_value
from smartisland.kpis.display import format_kpi_value, status_label
from smartisland.text import plotly_text


def _dates(series: pd.Series) -> list[date]:
    return [pd.Timestamp(day).date() for day in series]


def trajectory_figure(definition: KpiDefinition, unit: str, values: pd.DataFrame, today: date,
                      trend: Forecast | None) -> go.Figure:
    """History, the planned straight path, the target marker and the forecast line of one KPI; `trend` is the
    forecast its assessment made (the scorecard's `forecast` column), drawn as it is, not computed again."""
    measured = values.dropna(subset=["value"]).sort_values("period_end")
    days = _dates(measured["period_end"])
    end = max([definition.target_date, today] + days + ([trend.reach_date] if trend and trend.reach_date else []))
    start = min([definition.baseline_date] + days)
    figure = go.Figure()

    path_days = [start, definition.baseline_date, definition.target_date, end]
    path_days = sorted(set(path_days))
    figure.add_trace(go.Scatter(
        x=path_days, y=[planned_value(definition, day) for day in path_days], mode="lines",
        name=t("chart.planned"), line={"color": NEUTRAL, "dash": "dash", "width": 2},
        customdata=[[format_date(day), format_kpi_value(planned_value(definition, day), unit)]
                    for day in path_days],
        hovertemplate="%{customdata[0]}<br>" + t("chart.planned") + ": %{customdata[1]}<extra></extra>"))

    if trend is not None and trend.slope_per_year is not None and days:
        last = days[-1]
        finish = trend.reach_date or min(end, last + timedelta(days=3 * 365))
        line_days = [last, max(finish, last)]
        line_values = [trend.value_at_start + trend.slope_per_year * (day - trend.intercept_date).days / 365.25
                       for day in line_days]
        figure.add_trace(go.Scatter(
            x=line_days, y=line_values, mode="lines", name=t("chart.forecast"),
            line={"color": PALETTE[1], "dash": "dot", "width": 2},
            customdata=[[format_date(day), format_kpi_value(value, unit)]
                        for day, value in zip(line_days, line_values)],
            hovertemplate="%{customdata[0]}<br>" + t("chart.forecast") + ": %{customdata[1]}<extra></extra>"))

    figure.add_trace(go.Scatter(
        x=days, y=measured["value"].tolist(), mode="lines+markers", name=t("chart.measured"),
        line={"color": PALETTE[0], "width": 3}, marker={"size": 6 if len(days) < 30 else 3},
        customdata=[[format_date(day), format_kpi_value(value, unit)]
                    for day, value in zip(days, measured["value"])],
        hovertemplate="%{customdata[0]}<br>" + t("chart.measured") + ": %{customdata[1]}<extra></extra>"))

    figure.add_trace(go.Scatter(
        x=[definition.target_date], y=[definition.target_value], mode="markers+text",
        name=t("chart.target"), marker={"symbol": "star", "size": 16, "color": status.COLOURS[status.ACHIEVED]},
        text=[format_kpi_value(definition.target_value, unit)], textposition="top center",
        customdata=[[format_date(definition.target_date)]],
        hovertemplate=t("chart.target") + " %{text}<br>%{customdata[0]}<extra></extra>"))

    figure.add_vline(x=today, line={"color": "#9AA8A7", "width": 1})
    figure.add_annotation(x=today, y=1, yref="paper", text=t("chart.today"), showarrow=False,
                          yanchor="bottom", font={"size": 11, "color": "#5F6F6E"})
    base_layout(figure)
    figure.update_yaxes(title_text=t(f"unit_name.{unit}"), rangemode="tozero" if unit != "index" else "normal")
    localize_date_axis(figure, start, end)
    return figure


def kpi_trajectory_figure(row, values: pd.DataFrame, today: date) -> go.Figure:
    """The trajectory of a scorecard row: its definition, and the forecast its assessment made."""
    return trajectory_figure(definition_from_row(row), row["unit"], values, today, row["forecast"])


def trajectory_table(values: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The measured values behind a trajectory, formatted, for the table under the chart."""
    measured = values.dropna(subset=["value"]).sort_values("period_end")
    return pd.DataFrame({
        t("chart.period"): [format_date(day) for day in measured["period_end"]],
        t("chart.value"): [format_kpi_value(value, unit) for value in measured["value"]],
    })


def regional_figure(frame: pd.DataFrame, unit: str, direction: str, target: float | None = None,
                    target_kind: str = status.OFFICIAL) -> go.Figure:
    """One bar per regency, best first, coloured by its status and labelled with the status's symbol and the value
    (status never by colour alone), and the target drawn as a line."""
    ordered = frame.sort_values("value", ascending=direction == "lower")
    statuses = list(ordered["status"]) if "status" in ordered else [None] * len(ordered)
    colours = [status.chart_colour(item, target_kind) if item else PALETTE[0] for item in statuses]
    labels = [f"{status.SYMBOLS[item]} " if item else "" for item in statuses]
    words = [status_label(item) if item else "" for item in statuses]
    figure = go.Figure(go.Bar(
        x=ordered["value"], y=[plotly_text(name) for name in ordered["name"]], orientation="h",
        marker={"color": colours},
        text=[label + format_kpi_value(value, unit) for label, value in zip(labels, ordered["value"])],
        textposition="outside", customdata=[[word] for word in words],
        hovertemplate="%{y}: %{text}<br>%{customdata[0]}<extra></extra>"))
    if target is not None:
        figure.add_vline(x=target, line={"color": "#2F3B3A", "dash": "dash", "width": 2})
        figure.add_annotation(x=target, y=1, yref="paper", yanchor="bottom", showarrow=False,
                              text=plotly_text(t("chart.target") + " " + format_kpi_value(target, unit)),
                              font={"size": 12, "color": "#2F3B3A"})
    base_layout(figure, height=80 + 34 * len(ordered))
    figure.update_yaxes(autorange="reversed", title_text=None)
    figure.update_xaxes(title_text=t(f"unit_name.{unit}"), showgrid=True, gridcolor="#E6ECEB",
                        rangemode="tozero")
    # Room right of the longest bar for its label ("✔ 100,0%"), which Plotly otherwise clips at the plot's edge.
    top = max([float(value) for value in ordered["value"].dropna()] + ([float(target)] if target is not None else []),
              default=0.0)
    if top > 0 and (ordered["value"].dropna() >= 0).all():
        figure.update_xaxes(range=[0, top * 1.2])
    figure.update_layout(showlegend=False)
    return figure


def regional_table(frame: pd.DataFrame, unit: str) -> pd.DataFrame:
    table = {t("chart.regency"): frame["name"],
             t("chart.value"): [format_kpi_value(value, unit) for value in frame["value"]]}
    if "status" in frame:
        table[t("kpi_columns.status")] = [status_label(item) for item in frame["status"]]
    return pd.DataFrame(table)
