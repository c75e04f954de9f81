"""Loads that cannot collide: real processes loading at once, killed loads, undo after a rebuild."""
import hashlib
import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest
from support import FIXTURE_DATA, FIXTURE_TODAY, ROOT

from smartisland import warehouse
from smartisland.load import build_warehouse, load_files

USAGE_HEADER = "point_id,month,unique_users,sessions,traffic_gb,uptime_pct\n"


def start_load(db_path, dataset, path):
    return subprocess.Popen([sys.executable, "-m", "smartisland.load", "--lang", "en", "--db", str(db_path),
                             "--dataset", dataset, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(process) -> tuple[int, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out + err


def scalar(db_path, sql):
    with duckdb.connect(str(db_path), read_only=True) as connection:
        return connection.execute(sql).fetchone()[0]


@pytest.mark.parametrize("trial", range(3))
def test_the_same_new_key_loaded_twice_at_once_lands_once(fixture_db, tmp_path, trial):
    files = []
    for name in ("a.csv", "b.csv"):
        files.append(tmp_path / name)
        files[-1].write_text(USAGE_HEADER + "wf-3,2026-11-01,7,7,1.0,99\n")
    outcomes = [finish(process) for process in [start_load(fixture_db, "wifi_usage_monthly", path) for path in files]]
    assert sorted(code for code, _ in outcomes) == [0, 2]
    refused = next(output for code, output in outcomes if code == 2)
    assert "month: key (wf-3, 2026-11-01) is already in the warehouse" in refused and "Traceback" not in refused
    assert scalar(fixture_db, "select count(*) from wifi_usage_monthly "
                              "where point_id = 'wf-3' and month = date '2026-11-01'") == 1


@pytest.mark.parametrize("trial", range(3))
def test_a_replace_and_an_append_at_once_never_leave_a_dangling_reference(fixture_db, tmp_path, trial):
    points = (FIXTURE_DATA / "sample" / "wifi_points.csv").read_text().splitlines()
    without_wf4 = tmp_path / "points.csv"  # wf-4 has no usage yet, so removing it alone is allowed
    without_wf4.write_text("\n".join(line for line in points if not line.startswith("wf-4,")) + "\n")
    usage = tmp_path / "usage.csv"
    usage.write_text(USAGE_HEADER + "wf-4,2021-11-01,7,7,1.0,99\n")
    outcomes = [finish(process) for process in [start_load(fixture_db, "wifi_points", without_wf4),
                                                start_load(fixture_db, "wifi_usage_monthly", usage)]]
    # whichever is applied first, the other is checked against it and refused
    assert sorted(code for code, _ in outcomes) == [0, 2]
    assert scalar(fixture_db, "select count(*) from wifi_usage_monthly where point_id not in "
                              "(select point_id from wifi_points)") == 0


def test_the_engine_refuses_a_second_row_with_a_key(fixture_db):
    with duckdb.connect(str(fixture_db)) as connection:
        with pytest.raises(duckdb.ConstraintException):
            connection.execute("insert into wifi_usage_monthly select * from wifi_usage_monthly limit 1")


def test_a_killed_load_leaves_nothing_behind_after_the_next_load(fixture_db, tmp_path):
    before = hashlib.sha256(fixture_db.read_bytes()).hexdigest()
    # A load killed while it holds its working copy: simulated by a process that takes the lock, makes the
    # copy and its WAL, and is killed.
    script = ("import sys, time; from pathlib import Path; from smartisland import warehouse\n"
              "with warehouse.change(Path(sys.argv[1])) as connection:\n"
              "    connection.execute('create table half_done as select 1'); print('ready', flush=True); time.sleep(60)\n")
    process = subprocess.Popen([sys.executable, "-c", script, str(fixture_db)], cwd=ROOT, stdout=subprocess.PIPE,
                               text=True)
    assert process.stdout.readline().strip() == "ready"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert list(tmp_path.glob("fixture.duckdb.tmp-*")) != []
    assert hashlib.sha256(fixture_db.read_bytes()).hexdigest() == before
    usage = tmp_path / "u.csv"
    usage.write_text(USAGE_HEADER + "wf-3,2026-11-01,7,7,1.0,99\n")
    assert load_files("wifi_usage_monthly", [usage], fixture_db, today=FIXTURE_TODAY).ok
    assert list(tmp_path.glob("fixture.duckdb.tmp-*")) == []


def test_undo_after_a_rebuild_restores_the_state_before_the_rebuild(fixture_db, tmp_path):
    usage = tmp_path / "u.csv"
    usage.write_text(USAGE_HEADER + "wf-3,2026-11-01,7,7,1.0,99\n")
    assert load_files("wifi_usage_monthly", [usage], fixture_db, today=FIXTURE_TODAY).ok
    loaded = hashlib.sha256(fixture_db.read_bytes()).hexdigest()
    time.sleep(0.01)  # backups are named by the time they were made
    assert build_warehouse(FIXTURE_DATA, fixture_db, today=FIXTURE_TODAY).ok
    assert scalar(fixture_db, "select count(*) from load_log where action = 'load'") == 0
    assert warehouse.undo_last(fixture_db) is not None
    assert hashlib.sha256(fixture_db.read_bytes()).hexdigest() == loaded
