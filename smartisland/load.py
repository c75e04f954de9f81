"""Validate data files against the contract and load them into the warehouse, all or nothing.

    python -m smartisland.load [--data-dir DIR] [--db PATH] [--if-stale] [--force]
    python -m smartisland.load --dataset NAME [--mapping PROFILE] FILE [FILE ...] [--db PATH]
    python -m smartisland.load --undo-last [--db PATH]
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from smartisland import clock, warehouse
from smartisland.boundaries import GEOJSON_DATASETS, GEOJSON_SUFFIXES
from smartisland.config import NATIONAL_DIR, PROJECT_ROOT, province_dir, warehouse_path
from smartisland.contract import DATASETS, DATASETS_BY_NAME, DUCKDB_TYPES, Dataset
from smartisland.i18n import LANGUAGES, format_datetime, set_language, t
from smartisland.staging import CheckTables, Stage
from smartisland.validate import READABLE_SUFFIXES, FileRefused, Lookups, Problem, check_column_names
from smartisland.warehouse import quote_identifier

MAX_PRINTED_PROBLEMS = 50


@dataclass
class LoadResult:
    problems: list[Problem] = field(default_factory=list)
    total_problems: int = 0
    loaded: list[warehouse.LoadRecord] = field(default_factory=list)

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
            staged = stage.stage_file(path, display_name)
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
            except Exception as error:  # a check that breaks on some input still answers with one line
                result.refuse([Problem(display_name, None, None, "unreadable",
                                       params=(("detail", f"{type(error).__name__}: {error}"[:200]),))])
                continue
        finally:
            stage.drop(staged.table)
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
    if not records or not result.ok:
        return None
    return _Checked(dataset, accepted, records)


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
    stage.copy_in("lookup_regions", connection, "select region_code, level from regions")
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


def staging_folder(db_path: Path) -> Path:
    """Where the engine spills what does not fit its memory limit: next to the warehouse, one folder a load."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{db_path.name}.staging-", dir=db_path.parent))


def _write_from_stage(connection: duckdb.DuckDBPyConnection, stage: Stage, dataset: Dataset, table: str,
                      replace: bool) -> None:
    names = ", ".join(quote_identifier(name) for name in dataset.column_names)
    warehouse.write_rows(connection, dataset, stage.stream(f"select {names} from {quote_identifier(table)}"), replace)


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
    folder = staging_folder(db_path)
    try:
        with warehouse.exclusive(db_path), Stage(folder) as stage:
            target, table, checked = _checked_against_warehouse(stage, dataset, files, names, db_path, today, result)
            if not result.ok:
                return result
            try:
                with warehouse.change(db_path) as connection:
                    _write_from_stage(connection, stage, target, table, replace=target.load_mode == "replace")
                    warehouse.record_loads(connection, checked.records, "load", loaded_by)
            except duckdb.ConstraintException as error:  # the engine's own key check, should the loader's miss one
                result.refuse([Problem(names[0], None, ", ".join(target.key), "key_already_loaded", None,
                                       (("key", str(error).split('"')[1] if '"' in str(error) else ""),))])
                return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)
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
    folder = staging_folder(db_path)
    try:
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
                for checked in checked_all:
                    _write_from_stage(connection, stage, checked.dataset, checked.table, replace=True)
                    result.loaded += checked.records
                warehouse.record_loads(connection, result.loaded, "build")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
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


def _print_result(result: LoadResult, language: str) -> int:
    if not result.ok:
        for problem in result.problems[:MAX_PRINTED_PROBLEMS]:
            print(problem.message(language), file=sys.stderr)
        rest = result.total_problems - min(len(result.problems), MAX_PRINTED_PROBLEMS)
        if rest > 0:
            print(t("load.more_problems", language, count=rest), file=sys.stderr)
        print(t("load.refused", language, count=result.total_problems), file=sys.stderr)
        return 2
    for record in result.loaded:
        print(t("load.loaded", language, dataset=record.dataset, rows=f"{record.rows}", file=record.file_name))
    return 0


def _refresh_site(db_path: Path) -> int:
    """After a successful load, the static site (when SMARTISLAND_SITE_DIR is set); the load succeeded either way."""
    from smartisland.publishing.site_refresh import refresh_site_after_load

    refresh_site_after_load(db_path, announce=print)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m smartisland.load", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the province's data folder (default: provinces/$SMARTISLAND_PROVINCE)")
    parser.add_argument("--db", type=Path, default=None,
                        help="warehouse file (default: $SMARTISLAND_DB or data/warehouse-<province>.duckdb)")
    parser.add_argument("--dataset", help="load FILEs as this dataset into the existing warehouse")
    parser.add_argument("--mapping", metavar="NAME", help="with --dataset: map the files' own headers and region "
                        "names by the saved profile data/mappings/NAME.json")
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--if-stale", action="store_true", help="build only when missing or older than its sources")
    parser.add_argument("--force", action="store_true", help="rebuild even if the warehouse holds loaded files")
    parser.add_argument("--undo-last", action="store_true", help="put the warehouse back as it was before the last load")
    parser.add_argument("--lang", choices=LANGUAGES, default=os.environ.get("SMARTISLAND_LANG", "id"))
    args = parser.parse_args(argv)
    language = set_language(args.lang)
    db_path = args.db or warehouse_path()
    args.data_dir = args.data_dir or province_dir()
    if args.undo_last:
        restored = warehouse.undo_last(db_path)
        print(t("load.undone", language, when=format_datetime(restored)) if restored else t("load.nothing_to_undo", language))
        return 0 if restored else 1
    if args.dataset:
        if not args.files:
            parser.error("--dataset needs at least one FILE")
        from smartisland.intake.loading import load_with_intake  # intake builds on this module

        intake = load_with_intake(args.dataset, args.files, db_path, args.mapping)
        code = _print_result(intake.result, language)
        for line in intake.notes(language, args.dataset):
            print(line, file=sys.stderr if code else sys.stdout)
        return code or _refresh_site(db_path)
    if args.files or args.mapping:
        parser.error("FILEs are loaded with --dataset NAME")
    if args.if_stale and not args.force:
        state = needs_build(args.data_dir, db_path)
        if state == "refresh_views":
            with warehouse.change(db_path):
                pass  # opening a change replaces the shared views; the data stays as it is
        if state in ("fresh", "refresh_views"):
            print(t("load.up_to_date", language, path=db_path))
            return 0
        if state == "keep":
            print(t("load.keep_loaded", language), file=sys.stderr)
            return 0
    code = _print_result(build_warehouse(args.data_dir, db_path), language)
    if code == 0:
        print(t("load.built", language, path=db_path))
    return code or _refresh_site(db_path)


if __name__ == "__main__":
    sys.exit(main())
