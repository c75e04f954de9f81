"""A load, an undo or an upload is seen at once by the running app, and old files are let go."""
import os
import shutil
import subprocess
import sys

import pytest
from support import FIXTURE_TODAY, ROOT
from support.apptest import run_page
from support.browser import open_page, start_server

from smartisland import db, warehouse
from smartisland.load import load_files
from smartisland.ui.queries import run_query

USAGE = "point_id,month,unique_users,sessions,traffic_gb,uptime_pct\nwf-1,2026-11-01,5,9,1.5,99\n"


def usage_rows(path) -> int:
    with db.reading(path) as connection:
        return connection.execute("select count(*) from wifi_usage_monthly").fetchone()[0]


def deleted_files_held(folder) -> list[str]:
    """Files in `folder` this process still holds open although a rename replaced them (another test's warehouse,
    replaced while cached for its next reader, is that test's business)."""
    held = []
    for descriptor in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{descriptor}")
        except OSError:
            continue
        if target.endswith("(deleted)") and ".duckdb" in target and target.startswith(str(folder)):
            held.append(target)
    return held


def test_a_load_while_a_connection_is_open_is_read_next_time(fixture_db, tmp_path):
    before = usage_rows(fixture_db)
    with db.reading(fixture_db) as open_connection:  # a page still reading the old file
        (tmp_path / "u.csv").write_text(USAGE)
        assert load_files("wifi_usage_monthly", [tmp_path / "u.csv"], fixture_db, today=FIXTURE_TODAY).ok
        assert usage_rows(fixture_db) == before + 1
        # the query in flight keeps reading the file it started on
        assert open_connection.execute("select count(*) from wifi_usage_monthly").fetchone()[0] == before
    assert deleted_files_held(fixture_db.parent) == []  # the old file is closed once its last reader is done
    assert warehouse.undo_last(fixture_db) is not None
    assert usage_rows(fixture_db) == before
    db.close_all()


def test_the_cached_query_follows_a_swapped_file(fixture_db, tmp_path, monkeypatch):
    monkeypatch.setenv("SMARTISLAND_DB", str(fixture_db))
    counts = lambda: dict(zip(*run_query("dataset_status")[["dataset", "row_count"]].values.T))  # noqa: E731
    before = counts()["wifi_usage_monthly"]
    (tmp_path / "u.csv").write_text(USAGE)
    assert load_files("wifi_usage_monthly", [tmp_path / "u.csv"], fixture_db, today=FIXTURE_TODAY).ok
    assert counts()["wifi_usage_monthly"] == before + 1
    warehouse.undo_last(fixture_db)
    assert counts()["wifi_usage_monthly"] == before
    db.close_all()


def test_the_data_page_shows_a_load_on_its_next_run(monkeypatch, fixture_db, tmp_path):
    app = run_page(monkeypatch, fixture_db, "app_pages/data.py", "en")
    rows = lambda: dict(zip(app.dataframe[0].value.iloc[:, 0], app.dataframe[0].value.iloc[:, 1]))  # noqa: E731
    before = int(rows()["Monthly Wi-Fi use"])
    (tmp_path / "u.csv").write_text(USAGE)
    assert load_files("wifi_usage_monthly", [tmp_path / "u.csv"], fixture_db, today=FIXTURE_TODAY).ok
    app.switch_page("app_pages/data.py").run()
    assert int(rows()["Monthly Wi-Fi use"]) == before + 1


@pytest.mark.browser
def test_a_command_line_load_reaches_a_running_server(browser, sample_db, tmp_path):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy2(sample_db, path)
    process, url = start_server(path)
    try:
        page = open_page(browser, f"{url}/data?lang=en")
        assert "Sample data (illustrative)" in page.locator('[data-testid="stSidebar"]').inner_text()
        # Real files replace the sample: the badge must change on the next page run, with no restart.
        points = ROOT / "provinces" / "51" / "sample" / "wifi_points.csv"
        result = subprocess.run([sys.executable, "-m", "smartisland.load", "--db", str(path), "--lang", "en",
                                 "--dataset", "wifi_points", str(points)], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        page.reload()
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60000)
        page.wait_for_timeout(1000)
        assert "Mixed data: partly sample" in page.locator('[data-testid="stSidebar"]').inner_text()
        held = subprocess.run(["ls", "-l", f"/proc/{process.pid}/fd"], capture_output=True, text=True).stdout
        assert "(deleted)" not in held
    finally:
        process.terminate()
        process.wait(timeout=60)  # a busy machine may take a while to stop it
