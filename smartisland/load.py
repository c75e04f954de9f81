"""Validate data files against the contract and load them into the warehouse, all or nothing.

The command line (`python -m smartisland.load ...`) is smartisland/load_command.py.
"""
from __future__ import annotations

import dataclasses
import fcntl
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from smartisland import clock, warehouse
from smartisland.config import NATIONAL_DIR, PROJECT_ROOT, PROVINCES_DIR, load_memory_mb, province_code
from smartisland.contract import DATASETS, DATASETS_BY_NAME, DUCKDB_TYPES, Dataset
from smartisland.intake import shapes
from smartisland.intake.boundaries import GEOJSON_DATASETS, GEOJSON_SUFFIXES
from smartisland.load_checks import CheckTables, Stage
from smartisland.validate import READABLE_SUFFIXES, FileRefused, Lookups, Problem, check_column_names
from smartisland.warehouse import quote_identifier

MAX_PRINTED_PROBLEMS = 50


@dataclass
class LoadResult:
    problems: list[Problem] = field(default_factory=list)
    total_problems: int = 0
    loaded: list[warehouse.LoadRecord] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # not problems: which sheet of a workbook was read

    @property
    def ok(self) -> bool:
        return self.total_problems == 0

    def refuse(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems += problems
        self.total_problems += len(problems) if total is None else total


@dataclass
class _Checked:
    dataset: Dataset
    table: str  # the stage's table of the typed rows of every file (file_row and the dataset's columns)
    records: list[warehouse.LoadRecord]


def _validate_files(stage: Stage, dataset: Dataset, files: list[tuple[Path, str]], lookups: Lookups,
                    tables: CheckTables, origin: str, result: LoadResult) -> _Checked | None:
    accepted = stage.new_name(f"accepted_{dataset.name}")
    columns_sql = ", ".join(f"{quote_identifier(column.name)} {DUCKDB_TYPES[column.type]}" for column in dataset.columns)
    stage.connection.execute(f"create table {quote_identifier(accepted)} (file_row bigint, {columns_sql})")
    records = []
    for path, display_name in files:
        if dataset.name in GEOJSON_DATASETS and Path(path).suffix.lower() not in GEOJSON_SUFFIXES:
            result.refuse([Problem(display_name, None, None, "boundary_geojson_only")])
            continue
        try:
            # A workbook's sheet named as the dataset (as the templates name it) is read before any other.
            staged = stage.stage_file(path, display_name, (dataset.name[:31],))
        except FileRefused as refused:
            result.refuse(refused.problems, refused.total)
            continue
        try:
            column_problems = check_column_names(staged.header, dataset, display_name)
            if column_problems:
                result.refuse(column_problems)
                continue
            # Keys of earlier files of the same load count as loaded already.
            file_tables = dataclasses.replace(tables, existing=(*tables.existing, accepted))
            try:
                outcome = stage.check(staged, dataset, lookups, file_tables)
            except duckdb.OutOfMemoryException:  # the engine's own words ask the user to change its settings
                result.refuse([Problem(display_name, None, None, "load_memory_limit",
                                       params=(("limit", str(load_memory_mb())),))])
                continue
            except Exception as error:  # a check that breaks on some input still answers with one line
                result.refuse([Problem(display_name, None, None, "unreadable",
                                       params=(("detail", f"{type(error).__name__}: {error}"[:200]),))])
                continue
        finally:
            stage.drop(staged.table)
        if not outcome.total and dataset.name in GEOJSON_DATASETS and tables.regions:
            misplaced = _misplaced_boundaries(stage, outcome.typed, tables.regions, display_name)
            if misplaced:
                outcome = dataclasses.replace(outcome, problems=misplaced, total=len(misplaced))
        if outcome.total:
            result.refuse(outcome.problems, outcome.total)
            if outcome.typed:
                stage.drop(outcome.typed)
            continue
        names = ", ".join(quote_identifier(name) for name in ("file_row", *dataset.column_names))
        stage.connection.execute(f"insert into {quote_identifier(accepted)} ({names}) "
                                 f"select {names} from {quote_identifier(outcome.typed)}")
        stage.drop(outcome.typed)
        records.append(warehouse.LoadRecord(dataset.name, display_name, warehouse.file_hash(path), outcome.rows,
                                            origin))
    result.notes += stage.notes
    stage.notes = []
    if not records or not result.ok:
        return None
    return _Checked(dataset, accepted, records)


def _misplaced_boundaries(stage: Stage, typed: str, regions: str, display_name: str) -> list[Problem]:
    """Boundaries that miss most of their region's own villages or reach far beyond them (shapes.py)."""
    rows = stage.connection.execute(f"select file_row, region_code, geometry from {quote_identifier(typed)} "
                                    f"order by file_row").fetchall()
    villages = stage.connection.execute(f"select region_code, lat, lon from {quote_identifier(regions)} "
                                        "where level = $level and lat is not null and lon is not null",
                                        {"level": "village"}).fetchall()
    return shapes.placement_problems(display_name, rows, villages)


def _roll_up_sessions(stage: Stage, sessions: str) -> str:
    """Raw Wi-Fi sessions become monthly rows, in SQL; unique users and uptime are not in raw sessions."""
    rolled = stage.new_name("rolled_up")
    stage.connection.execute(f"create table {quote_identifier(rolled)} as select * from sessions_by_month($sessions)",
                             {"sessions": sessions})
    return rolled


def _copy_keys(stage: Stage, connection: duckdb.DuckDBPyConnection, dataset: Dataset, columns: tuple[str, ...]) -> str:
    """A stage table of the given key columns of a warehouse table."""
    table = stage.new_name(f"keys_{dataset.name}")
    names = ", ".join(quote_identifier(name) for name in columns)
    stage.copy_in(table, connection, f"select {names} from {quote_identifier(dataset.name)}")
    return table


def _lookups_from_warehouse(stage: Stage, connection: duckdb.DuckDBPyConnection, dataset: Dataset,
                            today: date) -> tuple[Lookups, CheckTables]:
    regions = connection.execute("select region_code, level from regions").fetchall()
    stage.copy_in("lookup_regions", connection, "select region_code, level, lat, lon from regions")
    references = {reference.dataset: _copy_keys(stage, connection, DATASETS_BY_NAME[reference.dataset],
                                                reference.target_columns) for reference in dataset.references}
    existing = (_copy_keys(stage, connection, dataset, dataset.key),) if dataset.load_mode == "append" else ()
    kpi_methods = dict(connection.execute("select kpi_id, method from kpis").fetchall())
    return Lookups(dict(regions), {}, None, today, kpi_methods), CheckTables("lookup_regions", existing, references)


def _still_referenced(stage: Stage, connection: duckdb.DuckDBPyConnection,
                      checked: _Checked) -> tuple[list[Problem], int]:
    """Replacing a dataset must not strand rows of another dataset that point at it: the first problems of
    each reference, and how many keys would be stranded in all."""
    problems, total = [], 0
    for other in DATASETS:
        for reference in other.references:
            if reference.dataset != checked.dataset.name:
                continue
            used = _copy_keys(stage, connection, other, reference.columns)
            columns = tuple(other.column(column) for column in reference.columns)
            used_keys = stage.key_view((used,), reference.columns, columns, with_file_row=False)
            replacement = stage.key_view((checked.table,), reference.target_columns, columns, with_file_row=False)
            parameters = {"used": used_keys, "replacement": replacement}
            total += stage.count("stranded_keys($used, $replacement)", parameters)
            rows = stage.connection.execute("select key_parts from stranded_keys($used, $replacement) "
                                            "order by key_parts limit $limit",
                                            {**parameters, "limit": MAX_PRINTED_PROBLEMS}).fetchall()
            for (key,) in rows:
                problems.append(Problem(checked.records[0].file_name, None, reference.target_columns[-1],
                                        "still_referenced", ", ".join(key),
                                        (("dataset", other.name), ("column", reference.columns[-1]))))
            stage.drop_view(used_keys)
            stage.drop_view(replacement)
            stage.drop(used)
    return problems, total


def _checked_against_warehouse(stage: Stage, dataset: Dataset, files: list[Path], names: list[str], db_path: Path,
                               today: date, result: LoadResult) -> tuple[Dataset, str | None, _Checked | None]:
    """The stage table of rows to write and the dataset they go to, checked against the warehouse as it is now;
    problems go into `result`."""
    with duckdb.connect(str(db_path), read_only=True) as connection:
        if warehouse.stored_fingerprint(connection) != warehouse.contract_fingerprint():
            result.refuse([Problem(str(db_path), None, None, "schema_changed")])
            return dataset, None, None
        stored = warehouse.other_province(connection)
        if stored is not None:
            result.refuse([other_province_problem(db_path, stored)])
            return dataset, None, None
        lookups, tables = _lookups_from_warehouse(stage, connection, dataset, today)
        checked = _validate_files(stage, dataset, list(zip(files, names)), lookups, tables, "file", result)
        if checked is None:
            return dataset, None, None
        if dataset.load_mode == "replace":
            stranded, total = _still_referenced(stage, connection, checked)
            if stranded:
                result.refuse(stranded, total)
                return dataset, None, None
        if dataset.name != "wifi_sessions":
            return dataset, checked.table, checked
        target = DATASETS_BY_NAME["wifi_usage_monthly"]
        rolled = _roll_up_sessions(stage, checked.table)
        existing = _copy_keys(stage, connection, target, target.key)
    columns = tuple(target.column(name) for name in target.key)
    parameters = {"keyed": stage.key_view((rolled,), target.key, columns, with_file_row=False),
                  "loaded": stage.key_view((existing,), target.key, columns, with_file_row=False)}
    count = stage.count("keys_already_loaded($keyed, $loaded)", parameters)
    if count:
        keys = stage.connection.execute("select key_parts from keys_already_loaded($keyed, $loaded) "
                                        "order by key_parts limit $limit",
                                        {**parameters, "limit": MAX_PRINTED_PROBLEMS}).fetchall()
        result.refuse([Problem(names[0], None, "started_at", "key_already_loaded", None,
                               (("key", ", ".join(key)),)) for (key,) in keys], count)
    return target, rolled, checked


def other_province_problem(db_path: Path, stored: str) -> Problem:
    return Problem(str(db_path), None, None, "other_province", params=(("stored", stored), ("served", province_code())))


def warehouse_of_other_province(db_path: Path) -> str | None:
    """The province a warehouse file was built for, when it is not the one served."""
    if not db_path.exists():
        return None
    with duckdb.connect(str(db_path), read_only=True) as connection:
        try:
            return warehouse.other_province(connection)
        except duckdb.CatalogException:
            return None  # not a warehouse of this dashboard at all: the build replaces it, a load says so


def build_province(data_dir: Path) -> str:
    """The province a data folder is: provinces/<code>, else the one served (a test's or a bench's folder)."""
    resolved = data_dir.resolve()
    return resolved.name if resolved.parent == PROVINCES_DIR.resolve() else province_code()


STAGING_LOCK = ".in-use"  # the file a running load or build holds locked inside its staging folder
# A staging folder without its lock file is one whose load was killed between making it and locking it (a few
# microseconds), or one being made right now: it is stale once older than this.
UNLOCKED_STAGING_SECONDS = 60


@contextmanager
def staging_folder(db_path: Path) -> Iterator[Path]:
    """Where the engine spills what does not fit its memory limit: next to the warehouse, one folder a load,
    removed when the load ends. The load holds a lock in it while it runs; a folder whose lock nobody holds is a
    killed load's, and is removed first (also by the next build)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(db_path)
    folder = Path(tempfile.mkdtemp(prefix=f".{db_path.name}.staging-", dir=db_path.parent))
    try:
        with open(folder / STAGING_LOCK, "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove_stale_staging(db_path: Path) -> list[Path]:
    """Remove the staging folders of loads and builds that were killed: those whose lock no process holds (a
    running load's lock is held, so its folder stays); the folders removed."""
    removed = []
    # The file system's own now (a file made this instant), not the clock: a folder's age is told by file times,
    # which stay real whatever day the dashboard reports on.
    with tempfile.NamedTemporaryFile(dir=db_path.parent, prefix=f".{db_path.name}.now-") as probe:
        now = Path(probe.name).stat().st_mtime
    for folder in db_path.parent.glob(f".{db_path.name}.staging-*"):
        lock = folder / STAGING_LOCK
        try:
            if not lock.exists():
                if now - folder.stat().st_mtime > UNLOCKED_STAGING_SECONDS:
                    shutil.rmtree(folder, ignore_errors=True)
                    removed.append(folder)
                continue
            with open(lock) as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # a running load's
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        except FileNotFoundError:
            continue  # removed meanwhile by its own load, or another sweep
    return removed


def _write_from_stage(connection: duckdb.DuckDBPyConnection, stage: Stage, dataset: Dataset, table: str,
                      replace: bool, merge: bool = False) -> None:
    names = ", ".join(quote_identifier(name) for name in dataset.column_names)
    warehouse.write_rows(connection, dataset, stage.stream(f"select {names} from {quote_identifier(table)}"), replace,
                         merge)


def load_files(dataset_name: str, files: list[Path], db_path: Path, today: date | None = None,
               loaded_by: str | None = None, display_names: list[str] | None = None) -> LoadResult:
    """Validate `files` as one dataset and add them to an existing warehouse; nothing changes on any problem."""
    result = LoadResult()
    today = today or clock.today()
    names = display_names or [str(path) for path in files]
    dataset = DATASETS_BY_NAME.get(dataset_name)
    if dataset is None:
        result.refuse([Problem(dataset_name, None, None, "unknown_dataset",
                               params=(("known", ", ".join(DATASETS_BY_NAME)),))])
        return result
    if not db_path.exists():
        result.refuse([Problem(str(db_path), None, None, "missing_warehouse")])
        return result
    # Checked against the warehouse and written under one lock: a load started meanwhile waits, then is
    # checked against this one's result (a key loaded twice at once lands once).
    with staging_folder(db_path) as folder, warehouse.exclusive(db_path), Stage(folder) as stage:
        target, table, checked = _checked_against_warehouse(stage, dataset, files, names, db_path, today, result)
        if not result.ok:
            return result
        try:
            with warehouse.change(db_path) as connection:
                _write_from_stage(connection, stage, target, table, replace=target.load_mode == "replace",
                                  merge=target.load_mode == "merge")
                warehouse.record_loads(connection, checked.records, "load", loaded_by)
        except duckdb.ConstraintException as error:  # the engine's own key check, should the loader's miss one
            result.refuse([Problem(names[0], None, ", ".join(target.key), "key_already_loaded", None,
                                   (("key", str(error).split('"')[1] if '"' in str(error) else ""),))])
            return result
    result.loaded = checked.records
    return result


def _find_file(folder: Path, dataset_name: str) -> Path | None:
    for suffix in (*READABLE_SUFFIXES, *GEOJSON_SUFFIXES):
        candidate = folder / f"{dataset_name}{suffix}"
        if candidate.exists():
            return candidate
    return None


def fact_folder(data_dir: Path) -> tuple[Path, str]:
    """Real facts in `facts/` win over the committed sample in `sample/`."""
    facts = data_dir / "facts"
    if facts.is_dir() and any(facts.iterdir()):
        return facts, "file"
    return data_dir / "sample", "sample"


def source_files(data_dir: Path, national_dir: Path = NATIONAL_DIR) -> dict[str, tuple[Path, str]]:
    """The file each dataset is built from, with its origin; a reference the province folder lacks comes from
    the national folder (the SPBE framework is the same for every province)."""
    facts, fact_origin = fact_folder(data_dir)
    found = {}
    for dataset in DATASETS:
        folder, origin = (data_dir / "reference", "reference") if dataset.kind == "reference" else (facts, fact_origin)
        path = _find_file(folder, dataset.name)
        if path is None and dataset.kind == "reference":
            path = _find_file(national_dir, dataset.name)
        if path is not None:
            found[dataset.name] = (path, origin)
    return found


def _display_path(path: Path, data_dir: Path) -> str:
    """The file as the team finds it: from the project's root (provinces/<code>/sample/...), else from above the
    data folder."""
    for root in (PROJECT_ROOT, data_dir.parent):
        if path.is_relative_to(root):
            return str(path.relative_to(root))
    return str(path)


def build_warehouse(data_dir: Path, db_path: Path, today: date | None = None) -> LoadResult:
    """Build a new warehouse from a data folder; the old one stays until the new one is complete."""
    result = LoadResult()
    today = today or clock.today()
    sources = source_files(data_dir)
    if "regions" not in sources:
        result.refuse([Problem(str(data_dir / "reference" / "regions.csv"), None, None, "file_not_found")])
        return result
    with staging_folder(db_path) as folder:
        with Stage(folder) as stage:
            checked_all: list[_Checked] = []
            lookups = Lookups(today=today)
            tables = CheckTables()
            for dataset in DATASETS:
                if dataset.name not in sources:
                    continue
                path, origin = sources[dataset.name]
                display = _display_path(path, data_dir)
                checked = _validate_files(stage, dataset, [(path, display)], lookups, tables, origin, result)
                if checked is None:
                    continue
                checked_all.append(checked)
                table = quote_identifier(checked.table)
                if dataset.name == "regions":
                    lookups.region_levels = dict(stage.connection.execute(
                        f"select region_code, level from {table}").fetchall())
                    tables.regions = checked.table
                if dataset.name == "kpis":
                    lookups.kpi_methods = dict(stage.connection.execute(f"select kpi_id, method from {table}").fetchall())
                if any(reference.dataset == dataset.name for other in DATASETS for reference in other.references):
                    tables.references[dataset.name] = checked.table
            if not result.ok:
                return result
            with warehouse.change(db_path, fresh=True) as connection:
                warehouse.stamp_province(connection, build_province(data_dir))
                for checked in checked_all:
                    _write_from_stage(connection, stage, checked.dataset, checked.table, replace=True)
                    result.loaded += checked.records
                warehouse.record_loads(connection, result.loaded, "build")
    return result


def needs_build(data_dir: Path, db_path: Path) -> str:
    """`build`, `fresh`, `refresh_views` (data current, shared views changed) or `keep` (stale, but holding
    loads that a rebuild would lose)."""
    if not db_path.exists():
        return "build"
    newest_source = max((path.stat().st_mtime for path, _ in source_files(data_dir).values()), default=0)
    contract_file = Path(__file__).with_name("contract.py")
    newest_source = max(newest_source, contract_file.stat().st_mtime)
    with duckdb.connect(str(db_path), read_only=True) as connection:
        same_contract = warehouse.stored_fingerprint(connection) == warehouse.contract_fingerprint()
        same_views = warehouse.stored_fingerprint(connection, "views") == warehouse.views_fingerprint()
        manual_loads = connection.execute("select count(*) from load_log where action = 'load'").fetchone()[0]
    if same_contract and db_path.stat().st_mtime >= newest_source:
        return "fresh" if same_views else "refresh_views"
    return "keep" if manual_loads else "build"


if __name__ == "__main__":  # the command line has its own module, which builds on this one and on intake
    from smartisland.load_command import main

    sys.exit(main())
