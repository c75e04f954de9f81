"""A warehouse knows its province (issue 22): the code is stored at build, and the app, the loader and the export
refuse a warehouse of another province with one line; an unknown or malformed province setting gets one line
naming the provinces there are, never a traceback. On 904de23, with the province set to 52 and the warehouse
pointing at province 51's, the loader said "up to date" and the public site showed province 51's data; a bad
setting (99, 5a, a path, 5,000 characters) ended in a traceback."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys

import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from support import FIXTURE_TODAY, ROOT
from support.apptest import run_page

from smartisland.load import load_files
from smartisland.province import available, load

BAD_SETTINGS = ["99", "5a", "../../etc/passwd", "/tmp", "5" * 5000, " 5 1", "５１"]


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stored_province(path) -> str | None:
    with duckdb.connect(str(path), read_only=True) as connection:
        row = connection.execute("select value from warehouse_info where name = 'province'").fetchone()
    return row[0] if row else None


def known_provinces() -> list[str]:
    return [f"{code} ({load(code).short_name})" for code in available()]


def run_module(module: str, *arguments, **settings) -> subprocess.CompletedProcess:
    environment = {**os.environ, **settings}
    return subprocess.run([sys.executable, "-m", module, *map(str, arguments)], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=180)


def test_the_build_stores_the_province_of_its_folder(sample_db, corpus_db):
    assert stored_province(sample_db) == "51"  # built from provinces/51
    assert stored_province(corpus_db) == "51"  # a test folder: the province served


def test_the_loader_refuses_a_warehouse_of_another_province(corpus_db, tmp_path, monkeypatch):
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(corpus_db, warehouse)
    path = tmp_path / "usage.csv"
    path.write_text("point_id,month,unique_users,sessions,traffic_gb,uptime_pct\nwf-1,2026-08-01,1,1,1,1\n")
    monkeypatch.setenv("SMARTISLAND_PROVINCE", "52")
    before = digest(warehouse)
    result = load_files("wifi_usage_monthly", [path], warehouse, today=FIXTURE_TODAY)
    assert digest(warehouse) == before
    assert [(problem.code, problem.params) for problem in result.problems] == [
        ("other_province", (("stored", "51"), ("served", "52")))]
    assert result.problems[0].message("en") == (
        f"{warehouse}: this warehouse holds province 51's data, not that of province 52, the one served; point to "
        f"province 52's warehouse or build it")


def test_the_command_line_refuses_another_province_s_warehouse_in_one_line(sample_db, tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_db, warehouse)
    before = digest(warehouse)
    done = run_module("smartisland.load", "--if-stale", "--db", warehouse, "--lang", "en",
                      SMARTISLAND_PROVINCE="52")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"{warehouse}: this warehouse holds province 51's data, not that of province 52, the one served; point to "
        f"province 52's warehouse or build it"]
    assert digest(warehouse) == before


def test_the_export_refuses_another_province_s_warehouse_in_one_line(sample_db, tmp_path):
    done = run_module("smartisland.publishing.export", tmp_path / "site", "--db", sample_db,
                      SMARTISLAND_PROVINCE="52")
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    assert "holds province 51's data, not that of province 52" in done.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("mode", ["public", "internal"])
def test_the_app_refuses_another_province_s_warehouse(sample_db, monkeypatch, mode):
    monkeypatch.setenv("SMARTISLAND_PROVINCE", "52")
    monkeypatch.setenv("SMARTISLAND_DB", str(sample_db))
    monkeypatch.setenv("SMARTISLAND_MODE", mode)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["lang"] = "en"
    app.run()
    assert not app.exception, [item.value for item in app.exception]
    assert [item.value for item in app.error] == [
        "This site's data belongs to another province (code 51), not the one served; it is not shown."]
    assert not app.metric and not app.dataframe


@pytest.mark.parametrize("setting", BAD_SETTINGS, ids=["99", "5a", "path", "absolute", "5000", "spaces", "wide"])
def test_a_bad_province_setting_gets_one_line_naming_the_provinces(setting, tmp_path):
    for module, arguments in (("smartisland.load", ("--if-stale", "--db", tmp_path / "w.duckdb")),
                              ("smartisland.publishing.export", (tmp_path / "site",))):
        done = run_module(module, *arguments, SMARTISLAND_PROVINCE=setting)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and len(lines[0]) < 400, lines
        assert lines[0].startswith("Provinsi tidak dikenal: '")
        assert " / Unknown province: '" in lines[0]
        assert lines[0].endswith("the provinces available: " + ", ".join(known_provinces()))
    assert not (tmp_path / "w.duckdb").exists() and not (tmp_path / "site").exists()


@pytest.mark.parametrize("setting", ["99", "../../etc/passwd", "5" * 5000])
def test_the_app_with_a_bad_province_setting_says_so_in_one_line(setting, fixture_db, monkeypatch):
    monkeypatch.setenv("SMARTISLAND_PROVINCE", setting)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    monkeypatch.setenv("SMARTISLAND_DB", str(fixture_db))
    app.run()
    assert not app.exception, [item.value for item in app.exception]
    assert len(app.error) == 1
    assert app.error[0].value.endswith("the provinces available: " + ", ".join(known_provinces()))


def test_the_province_s_own_warehouse_still_serves(sample_db, monkeypatch):
    app = run_page(monkeypatch, sample_db, "app_pages/connectivity.py", language="en")
    assert not app.error
