"""Read a data file and check it against the contract, row by row, without touching the warehouse."""
from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import h3
import pandas as pd

from smartisland import clock
from smartisland.config import QUERIES_DIR, reference_file
from smartisland.contract import (
    DATASETS,
    DATE_CEILING,
    DATE_FLOOR,
    DISTRICT_RING,
    Column,
    Comparison,
    Dataset,
    Location,
)
from smartisland.geo import land_cell_districts
from smartisland.intake.workbook import open_sheet
from smartisland.problems import (  # noqa: F401 (the loader's problems, as the rest of the house imports them)
    CONTROL_PATTERN,
    MAX_KEPT_PROBLEMS,
    MAX_SHOWN_VALUE,
    FileRefused,
    Problem,
    level_words,
    shown_value,
)

READABLE_SUFFIXES = (".csv", ".xlsx", ".parquet")
TRUE_WORDS = {"true", "1", "ya", "yes", "y", "benar"}
FALSE_WORDS = {"false", "0", "tidak", "no", "n", "salah"}
NUMBER_PATTERN = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
# A number written with points between groups of three digits: 1.234 or 1.234.567 (thousands, or a decimal?).
THOUSANDS_PATTERN = re.compile(r"[+-]?[0-9]{1,3}(\.[0-9]{3})+")
COORDINATE_COLUMNS = ("lat", "lon")
NOT_FINITE_PATTERN = re.compile(r"[+-]?(inf|infinity|nan)", re.IGNORECASE)
# A time zone or UTC offset after a time of day: "10:00:00+08:00", "10:00Z", "10:00:00.5 -0700".
OFFSET_PATTERN = re.compile(r".*\d:\d\d(:\d\d(\.\d+)?)?\s*(Z|[+-]\d\d(:?\d\d)?)", re.IGNORECASE)


@dataclass
class RawTable:
    """A file read as text cells, before any typing."""
    frame: pd.DataFrame
    file_name: str
    header_rows: int  # rows before the first data row, for spreadsheet row numbers
    decimal_comma: bool = False
    row_numbers: list[int] | None = None  # each row's spreadsheet row, when blank rows were skipped
    sheet_note: Problem | None = None  # which sheet of a workbook was read


def query_names(folder: Path = QUERIES_DIR) -> frozenset[str]:
    """The queries a KPI's method may name (as smartisland.db.query_names, without importing Streamlit)."""
    return frozenset(path.stem for path in folder.glob("*.sql"))


@dataclass
class Lookups:
    """What the checks compare against: regions by level, the key sets of referenced datasets, the methods of
    the KPIs, the query files and the land cells of the map base."""
    region_levels: dict[str, str] = field(default_factory=dict)
    keys: dict[str, set[tuple]] = field(default_factory=dict)
    existing_keys: set[tuple] | None = None  # keys of an append dataset already in the warehouse
    today: date = field(default_factory=clock.today)
    kpi_methods: dict[str, str] = field(default_factory=dict)  # kpi_id -> method, for kpi_values
    queries: frozenset[str] = field(default_factory=query_names)
    land_cells_file: Path = field(default_factory=lambda: reference_file("land_cells.csv"))  # the map base


# --- reading -------------------------------------------------------------------------------------

def read_table(path: Path, display_name: str | None = None, sheets: tuple[str, ...] = ()) -> RawTable:
    """Read CSV (UTF-8, comma or semicolon), XLSX (the first of `sheets` it has, else its first visible sheet) or
    Parquet into text cells."""
    name = display_name or path.name
    if not path.exists():
        raise FileRefused([Problem(name, None, None, "file_not_found")])
    suffix = path.suffix.lower()
    if suffix not in READABLE_SUFFIXES:
        raise FileRefused([Problem(name, None, None, "unsupported_kind")])
    if not path.is_file():
        raise FileRefused([Problem(name, None, None, "not_a_file")])
    try:
        if suffix == ".csv":
            return _read_csv(path.read_bytes(), name)
        if suffix == ".xlsx":
            return _read_xlsx(path, name, sheets)
        return _read_parquet(path, name)
    except FileRefused:
        raise
    except Exception as error:  # a corrupt file: the library's own words are the most precise detail
        raise FileRefused([Problem(name, None, None, "unreadable", params=(("detail", first_line(error)),))]) from None


