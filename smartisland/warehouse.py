"""The DuckDB warehouse file: its schema from the contract, and changes applied all or nothing.

A change is written into a copy of the warehouse and swapped in with one rename, so a reader (the app)
never sees a half-written file and a failure leaves the original exactly as it was.
"""
from __future__ import annotations

import fcntl
import getpass
import hashlib
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from smartisland import clock
from smartisland.config import QUERIES_DIR, province_code
from smartisland.contract import DATASETS, DUCKDB_TYPES, Dataset

BACKUPS_KEPT = 5
# The engine's memory while it writes a change (keys indexed included); beyond it DuckDB spills to the folder
# `<working copy>.tmp` next to the warehouse. With the loader's staging limit, a load stays under 1 GiB.
WRITE_MEMORY_LIMIT = "256MB"
VIEWS_DIR = QUERIES_DIR / "views"
SUMMARIES_DIR = QUERIES_DIR / "summaries"


def quote_identifier(name: str) -> str:
    """An identifier from the contract, quoted for SQL text (values are always bound, never quoted)."""
    return '"' + name.replace('"', '""') + '"'


def contract_fingerprint() -> str:
    """Changes whenever a dataset's columns or types change, so an old warehouse is known to be old."""
    shape = [[dataset.name, [[column.name, column.type] for column in dataset.columns], list(dataset.key)]
             for dataset in DATASETS]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:16]


def views_fingerprint() -> str:
    """Changes whenever a shared view's SQL changes, so a warehouse built with old views gets the new ones."""
    texts = [[path.stem, path.read_text(encoding="utf-8")]
             for path in [*sorted(VIEWS_DIR.glob("*.sql")), *sorted(SUMMARIES_DIR.glob("*.sql"))]]
    return hashlib.sha256(json.dumps(texts).encode()).hexdigest()[:16]


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class LoadRecord:
    dataset: str
    file_name: str
    file_hash: str
    rows: int
    origin: str  # reference, sample, file


def _create_statements() -> Iterator[str]:
    for dataset in DATASETS:
        columns = ", ".join(f"{quote_identifier(column.name)} {DUCKDB_TYPES[column.type]}"
                            for column in dataset.columns)
        # The engine refuses a second row with a key too, whatever a loader's checks missed.
        names = ", ".join(quote_identifier(name) for name in dataset.key)
        yield f"create table if not exists {quote_identifier(dataset.name)} ({columns}, primary key ({names}))"
    yield ("create table if not exists load_log (load_id integer, dataset varchar, file_name varchar, "
           "file_hash varchar, rows bigint, origin varchar, action varchar, loaded_by varchar, loaded_at timestamp)")
    yield "create table if not exists warehouse_info (name varchar primary key, value varchar)"
    # The team's e-mail digest (reporting/digest.py): each message, whether and when it went, so a period is sent once
    # and a failed message is sent again at the next run.
    yield ("create table if not exists digest_outbox (digest_key varchar, recipient varchar, language varchar, "
           "kind varchar, period varchar, fingerprint varchar, statuses varchar, message varchar, "
           "created_at timestamp, sent_at timestamp, attempts integer, last_error varchar, "
           "primary key (digest_key, recipient))")


def create_schema(connection: duckdb.DuckDBPyConnection) -> None:
    """The contract's tables, the load log, and the shared views of queries/views/ (replaced on every change)."""
    for statement in _create_statements():
        connection.execute(statement)
    _create_views(connection, sorted(VIEWS_DIR.glob("*.sql")))


def _create_views(connection: duckdb.DuckDBPyConnection, paths: list[Path]) -> None:
    """Create each view (or table macro) after the ones it reads: DuckDB checks a view's query when it is created."""
    waiting = list(paths)
    while waiting:
        failed = []
        for path in waiting:
            try:
                connection.execute(_create_view_statement(path))
            except duckdb.CatalogException:
                failed.append(path)
        if len(failed) == len(waiting):  # no progress: a view reads something that does not exist
            connection.execute(_create_view_statement(failed[0]))
        waiting = failed
    connection.execute("insert or replace into warehouse_info values ('contract', $fingerprint)",
                       {"fingerprint": contract_fingerprint()})
    connection.execute("insert or replace into warehouse_info values ('views', $fingerprint)",
                       {"fingerprint": views_fingerprint()})


