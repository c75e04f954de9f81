"""Reporting status and what comes next, as Open SDG platforms show it per indicator (no Streamlit).

Per promise (a public KPI) and per published dataset: reported, in progress or not yet available; each figure's
next expected update from its update frequency and latest period, and whom to ask about it. A figure whose update
is overdue is flagged to the team and said plainly to the public.

The rule of "overdue" is the KPI engine's rule of "stale" (kpis/assessment.py, ALLOWED_AGE_DAYS: one period plus
the usual delay before a period's figure is published), so the two never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from smartisland.clock import month_end
from smartisland.db import query_datasets
from smartisland.i18n import format_date, t
from smartisland.kpis.assessment import ALLOWED_AGE_DAYS
from smartisland.kpis.display import kpi_name, period_label
from smartisland.kpis.scorecard import MANUAL
from smartisland.text import markdown_text

REPORTED, IN_PROGRESS, NOT_AVAILABLE = "reported", "in_progress", "not_available"
REPORTING_STATUSES = (REPORTED, IN_PROGRESS, NOT_AVAILABLE)
REPORTING_SYMBOLS = {REPORTED: "●", IN_PROGRESS: "◐", NOT_AVAILABLE: "○"}
PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}


@dataclass(frozen=True)
class NextUpdate:
    period_end: date  # the end of the next period whose figure is due
    expected_by: date  # the day by which that figure is expected


def _as_date(value) -> date | None:
    if value is None or (not isinstance(value, date) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def next_update(latest_period: date | None, frequency: str) -> NextUpdate | None:
    """The next period a figure of this frequency reports and the day it is expected by; None without a figure
    yet (no period to count from)."""
    latest_period = _as_date(latest_period)
    if latest_period is None:
        return None
    months = PERIOD_MONTHS[frequency]
    first_of_month = latest_period.replace(day=1)
    month_index = first_of_month.year * 12 + first_of_month.month - 1 + months
    period_end = month_end(date(month_index // 12, month_index % 12 + 1, 1))
    return NextUpdate(period_end, latest_period + timedelta(days=ALLOWED_AGE_DAYS[frequency]))


def is_overdue(update: NextUpdate | None, today: date) -> bool:
    """The expected day has passed and no newer figure came (the KPI engine's "stale")."""
    return update is not None and today > update.expected_by


def datasets_behind(method: str) -> list[str]:
    """The datasets a KPI's figure is computed from (regions only name places)."""
    if method == MANUAL:
        return ["kpi_values"]
    try:
        return [name for name in query_datasets(method) if name != "regions"]
    except Exception:  # a broken method has no datasets behind it, and its promise is simply not available
        return []


def promise_reporting(has_figure: bool, overdue: bool, data_loaded: bool) -> str:
    """Reported: a figure, up to date. In progress: a figure whose next update is awaited past its day, or no
    figure yet while data behind it is being loaded. Not yet available: no figure and no data behind it."""
    if has_figure:
        return IN_PROGRESS if overdue else REPORTED
    return IN_PROGRESS if data_loaded else NOT_AVAILABLE


def dataset_reporting(row_count: int, overdue_figures: int) -> str:
    """Reported: rows, and every figure computed from them up to date. In progress: rows, but a figure computed
    from them awaits its update. Not yet available: no rows."""
    if row_count <= 0:
        return NOT_AVAILABLE
    return IN_PROGRESS if overdue_figures else REPORTED


def reporting_label(status: str) -> str:
    """Never by colour alone: a symbol and a word (`● Dilaporkan`)."""
    return f"{REPORTING_SYMBOLS[status]} {t(f'citizen.reporting.{status}')}"


@dataclass(frozen=True)
class Contact:
    unit: str
    address: str


def _text_or_none(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)) or not str(value).strip():
        return None
    return str(value).strip()


def contact(row, fallback_address: str) -> Contact:
    """Whom to ask about a figure: the catalogue's contact unit and public address; when the catalogue leaves
    them empty, the owner agency and the province's agency address (province.toml), never a person's."""
    return Contact(_text_or_none(row.get("contact_unit")) or str(row["owner_agency"]),
                   _text_or_none(row.get("contact_address")) or fallback_address)