def _read_xlsx(path: Path, name: str, sheets: tuple[str, ...] = ()) -> RawTable:
    _, chosen = open_sheet(path, name, sheets)
    note = chosen.note(name)
    # Without a header row pandas keeps the header cells as written: duplicates are not renamed "x.1".
    sheet = pd.read_excel(path, sheet_name=chosen.name, header=None, dtype=object, engine="openpyxl")
    if sheet.empty:
        raise FileRefused([Problem(name, None, None, "empty_file")])
    cells = sheet.apply(lambda column: column.map(cell_text)).astype(object)
    header = list(cells.iloc[0])
    body = cells.iloc[1:]
    # A column without a header and without values is formatting left in the sheet, not data.
    keep = [position for position, title in enumerate(header) if title != "" or (body.iloc[:, position] != "").any()]
    body = body.iloc[:, keep]
    body.columns = [header[position] for position in keep]
    body = body[(body != "").any(axis=1)]
    row_numbers = [int(index) + 1 for index in body.index]
    return RawTable(body.reset_index(drop=True), name, 1, row_numbers=row_numbers, sheet_note=note)


def _read_parquet(path: Path, name: str) -> RawTable:
    frame = pd.read_parquet(path)
    frame.columns = [str(column).strip() for column in frame.columns]
    return RawTable(frame.apply(lambda column: column.map(cell_text)).astype(object), name, 0)


def first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


