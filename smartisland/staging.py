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

from smartisland.contract import DATE_CEILING, DATE_FLOOR, DUCKDB_TYPES, Column, Dataset
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

# The engine's memory for one load: beyond it DuckDB spills to the temporary folder next to the warehouse.
STAGE_MEMORY_LIMIT = "512MB"
READ_BLOCK_BYTES = 8 << 20
BATCH_ROWS = 50_000  # rows per batch when Python hands rows to the engine or the pandas checks
# Characters str.strip() removes at the edges of a value (ASCII whitespace, separators, \x1c-\x1f, \x85).
EDGE_SPACE = r"^[\s\x0b\x1c-\x1f\x85\p{Z}]|[\s\x0b\x1c-\x1f\x85\p{Z}]$"
CONTROL = r"[\x00-\x08\x0a-\x1f\x7f]"
# A line holding nothing but blanks and separators: DuckDB's reader skips it (or reads it as a row), Python's
# counts it and leaves it out.
BLANK_LINE = re.compile(rb"\n[ \t,;]*\r?\n")
# A separator at the end of a line: DuckDB's reader drops it where Python's counts one more (empty) cell.
LINE_END_SEPARATOR = (",", ";")


def sql_text(text: str) -> str:
    """A constant of the contract (a pattern, an allowed word) as an SQL literal; never a value from a file."""
    return "'" + text.replace("'", "''") + "'"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _number_literal(number: float) -> str:
    return repr(float(number))


@dataclass
class StagedFile:
    """A file in the staging database: its text cells in `table`, the header as written, each row's number."""
    table: str
    file_name: str
    header: list[str]
    columns: list[str]  # the staging column of each header cell
    row_expression: str  # the file row of a staged row, as SQL over `table`
    decimal_comma: bool = False
    header_rows: int = 1

    def rows_sql(self) -> str:
        """Every staged row with its file row and its cells under the header's names (unnamed ones left out)."""
        cells = ", ".join(f"coalesce({quote(column)}, '') as {quote(name)}"
                          for name, column in zip(self.header, self.columns) if name)
        return f"select {self.row_expression} as file_row, {cells} from {quote(self.table)}"


