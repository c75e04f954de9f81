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
from smartisland.ui.widgets import cached_figure, show_chart, url_choice


@st.cache_data(max_entries=8, show_spinner=False)
def _scorecard(version: tuple, today, as_of, public_only: bool):
    definitions = run_query("kpi_definitions")
    if public_only:
        definitions = public_kpis(definitions)
    return build_scorecard(definitions, run_query, today, as_of)


def _scorecard_key(context: ReportContext) -> tuple:
    """What a scorecard is made of: the warehouse file, the day, whether it is a past day, and the mode."""
    return (warehouse_version(), context.today, context.as_of, app_mode() == "public")


def scorecard(context: ReportContext | None = None):
    """Every KPI assessed on the context's day (the page's: today, or a past month end), cached per warehouse file
    and day; only public KPIs in public mode."""
    context = context or report_context.current()
    return _scorecard(*_scorecard_key(context))


@st.cache_data(max_entries=64, show_spinner=False)
def _scorecard_view(builder_name: str, key: tuple, language: str, args: tuple, _builder, _context: ReportContext):
    # The card is the one `key` names (a hit of the scorecard's own cache), not one handed in: a view kept under a
    # key is always made from that key's card.
    card, _ = _scorecard(*key)
    return _builder(card, _context, *args)


def scorecard_view(builder, context: ReportContext | None = None, *args):
    """`builder(card, context, *args)` on the context's scorecard, made once per warehouse file, day, mode,
    language and `args` and then kept: the sentences, tables and per-regency reads a page derives from the card
    cost more than the rest of a warm run. A load makes a new warehouse file, hence new views."""
    context = context or report_context.current()
    return _scorecard_view(f"{builder.__module__}.{builder.__qualname__}", _scorecard_key(context),
                           context.language, args, builder, context)


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
    show_chart(cached_figure(kpi_trajectory_figure, row, values, today),
               trajectory_table(values, row["unit"]) if with_table else None, key=key)


@st.cache_data(max_entries=200, show_spinner=False)
def _scorecard_trajectory(key: tuple, language: str, kpi_id: str, with_table: bool):
    card, values_by_kpi = _scorecard(*key)
    row, values = sections.kpi_row(card, kpi_id), values_by_kpi[kpi_id]
    return (kpi_trajectory_figure(row, values, key[1]).to_dict(),
            trajectory_table(values, row["unit"]) if with_table else None)


def show_scorecard_trajectory(kpi_id: str, key: str, context: ReportContext | None = None,
                              with_table: bool = True) -> None:
    """show_trajectory of one KPI of the context's scorecard (its values, on the context's day), drawn once per
    warehouse file, day, mode, language and KPI and then kept: no figure or table is built or hashed again."""
    context = context or report_context.current()
    figure, table = _scorecard_trajectory(_scorecard_key(context), context.language, kpi_id, with_table)
    show_chart(figure, table, key=key)


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
