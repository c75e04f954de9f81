"""Files staged in DuckDB as text cells and checked there, in bounded memory, with the messages of validate.py.

A file is read into a staging table of text cells with its file row numbers (CSV and Parquet by DuckDB's own
readers, XLSX through python-calamine, odd CSV files through Python's csv module a batch at a time). SQL then
sorts every row into plainly valid (each value in a canonical form that SQL types exactly as the contract's
parsers would, and within every rule) or not; only the rows that are not go to the pandas checks of validate.py,
which say exactly what is wrong with them. Keys, references and the roll-up of sessions are SQL over the whole
file. So a clean file of any size never leaves the engine, and a bad one gets the same problems as ever.
"""
from __future__ import annotations

import codecs
import csv
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from smartisland.config import QUERIES_DIR, max_file_mb, max_rows
from smartisland.contract import DATE_CEILING, DATE_FLOOR, DUCKDB_TYPES, Column, Dataset
from smartisland.db import query_parameters
from smartisland.intake import boundaries
from smartisland.intake.geojson import read_geojson_rows
from smartisland.intake.workbook import open_sheet
from smartisland.validate import (
    FALSE_WORDS,
    MAX_KEPT_PROBLEMS,
    TRUE_WORDS,
    FileRefused,
    Lookups,
    Problem,
    RawTable,
    cell_text,
    check_rows,
    first_line,
)
from smartisland.warehouse import quote_identifier

# The engine's memory for one load: beyond it DuckDB spills to the temporary folder next to the warehouse.
STAGE_MEMORY_LIMIT = "512MB"
READ_BLOCK_BYTES = 8 << 20
MIB = 1 << 20
BATCH_ROWS = 50_000  # rows per batch when Python hands rows to the engine or the pandas checks
# The check rules, one DuckDB macro a file, created in every stage's connection: SQL composed here names only
# identifiers (quote_identifier), macros and $parameters; every value of the contract is bound.
RULES_DIR = QUERIES_DIR / "load_checks"
# A line holding nothing but blanks and separators: DuckDB's reader skips it (or reads it as a row), Python's
# counts it and leaves it out.
BLANK_LINE = re.compile(rb"\n[ \t,;]*\r?\n")
# A separator at the end of a line: DuckDB's reader drops it where Python's counts one more (empty) cell.
LINE_END_SEPARATOR = (",", ";")




def rule_texts() -> list[tuple[str, str]]:
    """(name, SQL) of every check rule in queries/load_checks/, helpers first (a macro may call another)."""
    files = sorted(RULES_DIR.glob("*.sql"))
    return [(path.stem, path.read_text(encoding="utf-8")) for path in files]


def create_rules(connection: duckdb.DuckDBPyConnection) -> None:
    """Create the check macros in a connection; those that call another are retried once it exists."""
    pending = rule_texts()
    while pending:
        failed = []
        for name, text in pending:
            try:
                connection.execute(text)
            except duckdb.CatalogException:
                failed.append((name, text))
        if len(failed) == len(pending):
            connection.execute(failed[0][1])  # raises the macro's own error
        pending = failed


@dataclass
class StagedFile:
    """A file in the staging database: its text cells in `table`, the header as written, each row's number."""
    table: str
    file_name: str
    header: list[str]
    columns: list[str]  # the staging column of each header cell
    row_expression: str  # "file_row" (a column of `table`) or "rowid": the file row is then rowid + first_row
    decimal_comma: bool = False
    header_rows: int = 1
    first_row: int = 2  # the file row of the first staged row where rows are numbered by rowid

    def rows_sql(self) -> str:
        """Every staged row with its file row and its cells under the header's names (unnamed ones left out)."""
        cells_sql = ", ".join(f"cell({quote_identifier(column)}) as {quote_identifier(name)}"
                              for name, column in zip(self.header, self.columns) if name)
        row_sql = "file_row" if self.row_expression == "file_row" else "rowid + $first_row"
        return f"select {row_sql} as file_row, {cells_sql} from {quote_identifier(self.table)}"

    def parameters(self) -> dict:
        """What rows_sql() binds."""
        return {} if self.row_expression == "file_row" else {"first_row": self.first_row}