class Stage:
    """A DuckDB database in memory for one load or build, limited in memory and spilling next to the warehouse."""

    def __init__(self, temp_folder: Path):
        temp_folder.mkdir(parents=True, exist_ok=True)
        self.connection = duckdb.connect(config={"memory_limit": STAGE_MEMORY_LIMIT,
                                                 "temp_directory": str(temp_folder),
                                                 "preserve_insertion_order": True})
        self.temp_folder = temp_folder
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
        self.insert_arrow(f"create or replace table {quote(table)} as select * from incoming_rows", reader)

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
        self.connection.execute(f"drop table if exists {quote(table)}")

    # --- reading ---------------------------------------------------------------------------------

    def stage_file(self, path: Path, display_name: str) -> StagedFile:
        """Read a file into a staging table of text cells; FileRefused when it cannot be read as a table."""
        name = display_name
        if not path.exists():
            raise FileRefused([Problem(name, None, None, "file_not_found")])
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".xlsx", ".parquet"):
            raise FileRefused([Problem(name, None, None, "unsupported_kind")])
        if not path.is_file():
            raise FileRefused([Problem(name, None, None, "not_a_file")])
        try:
            if suffix == ".csv":
                return self._stage_csv(path, name)
            if suffix == ".xlsx":
                return self._stage_xlsx(path, name)
            return self._stage_parquet(path, name)
        except FileRefused:
            raise
        except Exception as error:  # a corrupt file: the library's own words are the most precise detail
            raise FileRefused([Problem(name, None, None, "unreadable",
                                       params=(("detail", first_line(error)),))]) from None

    def _stage_csv(self, path: Path, name: str) -> StagedFile:
        scan = scan_csv(path, name)
        header = scan.header
        table = self.new_name("staged")
        columns = [f"c{position}" for position in range(len(header))]
        plain = (not (scan.has_nul or scan.has_blank_line or scan.separator_at_line_end) and all(header)
                 and len(set(header)) == len(header) and not any("\n" in cell or "\r" in cell for cell in header))
        if plain and self._stage_csv_with_duckdb(path, table, columns, scan.delimiter, scan.has_quote):
            return StagedFile(table, name, header, columns, "rowid + 2", scan.delimiter == ";")
        self._stage_csv_with_python(path, name, table, header, scan.delimiter)
        return StagedFile(table, name, header, columns, "file_row", scan.delimiter == ";")

    def _stage_csv_with_duckdb(self, path: Path, table: str, columns: list[str], delimiter: str,
                               has_quote: bool) -> bool:
        """DuckDB's parallel reader, where its rows are exactly the records Python's reader would number: no
        blank line, every record as wide as the header, no line break inside a value. False if not so."""
        types = "{" + ", ".join(f"{sql_text(column)}: 'VARCHAR'" for column in columns) + "}"
        try:
            self.connection.execute(
                f"create table {quote(table)} as select * from read_csv($path, delim = $delimiter, quote = '\"', "
                f"escape = '\"', header = false, skip = 1, columns = {types}, auto_detect = false, "
                f"strict_mode = true, null_padding = false)", {"path": str(path), "delimiter": delimiter})
        except duckdb.Error:
            self.drop(table)
            return False
        if not has_quote:  # without quotes no value holds a line break, and the pre-scan saw no blank line
            return True
        any_break = " or ".join(f"contains({quote(column)}, chr(10)) or contains({quote(column)}, chr(13))"
                                for column in columns)
        all_blank = " and ".join(f"trim(coalesce({quote(column)}, '')) = ''" for column in columns)
        odd = self.connection.execute(
            f"select count(*) from {quote(table)} where {any_break} or ({all_blank})").fetchone()[0]
        if odd:
            self.drop(table)
            return False
        return True

    def _stage_csv_with_python(self, path: Path, name: str, table: str, header: list[str], delimiter: str) -> None:
        """Python's csv reader a batch at a time: exact about NULs, blank rows, widths and trailing separators."""
        width = len(header)
        schema = pa.schema([pa.field("file_row", pa.int64())] + [pa.field(f"c{i}", pa.string()) for i in range(width)])
        self.connection.execute(f"create table {quote(table)} (file_row bigint, "
                                + ", ".join(f"c{i} varchar" for i in range(width)) + ")")
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
        arrays = [pa.array([number for number, _ in batch], pa.int64())]
        for position in range(width):
            arrays.append(pa.array([record[position] if position < len(record) else None for _, record in batch],
                                   pa.string()))
        self.insert_arrow(f"insert into {quote(table)} select * from incoming_rows",
                          pa.Table.from_arrays(arrays, schema=schema))

    def _stage_xlsx(self, path: Path, name: str) -> StagedFile:
        from python_calamine import CalamineWorkbook

        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        rows = sheet.iter_rows()
        first = next(rows, None)
        if first is None:
            raise FileRefused([Problem(name, None, None, "empty_file")])
        header = [sheet_text(cell) for cell in first]
        width = len(header)
        table = self.new_name("staged")
        columns = [f"c{position}" for position in range(width)]
        schema = pa.schema([pa.field("file_row", pa.int64())] + [pa.field(column, pa.string()) for column in columns])
        self.connection.execute(f"create table {quote(table)} (file_row bigint, "
                                + ", ".join(f"{column} varchar" for column in columns) + ")")
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
                    f"select count(*) from {quote(table)} where coalesce({quote(column)}, '') != ''").fetchone()[0]:
                continue
            kept_header.append(title)
            kept_columns.append(column)
        return StagedFile(table, name, kept_header, kept_columns, "file_row")

    def _stage_parquet(self, path: Path, name: str) -> StagedFile:
        described = self.connection.execute("describe select * from read_parquet($path)",
                                            {"path": str(path)}).fetchall()
        table = self.new_name("staged")
        header = [str(row[0]).strip() for row in described]
        columns = [f"c{position}" for position in range(len(described))]
        cells = ", ".join(f"{parquet_text(quote(row[0]), row[1])} as {column}" for row, column in zip(described, columns))
        # Times with a zone are written in the file's own zone, as pandas would show them, so that the value a
        # time_zone problem repeats is the one in the file.
        self.connection.execute("set TimeZone = 'UTC'")
        zones = [field.type.tz for field in pq.read_schema(path) if getattr(field.type, "tz", None)]
        if zones:
            try:
                self.connection.execute(f"set TimeZone = {sql_text(zones[0])}")
            except duckdb.Error:
                pass  # a zone DuckDB does not know: the instant is shown in UTC
        self.connection.execute(f"create table {quote(table)} as select {cells} from read_parquet($path)",
                                {"path": str(path)})
        return StagedFile(table, name, header, columns, "rowid + 1", header_rows=0)

    # --- checking --------------------------------------------------------------------------------

    def check(self, staged: StagedFile, dataset: Dataset, lookups: Lookups, tables: CheckTables) -> CheckOutcome:
        """The problems of a staged file whose columns are right, and a table of its typed rows."""
        rows = staged.rows_sql()
        total_rows = self.connection.execute(f"select count(*) from ({rows})").fetchone()[0]
        if total_rows == 0:
            return CheckOutcome([Problem(staged.file_name, None, None, "empty_file")], 1, None, 0)
        typed = self.new_name("typed")
        plain = plain_rows_sql(dataset, staged.decimal_comma, tables.regions, lookups)
        self.connection.execute(f"create table {quote(typed)} as {plain.replace('{rows}', rows)}",
                                {"today": lookups.today} if "$today" in plain else {})
        collected = Collected()
        self._judge(staged, dataset, lookups, typed, collected)
        self.connection.execute(f"alter table {quote(typed)} drop column is_plain")
        self._check_keys(staged, dataset, typed, tables, collected)
        self._check_references(staged, dataset, typed, tables, collected)
        problems = sorted(collected.problems, key=lambda problem: (problem.row or 0, problem.column or ""))
        return CheckOutcome(problems, collected.total, typed, total_rows)

    def _judge(self, staged: StagedFile, dataset: Dataset, lookups: Lookups, typed: str, collected: Collected) -> None:
        """The rows SQL could not pass go through the pandas checks, which name their problems and type them."""
        names = ", ".join(quote(name) for name in dataset.column_names)
        judged = self.new_name("judged")
        self.connection.execute(f"create table {quote(judged)} as select file_row from {quote(typed)} "
                                f"where not is_plain")
        self.connection.execute(f"delete from {quote(typed)} where not is_plain")
        select = (f"select file_row, {names} from ({staged.rows_sql()}) semi join {quote(judged)} using (file_row) "
                  f"order by file_row")
        casts = ", ".join(f"cast({quote(column.name)} as {DUCKDB_TYPES[column.type]}) as {quote(column.name)}"
                          for column in dataset.columns)
        for batch in self.stream(select):
            frame = batch.to_pandas()
            numbers = frame.pop("file_row").tolist()
            table = RawTable(frame.astype(object), staged.file_name, staged.header_rows, staged.decimal_comma, numbers)
            result, problems, total = check_rows(table, dataset, lookups, keys_and_references=False)
            collected.add(problems, total)
            result.insert(0, "file_row", numbers)
            result["is_plain"] = False
            self.insert_arrow(f"insert into {quote(typed)} by name select file_row, {casts}, is_plain "
                              f"from incoming_rows", result)
        self.drop(judged)

    def _problem_rows(self, select: str, staged: StagedFile, column: str) -> list[tuple]:
        """(file row, raw value of `column`, key text, extra) of the rows a check query finds, the first kept only."""
        raw = (f"select p.*, s.{quote(column)} as raw_value from ({select}) as p join ({staged.rows_sql()}) as s "
               f"using (file_row) order by p.file_row limit {MAX_KEPT_PROBLEMS}")
        return self.connection.execute(raw).fetchall()

    def _check_keys(self, staged: StagedFile, dataset: Dataset, typed: str, tables: CheckTables,
                    collected: Collected) -> None:
        keys = [quote(name) for name in dataset.key]
        complete = " and ".join(f"{key} is not null" for key in keys)
        key_text = " || ', ' || ".join(key_text_sql(quote(name), dataset.column(name)) for name in dataset.key)
        partition = ", ".join(keys)
        duplicates = (f"select file_row, {key_text} as key_text, first_row from (select *, row_number() over "
                      f"(partition by {partition} order by file_row) as position, min(file_row) over (partition by "
                      f"{partition}) as first_row from {quote(typed)} where {complete}) where position > 1")
        last = dataset.key[-1]
        # An aggregate first: far cheaper than the window, and most files repeat no key at all.
        repeated = self.connection.execute(f"select count(*) from {quote(typed)} where {complete} group by "
                                           f"{partition} having count(*) > 1 limit 1").fetchone()
        count = self.connection.execute(f"select count(*) from ({duplicates})").fetchone()[0] if repeated else 0
        if count:
            rows = self._problem_rows(duplicates, staged, last) if collected.room else []
            collected.add([Problem(staged.file_name, row[0], last, "duplicate_key", row[3],
                                   (("key", row[1]), ("first_row", str(row[2])))) for row in rows], count)
        if not tables.existing:
            return
        matches = " and ".join(f"t.{key} = e.{key}" for key in keys)
        existing = " union all ".join(f"select {partition} from {quote(table)}" for table in tables.existing)
        already = (f"select file_row, {key_text} as key_text from {quote(typed)} as t "
                   f"where {complete} and exists (select 1 from ({existing}) as e where {matches})")
        count = self.connection.execute(f"select count(*) from ({already})").fetchone()[0]
        if count:
            rows = self._problem_rows(already, staged, last) if collected.room else []
            collected.add([Problem(staged.file_name, row[0], last, "key_already_loaded", row[2],
                                   (("key", row[1]),)) for row in rows], count)

    def _check_references(self, staged: StagedFile, dataset: Dataset, typed: str, tables: CheckTables,
                          collected: Collected) -> None:
        for reference in dataset.references:
            columns = [quote(name) for name in reference.columns]
            complete = " and ".join(f"t.{column} is not null" for column in columns)
            target = tables.references.get(reference.dataset)
            if target is None:
                known = "select 1 where false"
            else:
                matches = " and ".join(f"k.{quote(target_column)} = t.{column}"
                                       for target_column, column in zip(reference.target_columns, columns))
                known = f"select 1 from {quote(target)} as k where {matches}"
            missing = f"select t.file_row from {quote(typed)} as t where {complete} and not exists ({known})"
            count = self.connection.execute(f"select count(*) from ({missing})").fetchone()[0]
            if count:
                last = reference.columns[-1]
                rows = self._problem_rows(missing, staged, last) if collected.room else []
                collected.add([Problem(staged.file_name, row[0], last, "unknown_reference", row[1],
                                       (("dataset", reference.dataset),)) for row in rows], count)


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

