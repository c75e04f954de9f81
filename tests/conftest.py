"""Fixtures and hooks only (helpers are in the `support` package): tiny warehouses, the sample warehouse, a live
server and a real browser."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from support import FIXTURE_DATA, FIXTURE_TODAY, ROOT
from support.bad_inputs import CorpusLoads, build_corpus_db
from support.browser import CHROMIUM, CHROMIUM_FLAGS, blank_kept_tab, start_server
from support.provinces import serving
from support.shared import close_shared_folder, open_shared_folder, shared_file, shared_server

from smartisland import config, report_context, warehouse
from smartisland.contract import DATASETS_BY_NAME
from smartisland.load import LoadResult, build_warehouse

# The whole suite runs on one fixed day through the one clock (smartisland/clock.py), servers and AppTest runs
# included, so no test depends on the calendar; CI runs it again under faketime two years ahead to prove it.
os.environ["SMARTISLAND_TODAY"] = FIXTURE_TODAY.isoformat()
# Citizens' reports go to a store of the test session's own, never to data/ of the checkout (a test that looks at
# the store sets its own path).
os.environ["SMARTISLAND_REPORTS_DB"] = str(Path(tempfile.mkdtemp(prefix="citizen-reports-")) / "reports.duckdb")


@pytest.fixture(scope="session")
def fixture_template(tmp_path_factory) -> Path:
    """The warehouse the loader builds from tests/fixtures/data, built once a session; tests get copies."""
    path = tmp_path_factory.mktemp("fixture_template") / "fixture.duckdb"
    result = build_warehouse(FIXTURE_DATA, path, today=FIXTURE_TODAY)
    assert result.ok, [problem.message("en") for problem in result.problems]
    return path


@pytest.fixture
def fixture_db(fixture_template, tmp_path) -> Path:
    """A warehouse built by the loader from tests/fixtures/data: a copy of the session's, the test's to change."""
    path = tmp_path / "fixture.duckdb"
    shutil.copy(fixture_template, path)
    return path


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory) -> tuple[Path, tuple[str, str]]:
    """A warehouse with the contract's tables and views and no rows, made once a session (it takes a second), and
    the contract and views it was made from."""
    path = tmp_path_factory.mktemp("empty_template") / "empty.duckdb"
    with duckdb.connect(str(path)) as connection:
        warehouse.create_schema(connection)
    return path, (warehouse.contract_fingerprint(), warehouse.views_fingerprint())


@pytest.fixture
def make_warehouse(tmp_path, empty_template):
    """A factory: a read-only connection to a warehouse holding exactly the given rows per table."""
    connections = []

    def make(tables: dict[str, list[dict]]) -> duckdb.DuckDBPyConnection:
        path = tmp_path / f"tiny-{len(connections)}.duckdb"
        template, made_from = empty_template
        if made_from == (warehouse.contract_fingerprint(), warehouse.views_fingerprint()):
            shutil.copy(template, path)
        else:  # a test changed the contract or the views: the schema as it now is
            with duckdb.connect(str(path)) as connection:
                warehouse.create_schema(connection)
        with duckdb.connect(str(path)) as connection:
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
def province_builds(tmp_path_factory):
    """A function: (warehouse, load result) of a province built by the loader from its own folder, once a session
    for every test that builds it."""
    built = {}

    def build(code: str) -> tuple[Path, LoadResult]:
        if code not in built:
            path = tmp_path_factory.mktemp(f"province-{code}") / "warehouse.duckdb"
            with serving(code):
                built[code] = path, build_warehouse(config.province_dir(code), path)
        return built[code]

    return build


@pytest.fixture(scope="session")
def sample_db() -> Path:
    """The warehouse built from the committed folder of the default province (reference and sample), in a temporary
    place: built once for all the session's workers (support/shared.py), and read only."""

    def build(path: Path) -> None:
        result = build_warehouse(config.province_dir(config.DEFAULT_PROVINCE), path)
        assert result.ok, [problem.message("en") for problem in result.problems[:20]]

    return shared_file("sample.duckdb", build)


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
def built_regions():
    """A function: the folder scripts/build_regions.py writes a province's regions.csv and land_cells.csv to, run
    once a session for each province, for all the session's workers (two test files check the default province's
    rebuild)."""

    def build(code: str) -> Path:
        def run(folder: Path) -> None:
            folder.mkdir()
            subprocess.run([sys.executable, str(ROOT / "scripts" / "build_regions.py"), "--province", code,
                            "--out-dir", str(folder)], check=True, cwd=ROOT)

        return shared_file(f"regions-{code}", run)

    return build


@pytest.fixture(scope="session")
def app_url(sample_db):
    """An internal server on the sample warehouse, one for all the session's workers, shared by every browser test
    that only reads it (its caches warm for the next test)."""
    return shared_server("internal", lambda: start_server(sample_db, log=sample_db.parent / "server-internal.log"))


@pytest.fixture(scope="session")
def public_app_url(sample_db):
    """A public-mode server on the sample warehouse, shared as `app_url` is."""
    return shared_server("public", lambda: start_server(sample_db, "public", log=sample_db.parent / "server-public.log"))


def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # the controller, or a run without workers
        open_shared_folder()


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput"):
        close_shared_folder()


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (CI does: .ci/run)")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """The warehouse the corpus of bad files is checked against (tests/support/bad_inputs.py); never changed."""
    return build_corpus_db(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def corpus_loads(corpus_db, tmp_path_factory) -> CorpusLoads:
    """The corpus's cases, each loaded once a session in one staging engine (support.bad_inputs.CorpusLoads)."""
    loads = CorpusLoads(corpus_db, tmp_path_factory.mktemp("corpus_loads"))
    yield loads
    loads.close()


@pytest.fixture(autouse=True)
def kept_tab_left_blank():
    """The worker's kept browser tab (support.browser.kept_tab) goes blank after each test that used it."""
    yield
    blank_kept_tab()


@pytest.fixture(autouse=True)
def no_report_context_left_over():
    """Every test starts with no report context set: one that speaks English for the rest of its run (set_language,
    as a command line's --lang does) would otherwise speak it into whichever test its worker runs next."""
    with report_context.using(None):
        yield


# Files whose tests each stand alone on the session's fixtures, and which are long: under `--dist loadgroup` their
# tests go one by one to whichever worker is free. Every other file is one unit of work, as `--dist loadfile` would
# make it, so that its module fixtures (servers, exports, warehouses) are made once.
SHARED_OUT_FILES = ("test_app_accessibility.py", "test_readers_site.py", "test_public_words.py", "test_site_links.py",
                    "test_public_first_request.py", "test_intake_limits.py")


# Files whose tests read the same loads of the bad-input corpus (the corpus_loads fixture, once a worker): one unit
# of work, so that the corpus goes through the loader once, not once in each file's worker.
CORPUS_FILES = ("test_bad_inputs.py", "test_load_checks.py")


def pytest_itemcollected(item):
    """Each file one group for `--dist loadgroup`, but the files shared out and the corpus's files together."""
    if item.path.name in CORPUS_FILES:
        item.add_marker(pytest.mark.xdist_group("bad-input corpus"))
    elif item.path.name not in SHARED_OUT_FILES:
        item.add_marker(pytest.mark.xdist_group(item.path.name))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests first, in their files' order: they are the long ones, and a long unit of work handed out last
    keeps one worker busy while the others have nothing left to do."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)