def cell_text(value) -> str:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        # A time zone is kept in the text, so that the checks refuse it instead of dropping it unseen.
        if value.tzinfo is None and value.time() == datetime.min.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_csv(data: bytes, name: str) -> RawTable:
    first_line = data.split(b"\n", 1)[0]
    # UTF-16, with a byte order mark or without one (then every other byte of an ASCII header is a NUL).
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or first_line.count(b"\x00") * 3 >= len(first_line) > 0:
        raise FileRefused([Problem(name, 1, None, "encoding", value="UTF-16")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        bad = data[error.start: error.start + 4]
        raise FileRefused([Problem(name, row, None, "encoding", value=bad.hex(" "))]) from None
    if not text.strip():
        raise FileRefused([Problem(name, None, None, "empty_file")])
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    # Python's csv reader, not pandas': pandas cuts a value at a NUL byte, renames repeated headers ("x.1")
    # and turns a comma at the end of every row into an index column, each hiding what is wrong.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as error:
        raise FileRefused([Problem(name, reader.line_num, None, "unreadable",
                                   params=(("detail", first_line(error)),))]) from None
    header = [cell.strip() for cell in records[0]]
    rows = [(number, record) for number, record in enumerate(records[1:], start=2)
            if any(cell.strip() for cell in record)]
    _check_row_widths(header, rows, delimiter, name)
    frame = pd.DataFrame([record for _, record in rows], columns=range(len(header)), dtype=object)
    frame.columns = header
    # Spreadsheet exports with semicolons are Indonesian-locale ones, whose decimal mark is a comma.
    return RawTable(frame, name, 1, decimal_comma=delimiter == ";", row_numbers=[number for number, _ in rows])


def _check_row_widths(header: list[str], rows: list[tuple[int, list[str]]], delimiter: str, name: str) -> None:
    """Every row as wide as the header; a separator at the end of every line is named as such."""
    width = len(header)
    ends_blank = all(record and not record[-1].strip() for _, record in rows)
    header_has_extra = width > 1 and header[-1] == ""
    if header_has_extra and ends_blank and all(len(record) == width for _, record in rows):
        raise FileRefused([Problem(name, 1, None, "trailing_separator", params=(("separator", delimiter),))])
    if rows and ends_blank and all(len(record) == width + 1 for _, record in rows):
        raise FileRefused([Problem(name, rows[0][0], None, "trailing_separator", params=(("separator", delimiter),))])
    problems = [Problem(name, number, None, "malformed_row", params=(("found", str(len(record))),
                                                                      ("expected", str(width))))
                for number, record in rows if len(record) != width]
    if problems:
        raise FileRefused(problems[:MAX_KEPT_PROBLEMS], total=len(problems))


# --- checking ------------------------------------------------------------------------------------

def check_columns(table: RawTable, dataset: Dataset) -> list[Problem]:
    """Missing, unknown, unnamed and repeated columns; a file of another dataset is named as such."""
    return check_column_names(list(table.frame.columns), dataset, table.file_name)


def check_column_names(present: list[str], dataset: Dataset, file_name: str) -> list[Problem]:
    """check_columns for a header as read (a staged file has no frame)."""
    expected = set(dataset.column_names)
    problems: list[Problem] = []
    missing = [name for name in dataset.column_names if name not in present]
    unknown = [name for name in dict.fromkeys(present) if name not in expected and name != ""]
    if missing:
        other = _best_matching_dataset(set(present), dataset)
        if other is not None:
            return [Problem(file_name, 1, None, "other_dataset",
                            params=(("other", other), ("dataset", dataset.name)))]
    for name in sorted({name for name in present if present.count(name) > 1 and name != ""}):
        problems.append(Problem(file_name, 1, name, "duplicate_column",
                                params=(("count", str(present.count(name))),)))
    problems += [Problem(file_name, 1, None, "unnamed_column", value=str(position))
                 for position, name in enumerate(present, start=1) if name == ""]
    problems += [Problem(file_name, 1, name, "missing_column") for name in missing]
    problems += [Problem(file_name, 1, name, "unknown_column",
                         params=(("expected", ", ".join(dataset.column_names)),)) for name in unknown]
    return problems


def _best_matching_dataset(present: set[str], wanted: Dataset) -> str | None:
    """The other dataset whose columns the file has all of, if any."""
    for other in DATASETS:
        if other.name != wanted.name and set(other.column_names) <= present:
            return other.name
    return None


def check_rows(table: RawTable, dataset: Dataset, lookups: Lookups,
               keys_and_references: bool = True) -> tuple[pd.DataFrame, list[Problem], int]:
    """Type every column and apply every rule; returns the typed frame, the problems kept (at most
    MAX_KEPT_PROBLEMS) and how many were found in all. Without `keys_and_references`, only the rules within a
    row (the staging checks some rows here, and keys and references over the whole file in SQL)."""
    frame = table.frame
    if frame.empty:
        return frame, [Problem(table.file_name, None, None, "empty_file")], 1
    numbers = table.row_numbers or range(table.header_rows + 1, table.header_rows + 1 + len(frame))
    collector = _Collector(table.file_name, pd.Series(list(numbers), index=frame.index))
    typed = {}
    for column in dataset.columns:
        raw = frame[column.name].astype(str).str.strip()
        typed[column.name] = _check_column(raw, column, table, lookups, dataset, collector)
    result = pd.DataFrame(typed, index=frame.index)
    for comparison in dataset.comparisons:
        _check_comparison(result, frame, comparison, collector)
    if dataset.location is not None:
        _check_location(result, frame, dataset.location, lookups, collector)
    if dataset.name == "kpi_values":
        _check_manual_kpis(result, frame, lookups, collector)
    if not keys_and_references:
        return result, collector.sorted_problems(), collector.total
    _check_keys(result, frame, dataset, lookups, collector)
    for reference in dataset.references:
        known = lookups.keys.get(reference.dataset, set())
        pairs = zip(*(result[name] for name in reference.columns))
        missing = pd.Series([all(pd.notna(part) for part in pair) and _normalise_key(pair) not in known
                             for pair in pairs], index=frame.index)
        collector.add(missing, reference.columns[-1], frame[reference.columns[-1]], "unknown_reference",
                      dataset=reference.dataset)
    return result, collector.sorted_problems(), collector.total


class _Collector:
    def __init__(self, file_name: str, row_numbers: pd.Series):
        self.file_name = file_name
        self.row_numbers = row_numbers
        self.problems: list[Problem] = []
        self.total = 0

    def add(self, mask: pd.Series, column: str, values: pd.Series, code: str, **params) -> None:
        if not mask.any():
            return
        hits = mask[mask].index
        self.total += len(hits)
        room = MAX_KEPT_PROBLEMS - len(self.problems)
        frozen = tuple((name, str(value)) for name, value in params.items())
        for index in hits[: max(room, 0)]:
            self.problems.append(Problem(self.file_name, int(self.row_numbers[index]), column, code,
                                         str(values[index]), frozen))

    def add_one(self, index, column: str, value, code: str, **params) -> None:
        self.total += 1
        if len(self.problems) < MAX_KEPT_PROBLEMS:
            frozen = tuple((name, str(item)) for name, item in params.items())
            self.problems.append(Problem(self.file_name, int(self.row_numbers[index]), column, code, str(value), frozen))

    def sorted_problems(self) -> list[Problem]:
        return sorted(self.problems, key=lambda problem: (problem.row or 0, problem.column or ""))


def _check_column(raw: pd.Series, column: Column, table: RawTable, lookups: Lookups, dataset: Dataset,
                  collector: _Collector) -> pd.Series:
    empty = raw == ""
    if column.required:
        collector.add(empty, column.name, raw, "required")
    present = ~empty
    parser: Callable = _parse_coordinate if column.name in COORDINATE_COLUMNS else _PARSERS[column.type]
    outcomes = {value: parser(value, table.decimal_comma) for value in raw[present].unique()}
    # Built as objects: pandas would infer datetime64 and turn a missing value into NaT, which compares with nothing.
    parsed = pd.Series([outcomes[value][0] if value in outcomes else None for value in raw], index=raw.index,
                       dtype=object)
    codes = pd.Series([outcomes[value][1] if value in outcomes else "" for value in raw], index=raw.index)
    for code in sorted(set(codes[present]) - {""}):
        collector.add(present & (codes == code), column.name, raw, code)
    good = present & (codes == "")
    outside = pd.Series(False, index=raw.index)

    def refuse(mask: pd.Series, code: str, **params) -> None:
        nonlocal outside
        collector.add(mask, column.name, raw, code, **params)
        outside = outside | mask

    if column.type in ("number", "integer"):
        numbers = pd.to_numeric(parsed.where(good), errors="coerce")
        if column.minimum is not None:
            code = "negative" if column.minimum == 0 else "below_minimum"
            refuse(good & (numbers < column.minimum), code, minimum=_plain(column.minimum))
        if column.maximum is not None:
            refuse(good & (numbers > column.maximum), "above_maximum", maximum=_plain(column.maximum))
    if column.type in ("date", "month", "timestamp"):
        days = parsed.map(lambda value: value.date() if isinstance(value, datetime) else value)
        earliest = column.earliest or DATE_FLOOR
        latest = lookups.today if column.not_future else (column.latest or DATE_CEILING)
        refuse(good & days.map(lambda day: isinstance(day, date) and day < earliest), "date_too_early",
               earliest=earliest.isoformat())
        refuse(good & days.map(lambda day: isinstance(day, date) and day > latest),
               "future_date" if column.not_future else "date_too_late", latest=latest.isoformat())
    if column.max_length is not None:
        refuse(good & (raw.str.len() > column.max_length), "too_long", max_length=column.max_length)
    if column.allowed is not None:
        refuse(good & ~raw.isin(column.allowed), "not_allowed", allowed=", ".join(column.allowed))
    if column.query_or is not None:
        words = ", ".join(column.query_or)
        refuse(good & ~raw.isin(lookups.queries | set(column.query_or)),
               "unknown_query_or" if words else "unknown_query", words=words)
    if column.pattern is not None:
        extra = raw.isin(dataset.extra_entity_codes)
        badly_formed = good & ~extra & ~raw.str.fullmatch(column.regex)
        refuse(badly_formed, "bad_code")
        if column.region_levels and dataset.name != "regions":
            levels = raw.map(lookups.region_levels)
            well_formed = good & ~extra & ~badly_formed
            refuse(well_formed & levels.isna(), "unknown_region")
            wrong_level = well_formed & levels.notna() & ~levels.isin(column.region_levels)
            refuse(wrong_level, "wrong_region_level", levels=" ".join(column.region_levels))
    return _typed(parsed, good & ~outside, column)


def _typed(parsed: pd.Series, valid: pd.Series, column: Column) -> pd.Series:
    """The values of one column in the type the warehouse stores; refused values are missing."""
    if column.type == "integer":
        return pd.Series(pd.array([int(value) if ok else None for value, ok in zip(parsed, valid)], dtype="Int64"),
                         index=parsed.index)
    if column.type == "number":
        return pd.to_numeric(parsed.where(valid), errors="coerce")
    if column.type == "timestamp":
        return pd.to_datetime(parsed.where(valid, None))
    return parsed.where(valid, None).astype(object)


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _parse_text(text: str, decimal_comma: bool) -> tuple[object, str]:
    return text, "control_character" if CONTROL_PATTERN.search(text) else ""


def _parse_coordinate(text: str, decimal_comma: bool) -> tuple[object, str]:
    """A coordinate: in a semicolon file a GIS tool still writes it with a decimal point (115.15796), and no one
    writes a coordinate with thousands separators; only a number that reads as thousands (1.234) is ambiguous."""
    if decimal_comma and "." in text and "," not in text and not THOUSANDS_PATTERN.fullmatch(text):
        return _parse_number(text, False)
    return _parse_number(text, decimal_comma)


def _parse_number(text: str, decimal_comma: bool) -> tuple[object, str]:
    if decimal_comma:
        if "." in text:  # 1.616 in an Indonesian file may be 1,616 (a thousands point) or 1.616
            return math.nan, "ambiguous_decimal"
        text = text.replace(",", ".")
    if NOT_FINITE_PATTERN.fullmatch(text):
        return math.nan, "not_finite"
    if not NUMBER_PATTERN.fullmatch(text):
        return math.nan, "not_number"
    number = float(text)
    return (number, "") if math.isfinite(number) else (math.nan, "not_finite")


def _parse_integer(text: str, decimal_comma: bool) -> tuple[object, str]:
    number, code = _parse_number(text, decimal_comma)
    if code == "not_number" or (not code and not number.is_integer()):
        return math.nan, "not_integer"
    return number, code


def _parse_date(text: str, decimal_comma: bool) -> tuple[object, str]:
    if OFFSET_PATTERN.fullmatch(text):
        return None, "time_zone"
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date(), ""
        except ValueError:
            pass
    return None, "not_date"


def _parse_month(text: str, decimal_comma: bool) -> tuple[object, str]:
    try:
        return datetime.strptime(text, "%Y-%m").date(), ""
    except ValueError:
        pass
    day, code = _parse_date(text, decimal_comma)
    if code == "time_zone":
        return None, code
    return (day, "") if day is not None and day.day == 1 else (None, "not_month")


def _parse_timestamp(text: str, decimal_comma: bool) -> tuple[object, str]:
    if OFFSET_PATTERN.fullmatch(text):
        return None, "time_zone"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None, "not_timestamp"
    return (moment, "") if moment.tzinfo is None else (None, "time_zone")


def _parse_boolean(text: str, decimal_comma: bool) -> tuple[object, str]:
    word = text.lower()
    if word in TRUE_WORDS:
        return True, ""
    return (False, "") if word in FALSE_WORDS else (None, "not_boolean")


_PARSERS = {
    "text": _parse_text,
    "number": _parse_number,
    "integer": _parse_integer,
    "date": _parse_date,
    "month": _parse_month,
    "timestamp": _parse_timestamp,
    "boolean": _parse_boolean,
}


def _check_comparison(result: pd.DataFrame, raw: pd.DataFrame, comparison: Comparison, collector: _Collector) -> None:
    values, limits = result[comparison.column], result[comparison.limit_column]
    both = values.notna() & limits.notna()
    if comparison.not_before:
        wrong = [bool(ok) and value < limit for value, limit, ok in zip(values, limits, both)]
    else:
        wrong = [bool(ok) and value > limit for value, limit, ok in zip(values, limits, both)]
    collector.add(pd.Series(wrong, index=result.index, dtype=bool), comparison.column, raw[comparison.column],
                  "before" if comparison.not_before else "exceeds", limit_column=comparison.limit_column)


def _check_location(result: pd.DataFrame, raw: pd.DataFrame, location: Location, lookups: Lookups,
                    collector: _Collector) -> None:
    """A place must lie in (or within DISTRICT_RING cells of) a land cell of its own village's district; a
    district the base has no cells for is not judged."""
    districts, resolution = land_cell_districts(str(lookups.land_cells_file))
    if not districts:
        return
    judged = set(districts.values())
    columns = zip(result[location.lat_column], result[location.lon_column], result[location.village_column])
    for index, (lat, lon, village) in zip(result.index, columns):
        if pd.isna(lat) or pd.isna(lon) or not isinstance(village, str):
            continue
        district = ".".join(village.split(".")[:3])
        if lookups.region_levels.get(village) != "village" or district not in judged:
            continue
        nearby = h3.grid_disk(h3.latlng_to_cell(float(lat), float(lon), resolution), DISTRICT_RING)
        if not any(districts.get(cell) == district for cell in nearby):
            value = f"{raw.at[index, location.lat_column]}, {raw.at[index, location.lon_column]}"
            collector.add_one(index, f"{location.lat_column}, {location.lon_column}", value, "outside_district",
                              district=district, village=village)


def _check_manual_kpis(result: pd.DataFrame, raw: pd.DataFrame, lookups: Lookups, collector: _Collector) -> None:
    """A value is entered only for a manual KPI: a computed one takes its values from its query."""
    for index, kpi_id in result["kpi_id"].items():
        method = lookups.kpi_methods.get(kpi_id) if isinstance(kpi_id, str) else None
        if method is not None and method != "manual":
            collector.add_one(index, "kpi_id", raw.at[index, "kpi_id"], "computed_kpi", method=method)


def _check_keys(result: pd.DataFrame, raw: pd.DataFrame, dataset: Dataset, lookups: Lookups,
                collector: _Collector) -> None:
    key_frame = result[list(dataset.key)]
    complete = key_frame.notna().all(axis=1)
    keys = pd.Series([_normalise_key(key) for key in key_frame.itertuples(index=False, name=None)],
                     index=result.index)
    duplicated = complete & keys.duplicated(keep="first")
    if duplicated.any():
        first_rows = {}
        for index, key in keys[complete].items():
            first_rows.setdefault(key, int(collector.row_numbers[index]))
        for index in duplicated[duplicated].index:
            collector.add_one(index, dataset.key[-1], raw.at[index, dataset.key[-1]], "duplicate_key",
                              key=", ".join(keys[index]), first_row=first_rows[keys[index]])
    if lookups.existing_keys:
        typed_keys = pd.Series(list(map(tuple, key_frame.values)), index=result.index)
        already = complete & typed_keys.map(lambda key: _normalise_key(key) in lookups.existing_keys)
        for index in already[already].index:
            collector.add_one(index, dataset.key[-1], raw.at[index, dataset.key[-1]], "key_already_loaded",
                              key=", ".join(keys[index]))


def _normalise_key(key: tuple) -> tuple:
    """Keys compared as text, so that a date from a file and a date from DuckDB meet."""
    return tuple(cell_text(part) for part in key)


def key_set(frame: pd.DataFrame, columns: tuple[str, ...]) -> set[tuple]:
    """Keys of a frame in the normalised form the checks compare."""
    return {_normalise_key(row) for row in frame[list(columns)].itertuples(index=False, name=None)}
