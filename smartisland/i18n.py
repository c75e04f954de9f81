"""Translation and number/date formatting: Indonesian first, English second.

Strings live in `smartisland/locales/*.toml`, one file per area, each key a table `{ id = "...", en = "..." }`.
"""
from __future__ import annotations

import math
import tomllib
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from smartisland import province, report_context
from smartisland.report_context import DEFAULT_LANGUAGE, LANGUAGES

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
# Texts that arrive with the data (smartisland/text.py: data_text); a province may add its own.
DATA_TEXT_PREFIX = "data_text."

MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
SHORT_MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
# Plotly's `separators`: decimal mark first, then the thousands mark.
PLOTLY_SEPARATORS = {"id": ",.", "en": ".,"}



def set_language(language: str) -> str:
    """Speak `language` for the rest of this run (a command line's `--lang`): the current context in it."""
    return report_context.activate(report_context.current().with_language(language)).language


def current_language() -> str:
    """The language of the report being made: read from its context, the only place that holds it."""
    return report_context.current().language


def _flatten(table: dict, prefix: str, into: dict[str, dict[str, str]], file_name: str) -> None:
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict) and set(value) <= set(LANGUAGES) and all(isinstance(v, str) for v in value.values()):
            if key in into:
                raise ValueError(f"{file_name}: translation key {key!r} is defined twice")
            into[key] = value
        elif isinstance(value, dict):
            _flatten(value, f"{key}.", into, file_name)
        else:
            raise ValueError(f"{file_name}: {key!r} must be a table with `id` and `en`")


def catalog() -> dict[str, dict[str, str]]:
    """Every translation key of the current province: the shared locale files, the province's own texts."""
    return province_catalog(province.province_code())


@cache
def province_catalog(code: str) -> dict[str, dict[str, str]]:
    """The shared texts with the province's names filled in (`{province}`, `{programme}`, ...), then its own
    texts.toml on top: a key there replaces the shared one (a source or agency only that province has); only its
    `data_text.` keys may be new, being texts that arrive with that province's own data."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            _flatten(tomllib.load(handle), "", merged, path.name)
    served = province.load(code)
    if served.texts_file.is_file():
        own: dict[str, dict[str, str]] = {}
        with served.texts_file.open("rb") as handle:
            _flatten(tomllib.load(handle), "", own, str(served.texts_file))
        unknown = sorted(key for key in set(own) - set(merged) if not key.startswith(DATA_TEXT_PREFIX))
        if unknown:
            raise ValueError(f"{served.texts_file}: keys not in the shared locales: {', '.join(unknown)}")
        merged.update(own)
    return {key: {language: _fill_names(text, served.placeholders(language)) for language, text in entry.items()}
            for key, entry in merged.items()}


@cache
def shared_catalog() -> dict[str, dict[str, str]]:
    """The shared texts alone, names unfilled: what can be said before a province is known (a bad setting)."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            _flatten(tomllib.load(handle), "", merged, path.name)
    return merged


def shared_text(key: str, language: str, /, **params: Any) -> str:
    """A shared text that names no province, when none can be loaded (see province_setting.setting_problem)."""
    return shared_catalog()[key][language].format(**params)


def _fill_names(text: str, names: dict[str, str]) -> str:
    for placeholder, name in names.items():
        text = text.replace(placeholder, name)
    return text


def t(key: str, /, **params: Any) -> str:
    """The text for `key` in the language of the current report, with `{name}` placeholders filled."""
    return _text(key, current_language(), params)


def translations(key: str, /, **params: Any) -> dict[str, str]:
    """The text for `key` in every language, Indonesian first: for what says everything twice (a template's
    instructions, an open-data field's descriptions)."""
    return {language: _text(key, language, params) for language in LANGUAGES}


def _text(key: str, language: str, params: dict[str, Any]) -> str:
    entry = catalog().get(key)
    if entry is None:
        raise KeyError(f"missing translation key: {key}")
    text = entry.get(language) or entry[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


def has_key(key: str) -> bool:
    return key in catalog()


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(math.isnan(value))
    except (TypeError, ValueError):
        return str(value) in ("NaT", "<NA>")


def _swap_separators(text: str, language: str) -> str:
    if language == "id":
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_number(value: Any, decimals: int = 0) -> str:
    """`1.834` and `3,68` in Indonesian; `1,834` and `3.68` in English; "no data" for a missing value."""
    if _is_missing(value):
        return t("common.no_data")
    return _swap_separators(f"{float(value):,.{decimals}f}", current_language())


def format_percent(value: Any, decimals: int = 1) -> str:
    """A value already in percent (87.5 -> `87,5%`)."""
    if _is_missing(value):
        return t("common.no_data")
    return f"{format_number(value, decimals)}%"


def format_currency(value: Any) -> str:
    if _is_missing(value):
        return t("common.no_data")
    return f"Rp{format_number(value, 0)}"


def format_signed(value: Any, decimals: int = 0) -> str:
    """A change with its sign: `+12`, `−3,5`."""
    if _is_missing(value):
        return t("common.no_data")
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{format_number(abs(value), decimals)}"


def _as_date(value: Any) -> date | None:
    if _is_missing(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    return date.fromisoformat(str(value)[:10])


def format_date(value: Any, style: str = "long") -> str:
    """`31 Oktober 2026` (long), `Okt 2026` (short month), `Oktober 2026` (month)."""
    day = _as_date(value)
    if day is None:
        return t("common.no_data")
    language = current_language()
    if style == "month":
        return f"{MONTHS[language][day.month - 1]} {day.year}"
    if style == "short_month":
        return f"{SHORT_MONTHS[language][day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[language][day.month - 1]} {day.year}"


def format_datetime(value: Any) -> str:
    if _is_missing(value):
        return t("common.no_data")
    moment = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
    if not isinstance(moment, datetime):
        moment = datetime.fromisoformat(str(moment))
    return f"{format_date(moment)} {moment:%H:%M}"


def format_period(value: Any, unit: str) -> str:
    """A period by its unit: `Oktober 2026` (month), `Triwulan IV 2026` / `Q4 2026` (quarter), `2026` (year)."""
    day = _as_date(value)
    if day is None:
        return t("common.no_data")
    if unit == "month":
        return format_date(day, "month")
    if unit == "quarter":
        quarter = t("period.quarter_names").split(",")[(day.month - 1) // 3]
        return t("period.quarter_label", quarter=quarter, year=day.year)
    return str(day.year)
