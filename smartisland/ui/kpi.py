"""KPIs on a page: the cached scorecard, the status badge, the KPI tile and the KPI picker with its trajectory."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from smartisland import clock
from smartisland.config import app_mode
from smartisland.i18n import format_date, t
from smartisland.kpis import views
from smartisland.kpis.charts import kpi_trajectory_figure, trajectory_table
from smartisland.kpis.display import (
    forecast_short,
    format_kpi_change,
    format_kpi_value,
    kpi_name,
    period_label,
    source_text,
)
from smartisland.kpis.scorecard import build_scorecard
from smartisland.publishing.disclosure import public_kpis
from smartisland.text import markdown_text
from smartisland.ui.queries import run_query, warehouse_version
from smartisland.ui.widgets import show_chart, url_choice


@st.cache_data(max_entries=8, show_spinner=False)
def _scorecard(version: tuple, today, as_of, public_only: bool):
    definitions = run_query("kpi_definitions")
    if public_only:
        definitions = public_kpis(definitions)
    return build_scorecard(definitions, run_query, today, as_of)


def scorecard(as_of: date | None = None):
    """Every KPI assessed today, or as it stood on `as_of` (cached per warehouse file and day); only public
    KPIs in public mode."""
    return _scorecard(warehouse_version(), as_of or clock.today(), as_of, app_mode() == "public")


def status_badge(status: str) -> str:
    """Markdown for a status: a coloured badge holding a symbol and a word, never colour alone."""
    return views.status_badge(status)


def choose_kpi(card: pd.DataFrame, label: str, default: str | None = None) -> dict:
    """A choice of one KPI of the card, kept in the URL as `?kpi=`; its scorecard row."""
    names = views.kpi_names(card)
    chosen = url_choice(label, list(names), "kpi", format_func=names.get, default=default)
    return views.kpi_row(card, chosen)


def show_trajectory(row: dict, values: pd.DataFrame, today: date, key: str, with_table: bool = True) -> None:
    """A KPI's trajectory with the scorecard's own forecast, and (`with_table`) its numbers under it."""
    show_chart(kpi_trajectory_figure(row, values, today), trajectory_table(values, row["unit"]) if with_table else None,
               key=key)


def kpi_tile(row) -> None:
    """One KPI at a glance: value, change, trend, status in words, staleness, target, forecast, period, source."""
    change = row["change"]
    has_change = change is not None and not pd.isna(change) and change != 0
    delta = format_kpi_change(change, row["unit"]).replace("−", "-") if has_change else None
    with st.container(border=True):
        st.markdown(f"**{markdown_text(kpi_name(row))}**")
        st.metric(markdown_text(kpi_name(row)), format_kpi_value(row["latest_value"], row["unit"]), delta=delta,
                  label_visibility="collapsed",
                  delta_color="normal" if row["direction"] == "higher" else "inverse",
                  chart_data=row["sparkline"] if len(row["sparkline"]) > 2 else None, chart_type="line")
        if not has_change:
            st.caption(t("kpi.unchanged") if change == 0 else t("kpi.no_change"))
        badges = status_badge(row["status"])
        if row["is_stale"]:
            badges += f" :gray-badge[⚠ {t('status.stale')}]"
        st.markdown(badges)
        st.caption(t("kpi.target_line", target=format_kpi_value(row["target_value"], row["unit"]),
                     date=format_date(row["target_date"], style="month")) + "  \n"
                   + t("kpi.forecast_label", forecast=forecast_short(row["forecast_kind"], row["forecast_date"])))
        st.caption(t("kpi.period_source", period=period_label(row["latest_date"], row["update_frequency"]),
                     source=source_text(row, markdown=True)))
