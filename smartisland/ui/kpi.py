"""KPIs on a page: the cached scorecard, the status badge, the KPI tile and the KPI picker with its trajectory."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from smartisland import report_context
from smartisland.config import app_mode
from smartisland.disclosure import public_kpis
from smartisland.kpis import sections
from smartisland.kpis.charts import kpi_trajectory_figure, trajectory_table
from smartisland.kpis.scorecard import build_scorecard
from smartisland.report_context import ReportContext
from smartisland.text import markdown_text
from smartisland.ui.queries import run_query, warehouse_version
from smartisland.ui.widgets import show_chart, url_choice


@st.cache_data(max_entries=8, show_spinner=False)
def _scorecard(version: tuple, today, as_of, public_only: bool):
    definitions = run_query("kpi_definitions")
    if public_only:
        definitions = public_kpis(definitions)
    return build_scorecard(definitions, run_query, today, as_of)


def scorecard(context: ReportContext | None = None):
    """Every KPI assessed on the context's day (the page's: today, or a past month end), cached per warehouse file
    and day; only public KPIs in public mode."""
    context = context or report_context.current()
    return _scorecard(warehouse_version(), context.today, context.as_of, app_mode() == "public")


def status_badge(status: str, target_kind: str = "official") -> str:
    """Markdown for a status: a coloured badge holding a symbol and a word, never colour alone (grey when measured
    against an illustrative target)."""
    return sections.status_badge(status, target_kind=target_kind)


def choose_kpi(card: pd.DataFrame, label: str, default: str | None = None) -> dict:
    """A choice of one KPI of the card, kept in the URL as `?kpi=`; its scorecard row."""
    names = sections.kpi_names(card)
    chosen = url_choice(label, list(names), "kpi", format_func=names.get, default=default)
    return sections.kpi_row(card, chosen)


def show_trajectory(row: dict, values: pd.DataFrame, today: date, key: str, with_table: bool = True) -> None:
    """A KPI's trajectory with the scorecard's own forecast, and (`with_table`) its numbers under it."""
    show_chart(kpi_trajectory_figure(row, values, today), trajectory_table(values, row["unit"]) if with_table else None,
               key=key)


def kpi_tile(row) -> None:
    """One KPI at a glance, compact: name, value, change, trend, status and target kind, target and period."""
    tile = sections.tile(row)
    with st.container(border=True):
        st.metric(markdown_text(tile.name), tile.value, delta=tile.delta,
                  delta_color="normal" if row["direction"] == "higher" else "inverse",
                  chart_data=row["sparkline"] if len(row["sparkline"]) > 2 else None, chart_type="line",
                  height="content")
        st.markdown(tile.badges)
        st.caption((tile.change_note + "  \n" if tile.change_note else "") + tile.caption)
