"""The one clock: a fixed day from SMARTISLAND_TODAY, month ends for "as of" reports, and no other wall clock."""
import ast
import re
from datetime import date, datetime

import pytest
from support import ROOT

from smartisland import clock


def test_the_clock_follows_smartisland_today(monkeypatch):
    monkeypatch.setenv("SMARTISLAND_TODAY", "2031-02-03")
    assert clock.today() == date(2031, 2, 3)
    assert clock.now().date() == date(2031, 2, 3)
    monkeypatch.setenv("SMARTISLAND_TODAY", "2031-02-03T08:15:00")
    assert clock.now() == datetime(2031, 2, 3, 8, 15)


def test_without_a_setting_the_clock_is_the_real_day(monkeypatch):
    monkeypatch.delenv("SMARTISLAND_TODAY")
    before = date.today()
    assert clock.today() in (before, date.today())


def test_a_bad_setting_is_named(monkeypatch):
    monkeypatch.setenv("SMARTISLAND_TODAY", "31/02/2031")
    with pytest.raises(clock.ClockSettingError, match="SMARTISLAND_TODAY='31/02/2031'"):
        clock.today()


def test_past_month_ends_run_back_from_the_month_before():
    assert clock.past_month_ends(date(2024, 3, 15), 4) == [date(2024, 2, 29), date(2024, 1, 31), date(2023, 12, 31),
                                                          date(2023, 11, 30)]
    assert clock.past_month_ends(date(2024, 3, 31), 1) == [date(2024, 2, 29)]


def test_quarter_ends_are_the_last_days_of_march_june_september_december():
    ends = [day for day in clock.past_month_ends(date(2025, 1, 1), 12) if clock.is_quarter_end(day)]
    assert ends == [date(2024, 12, 31), date(2024, 9, 30), date(2024, 6, 30), date(2024, 3, 31)]
    assert not clock.is_quarter_end(date(2024, 3, 30))


WALL_CLOCK_CALLS = {("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"),
                    ("time", "time"), ("time", "localtime"), ("time", "gmtime")}


def _wall_clock_calls(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and (node.value.id, node.attr) in WALL_CLOCK_CALLS:
            yield f"{path.relative_to(ROOT)}:{node.lineno}: {node.value.id}.{node.attr}"


def test_nothing_but_the_clock_reads_the_wall_clock():
    sources = [path for folder in ("smartisland", "app_pages", "scripts") for path in (ROOT / folder).rglob("*.py")]
    sources.append(ROOT / "app.py")
    found = [call for path in sources if path.name != "clock.py" or path.parent.name != "smartisland"
             for call in _wall_clock_calls(path)]
    assert found == []


def test_no_query_reads_the_database_clock():
    pattern = re.compile(r"\b(current_date|current_timestamp|now\s*\(|today\s*\(|get_current_timestamp)", re.I)
    found = [str(path.relative_to(ROOT)) for path in (ROOT / "queries").rglob("*.sql")
             if pattern.search(re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8")))]
    assert found == []