def parquet_text(column: str, duckdb_type: str) -> str:
    """A Parquet column as the text validate.py's reader made of it (cell_text), in SQL."""
    kind = duckdb_type.upper()
    if kind == "VARCHAR":
        return column
    if kind == "BOOLEAN":
        return f"case when {column} then 'true' when not {column} then 'false' end"
    if kind == "DATE":
        return f"strftime({column}, '%Y-%m-%d')"
    # DuckDB 2.0 names nanosecond times with a zone TIMESTAMPTZ_NS
    has_zone = kind.startswith("TIMESTAMP") and (kind.endswith("WITH TIME ZONE") or kind.startswith("TIMESTAMPTZ"))
    if kind.startswith("TIMESTAMP") and not has_zone:
        return timestamp_text_sql(f"cast({column} as timestamp)")
    if has_zone:  # as Python's isoformat(sep=" "): 2026-05-02 10:00:00+08:00
        minutes = f"(timezone_hour({column}) * 60 + timezone_minute({column}))"
        return (f"strftime({column}, '%Y-%m-%d %H:%M:%S') || case when microsecond({column}) % 1000000 = 0 then '' "
                f"else strftime({column}, '.%f') end || case when {minutes} < 0 then '-' else '+' end || "
                f"lpad(cast(abs({minutes}) // 60 as varchar), 2, '0') || ':' || "
                f"lpad(cast(abs({minutes}) % 60 as varchar), 2, '0')")
    if kind in ("DOUBLE", "FLOAT"):
        return (f"case when isfinite({column}) and {column} = trunc({column}) and abs({column}) < 1e15 "
                f"then cast(cast({column} as bigint) as varchar) else cast({column} as varchar) end")
    return f"cast({column} as varchar)"


