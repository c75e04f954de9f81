"""KPI values, changes, statuses and forecasts as words and numbers in the user's language (no Streamlit)."""
from __future__ import annotations

import pandas as pd

from smartisland.i18n import (
    current_language,
    format_currency,
    format_date,
    format_number,
    format_period,
    format_signed,
    t,
)
from smartisland.kpis.status import ILLUSTRATIVE, SYMBOLS, TARGET_KIND_SYMBOLS, label_key, target_kind_key
from smartisland.text import data_text, markdown_text

DECIMALS = {"count": 0, "percent": 1, "index": 2, "mbps": 1, "idr": 0, "days": 1, "score": 1}
SUFFIXED_UNITS = ("mbps", "days")


def _suffix(unit: str, language: str) -> str:
    return t(f"unit.{unit}", language) if unit in SUFFIXED_UNITS else ""


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def format_kpi_value(value, unit: str, language: str | None = None) -> str:
    """A value with its unit: `2.232`, `89,5%`, `4,07`, `50,4 Mbps`, `Rp12.500`, `3,2 hari`."""
    language = language or current_language()
    if _missing(value):
        return t("common.no_data", language)
    if unit == "idr":
        return format_currency(value, language)
    number = format_number(value, DECIMALS[unit], language)
    if unit == "percent":
        return f"{number}%"
    suffix = _suffix(unit, language)
    return f"{number} {suffix}" if suffix else number


def format_kpi_change(change, unit: str, language: str | None = None) -> str | None:
    """A change with its sign and unit (percentage points for percents); None when there is no change to show."""
    language = language or current_language()
    if _missing(change):
        return None
    text = format_signed(change, DECIMALS[unit], language)
    if unit == "percent":
        return f"{text} {'poin' if language == 'id' else 'pts'}"
    suffix = _suffix(unit, language)
    return f"{text} {suffix}" if suffix else text


def format_kpi_gap(gap, unit: str, language: str | None = None) -> str:
    """A distance in the KPI's own unit, without a sign: `67`, `5,6 poin persen` (points, never % of a percent)."""
    language = language or current_language()
    if _missing(gap):
        return t("common.no_data", language)
    if unit == "percent":
        return t("kpi_words.percentage_points", language, number=format_number(abs(gap), DECIMALS[unit], language))
    return format_kpi_value(abs(gap), unit, language)


def status_label(status: str, language: str | None = None) -> str:
    """Status never by colour alone: a symbol and a word."""
    return f"{SYMBOLS[status]} {t(label_key(status), language)}"


def target_kind_label(kind: str, language: str | None = None) -> str:
    """`§ target resmi` or `≈ target ilustratif (tim)`: a symbol and words, wherever a status is shown."""
    return f"{TARGET_KIND_SYMBOLS[kind]} {t(target_kind_key(kind), language)}"


def status_with_kind(status: str, kind: str, language: str | None = None) -> str:
    """A status with the kind of target it is measured against: `▼ Tertinggal · ≈ target ilustratif (tim)`."""
    return f"{status_label(status, language)} · {target_kind_label(kind, language)}"


def freshness_label(is_stale: bool, language: str | None = None) -> str:
    return f"⚠ {t('status.stale', language)}" if is_stale else f"✓ {t('status.fresh', language)}"


def forecast_sentence(kind: str, forecast_date, language: str | None = None) -> str:
    language = language or current_language()
    if kind in ("on_time", "late", "awaiting_data"):
        return t(f"forecast.{kind}", language, date=format_date(forecast_date, language, "month"))
    return t(f"forecast.{kind}", language)


def forecast_short(kind: str, forecast_date, language: str | None = None) -> str:
    language = language or current_language()
    if kind in ("on_time", "late", "awaiting_data"):
        return t(f"forecast.short_{kind}", language, date=format_date(forecast_date, language, "short_month"))
    return t(f"forecast.short_{kind}", language)


def kpi_name(row, language: str | None = None) -> str:
    return row["name_id"] if (language or current_language()) == "id" else row["name_en"]


def kpi_definition_text(row, language: str | None = None) -> str:
    return row["definition_id"] if (language or current_language()) == "id" else row["definition_en"]


def is_illustrative(target_source: str) -> bool:
    """From a target's source text alone (the catalogue's `target_kind` is the one rule; this reads old exports)."""
    return "ilustratif" in target_source.lower() or "illustrative" in target_source.lower()


def has_illustrative_target(row) -> bool:
    return row["target_kind"] == ILLUSTRATIVE


FREQUENCY_UNITS = {"monthly": "month", "quarterly": "quarter", "yearly": "year"}


def period_label(period_end, frequency: str, language: str | None = None) -> str:
    """The period a value stands for, by the KPI's frequency: `Oktober 2026`, `Triwulan III 2026`, `2025`."""
    return format_period(None if _missing(period_end) else period_end, FREQUENCY_UNITS[frequency], language)


def source_text(row, language: str | None = None, markdown: bool = False) -> str:
    """The named source of a KPI's values, or the datasets its query computes them from; with `markdown`, the
    named source (data) is escaped for Markdown."""
    from smartisland.db import query_datasets

    if isinstance(row.get("source"), str) and row["source"]:
        source = data_text(row["source"], language)
        return markdown_text(source) if markdown else source
    # Regions only name places; the datasets worth citing are the facts a figure is computed from.
    names = ", ".join(t(f"dataset.{name}", language) for name in query_datasets(row["method"]) if name != "regions")
    return t("kpi_source.computed", language, datasets=names)
