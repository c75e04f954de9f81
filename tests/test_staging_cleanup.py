"""Cleanup as the README says (issue 22): a load or rebuild killed at any point leaves its `.staging-*` folder (where
DuckDB spills a large file), and the next load or build removes it; a running load's folder, whose lock it holds,
is never removed. On 904de23 the next load left such folders in place (4 of 16 trials)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import FIXTURE_DATA, FIXTURE_TODAY, ROOT

from smartisland.load import STAGING_LOCK, build_warehouse, load_files, remove_stale_staging, staging_folder

USAGE_HEADER = "point_id,month,unique_users,sessions,traffic_gb,uptime_pct\n"


def staging_folders(db_path) -> list:
    return sorted(db_path.parent.glob(f".{db_path.name}.staging-*"))


def big_usage(path, rows: int = 5_000_000):
    """Rows enough for a load that runs well past the latest kill (about 4 s after its staging folder appears on a
    quiet 2-core machine; each with a repeated key, so it is refused at the end)."""
    path.write_text(USAGE_HEADER + "wf-1,2026-08-01,1,1,1.0,99\n" * rows)
    return path


def living_in_session(session: int) -> list[int]:
    """The processes of a session with a thread still running: a killed process's leader turns zombie while its
    other threads still exit, and its files (the staging lock) are closed only when the last one has."""
    living = []
    for folder in Path("/proc").glob("[0-9]*"):
        try:
            states = [stat.read_text().rsplit(")", 1)[1].split() for stat in folder.glob("task/*/stat")]
        except OSError:
            continue  # ended while being read
        if states and int(states[0][3]) == session and any(fields[0] not in "ZX" for fields in states):
            living.append(int(folder.name))
    return living


def killed_at(command: list[str], db_path, delay: float) -> None:
    """Start `command`, wait until its staging folder exists, let it run `delay` seconds more, kill it as `kill -9
    PID` would (the command alone), and wait for what it started to die with it."""
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while not staging_folders(db_path) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.01)
    time.sleep(delay)
    assert process.poll() is None, "the load ended before it was killed: the trial would test nothing"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while living_in_session(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert living_in_session(process.pid) == [], "the load's child process outlived the killed command"


@pytest.mark.parametrize("delay", [0.0, 0.3, 1.0, 2.0])
def test_a_killed_load_s_staging_folder_is_removed_by_the_next_load(fixture_db, tmp_path, delay):
    usage = big_usage(tmp_path / "besar.csv")
    killed_at([sys.executable, "-m", "smartisland.load", "--db", str(fixture_db), "--dataset", "wifi_usage_monthly",
               str(usage)], fixture_db, delay)
    assert len(staging_folders(fixture_db)) == 1  # what the killed load left
    small = tmp_path / "kecil.csv"
    small.write_text(USAGE_HEADER + "wf-3,2026-11-01,7,7,1.0,99\n")
    assert load_files("wifi_usage_monthly", [small], fixture_db, today=FIXTURE_TODAY).ok
    assert staging_folders(fixture_db) == []


@pytest.mark.parametrize("delay", [0.0, 0.5, 1.5])
def test_a_killed_rebuild_s_staging_folder_is_removed_by_the_next_build(tmp_path, delay):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    big_usage(data / "sample" / "wifi_usage_monthly.csv")  # a rebuild that runs a few seconds
    db_path = tmp_path / "warehouse.duckdb"
    killed_at([sys.executable, "-m", "smartisland.load", "--data-dir", str(data), "--db", str(db_path), "--force"],
              db_path, delay)
    assert len(staging_folders(db_path)) == 1
    assert build_warehouse(FIXTURE_DATA, db_path, today=FIXTURE_TODAY).ok
    assert staging_folders(db_path) == []


@pytest.mark.calendar
def test_a_running_load_s_folder_is_never_removed(fixture_db, tmp_path):
    with staging_folder(fixture_db) as running:
        assert (running / STAGING_LOCK).exists()
        # A folder a load killed just after making it (no lock file yet), a minute and more ago, and one just made.
        old = fixture_db.parent / f".{fixture_db.name}.staging-old"
        old.mkdir()
        made = running.stat().st_mtime  # the file system's time, as the loader judges it
        os.utime(old, (made - 120, made - 120))
        new = fixture_db.parent / f".{fixture_db.name}.staging-new"
        new.mkdir()
        assert remove_stale_staging(fixture_db) == [old]
        assert running.exists() and new.exists()
    assert not running.exists()