def reporting_frame(promises: pd.DataFrame, row_counts: dict[str, int], today: date) -> pd.DataFrame:
    """The promises (scorecard rows) with their reporting status, next update and whether it is overdue."""
    rows = []
    for _, row in promises.iterrows():
        update = next_update(row["latest_date"], row["update_frequency"])
        behind = datasets_behind(row["method"])
        overdue = is_overdue(update, today)
        has_figure = _as_date(row["latest_date"]) is not None
        rows.append({"kpi_id": row["kpi_id"], "datasets": behind, "next_update": update, "is_overdue": overdue,
                     "reporting": promise_reporting(has_figure, overdue,
                                                    any(row_counts.get(name, 0) > 0 for name in behind))})
    return pd.DataFrame(rows, columns=["kpi_id", "datasets", "next_update", "is_overdue", "reporting"])


def dataset_frame(reporting: pd.DataFrame, row_counts: dict[str, int], datasets: list[str]) -> pd.DataFrame:
    """Each published dataset with its reporting status (figures from it: those of the promises given)."""
    rows = []
    for name in datasets:
        overdue = sum(1 for _, row in reporting.iterrows() if row["is_overdue"] and name in row["datasets"])
        rows.append({"dataset": name, "reporting": dataset_reporting(row_counts.get(name, 0), overdue)})
    return pd.DataFrame(rows, columns=["dataset", "reporting"])


def counts(statuses: pd.Series) -> dict[str, int]:
    found = statuses.value_counts()
    return {status: int(found.get(status, 0)) for status in REPORTING_STATUSES}


def counts_sentence(kind: str, statuses: pd.Series) -> str:
    """`Dari 11 janji publik: 9 dilaporkan, 1 dalam proses, 1 belum tersedia.` (kind: promises or datasets)."""
    found = counts(statuses)
    return t(f"citizen.reporting.counts_{kind}", total=len(statuses), **found)


def next_update_text(update: NextUpdate | None, frequency: str, overdue: bool, short: bool = False) -> str:
    """The next figure in words: its period and the day it is expected, or plainly that it is late (`short`: for a
    table cell, which a phone shows without wrapping)."""
    if update is None:
        return t("citizen.reporting.next_unknown")
    words = dict(period=period_label(update.period_end, frequency),
                 date=format_date(update.expected_by))
    key = ("next_short_overdue" if overdue else "next_short") if short else \
        ("next_overdue" if overdue else "next_expected")
    return t(f"citizen.reporting.{key}", **words)


def contact_text(found: Contact) -> str:
    """Whom to ask, as Markdown (the catalogue's words shown as typed)."""
    return t("citizen.reporting.contact_line", unit=markdown_text(found.unit),
             address=markdown_text(found.address))


def public_reporting_table(promises: pd.DataFrame, reporting: pd.DataFrame, fallback_address: str) -> pd.DataFrame:
    """One row per public figure, for people: the promise, its reporting status, the latest period, the next
    update (or that it is late) and whom to ask."""
    by_kpi = reporting.set_index("kpi_id")
    rows = []
    for _, row in promises.iterrows():
        state = by_kpi.loc[row["kpi_id"]]
        found = contact(row, fallback_address)
        rows.append({
            t("citizen.reporting.column_promise"): kpi_name(row),
            t("citizen.reporting.column_status"): reporting_label(state["reporting"]),
            t("citizen.reporting.column_latest_period"):
                period_label(row["latest_date"], row["update_frequency"])
                if _as_date(row["latest_date"]) else t("common.no_data"),
            t("citizen.reporting.column_next"):
                next_update_text(state["next_update"], row["update_frequency"], state["is_overdue"], short=True),
            t("citizen.reporting.column_contact"): f"{found.unit} · {found.address}",
        })
    return pd.DataFrame(rows)


def overdue_lines(promises: pd.DataFrame, reporting: pd.DataFrame, fallback_address: str) -> list[str]:
    """Each overdue figure in one plain sentence, as Markdown (name, the period awaited, since when, whom it falls
    to)."""
    if promises.empty or reporting.empty:
        return []
    late = reporting[reporting["is_overdue"]].set_index("kpi_id")
    lines = []
    for _, row in promises[promises["kpi_id"].isin(late.index)].iterrows():
        update = late.loc[row["kpi_id"], "next_update"]
        lines.append(t("citizen.reporting.overdue_line", name=markdown_text(kpi_name(row)),
                       period=period_label(update.period_end, row["update_frequency"]),
                       date=format_date(update.expected_by),
                       unit=markdown_text(contact(row, fallback_address).unit)))
    return lines