def timestamp_text_sql(value: str) -> str:
    """A timestamp as Python's isoformat(sep=" ") writes it, a midnight as the date alone."""
    return (f"case when {value} = date_trunc('day', {value}) then strftime({value}, '%Y-%m-%d') "
            f"when microsecond({value}) % 1000000 = 0 then strftime({value}, '%Y-%m-%d %H:%M:%S') "
            f"else strftime({value}, '%Y-%m-%d %H:%M:%S.%f') end")


def key_text_sql(value: str, column: Column) -> str:
    """A typed key part as the text validate.py compares and shows keys in."""
    if column.type in ("date", "month"):
        return f"strftime({value}, '%Y-%m-%d')"
    if column.type == "timestamp":
        return timestamp_text_sql(value)
    if column.type == "boolean":
        return f"case when {value} then 'true' else 'false' end"
    return f"cast({value} as varchar)"


def _plain_value_sql(raw: str, column: Column, decimal_comma: bool, lookups: Lookups) -> tuple[str, str]:
    """(SQL true when a non-empty raw value is plainly valid, SQL of its typed value when it is)."""
    # A value is plain when DuckDB's cast, written back, gives the value as written: then Python's parser reads
    # the same value from it (within the contract's ranges, below 2**53, a float holds every integer exactly).
    if column.type == "integer":
        typed = f"try_cast({raw} as bigint)"
        plain = f"cast({typed} as varchar) = {raw}"
    elif column.type == "number":
        if decimal_comma:
            typed = f"try_cast(replace({raw}, ',', '.') as double)"
            plain = f"regexp_full_match({raw}, '[+-]?[0-9]{{1,15}}(,[0-9]{{1,15}})?')"
        else:
            typed = f"try_cast({raw} as double)"
            plain = f"regexp_full_match({raw}, '[+-]?[0-9]{{1,15}}(\\.[0-9]{{1,15}})?')"
    elif column.type == "date":
        typed = f"try_cast({raw} as date)"
        plain = f"strftime({typed}, '%Y-%m-%d') = {raw}"
    elif column.type == "month":
        typed = f"try_cast(case when length({raw}) = 7 then {raw} || '-01' else {raw} end as date)"
        plain = f"(strftime({typed}, '%Y-%m') = {raw} or strftime({typed}, '%Y-%m-01') = {raw})"
    elif column.type == "timestamp":
        typed = f"try_cast({raw} as timestamp)"
        plain = f"strftime({typed}, '%Y-%m-%d %H:%M:%S') = {raw}"
    elif column.type == "boolean":
        words = ", ".join(sql_text(word) for word in sorted(TRUE_WORDS | FALSE_WORDS))
        true_words = ", ".join(sql_text(word) for word in sorted(TRUE_WORDS))
        typed = f"lower({raw}) in ({true_words})"
        plain = f"lower({raw}) in ({words})"
    else:
        typed = raw
        # Other types' forms leave no room for spaces at the edges; text must be checked for them.
        plain = f"not regexp_matches({raw}, {sql_text(CONTROL + '|' + EDGE_SPACE)})"
    rules = [plain]
    if column.type in ("integer", "number"):
        if column.minimum is not None:
            rules.append(f"{typed} >= {_number_literal(column.minimum)}")
        if column.maximum is not None:
            rules.append(f"{typed} <= {_number_literal(column.maximum)}")
    if column.type in ("date", "month", "timestamp"):
        earliest = column.earliest or DATE_FLOOR
        day = f"cast({typed} as date)"
        rules.append(f"{day} >= date '{earliest.isoformat()}'")
        rules.append(f"{day} <= $today" if column.not_future
                     else f"{day} <= date '{(column.latest or DATE_CEILING).isoformat()}'")
    if column.max_length is not None:
        rules.append(f"length({raw}) <= {int(column.max_length)}")
    if column.allowed is not None:
        rules.append(f"{raw} in ({', '.join(sql_text(word) for word in column.allowed)})")
    if column.query_or is not None:
        known = sorted(lookups.queries | set(column.query_or))
        rules.append(f"{raw} in ({', '.join(sql_text(word) for word in known)})" if known else "false")
    return " and ".join(f"({rule})" for rule in rules), typed


