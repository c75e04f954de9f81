"""Shared fixtures: tiny warehouses, the sample warehouse, AppTest runs and a real browser on a live server."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from smartisland import warehouse
from smartisland.contract import DATASETS_BY_NAME
from smartisland.load import build_warehouse

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
FIXTURE_TODAY = date(2026, 11, 28)
# The whole suite runs on one fixed day through the one clock (smartisland/clock.py), servers and AppTest runs
# included, so no test depends on the calendar; CI runs it again under faketime two years ahead to prove it.
os.environ["SMARTISLAND_TODAY"] = FIXTURE_TODAY.isoformat()
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture
def fixture_db(tmp_path) -> Path:
    """A warehouse built by the loader from tests/fixtures/data."""
    path = tmp_path / "fixture.duckdb"
    result = build_warehouse(FIXTURE_DATA, path, today=FIXTURE_TODAY)
    assert result.ok, [problem.message("en") for problem in result.problems]
    return path


@pytest.fixture
def make_warehouse(tmp_path):
    """A factory: a read-only connection to a warehouse holding exactly the given rows per table."""
    connections = []

    def make(tables: dict[str, list[dict]]) -> duckdb.DuckDBPyConnection:
        path = tmp_path / f"tiny-{len(connections)}.duckdb"
        with duckdb.connect(str(path)) as connection:
            warehouse.create_schema(connection)
            for name, rows in tables.items():
                if name == "load_log":
                    frame = pd.DataFrame(rows)
                    connection.register("incoming", frame)
                    connection.execute("insert into load_log by name select * from incoming")
                    connection.unregister("incoming")
                    continue
                dataset = DATASETS_BY_NAME[name]
                frame = pd.DataFrame(rows, columns=list(dataset.column_names))
                warehouse.write_dataset(connection, dataset, frame, replace=True)
            warehouse.refresh_summaries(connection)
        connection = duckdb.connect(str(path), read_only=True)
        connections.append(connection)
        return connection

    yield make
    for connection in connections:
        connection.close()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """The warehouse built from the committed data/ folder (reference and sample), in a temporary place."""
    path = tmp_path_factory.mktemp("sample") / "warehouse.duckdb"
    result = build_warehouse(ROOT / "data", path)
    assert result.ok, [problem.message("en") for problem in result.problems[:20]]
    return path


@pytest.fixture(scope="session")
def reference_only_db(tmp_path_factory) -> Path:
    """A warehouse with the reference data and no facts yet: a province that has just started loading."""
    import shutil

    folder = tmp_path_factory.mktemp("reference_only") / "data"
    shutil.copytree(ROOT / "data" / "reference", folder / "reference")
    (folder / "sample").mkdir()
    path = folder.parent / "warehouse.duckdb"
    result = build_warehouse(folder, path)
    assert result.ok, [problem.message("en") for problem in result.problems[:20]]
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db_path: Path, mode: str = "internal"):
    port = _free_port()
    environment = {**os.environ, "SMARTISLAND_DB": str(db_path), "SMARTISLAND_MODE": mode}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("the Streamlit server did not start: " + process.stderr.read().decode()[-2000:])


@pytest.fixture(scope="session")
def app_url(sample_db):
    process, url = start_server(sample_db)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (CI does: .ci/run)")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def open_page(browser, url: str, block_external: bool = True):
    """Open `url` and wait until Streamlit has finished the script; outside requests are refused."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    if block_external:
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                   or route.request.url.startswith("data:") or route.request.url.startswith("blob:")
                   else route.abort())
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60000)
    page.wait_for_timeout(1000)
    return page


def page_exceptions(page) -> list[str]:
    """Exceptions shown on the page, and Streamlit's "page not found" dialog, which is an error too."""
    shown = page.locator('[data-testid="stException"]').all_inner_texts()
    if page.get_by_text("Page not found").count():
        shown.append("Page not found dialog")
    return shown
