"""Fixtures and hooks only (helpers are in the `support` package): tiny warehouses, the sample warehouse, a live
server and a real browser."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from support import FIXTURE_DATA, FIXTURE_TODAY, ROOT
from support.bad_inputs import build_corpus_db
from support.browser import CHROMIUM, CHROMIUM_FLAGS, start_server

from smartisland import warehouse
from smartisland.contract import DATASETS_BY_NAME
from smartisland.load import build_warehouse

# The whole suite runs on one fixed day through the one clock (smartisland/clock.py), servers and AppTest runs
# included, so no test depends on the calendar; CI runs it again under faketime two years ahead to prove it.
os.environ["SMARTISLAND_TODAY"] = FIXTURE_TODAY.isoformat()
# Citizens' reports go to a store of the test session's own, never to data/ of the checkout (a test that looks at
# the store sets its own path).
os.environ["SMARTISLAND_REPORTS_DB"] = str(Path(tempfile.mkdtemp(prefix="citizen-reports-")) / "reports.duckdb")


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
    """The warehouse built from the committed provinces/51/ folder (reference and sample), in a temporary place."""
    path = tmp_path_factory.mktemp("sample") / "warehouse.duckdb"
    result = build_warehouse(ROOT / "provinces" / "51", path)
    assert result.ok, [problem.message("en") for problem in result.problems[:20]]
    return path


@pytest.fixture(scope="session")
def reference_only_db(tmp_path_factory) -> Path:
    """A warehouse with the reference data and no facts yet: a province that has just started loading."""
    folder = tmp_path_factory.mktemp("reference_only") / "data"
    shutil.copytree(ROOT / "provinces" / "51" / "reference", folder / "reference")
    (folder / "sample").mkdir()
    path = folder.parent / "warehouse.duckdb"
    result = build_warehouse(folder, path)
    assert result.ok, [problem.message("en") for problem in result.problems[:20]]
    return path


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


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    """The warehouse the corpus of bad files is checked against (tests/support/bad_inputs.py)."""
    return build_corpus_db(tmp_path_factory.mktemp("corpus"))
