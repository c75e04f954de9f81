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
from smartisland.kpis.status import (
    ILLUSTRATIVE,
    ON_TRACK,
    SYMBOLS,
    TARGET_KIND_SYMBOLS,
    WORSENING,
    label_key,
    target_kind_key,
)
from smartisland.text import data_text, markdown_text

DECIMALS = {"count": 0, "percent": 1, "index": 2, "mbps": 1, "idr": 0, "days": 1, "score": 1}
SUFFIXED_UNITS = ("mbps", "days")


def _suffix(unit: str) -> str:
    return t(f"unit.{unit}") if unit in SUFFIXED_UNITS else ""


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def format_kpi_value(value, unit: str) -> str:
    """A value with its unit: `2.232`, `89,5%`, `4,07`, `50,4 Mbps`, `Rp12.500`, `3,2 hari`."""
    if _missing(value):
        return t("common.no_data")
    if unit == "idr":
        return format_currency(value)
    number = format_number(value, DECIMALS[unit])
    if unit == "percent":
        return f"{number}%"
    suffix = _suffix(unit)
    return f"{number} {suffix}" if suffix else number


def format_kpi_change(change, unit: str) -> str | None:
    """A change with its sign and unit (percentage points for percents); None when there is no change to show."""
    if _missing(change):
        return None
    text = format_signed(change, DECIMALS[unit])
    if unit == "percent":
        return f"{text} {'poin' if current_language() == 'id' else 'pts'}"
    suffix = _suffix(unit)
    return f"{text} {suffix}" if suffix else text


def format_kpi_gap(gap, unit: str) -> str:
    """A distance in the KPI's own unit, without a sign: `67`, `5,6 poin persen` (points, never % of a percent)."""
    if _missing(gap):
        return t("common.no_data")
    if unit == "percent":
        return t("kpi_words.percentage_points", number=format_number(abs(gap), DECIMALS[unit]))
    return format_kpi_value(abs(gap), unit)


def status_label(status: str) -> str:
    """Status never by colour alone: a symbol and a word."""
    return f"{SYMBOLS[status]} {t(label_key(status))}"


def target_kind_label(kind: str) -> str:
    """`§ target resmi` or `≈ target ilustratif (tim)`: a symbol and words, wherever a status is shown."""
    return f"{TARGET_KIND_SYMBOLS[kind]} {t(target_kind_key(kind))}"


def status_with_kind(status: str, kind: str) -> str:
    """A status with the kind of target it is measured against: `▼ Tertinggal · ≈ target ilustratif (tim)`."""
    return f"{status_label(status)} · {target_kind_label(kind)}"


# Why a status reads as it does, where its word alone would mislead: a promise still past its target but moving
# away from it is worsening, not late; on track with nothing measured since the baseline has not yet moved at all.
WORSENING_TARGET_MET, BASELINE_ONLY = "worsening_target_met", "baseline_only"


def _met(row) -> bool:
    if _missing(row.get("latest_value")):
        return False
    sign = 1 if row.get("direction", "higher") == "higher" else -1
    return (float(row["latest_value"]) - float(row["target_value"])) * sign >= 0


def _same_day(first, second) -> bool:
    return not _missing(first) and not _missing(second) and pd.Timestamp(first) <= pd.Timestamp(second)


def status_reason(row) -> str | None:
    """Which qualifier a status needs (WORSENING_TARGET_MET, BASELINE_ONLY), or None when its word says it all."""
    if row["status"] == WORSENING and _met(row):
        return WORSENING_TARGET_MET
    if row["status"] == ON_TRACK and _same_day(row.get("latest_date"), row.get("baseline_date")):
        return BASELINE_ONLY
    return None


def status_phrase(row) -> str:
    """A status with its qualifier, short enough for a table cell: `↘ Memburuk (target masih terpenuhi)`."""
    reason = status_reason(row)
    label = status_label(row["status"])
    return f"{label} ({t(f'status_reason.short_{reason}')})" if reason else label


def status_note(row) -> str | None:
    """The qualifier of a status in a sentence, with the figures, or None when the status needs none."""
    reason = status_reason(row)
    if reason == WORSENING_TARGET_MET:
        return t(f"status_reason.{reason}", latest=format_kpi_value(row["latest_value"], row["unit"]),
                 target=format_kpi_value(row["target_value"], row["unit"]))
    if reason == BASELINE_ONLY:
        return t(f"status_reason.{reason}", period=period_label(row["latest_date"], row.get("update_frequency", "yearly")))
    return None


def public_status(row) -> str:
    """A status as the public reads it everywhere: qualified where needed, with the kind of target beside it
    (`▼ Tertinggal · ≈ target ilustratif`)."""
    kind = row["target_kind"]
    return f"{status_phrase(row)} · {TARGET_KIND_SYMBOLS[kind]} {t(f'target_kind_short.{kind}')}"


def freshness_label(is_stale: bool) -> str:
    return f"⚠ {t('status.stale')}" if is_stale else f"✓ {t('status.fresh')}"


# The forecasts that name the date the trend reaches the target. An "awaiting data" forecast names none: its date
# has passed without a figure that shows the target met, so no date in the past is ever shown as a forecast.
DATED_FORECASTS = ("on_time", "late")


def forecast_sentence(kind: str, forecast_date) -> str:
    if kind in DATED_FORECASTS:
        return t(f"forecast.{kind}", date=format_date(forecast_date, "month"))
    return t(f"forecast.{kind}")


def forecast_short(kind: str, forecast_date) -> str:
    if kind in DATED_FORECASTS:
        return t(f"forecast.short_{kind}", date=format_date(forecast_date, "short_month"))
    return t(f"forecast.short_{kind}")


def kpi_name(row) -> str:
    return row["name_id"] if current_language() == "id" else row["name_en"]


def kpi_definition_text(row) -> str:
    return row["definition_id"] if current_language() == "id" else row["definition_en"]


def is_illustrative(target_source: str) -> bool:
    """From a target's source text alone (the catalogue's `target_kind` is the one rule; this reads old exports)."""
    return "ilustratif" in target_source.lower() or "illustrative" in target_source.lower()


def has_illustrative_target(row) -> bool:
    return row["target_kind"] == ILLUSTRATIVE


FREQUENCY_UNITS = {"monthly": "month", "quarterly": "quarter", "yearly": "year"}


def period_label(period_end, frequency: str) -> str:
    """The period a value stands for, by the KPI's frequency: `Oktober 2026`, `Triwulan III 2026`, `2025`."""
    return format_period(None if _missing(period_end) else period_end, FREQUENCY_UNITS[frequency])


def source_text(row, markdown: bool = False) -> str:
    """The named source of a KPI's values, or the datasets its query computes them from; with `markdown`, the
    named source (data) is escaped for Markdown."""
    from smartisland.db import query_datasets

    if isinstance(row.get("source"), str) and row["source"]:
        source = data_text(row["source"])
        return markdown_text(source) if markdown else source
    # Regions only name places; the datasets worth citing are the facts a figure is computed from.
    names = ", ".join(t(f"dataset.{name}") for name in query_datasets(row["method"]) if name != "regions")
    return t("kpi_source.computed", datasets=names)
