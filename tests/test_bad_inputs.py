"""A corpus of bad files: each is refused with its exact problem, no traceback, and the warehouse unchanged.

Every case is a file that the loader at 8daefa5 got wrong: it raised a traceback, accepted the file, or named
the wrong problem. The files are generated here from one valid row per dataset (checked to load on its own),
changed in one cell or one way, and written as CSV, XLSX and Parquet where the format can hold the change.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import FIXTURE_TODAY, ROOT
from support.bad_inputs import (
    CASES,
    USAGE_HEADER,
    Case,
    digest,
    write_case,
)

from smartisland.load import load_files


@pytest.fixture
def warehouse_copy(corpus_db, tmp_path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(corpus_db, path)
    return path


def test_the_corpus_is_large_and_wide():
    assert len(CASES) >= 90
    assert len({case.dataset for case in CASES}) >= 6
    assert {"csv", "xlsx", "parquet"} <= {case.kind for case in CASES}
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("kind", ["csv", "xlsx", "parquet", "semicolon"])
@pytest.mark.parametrize("dataset", sorted({case.dataset for case in CASES if case.kind != "raw"}))
def test_the_unchanged_row_loads(dataset, kind, warehouse_copy, tmp_path):
    """Each bad file differs from a good one in one thing only: the good one loads."""
    case = Case(f"{dataset}-valid-{kind}", dataset, kind,
                replace_row=0 if dataset == "kpis" else None)
    result = load_files(dataset, [write_case(case, tmp_path)], warehouse_copy, today=FIXTURE_TODAY)
    assert result.ok, [problem.message("en") for problem in result.problems]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_bad_file_is_refused_with_its_exact_problem_and_changes_nothing(case, corpus_loads):
    loaded = corpus_loads.load(case)  # through the whole loader, once a session (test_load_checks.py checks it too)
    path, result = loaded.path, loaded.result
    assert loaded.after == loaded.before
    assert not result.ok
    assert [(problem.code, problem.column, problem.row) for problem in result.problems] == [
        (case.code, case.column, case.expected_row())]
    assert result.total_problems == 1
    for language in ("en", "id"):
        message = result.problems[0].message(language)
        assert "\n" not in message and message.startswith(path.name)


CLI_CASES = ["wifi_usage_monthly-sessions-2e63-csv", "wifi_usage_monthly-traffic-inf-xlsx",
             "wifi_sessions-offset-parquet", "wifi_points-east-java-csv", "wifi_points-decommissioned-before-installed-xlsx",
             "kpis-method-typo-csv", "kpi_values-computed-kpi-parquet", "wifi_usage_monthly-point-decimal-semicolon",
             "signal_surveys-surveyed-1850-csv", "wifi_points-nul-name-csv", "usage-duplicate-header",
             "usage-trailing-comma-rows", "usage-folder-named-csv", "sessions-tz-aware-parquet"]


@pytest.mark.parametrize("name", CLI_CASES)
def test_the_command_line_prints_one_line_per_problem_and_exits_2(name, warehouse_copy, tmp_path):
    case = next(case for case in CASES if case.name == name)
    path = write_case(case, tmp_path)
    before = digest(warehouse_copy)
    done = subprocess.run([sys.executable, "-m", "smartisland.load", "--dataset", case.dataset, str(path),
                           "--db", str(warehouse_copy), "--lang", "en"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    where = str(path) if case.expected_row() is None else f"{path}:{case.expected_row()}"
    column = f" {case.column}:" if case.column else ""
    assert lines[0].startswith(f"{where}:{column} "), lines
    assert lines[1:] == ["Nothing was loaded; problems found: 1. The warehouse is unchanged."]
    assert digest(warehouse_copy) == before


def test_the_count_of_problems_is_exact_past_the_ten_thousand_kept(warehouse_copy, tmp_path):
    rows = "".join(f"wf-1,2026-08-01,1,-{number},1,1\n" for number in range(1, 40_000))
    path = tmp_path / "usage.csv"
    path.write_text(f"{USAGE_HEADER}\n{rows}")
    result = load_files("wifi_usage_monthly", [path], warehouse_copy, today=FIXTURE_TODAY)
    # 39,999 negative counts and 39,998 repeats of the first row's key
    assert result.total_problems == 39_999 + 39_998
    assert len(result.problems) == 10_000