MACRO_ARGUMENTS = re.compile(r"^-- Arguments: ([a-z_]+(?:, [a-z_]+)*)$", re.MULTILINE)


def _create_view_statement(path: Path) -> str:
    """A view, or a table macro when the file's header names its arguments (`-- Arguments: day`)."""
    view_sql = path.read_text(encoding="utf-8")
    arguments = MACRO_ARGUMENTS.search(view_sql)
    if arguments:
        names = ", ".join(quote_identifier(name) for name in arguments.group(1).split(", "))
        return f"create or replace macro {quote_identifier(path.stem)}({names}) as table {view_sql}"
    return f"create or replace view {quote_identifier(path.stem)} as {view_sql}"


def stamp_province(connection: duckdb.DuckDBPyConnection, code: str) -> None:
    """Write, at build, the province whose data the warehouse holds: the app, the loader and the export then
    refuse it when serving another."""
    connection.execute("insert or replace into warehouse_info values ('province', $code)", {"code": code})


def other_province(connection: duckdb.DuckDBPyConnection) -> str | None:
    """The province the warehouse was built for, when it is not the one served (None when it is, or when the
    warehouse was built before warehouses said so)."""
    stored = stored_fingerprint(connection, "province")
    return stored if stored is not None and stored != province_code() else None


def stored_fingerprint(connection: duckdb.DuckDBPyConnection, name: str = "contract") -> str | None:
    row = connection.execute("select value from warehouse_info where name = $name", {"name": name}).fetchone()
    return row[0] if row else None


_held_locks = threading.local()


@contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """One writer at a time, across processes and threads: a load checks the warehouse and writes it under
    this lock, so two loads started together are applied one after the other, each checked against the
    other's result. Re-entrant within a thread."""
    held = getattr(_held_locks, "paths", None)
    if held is None:
        held = _held_locks.paths = set()
    key = str(path.resolve())
    if key in held:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{path}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        held.add(key)
        try:
            _remove_leftovers(path)
            yield
        finally:
            held.discard(key)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_leftovers(path: Path) -> None:
    """Working copies of a load that was killed: only the lock holder makes them, and it holds the lock now."""
    for leftover in path.parent.glob(f"{path.name}.tmp-*"):
        if leftover.is_dir():  # the engine's spill folder of a working copy
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


