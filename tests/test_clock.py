"""The one clock: a fixed day from SMARTISLAND_TODAY, month ends for "as of" reports, and no other wall clock."""
import ast
import re
from datetime import date, datetime

import pytest
from support import ROOT

from smartisland import clock

pytestmark = pytest.mark.calendar  # the day is what these tests are about


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


# Reached through a longer name (datetime.datetime.now, pd.Timestamp.today) or a library's word for the moment
# (pd.Timestamp("now"), np.datetime64("today")).
NOW_METHODS = {"now", "today", "utcnow"}
NOW_WORDS = {"now", "today"}


def _wall_clock_calls(path):
    yield from _wall_clock_reads(path.read_text(encoding="utf-8"), path.relative_to(ROOT))


def _wall_clock_reads(source, where):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and (node.value.id, node.attr) in WALL_CLOCK_CALLS:
            yield f"{where}:{node.lineno}: {node.value.id}.{node.attr}"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in NOW_METHODS \
                and not (isinstance(node.func.value, ast.Name) and node.func.value.id in ("clock", "date", "datetime")):
            yield f"{where}:{node.lineno}: {ast.unparse(node.func)}"
        elif isinstance(node, ast.Call) and any(isinstance(argument, ast.Constant) and argument.value in NOW_WORDS
                                                for argument in node.args[:1]) \
                and ast.unparse(node.func).split(".")[-1] in ("Timestamp", "to_datetime", "datetime64"):
            yield f"{where}:{node.lineno}: {ast.unparse(node)}"


def test_the_wall_clock_scan_finds_every_way_of_reading_it():
    probe = ("import datetime, time\nimport numpy as np\nimport pandas as pd\n"
             "a = datetime.datetime.now()\nb = pd.Timestamp.today()\nc = pd.Timestamp('now')\n"
             "d = np.datetime64('today')\ne = time.time()\nf = clock.today()\ng = lookups.today\n")
    found = sorted(line.split(": ", 1)[1] for line in _wall_clock_reads(probe, "probe.py"))
    assert found == sorted(["datetime.datetime.now", "pd.Timestamp.today", "pd.Timestamp('now')", "np.datetime64('today')",
                            "time.time"])


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


# What makes a test depend on the day: the clock or its setting, a wall-clock read or a file's time, a day chosen
# by the test (`today=`/`as_of=` other than the suite's own FIXTURE_TODAY, an `as_of` choice) or a function that
# judges dates (statuses, staleness, forecasts, month ends). Such tests are marked `calendar`: only they run again
# under faketime (`make test-calendar`), the static scans above standing for everything else.
DATE_JUDGES = {"assess", "forecast", "is_stale", "build_scorecard", "single_value_status", "past_month_ends",
               "is_quarter_end", "month_end", "utime"}


def _reads_the_day(function: ast.AST, judging: bool = True) -> bool:
    """Whether `function` reads the day; `judging=False` leaves out calls of DATE_JUDGES (a fixture that builds a
    scorecard on the suite's day to test something else)."""
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and node.id == "clock":
            return True
        if isinstance(node, ast.Constant) and node.value in ("SMARTISLAND_TODAY", "as_of"):
            return True
        if isinstance(node, ast.Attribute) and (isinstance(node.value, ast.Name)
                                                and (node.value.id, node.attr) in WALL_CLOCK_CALLS
                                                or judging and node.attr in DATE_JUDGES):
            return True
        if judging and isinstance(node, ast.Name) and node.id in DATE_JUDGES:
            return True
        if isinstance(node, ast.keyword) and node.arg in ("today", "as_of") \
                and not (isinstance(node.value, ast.Name) and node.value.id == "FIXTURE_TODAY"):
            return True
        if isinstance(node, ast.Compare) and any(isinstance(part, ast.Name) and part.id == "FIXTURE_TODAY"
                                                 for part in (node.left, *node.comparators)):
            return True  # the app's own day, checked
    return False


def _marks(decorators) -> set[str]:
    names = set()
    for decorator in decorators:
        for node in ast.walk(decorator):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and node.value.attr == "mark":
                names.add(node.attr)
    return names


def unmarked_date_dependent_tests(source: str) -> list[str]:
    """The tests of a test module that read the day (themselves or through a fixture of the module) unmarked."""
    tree = ast.parse(source)
    module_marks = _marks(node.value for node in tree.body if isinstance(node, ast.Assign)
                          and any(isinstance(target, ast.Name) and target.id == "pytestmark" for target in node.targets))
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    dated_fixtures = {node.name for node in functions if _reads_the_day(node, judging=False)
                      and any("fixture" in ast.unparse(decorator) for decorator in node.decorator_list)}
    return [node.name for node in functions
            if node.name.startswith("test_") and "calendar" not in module_marks | _marks(node.decorator_list)
            and (_reads_the_day(node) or {argument.arg for argument in node.args.args} & dated_fixtures)]


def date_dependent_tests_without_the_mark():
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        for name in unmarked_date_dependent_tests(path.read_text(encoding="utf-8")):
            yield f"{path.relative_to(ROOT / 'tests')}::{name}"


def test_every_test_that_depends_on_the_day_is_marked_calendar():
    assert list(date_dependent_tests_without_the_mark()) == []


def test_the_scan_finds_a_test_reading_the_day_without_the_mark():
    probe = """
import pytest
from datetime import date

@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setenv("SMARTISLAND_TODAY", "2030-01-01")

def test_clock_read():
    assert clock.today()

def test_through_a_fixture(fresh):
    pass

def test_a_day_of_its_own():
    assert assessment(today=date(2030, 1, 1))

def test_the_suites_day():
    assert load_files(today=FIXTURE_TODAY)

@pytest.mark.calendar
def test_marked():
    assert clock.today()
"""
    assert unmarked_date_dependent_tests(probe) == ["test_clock_read", "test_through_a_fixture", "test_a_day_of_its_own"]
    assert unmarked_date_dependent_tests("import pytest\npytestmark = pytest.mark.calendar\n" + probe) == []


def test_the_calendar_run_takes_the_marked_tests_and_this_file():
    assert "calendar:" in (ROOT / "pytest.ini").read_text(encoding="utf-8")
    assert pytestmark.name == "calendar"
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ntest-calendar:")[1].split("\n\n")[0]
    assert '-m "calendar and not browser"' in recipe
