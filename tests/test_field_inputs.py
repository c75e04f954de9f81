"""The corpus of files and settings as they come from the field (issue 22; tests/support/field_inputs.py): every
workbook, GeoJSON file and setting is refused, with no traceback, nothing accepted and the warehouse byte-identical,
by a message naming the file, the place and the problem in both languages."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys

import pytest
from support import FIXTURE_TODAY, ROOT
from support.field_inputs import BAD_PROVINCE_SETTINGS, CASES, GEOJSON_CASES, WORKBOOK_CASES

from smartisland.load import load_files


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def warehouse_copy(corpus_db, tmp_path):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(corpus_db, path)
    return path


def test_the_corpus_is_large_and_wide():
    assert len(CASES) + len(BAD_PROVINCE_SETTINGS) + 1 >= 40
    assert len(WORKBOOK_CASES) >= 25 and len(GEOJSON_CASES) >= 10
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_field_file_is_refused_naming_file_place_and_problem(case, warehouse_copy, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    path = case.write(folder)
    before = digest(warehouse_copy)
    result = load_files(case.dataset, [path], warehouse_copy, today=FIXTURE_TODAY, display_names=[path.name])
    assert digest(warehouse_copy) == before
    assert not result.ok and result.loaded == []
    assert [(problem.code, problem.row, problem.column) for problem in result.problems] == [
        (case.code, case.row, case.column)]
    where = path.name if case.row is None else f"{path.name}:{case.row}"
    column = f" {case.column}:" if case.column else ""
    english, indonesian = (result.problems[0].message(language) for language in ("en", "id"))
    for message in (english, indonesian):
        assert message.startswith(f"{where}:{column} ") and "\n" not in message
    assert english != indonesian


@pytest.mark.parametrize("name", ["error-#DIV/0!-F", "formula-C", "merged-key", "self-intersecting", "deep-nesting"])
def test_the_command_line_refuses_in_one_line_per_problem(name, warehouse_copy, tmp_path):
    case = next(case for case in CASES if case.name == name)
    path = case.write(tmp_path)
    before = digest(warehouse_copy)
    done = subprocess.run([sys.executable, "-m", "smartisland.load", "--dataset", case.dataset, str(path), "--db",
                           str(warehouse_copy), "--lang", "en"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[1:] == ["Nothing was loaded; problems found: 1. The warehouse is unchanged."]
    assert digest(warehouse_copy) == before


@pytest.mark.parametrize("setting", list(BAD_PROVINCE_SETTINGS.values()), ids=list(BAD_PROVINCE_SETTINGS))
def test_a_bad_province_setting_refuses_a_load_in_one_line(setting, warehouse_copy, tmp_path):
    path = tmp_path / "usage.csv"
    path.write_text("point_id,month,unique_users,sessions,traffic_gb,uptime_pct\nwf-1,2026-08-01,1,1,1,1\n")
    before = digest(warehouse_copy)
    done = subprocess.run([sys.executable, "-m", "smartisland.load", "--dataset", "wifi_usage_monthly", str(path),
                           "--db", str(warehouse_copy)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "SMARTISLAND_PROVINCE": setting})
    lines = done.stderr.splitlines()
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(lines) == 1 and "Provinsi tidak dikenal" in lines[0] and "Unknown province" in lines[0]
    assert digest(warehouse_copy) == before


def test_a_load_into_another_province_s_warehouse_is_refused(warehouse_copy, tmp_path, monkeypatch):
    path = tmp_path / "usage.csv"
    path.write_text("point_id,month,unique_users,sessions,traffic_gb,uptime_pct\nwf-1,2026-08-01,1,1,1,1\n")
    monkeypatch.setenv("SMARTISLAND_PROVINCE", "52")
    before = digest(warehouse_copy)
    result = load_files("wifi_usage_monthly", [path], warehouse_copy, today=FIXTURE_TODAY)
    assert digest(warehouse_copy) == before
    assert [problem.code for problem in result.problems] == ["other_province"]
    assert result.problems[0].message("en") != result.problems[0].message("id")
