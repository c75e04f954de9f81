"""Every string in both languages; numbers and dates formatted for the language."""
import ast
import string
from datetime import date, datetime
from pathlib import Path

import pytest

from smartisland.i18n import (
    catalog,
    format_currency,
    format_date,
    format_datetime,
    format_number,
    format_percent,
    format_signed,
    t,
)
from smartisland.report_context import ReportContext, using

ROOT = Path(__file__).resolve().parent.parent


def test_every_key_has_indonesian_and_english_with_the_same_placeholders():
    for key, entry in catalog().items():
        assert entry.get("id") and entry.get("en"), f"{key} needs both id and en"
        fields = [{name for _, name, _, _ in string.Formatter().parse(entry[lang]) if name} for lang in ("id", "en")]
        assert fields[0] == fields[1], f"{key}: placeholders differ between languages"


def _literal_keys():
    for path in [*ROOT.glob("smartisland/**/*.py"), *ROOT.glob("app_pages/*.py"), ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args \
                    and isinstance(node.args[0], ast.Constant):
                yield path.relative_to(ROOT), node.args[0].value


def test_every_key_used_in_the_code_exists():
    missing = [f"{path}: {key}" for path, key in _literal_keys() if key not in catalog()]
    assert missing == []


def test_a_missing_key_is_an_error_not_a_silent_fallback():
    with pytest.raises(KeyError):
        t("no.such.key")


@pytest.mark.parametrize("function, args, indonesian, english", [
    (format_number, (1834,), "1.834", "1,834"),
    (format_number, (3.68, 2), "3,68", "3.68"),
    (format_number, (4375263,), "4.375.263", "4,375,263"),
    (format_percent, (87.5,), "87,5%", "87.5%"),
    (format_currency, (12500,), "Rp12.500", "Rp12,500"),
    (format_signed, (-3.5, 1), "−3,5", "−3.5"),
    (format_signed, (473,), "+473", "+473"),
    (format_date, (date(2026, 10, 31),), "31 Oktober 2026", "31 October 2026"),
    (format_date, (date(2024, 5, 1), "month"), "Mei 2024", "May 2024"),
    (format_datetime, (datetime(2026, 8, 17, 9, 5),), "17 Agustus 2026 09:05", "17 August 2026 09:05"),
    (format_number, (None,), "tidak ada data", "no data"),
    (format_percent, (float("nan"),), "tidak ada data", "no data"),
])
def test_formatting_follows_the_language(function, args, indonesian, english):
    with using(ReportContext(language="id")):
        assert function(*args) == indonesian
    with using(ReportContext(language="en")):
        assert function(*args) == english