@contextmanager
def change(path: Path, fresh: bool = False, record_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a copy of the warehouse (or to an empty one when `fresh`), swapped in only
    if the block succeeds; the state before is kept for `undo_last`. `record_only`: a bookkeeping write that
    changes no data (the digest's record): no summary is rebuilt and no state kept, so that undoing the last load
    still goes back to before that load."""
    with exclusive(path):
        working = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        working.unlink(missing_ok=True)
        if path.exists() and not fresh:
            shutil.copy2(path, working)
        connection = duckdb.connect(str(working), config={"memory_limit": WRITE_MEMORY_LIMIT})
        try:
            # Summaries built by other SQL than today's are rebuilt whole, never patched.
            same_summaries = not fresh and path.exists() and _stored_views(connection) == views_fingerprint()
            create_schema(connection)
            if fresh and path.exists():
                _keep_records(connection, path)
            connection.execute("begin transaction")
            yield connection
            if not record_only:  # in the same transaction: a load and its summaries land together
                if same_summaries and _written(connection):
                    refresh_summaries_incrementally(connection)
                else:
                    refresh_summaries(connection)
            connection.execute("commit")
            connection.execute("checkpoint")
            connection.close()
            if path.exists() and not record_only:
                _keep_backup(path)
            os.replace(working, path)
        except BaseException:
            connection.close()
            raise
        finally:
            working.unlink(missing_ok=True)
            Path(f"{working}.wal").unlink(missing_ok=True)
            shutil.rmtree(f"{working}.tmp", ignore_errors=True)


# Records of the warehouse's use, not data from files (the digest's messages, sent or still to send): a rebuild from
# the files keeps them.
KEPT_ON_REBUILD = ("digest_outbox",)


def _keep_records(connection: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Copy KEPT_ON_REBUILD from the warehouse being replaced; one of an older shape is left behind."""
    connection.execute("attach $path as previous (read_only)", {"path": str(path)})
    try:
        for table in KEPT_ON_REBUILD:
            try:
                connection.execute(f"insert into {quote_identifier(table)} "
                                   f"select * from previous.{quote_identifier(table)}")
            except duckdb.Error:  # not in that warehouse yet, or of another shape: nothing to keep
                pass
    finally:
        connection.execute("detach previous")


def refresh_summaries(connection: duckdb.DuckDBPyConnection, datasets_changed: set[str] | None = None) -> None:
    """Rebuild the summary tables of queries/summaries/ that read any of `datasets_changed` (all when None) from
    the tables as they are now: what pages read that grows with history (points in service per month, coverage
    per quarter) is computed once here, not on every page run."""
    from smartisland.db import tables_read

    for path in sorted(SUMMARIES_DIR.glob("*.sql")):
        summary_sql = path.read_text(encoding="utf-8")
        if datasets_changed is None or datasets_changed & set(tables_read(summary_sql)):
            connection.execute(f"create or replace table {quote_identifier(path.stem)} as {summary_sql}")


def _stored_views(connection: duckdb.DuckDBPyConnection) -> str | None:
    try:
        return stored_fingerprint(connection, "views")
    except duckdb.CatalogException:  # a warehouse from before warehouse_info
        return None


# What the writes of one change did to each dataset (write_dataset, write_rows): the earliest date among the rows
# added, and whether rows were removed or replaced. A connection's own temporary table, gone with it.
DATE_TYPES = ("date", "month", "timestamp")
PERIOD_COLUMN = re.compile(r"^-- Period: ([a-z_]+)$", re.MULTILINE)


def _note_written(connection: duckdb.DuckDBPyConnection, dataset: Dataset, relation: str, removed: bool) -> None:
    """Record the rows of `relation` (a table or registered frame, the dataset's columns) as added to `dataset`."""
    connection.execute("create temporary table if not exists summary_sources_written "
                       "(dataset varchar, rows_added bigint, earliest date, rows_removed boolean)")
    columns = ", ".join(quote_identifier(column.name) for column in dataset.columns if column.type in DATE_TYPES)
    parameters = {"dataset": dataset.name, "removed": removed}
    if columns:
        connection.execute(f"insert into summary_sources_written select $dataset, count(*), min(least({columns}))::date, "
                           f"$removed from {quote_identifier(relation)}", parameters)
    else:  # no date places its rows in time: the summaries reading it are rebuilt whole
        connection.execute(f"insert into summary_sources_written select $dataset, count(*), null, true "
                           f"from {quote_identifier(relation)}", {"dataset": dataset.name})


def _written(connection: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, object, bool]]:
    """Per dataset written in this connection: rows added, their earliest date, and whether rows were removed."""
    try:
        rows = connection.execute("select dataset, sum(rows_added), min(earliest), bool_or(rows_removed) "
                                  "from summary_sources_written group by dataset").fetchall()
    except duckdb.CatalogException:
        return {}
    return {dataset: (added, earliest, removed) for dataset, added, earliest, removed in rows}


def refresh_summaries_incrementally(connection: duckdb.DuckDBPyConnection) -> None:
    """Refresh the summary tables for what this connection wrote (write_dataset, write_rows): a summary reading no
    dataset written stays as it is; one whose datasets only gained rows has its rows from the start of the year of
    the earliest date among those rows on recomputed (a summary row of a period depends only on facts dated up
    to its end, so the rows before stay exact); any other (rows removed or replaced, rows with no date, a summary
    with no `-- Period:` column) is rebuilt whole. refresh_summaries is the reference this must equal."""
    from smartisland.db import tables_read

    written = _written(connection)
    existing = {name for (name,) in connection.execute(
        "select table_name from duckdb_tables() where database_name = current_database() "
        "and schema_name = 'main'").fetchall()}
    for path in sorted(SUMMARIES_DIR.glob("*.sql")):
        summary_sql = path.read_text(encoding="utf-8")
        changes = [written[name] for name in tables_read(summary_sql) if name in written]
        if not changes:
            continue
        table = quote_identifier(path.stem)
        period = PERIOD_COLUMN.search(summary_sql)
        earliest = [change[1] for change in changes if change[0]]
        whole = (period is None or path.stem not in existing or any(change[2] for change in changes)
                 or any(change[0] and change[1] is None for change in changes))
        if whole:
            connection.execute(f"create or replace table {table} as {summary_sql}")
            continue
        if not earliest:  # nothing added, nothing removed
            continue
        bound = {"since": min(earliest)}
        connection.execute(f"delete from {table} where {quote_identifier(period.group(1))} >= "
                           "date_trunc('year', $since)", bound)
        connection.execute(f"insert into {table} select * from ({summary_sql}) "
                           f"where {quote_identifier(period.group(1))} >= date_trunc('year', $since)", bound)


def _keep_backup(path: Path) -> None:
    stamp = clock.now().strftime("%Y%m%dT%H%M%S%f")
    backup = path.with_name(f"{path.name}.before-{stamp}")
    try:
        os.link(path, backup)  # the file about to be replaced is kept as it is, without a copy
    except OSError:
        shutil.copy2(path, backup)
    for old in sorted(path.parent.glob(f"{path.name}.before-*"))[:-BACKUPS_KEPT]:
        old.unlink()


def undo_last(path: Path) -> datetime | None:
    """Put back the warehouse as it was before the last load; the time of that state, or None."""
    with exclusive(path):
        backups = sorted(path.parent.glob(f"{path.name}.before-*"))
        if not backups:
            return None
        latest = backups[-1]
        restored_at = datetime.strptime(latest.name.rsplit("before-", 1)[1], "%Y%m%dT%H%M%S%f")
        os.replace(latest, path)
        return restored_at


def write_dataset(connection: duckdb.DuckDBPyConnection, dataset: Dataset, frame: pd.DataFrame,
                  replace: bool) -> None:
    table = quote_identifier(dataset.name)
    names = ", ".join(quote_identifier(name) for name in dataset.column_names)
    if replace:
        connection.execute(f"delete from {table}")
    connection.register("incoming", frame[list(dataset.column_names)])
    try:
        connection.execute(f"insert into {table} ({names}) select {names} from incoming")
        _note_written(connection, dataset, "incoming", removed=replace)
    finally:
        connection.unregister("incoming")


def write_rows(connection: duckdb.DuckDBPyConnection, dataset: Dataset, rows, replace: bool,
               merge: bool = False) -> None:
    """write_dataset for rows streamed as Arrow batches (a RecordBatchReader) with the dataset's columns; with
    `merge`, the rows already stored under an incoming key give way to the incoming ones and the others stay."""
    table = quote_identifier(dataset.name)
    names = ", ".join(quote_identifier(name) for name in dataset.column_names)
    if replace:
        connection.execute(f"delete from {table}")
    connection.register("incoming", rows)
    try:
        # The stream is read once: held in a temporary table for the insert and the note of what was written
        # (and, merging, the delete).
        connection.execute(f"create temporary table merged_rows as select {names} from incoming")
        removed = replace
        if merge:
            columns = ", ".join(quote_identifier(name) for name in dataset.key)  # the key's
            removed = connection.execute(f"delete from {table} where ({columns}) in "
                                         f"(select ({columns}) from merged_rows)").fetchone()[0] > 0 or removed
        connection.execute(f"insert into {table} ({names}) select {names} from merged_rows")
        _note_written(connection, dataset, "merged_rows", removed)
        connection.execute("drop table merged_rows")
    finally:
        connection.unregister("incoming")


def record_loads(connection: duckdb.DuckDBPyConnection, records: list[LoadRecord], action: str,
                 loaded_by: str | None = None) -> None:
    next_id = connection.execute("select coalesce(max(load_id), 0) + 1 from load_log").fetchone()[0]
    who = loaded_by or _current_user()
    for record in records:
        connection.execute(
            "insert into load_log values ($load_id, $dataset, $file_name, $file_hash, $rows, $origin, $action, "
            "$loaded_by, $loaded_at)",
            {"load_id": next_id, "dataset": record.dataset, "file_name": record.file_name,
             "file_hash": record.file_hash, "rows": record.rows, "origin": record.origin, "action": action,
             "loaded_by": who, "loaded_at": clock.now()},
        )


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers; the load is still recorded
        return "unknown"


def read_table(connection: duckdb.DuckDBPyConnection, dataset: Dataset, columns: tuple[str, ...]) -> pd.DataFrame:
    names = ", ".join(quote_identifier(name) for name in columns)
    return connection.execute(f"select {names} from {quote_identifier(dataset.name)}").df()
