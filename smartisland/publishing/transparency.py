"""The public promises in words for residents, shared by the transparency page and the static export (no Streamlit)."""
from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd

from smartisland.db import query_datasets
from smartisland.i18n import current_language, format_date, format_percent, t
from smartisland.kpis.display import format_kpi_value, kpi_name, status_label
from smartisland.kpis.scorecard import MANUAL, status_counts
from smartisland.kpis.status import ACHIEVED, LATE_STATUSES, NO_DATA, ON_TRACK
from smartisland.publishing.disclosure import public_kpis


def public_promises(scorecard: pd.DataFrame) -> pd.DataFrame:
    """Only the KPIs marked public: the page shows the public site in either mode."""
    return public_kpis(scorecard)


def promise_text(row, language: str | None = None) -> str:
    """What was promised, in plain words, with the catalog's own target."""
    language = language or current_language()
    return t(f"promise.{row['kpi_id']}.promise", language,
             target=format_kpi_value(row["target_value"], row["unit"], language))


def meaning_text(row, language: str | None = None) -> str:
    return t(f"promise.{row['kpi_id']}.meaning", language or current_language())


def progress_share(row) -> float | None:
    """Share of the way from baseline to target, between 0 and 1; None without data."""
    share = row["progress_share"]
    if share is None or pd.isna(share):
        return None
    return min(max(float(share), 0.0), 1.0)


def progress_text(row, language: str | None = None) -> str:
    language = language or current_language()
    share = progress_share(row)
    if share is None:
        return t("transparency.progress_none", language)
    return t("transparency.progress_text", language, share=format_percent(100 * share, 0, language),
             baseline=format_kpi_value(row["baseline_value"], row["unit"], language),
             baseline_date=format_date(row["baseline_date"], language, "month"))


def summary_sentence(scorecard: pd.DataFrame, language: str | None = None) -> str:
    counts = status_counts(scorecard)
    return t("transparency.summary_sentence", language or current_language(), total=len(scorecard),
             achieved=counts[ACHIEVED], on_track=counts[ON_TRACK],
             late=sum(counts[status] for status in LATE_STATUSES), no_data=counts[NO_DATA])


def promises_table(scorecard: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """One row per promise, for people: name, area, deadline, status in words, progress, latest value, target."""
    language = language or current_language()
    rows = []
    for _, row in scorecard.iterrows():
        share = progress_share(row)
        rows.append({
            t("transparency.column_promise", language): kpi_name(row, language),
            t("transparency.column_area", language): t(f"area.{row['area']}", language),
            t("transparency.column_by_when", language): format_date(row["target_date"], language, "month"),
            t("transparency.column_status", language): status_label(row["status"], language),
            t("transparency.column_progress", language): t("common.no_data", language) if share is None
            else format_percent(100 * share, 0, language),
            t("transparency.column_latest", language): format_kpi_value(row["latest_value"], row["unit"], language),
            t("transparency.column_target", language): format_kpi_value(row["target_value"], row["unit"], language),
        })
    return pd.DataFrame(rows)


def datasets_behind(method: str) -> list[str]:
    """The published datasets a KPI's figure is computed from (regions only name places)."""
    if method == MANUAL:
        return ["kpi_values"]
    return [name for name in query_datasets(method) if name != "regions"]


def share_query(kpi_id: str, language: str) -> str:
    """The query string of a link to one promise in one language: `?kpi=...&lang=...`."""
    return "?" + urlencode({"kpi": kpi_id, "lang": language})