def plain_rows_sql(dataset: Dataset, decimal_comma: bool, regions: str | None, lookups: Lookups) -> str:
    """SQL (with `{rows}` to fill in) of each staged row typed, and whether SQL alone can pass it: every value
    plainly valid and every rule between them kept. A row that is not goes to the pandas checks."""
    # A place is checked against the map base's cells and a KPI value against its KPI's method in Python: those
    # datasets are small, and their every row goes to the pandas checks.
    judged_wholly = dataset.location is not None or dataset.name == "kpi_values"
    selects, conditions, joins = ["r.file_row"], [], []
    for position, column in enumerate(dataset.columns):
        raw = f"r.{quote(column.name)}"
        plain, typed = _plain_value_sql(raw, column, decimal_comma, lookups)
        if column.pattern is not None:
            extra = ", ".join(sql_text(code) for code in dataset.extra_entity_codes)
            pattern_rule = f"regexp_full_match({raw}, {sql_text(column.pattern.removeprefix('^').removesuffix('$'))})"
            if column.region_levels and dataset.name != "regions":
                if regions is None:
                    pattern_rule = "false"
                else:
                    alias = f"region_{position}"
                    joins.append(f"left join {quote(regions)} as {alias} on {alias}.region_code = {raw}")
                    levels = ", ".join(sql_text(level) for level in column.region_levels)
                    pattern_rule += f" and {alias}.level in ({levels})"
            plain = f"({plain}) and ({raw} in ({extra}) or ({pattern_rule}))" if extra else \
                f"({plain}) and ({pattern_rule})"
        empty = f"{raw} = ''"
        value_ok = f"(not {empty} and {plain})" if column.required else f"({empty} or ({plain}))"
        conditions.append(f"coalesce({value_ok}, false)")
        selects.append(f"case when {empty} then null else cast({typed} as {DUCKDB_TYPES[column.type]}) end "
                       f"as {quote(column.name)}")
    typed_of = {column.name: f"(case when {f'r.{quote(column.name)}'} = '' then null else "
                f"{_plain_value_sql(f'r.{quote(column.name)}', column, decimal_comma, lookups)[1]} end)"
                for column in dataset.columns}
    for comparison in dataset.comparisons:
        value, limit = typed_of[comparison.column], typed_of[comparison.limit_column]
        wrong = f"{value} < {limit}" if comparison.not_before else f"{value} > {limit}"
        conditions.append(f"not coalesce({wrong}, false)")
    is_plain = "false" if judged_wholly else " and ".join(conditions)
    selects.append(f"{is_plain} as is_plain")
    return f"select {', '.join(selects)} from ({{rows}}) as r {' '.join(joins)}"