class Stage:
    """A DuckDB database in memory for one load or build, limited in memory and spilling next to the warehouse."""

    def __init__(self, temp_folder: Path):
        temp_folder.mkdir(parents=True, exist_ok=True)
        self.connection = duckdb.connect(config={"memory_limit": STAGE_MEMORY_LIMIT,
                                                 "temp_directory": str(temp_folder),
                                                 "preserve_insertion_order": True})
        create_rules(self.connection)
        self.temp_folder = temp_folder
        self.staging_table: str | None = None  # the table a file is being read into
        self.staging_name = ""
        self.rows_staged = 0
        self.notes: list[Problem] = []  # what the reading says besides problems: which sheet of a workbook
        self._names = itertools.count(1)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Stage:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def new_name(self, prefix: str) -> str:
        return f"{prefix}_{next(self._names)}"

    def copy_in(self, table: str, source: duckdb.DuckDBPyConnection, select: str) -> None:
        """A table of this stage filled from a query on another database, streamed a batch at a time."""
        reader = source.sql(select).to_arrow_reader(BATCH_ROWS)
        self.insert_arrow(f"create or replace table {quote_identifier(table)} as select * from incoming_rows", reader)

    def insert_arrow(self, statement: str, rows) -> None:
        """Run `statement` reading Arrow or pandas `rows` as the table incoming_rows."""
        self.connection.register("incoming_rows", rows)
        try:
            self.connection.execute(statement)
        finally:
            self.connection.unregister("incoming_rows")

    def stream(self, select: str, parameters: dict | None = None) -> pa.RecordBatchReader:
        """The rows of a query a batch at a time, on a cursor of its own: the stage can go on working meanwhile."""
        return self.connection.cursor().sql(select, params=parameters or None).to_arrow_reader(BATCH_ROWS)

    def drop(self, table: str) -> None:
        self.connection.execute(f"drop table if exists {quote_identifier(table)}")

    # --- reading ---------------------------------------------------------------------------------

    def stage_file(self, path: Path, display_name: str, sheets: tuple[str, ...] = ()) -> StagedFile:
        """Read a file into a staging table of text cells; FileRefused when it cannot be read as a table. A
        workbook's sheet is the first of `sheets` it has, else its first visible sheet."""
        name = display_name
        if not path.exists():
            raise FileRefused([Problem(name, None, None, "file_not_found")])
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".xlsx", ".parquet", *boundaries.GEOJSON_SUFFIXES):
            raise FileRefused([Problem(name, None, None, "unsupported_kind")])
        if not path.is_file():
            raise FileRefused([Problem(name, None, None, "not_a_file")])
        limit_mb = max_file_mb()
        size = path.stat().st_size
        if size > limit_mb * MIB:
            raise FileRefused([Problem(name, None, None, "file_too_large",
                                       params=(("size", str(-(-size // MIB))), ("limit", str(limit_mb))))])
        self.rows_staged = 0
        self.staging_name = name
        self.staging_table = None
        try:
            if suffix == ".csv":
                staged = self._stage_csv(path, name)
            elif suffix == ".xlsx":
                staged = self._stage_xlsx(path, name, sheets)
            elif suffix in boundaries.GEOJSON_SUFFIXES:
                staged = self._stage_geojson(path, name)
            else:
                staged = self._stage_parquet(path, name)
            self.staging_table = staged.table
            rows = self.connection.execute(f"select count(*) from {quote_identifier(staged.table)}").fetchone()[0]
            self.check_row_count(rows, name)
            return staged
        except FileRefused:
            self.drop_staged()
            raise
        except Exception as error:  # a corrupt file: the library's own words are the most precise detail
            raise FileRefused([Problem(name, None, None, "unreadable",
                                       params=(("detail", first_line(error)),))]) from None

    def check_row_count(self, rows: int, name: str) -> None:
        """A file of more rows than the limit is refused (while it is read, as soon as they are seen)."""
        limit = max_rows()
        if rows > limit:
            raise FileRefused([Problem(name, None, None, "too_many_rows", params=(("limit", str(limit)),))])

    def drop_staged(self) -> None:
        """Drop the staging table a refused file left half filled."""
        if self.staging_table:
            self.drop(self.staging_table)
            self.staging_table = None

    def _stage_csv(self, path: Path, name: str) -> StagedFile:
        scan = scan_csv(path, name)
        header = scan.header
        table = self.new_name("staged")
        columns = [f"c{position}" for position in range(len(header))]
        plain = (not (scan.has_nul or scan.has_blank_line or scan.separator_at_line_end) and all(header)
                 and len(set(header)) == len(header) and not any("\n" in cell or "\r" in cell for cell in header))
        if plain and self._stage_csv_with_duckdb(path, table, columns, scan.delimiter, scan.has_quote):
            return StagedFile(table, name, header, columns, "rowid", scan.delimiter == ";", first_row=2)
        self._stage_csv_with_python(path, name, table, header, scan.delimiter)
        return StagedFile(table, name, header, columns, "file_row", scan.delimiter == ";")

    def _stage_csv_with_duckdb(self, path: Path, table: str, columns: list[str], delimiter: str,
                               has_quote: bool) -> bool:
        """DuckDB's parallel reader, where its rows are exactly the records Python's reader would number: no
        blank line, every record as wide as the header, no line break inside a value. False if not so."""
        try:
            self.connection.execute(
                f"create table {quote_identifier(table)} as select * from read_csv($path, delim = $delimiter, "
                f"quote = $quote, escape = $quote, header = false, skip = 1, columns = $columns, "
                f"auto_detect = false, strict_mode = true, null_padding = false)",
                {"path": str(path), "delimiter": delimiter, "quote": '"',
                 "columns": {column: "VARCHAR" for column in columns}})
        except duckdb.Error:
            self.drop(table)
            return False
        if not has_quote:  # without quotes no value holds a line break, and the pre-scan saw no blank line
            return True
        any_break_sql = " or ".join(f"has_line_break({quote_identifier(column)})" for column in columns)
        all_blank_sql = " and ".join(f"is_blank({quote_identifier(column)})" for column in columns)
        odd = self.connection.execute(
            f"select count(*) from {quote_identifier(table)} where {any_break_sql} or ({all_blank_sql})").fetchone()[0]
        if odd:
            self.drop(table)
            return False
        return True

    def _stage_csv_with_python(self, path: Path, name: str, table: str, header: list[str], delimiter: str) -> None:
        """Python's csv reader a batch at a time: exact about NULs, blank rows, widths and trailing separators."""
        width = len(header)
        schema = pa.schema([pa.field("file_row", pa.int64())] + [pa.field(f"c{i}", pa.string()) for i in range(width)])
        columns_sql = ", ".join(f"{quote_identifier(f'c{i}')} varchar" for i in range(width))
        self.connection.execute(f"create table {quote_identifier(table)} (file_row bigint, {columns_sql})")
        widths = WidthCheck(width, name, delimiter)
        widths.header_has_extra = width > 1 and header[-1] == ""
        csv.field_size_limit(max(csv.field_size_limit(), path.stat().st_size + 1))
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            try:
                next(reader, None)
                batch: list[tuple[int, list[str]]] = []
                for number, record in enumerate(reader, start=2):
                    if not any(cell.strip() for cell in record):
                        continue
                    widths.add(number, record)
                    batch.append((number, record))
                    if len(batch) >= BATCH_ROWS:
                        self._insert_records(table, schema, batch, width)
                        batch = []
                self._insert_records(table, schema, batch, width)
            except csv.Error as error:
                raise FileRefused([Problem(name, reader.line_num, None, "unreadable",
                                           params=(("detail", first_line(error)),))]) from None
        widths.finish()

    def _insert_records(self, table: str, schema: pa.Schema, batch: list[tuple[int, list[str]]], width: int) -> None:
        if not batch:
            return
        self.staging_table = table
        self.rows_staged += len(batch)
        self.check_row_count(self.rows_staged, self.staging_name)
        arrays = [pa.array([number for number, _ in batch], pa.int64())]
        for position in range(width):
            arrays.append(pa.array([record[position] if position < len(record) else None for _, record in batch],
                                   pa.string()))
        self.insert_arrow(f"insert into {quote_identifier(table)} select * from incoming_rows",
                          pa.Table.from_arrays(arrays, schema=schema))

    def _stage_xlsx(self, path: Path, name: str, sheets: tuple[str, ...]) -> StagedFile:
        sheet, chosen = open_sheet(path, name, sheets)
        self.notes.append(chosen.note(name))
        rows = sheet.iter_rows()
        first = next(rows, None)
        if first is None:
            raise FileRefused([Problem(name, None, None, "empty_file")])
        header = [sheet_text(cell) for cell in first]
        width = len(header)
        table = self.new_name("staged")
        columns = [f"c{position}" for position in range(width)]
        schema = pa.schema([pa.field("file_row", pa.int64())] + [pa.field(column, pa.string()) for column in columns])
        columns_sql = ", ".join(f"{quote_identifier(column)} varchar" for column in columns)
        self.connection.execute(f"create table {quote_identifier(table)} (file_row bigint, {columns_sql})")
        batch: list[tuple[int, list[str]]] = []
        any_row = False
        for number, row in enumerate(rows, start=2):
            cells = list(map(sheet_text, row[:width]))
            if any(cells):
                batch.append((number, cells))
                any_row = True
            if len(batch) >= BATCH_ROWS:
                self._insert_records(table, schema, batch, width)
                batch = []
        self._insert_records(table, schema, batch, width)
        if not any_row and not any(header):
            raise FileRefused([Problem(name, None, None, "empty_file")])
        # A column without a header and without values is formatting left in the sheet, not data.
        kept_header, kept_columns = [], []
        for title, column in zip(header, columns):
            if title == "" and not self.connection.execute(
                    f"select count(*) from {quote_identifier(table)} where not is_blank({quote_identifier(column)})"
            ).fetchone()[0]:
                continue
            kept_header.append(title)
            kept_columns.append(column)
        return StagedFile(table, name, kept_header, kept_columns, "file_row")

    def _stage_geojson(self, path: Path, name: str) -> StagedFile:
        """A GeoJSON FeatureCollection of boundaries as rows, each numbered by its feature."""
        rows = read_geojson_rows(path, name)
        self.check_row_count(len(rows), name)
        header = list(boundaries.COLUMNS)
        columns = [f"c{position}" for position in range(len(header))]
        table = self.new_name("staged")
        columns_sql = ", ".join(f"{quote_identifier(column)} varchar" for column in columns)
        self.connection.execute(f"create table {quote_identifier(table)} (file_row bigint, {columns_sql})")
        schema = pa.schema([pa.field("file_row", pa.int64())] + [pa.field(column, pa.string()) for column in columns])
        self._insert_records(table, schema, [(number, [row[title] for title in header]) for number, row in rows],
                             len(header))
        return StagedFile(table, name, header, columns, "file_row", header_rows=0)

    def _stage_parquet(self, path: Path, name: str) -> StagedFile:
        self.check_row_count(pq.read_metadata(path).num_rows, name)
        described = self.connection.execute("describe select * from read_parquet($path)",
                                            {"path": str(path)}).fetchall()
        table = self.new_name("staged")
        header = [str(row[0]).strip() for row in described]
        columns = [f"c{position}" for position in range(len(described))]
        # Times with a zone are written in the file's own zone, as pandas would show them, so that the value a
        # time_zone problem repeats is the one in the file.
        zones = [field.type.tz for field in pq.read_schema(path) if getattr(field.type, "tz", None)]
        zone = "UTC"
        if zones:
            try:
                self.connection.execute("select timezone($zone, now())", {"zone": zones[0]})
                zone = zones[0]
            except duckdb.Error:
                pass  # a zone DuckDB does not know: the instant is shown in UTC
        cells_sql = ", ".join(f"{parquet_text_sql(quote_identifier(row[0]), row[1])} as {quote_identifier(column)}"
                              for row, column in zip(described, columns))
        self.connection.execute(f"create table {quote_identifier(table)} as select {cells_sql} from read_parquet($path)",
                                {"path": str(path), "zone": zone} if "$zone" in cells_sql else {"path": str(path)})
        return StagedFile(table, name, header, columns, "rowid", header_rows=0, first_row=1)

    # --- checking --------------------------------------------------------------------------------

    def check(self, staged: StagedFile, dataset: Dataset, lookups: Lookups, tables: CheckTables) -> CheckOutcome:
        """The problems of a staged file whose columns are right, and a table of its typed rows."""
        rows_sql = staged.rows_sql()
        total_rows = self.connection.execute(f"select count(*) from ({rows_sql})", staged.parameters()).fetchone()[0]
        if total_rows == 0:
            return CheckOutcome([Problem(staged.file_name, None, None, "empty_file")], 1, None, 0)
        typed = self.new_name("typed")
        plain_sql, parameters = plain_rows_sql(dataset, staged.decimal_comma, tables.regions, lookups)
        select_sql = plain_sql.replace("{rows}", rows_sql)
        self.connection.execute(f"create table {quote_identifier(typed)} as {select_sql}",
                                {**parameters, **staged.parameters()})
        collected = Collected()
        self._judge(staged, dataset, lookups, typed, collected)
        self.connection.execute(f"alter table {quote_identifier(typed)} drop column is_plain")
        self._check_keys(staged, dataset, typed, tables, collected)
        self._check_references(staged, dataset, typed, tables, collected)
        problems = sorted(collected.problems, key=lambda problem: (problem.row or 0, problem.column or ""))
        return CheckOutcome(problems, collected.total, typed, total_rows)

    def _judge(self, staged: StagedFile, dataset: Dataset, lookups: Lookups, typed: str, collected: Collected) -> None:
        """The rows SQL could not pass go through the pandas checks, which name their problems and type them."""
        names_sql = ", ".join(quote_identifier(name) for name in dataset.column_names)
        judged = self.new_name("judged")
        self.connection.execute(f"create table {quote_identifier(judged)} as select file_row "
                                f"from {quote_identifier(typed)} where not is_plain")
        self.connection.execute(f"delete from {quote_identifier(typed)} where not is_plain")
        select_sql = (f"select file_row, {names_sql} from ({staged.rows_sql()}) "
                      f"semi join {quote_identifier(judged)} using (file_row) order by file_row")
        casts_sql = ", ".join(f"cast({quote_identifier(column.name)} as {DUCKDB_TYPES[column.type]}) "
                              f"as {quote_identifier(column.name)}" for column in dataset.columns)
        for batch in self.stream(select_sql, staged.parameters()):
            frame = batch.to_pandas()
            numbers = frame.pop("file_row").tolist()
            table = RawTable(frame.astype(object), staged.file_name, staged.header_rows, staged.decimal_comma, numbers)
            result, problems, total = check_rows(table, dataset, lookups, keys_and_references=False)
            collected.add(problems, total)
            result.insert(0, "file_row", numbers)
            result["is_plain"] = False
            self.insert_arrow(f"insert into {quote_identifier(typed)} by name select file_row, {casts_sql}, is_plain "
                              f"from incoming_rows", result)
        self.drop(judged)

    def key_view(self, tables: tuple[str, ...], names: tuple[str, ...], columns: tuple[Column, ...],
                 with_file_row: bool = True) -> str:
        """A view of the complete keys of `tables` (their columns `names`, typed as `columns`): key (a struct the
        rule macros compare), key_parts (the texts a problem shows) and, with_file_row, file_row."""
        view = self.new_name("keyed")
        key_sql = "row(" + ", ".join(quote_identifier(name) for name in names) + ")"
        parts_sql = "[" + ", ".join(key_part_sql(quote_identifier(name), column)
                                    for name, column in zip(names, columns)) + "]"
        complete_sql = " and ".join(f"{quote_identifier(name)} is not null" for name in names)
        row_sql = "file_row, " if with_file_row else "null as file_row, "  # a roll-up's rows come from no file row
        selects_sql = " union all ".join(
            f"select {row_sql}{key_sql} as key, {parts_sql} as key_parts from {quote_identifier(table)} "
            f"where {complete_sql}" for table in tables)
        self.connection.execute(f"create view {quote_identifier(view)} as {selects_sql}")
        return view

    def drop_view(self, view: str) -> None:
        self.connection.execute(f"drop view if exists {quote_identifier(view)}")

    def count(self, rule_sql: str, parameters: dict) -> int:
        """How many rows a rule macro's table gives."""
        return self.connection.execute(f"select count(*) from {rule_sql}", parameters).fetchone()[0]

    def _problem_rows(self, rule_sql: str, parameters: dict, staged: StagedFile, column: str) -> list[tuple]:
        """(file row, key parts, ..., raw value of `column`) of the rows a rule macro finds, the first kept only."""
        return self.connection.execute(
            f"select p.*, s.{quote_identifier(column)} as raw_value from {rule_sql} as p "
            f"join ({staged.rows_sql()}) as s using (file_row) order by p.file_row limit $limit",
            {**parameters, **staged.parameters(), "limit": MAX_KEPT_PROBLEMS}).fetchall()

    def _check_keys(self, staged: StagedFile, dataset: Dataset, typed: str, tables: CheckTables,
                    collected: Collected) -> None:
        columns = tuple(dataset.column(name) for name in dataset.key)
        keyed = self.key_view((typed,), dataset.key, columns)
        last = dataset.key[-1]
        try:
            parameters = {"keyed": keyed}
            repeats = self.connection.execute("select repeats from key_repeats_at_all($keyed)", parameters).fetchone()[0]
            count = self.count("repeated_keys($keyed)", parameters) if repeats else 0
            if count:
                rows = self._problem_rows("repeated_keys($keyed)", parameters, staged, last) if collected.room else []
                collected.add([Problem(staged.file_name, row[0], last, "duplicate_key", row[3],
                                       (("key", ", ".join(row[1])), ("first_row", str(row[2])))) for row in rows],
                              count)
            if not tables.existing:
                return
            loaded = self.key_view(tables.existing, dataset.key, columns, with_file_row=False)
            parameters = {"keyed": keyed, "loaded": loaded}
            count = self.count("keys_already_loaded($keyed, $loaded)", parameters)
            if count:
                rows = self._problem_rows("keys_already_loaded($keyed, $loaded)", parameters, staged, last) \
                    if collected.room else []
                collected.add([Problem(staged.file_name, row[0], last, "key_already_loaded", row[2],
                                       (("key", ", ".join(row[1])),)) for row in rows], count)
            self.drop_view(loaded)
        finally:
            self.drop_view(keyed)

    def _check_references(self, staged: StagedFile, dataset: Dataset, typed: str, tables: CheckTables,
                          collected: Collected) -> None:
        for reference in dataset.references:
            columns = tuple(dataset.column(name) for name in reference.columns)
            keyed = self.key_view((typed,), reference.columns, columns)
            target = tables.references.get(reference.dataset)
            if target is not None:
                known = self.key_view((target,), reference.target_columns, columns, with_file_row=False)
            else:  # no table of the referenced dataset: every reference is unknown
                known = self.new_name("no_keys")
                self.connection.execute(f"create view {quote_identifier(known)} as select key from "
                                        f"{quote_identifier(keyed)} where false")
            parameters = {"keyed": keyed, "known": known}
            count = self.count("missing_references($keyed, $known)", parameters)
            if count:
                last = reference.columns[-1]
                rows = self._problem_rows("missing_references($keyed, $known)", parameters, staged, last) \
                    if collected.room else []
                collected.add([Problem(staged.file_name, row[0], last, "unknown_reference", row[2],
                                       (("dataset", reference.dataset),)) for row in rows], count)
            self.drop_view(known)
            self.drop_view(keyed)


@dataclass
class CheckTables:
    """Tables of the stage the checks compare against."""
    regions: str | None = None  # region_code, level
    existing: tuple[str, ...] = ()  # keys already loaded (an append dataset's), and those of earlier files
    references: dict[str, str] | None = None  # referenced dataset -> a table of its key columns

    def __post_init__(self):
        if self.references is None:
            self.references = {}


@dataclass
class CheckOutcome:
    problems: list[Problem]
    total: int
    typed: str | None  # a staging table of the file's typed rows (file_row and the dataset's columns)
    rows: int


class Collected:
    """Problems in the order the checks find them, the first MAX_KEPT_PROBLEMS kept, all counted."""

    def __init__(self):
        self.problems: list[Problem] = []
        self.total = 0

    @property
    def room(self) -> int:
        return max(MAX_KEPT_PROBLEMS - len(self.problems), 0)

    def add(self, problems: list[Problem], total: int) -> None:
        self.problems += problems[: self.room]
        self.total += total


def sheet_text(value) -> str:
    """validate.cell_text for the values python-calamine gives, the common kinds first (a million rows are six
    million calls)."""
    kind = type(value)
    if kind is str:
        return value.strip()
    if kind is float and value == value:
        return str(int(value)) if value.is_integer() else repr(value)
    if kind is int:
        return str(value)
    return cell_text(value)


# --- the CSV pre-scan ----------------------------------------------------------------------------

@dataclass
class CsvScan:
    header: list[str]
    delimiter: str
    has_nul: bool
    has_blank_line: bool
    separator_at_line_end: bool
    has_quote: bool


def scan_csv(path: Path, name: str) -> CsvScan:
    """One streaming pass over the raw bytes: encoding (UTF-16, bad UTF-8 with its row), emptiness, NULs and blank
    lines; then the header record. The whole file is never in memory."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    has_nul = has_blank = has_text = has_quote = False
    line_end_separators = set()
    newlines_before = 0
    offset = 0
    first_text = ""
    previous_tail = b""
    with path.open("rb") as handle:
        first_block = True
        while True:
            block = handle.read(READ_BLOCK_BYTES)
            if first_block:
                first_line_bytes = block.split(b"\n", 1)[0]
                # UTF-16, with a byte order mark or without one (then every other byte of an ASCII header is a NUL).
                if block.startswith((b"\xff\xfe", b"\xfe\xff")) or \
                        first_line_bytes.count(b"\x00") * 3 >= len(first_line_bytes) > 0:
                    raise FileRefused([Problem(name, 1, None, "encoding", value="UTF-16")])
            pending = decoder.getstate()[0]
            try:
                text = decoder.decode(block, final=not block)
            except UnicodeDecodeError as error:
                start = offset - len(pending) + error.start
                handle.seek(0)
                row, bad = _locate_bad_bytes(handle, start)
                raise FileRefused([Problem(name, row, None, "encoding", value=bad.hex(" "))]) from None
            if first_block:
                text = text.removeprefix("\ufeff")
                first_text = text
                first_block = False
            elif len(first_text) < 1 << 16 and "\n" not in first_text:
                first_text += text
            has_text = has_text or bool(text.strip())
            has_nul = has_nul or b"\x00" in block
            has_quote = has_quote or b'"' in block
            joined = previous_tail + block
            has_blank = has_blank or bool(BLANK_LINE.search(joined))
            line_end_separators |= {mark for mark in LINE_END_SEPARATOR
                                    if f"{mark}\n".encode() in joined or f"{mark}\r\n".encode() in joined}
            previous_tail = joined[-64:]
            newlines_before += block.count(b"\n")
            offset += len(block)
            if not block:
                break
    if not has_text:
        raise FileRefused([Problem(name, None, None, "empty_file")])
    first_line_text = first_text.splitlines()[0]
    delimiter = ";" if first_line_text.count(";") > first_line_text.count(",") else ","
    with path.open(encoding="utf-8-sig", newline="") as handle:
        csv.field_size_limit(max(csv.field_size_limit(), path.stat().st_size + 1))
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            header = [cell.strip() for cell in next(reader)]
        except csv.Error as error:
            raise FileRefused([Problem(name, reader.line_num, None, "unreadable",
                                       params=(("detail", first_line(error)),))]) from None
    last_line = previous_tail.rsplit(b"\n", 1)[-1]
    has_blank = has_blank or (bool(last_line) and not last_line.strip(b" \t\r,;"))
    return CsvScan(header, delimiter, has_nul, has_blank, delimiter in line_end_separators, has_quote)


def file_header(path: Path, sheets: tuple[str, ...] = ()) -> list[str] | None:
    """The header of a CSV, XLSX or Parquet file, read without reading its rows; None when it cannot be read
    so cheaply (the loader then reads the file and says what is wrong with it)."""
    try:
        suffix = path.suffix.lower()
        if suffix in boundaries.GEOJSON_SUFFIXES:
            return None  # not a table: the loader turns its features into rows
        if suffix == ".parquet":
            return [name.strip() for name in pq.read_schema(path).names]
        if suffix == ".xlsx":
            sheet, _ = open_sheet(path, path.name, sheets)
            first = next(sheet.iter_rows(), None)
            return None if first is None else [sheet_text(cell) for cell in first]
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first_line_text = handle.readline(1 << 16)
            handle.seek(0)
            delimiter = ";" if first_line_text.count(";") > first_line_text.count(",") else ","
            return [cell.strip() for cell in next(csv.reader(handle, delimiter=delimiter))]
    except Exception:  # noqa: BLE001 - any file the cheap read cannot take goes the long way, never fails here
        return None


def _locate_bad_bytes(handle, start: int) -> tuple[int, bytes]:
    """The row (lines before + 1) of the byte at `start`, and the four bytes from there, reading in blocks."""
    newlines = 0
    position = 0
    while position + READ_BLOCK_BYTES <= start:
        newlines += handle.read(READ_BLOCK_BYTES).count(b"\n")
        position += READ_BLOCK_BYTES
    newlines += handle.read(start - position).count(b"\n")
    return newlines + 1, handle.read(4)


class WidthCheck:
    """Every row as wide as the header; a separator at the end of every line is named as such (as validate.py's
    _check_row_widths, over rows seen one at a time)."""

    def __init__(self, width: int, name: str, delimiter: str):
        self.width, self.name, self.delimiter = width, name, delimiter
        self.first_row: int | None = None
        self.ends_blank = True
        self.all_width = True
        self.all_width_plus_one = True
        self.malformed: list[Problem] = []
        self.malformed_total = 0
        self.header_has_extra = False

    def add(self, number: int, record: list[str]) -> None:
        if self.first_row is None:
            self.first_row = number
        self.ends_blank = self.ends_blank and bool(record) and not record[-1].strip()
        self.all_width = self.all_width and len(record) == self.width
        self.all_width_plus_one = self.all_width_plus_one and len(record) == self.width + 1
        if len(record) != self.width:
            self.malformed_total += 1
            if len(self.malformed) < MAX_KEPT_PROBLEMS:
                self.malformed.append(Problem(self.name, number, None, "malformed_row",
                                              params=(("found", str(len(record))), ("expected", str(self.width)))))

    def finish(self) -> None:
        separator = (("separator", self.delimiter),)
        if self.header_has_extra and self.ends_blank and self.all_width:
            raise FileRefused([Problem(self.name, 1, None, "trailing_separator", params=separator)])
        if self.first_row is not None and self.ends_blank and self.all_width_plus_one:
            raise FileRefused([Problem(self.name, self.first_row, None, "trailing_separator", params=separator)])
        if self.malformed:
            raise FileRefused(self.malformed, total=self.malformed_total)


# --- SQL of the checks ---------------------------------------------------------------------------
# Composed of identifiers (quote_identifier), the rule macros of queries/load_checks/ and $parameters only: every
# value of the contract goes into the parameters returned beside the text.

def parquet_text_sql(column_sql: str, duckdb_type: str) -> str:
    """A Parquet column as the text validate.py's reader made of it (cell_text), in SQL; a time with a zone in
    $zone."""
    kind = duckdb_type.upper()
    if kind == "VARCHAR":
        return column_sql
    if kind == "BOOLEAN":
        return f"boolean_text({column_sql})"
    if kind == "DATE":
        return f"date_text({column_sql})"
    # DuckDB 2.0 names nanosecond times with a zone TIMESTAMPTZ_NS
    has_zone = kind.startswith("TIMESTAMP") and (kind.endswith("WITH TIME ZONE") or kind.startswith("TIMESTAMPTZ"))
    if kind.startswith("TIMESTAMP") and not has_zone:
        return f"timestamp_text(cast({column_sql} as timestamp))"
    if has_zone:
        return f"zoned_text(cast({column_sql} as timestamptz), $zone)"
    if kind in ("DOUBLE", "FLOAT"):
        return f"number_text(cast({column_sql} as double))"
    return f"cast({column_sql} as varchar)"


def key_part_sql(value_sql: str, column: Column) -> str:
    """A typed key part as the text validate.py compares and shows keys in."""
    if column.type in ("date", "month"):
        return f"date_text({value_sql})"
    if column.type == "timestamp":
        return f"timestamp_text({value_sql})"
    if column.type == "boolean":
        return f"boolean_text({value_sql})"
    return f"cast({value_sql} as varchar)"


def typed_value_sql(raw_sql: str, column: Column, position: int) -> tuple[str, dict]:
    """SQL of a raw cell typed (NULL when empty or not of the type), and what it binds."""
    value_sql = f"non_empty({raw_sql})"
    if column.type == "integer":
        return f"try_cast({value_sql} as bigint)", {}
    if column.type == "number":
        return f"typed_number({value_sql}, $decimal_comma)", {}
    if column.type == "date":
        return f"try_cast({value_sql} as date)", {}
    if column.type == "month":
        return f"typed_month({value_sql})", {}
    if column.type == "timestamp":
        return f"try_cast({value_sql} as timestamp)", {}
    if column.type == "boolean":
        return f"list_contains($true_words, lower({value_sql}))", {"true_words": sorted(TRUE_WORDS)}
    return value_sql, {}


def plain_value_sql(raw_sql: str, column: Column, position: int, lookups: Lookups) -> tuple[str, dict]:
    """(SQL true when a non-empty raw value is plainly valid, its parameters): the type's rule macro with the
    column's bounds, then its length, allowed values and known queries."""
    # A value is plain when DuckDB's cast, written back, gives the value as written: then Python's parser reads
    # the same value from it (within the contract's ranges, below 2**53, a float holds every integer exactly).
    name = f"{{}}_{position}"
    parameters: dict = {}
    if column.type in ("integer", "number"):
        minimum, maximum = name.format("minimum"), name.format("maximum")
        parameters = {minimum: None if column.minimum is None else float(column.minimum),
                      maximum: None if column.maximum is None else float(column.maximum)}
        rules = [f"plain_integer({raw_sql}, ${minimum}, ${maximum})" if column.type == "integer" else
                 f"plain_number({raw_sql}, $decimal_comma, ${minimum}, ${maximum})"]
    elif column.type in ("date", "month", "timestamp"):
        earliest, latest = name.format("earliest"), name.format("latest")
        parameters = {earliest: column.earliest or DATE_FLOOR,
                      latest: lookups.today if column.not_future else (column.latest or DATE_CEILING)}
        rules = [f"plain_{column.type}({raw_sql}, ${earliest}, ${latest})"]
    elif column.type == "boolean":
        parameters = {"boolean_words": sorted(TRUE_WORDS | FALSE_WORDS)}
        rules = [f"plain_boolean({raw_sql}, $boolean_words)"]
    else:
        # Other types' forms leave no room for spaces at the edges; text must be checked for them.
        rules = [f"plain_text({raw_sql})"]
    if column.max_length is not None:
        parameters[name.format("max_length")] = int(column.max_length)
        rules.append(f"within_length({raw_sql}, ${name.format('max_length')})")
    if column.allowed is not None:
        parameters[name.format("allowed")] = list(column.allowed)
        rules.append(f"allowed_value({raw_sql}, ${name.format('allowed')})")
    if column.query_or is not None:
        parameters[name.format("queries")] = sorted(lookups.queries | set(column.query_or))
        rules.append(f"list_contains(${name.format('queries')}, {raw_sql})")
    return " and ".join(f"({rule_sql})" for rule_sql in rules), parameters


def plain_rows_sql(dataset: Dataset, decimal_comma: bool, regions: str | None, lookups: Lookups) -> tuple[str, dict]:
    """SQL (with `{rows}` to fill in) of each staged row typed, and whether SQL alone can pass it: every value
    plainly valid and every rule between them kept; and the parameters it binds. A row that is not goes to the
    pandas checks."""
    # A place is checked against the map base's cells and a KPI value against its KPI's method in Python: those
    # datasets are small, and their every row goes to the pandas checks.
    judged_wholly = dataset.location is not None or dataset.name == "kpi_values"
    selects, conditions, joins = ["r.file_row"], [], []
    parameters: dict = {"decimal_comma": decimal_comma}
    typed_of: dict[str, str] = {}
    for position, column in enumerate(dataset.columns):
        raw_sql = f"r.{quote_identifier(column.name)}"
        plain_sql, plain_parameters = plain_value_sql(raw_sql, column, position, lookups)
        typed_sql, typed_parameters = typed_value_sql(raw_sql, column, position)
        parameters |= plain_parameters | typed_parameters
        typed_of[column.name] = typed_sql
        if column.pattern is not None:
            pattern, extra = f"pattern_{position}", f"extra_codes_{position}"
            parameters[pattern] = column.regex.removeprefix("^").removesuffix("$")
            parameters[extra] = list(dataset.extra_entity_codes)
            pattern_sql = f"text_pattern({raw_sql}, ${pattern}, ${extra})"
            if column.region_levels and dataset.name != "regions":
                if regions is None:  # no regions to look a code up in: only an extra entity code passes
                    pattern_sql = f"list_contains(${extra}, {raw_sql})"
                else:
                    alias_sql = quote_identifier(f"region_{position}")
                    joins.append(f"left join {quote_identifier(regions)} as {alias_sql} "
                                 f"on {alias_sql}.region_code = {raw_sql}")
                    levels = f"levels_{position}"
                    parameters[levels] = list(column.region_levels)
                    # an extra entity code needs no region; any other code a region of an allowed level
                    pattern_sql = (f"(list_contains(${extra}, {raw_sql}) or ({pattern_sql} "
                                   f"and region_level({alias_sql}.level, ${levels})))")
            plain_sql = f"({plain_sql}) and ({pattern_sql})"
        required = f"required_{position}"
        parameters[required] = bool(column.required)
        conditions.append(f"value_kept({raw_sql}, ${required}, {plain_sql})")
        selects.append(f"cast({typed_sql} as {DUCKDB_TYPES[column.type]}) as {quote_identifier(column.name)}")
    for number, comparison in enumerate(dataset.comparisons):
        not_before = f"not_before_{number}"
        parameters[not_before] = bool(comparison.not_before)
        conditions.append(f"in_order({typed_of[comparison.column]}, {typed_of[comparison.limit_column]}, "
                          f"${not_before})")
    is_plain_sql = "false" if judged_wholly else " and ".join(conditions)
    selects.append(f"{is_plain_sql} as is_plain")
    selects_sql, joins_sql = ", ".join(selects), " ".join(joins)
    used = query_parameters(f"{selects_sql} {joins_sql}")
    return (f"select {selects_sql} from ({{rows}}) as r {joins_sql}",
            {key: value for key, value in parameters.items() if key in used})
