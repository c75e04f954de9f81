"""Read a data file and check it against the contract, row by row, without touching the warehouse."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable

import pandas as pd

from smartisland import clock
from smartisland.contract import DATASETS, Column, Dataset
from smartisland.i18n import t

READABLE_SUFFIXES = (".csv", ".xlsx", ".parquet")
TRUE_WORDS = {"true", "1", "ya", "yes", "y", "benar"}
FALSE_WORDS = {"false", "0", "tidak", "no", "n", "salah"}
MAX_KEPT_PROBLEMS = 10_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file; `row` counts as a spreadsheet user does (the header is row 1)."""
    file: str
    row: int | None
    column: str | None
    code: str
    value: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    def message(self, language: str | None = None) -> str:
        text = t(f"problem.{self.code}", language, **dict(self.params))
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        column = f" {self.column}:" if self.column else ""
        value = "" if self.value is None else f" ({t('load.value_word', language)}: {self.value})"
        return f"{where}:{column} {text}{value}"


class FileRefused(Exception):
    """Raised when a file cannot even be read as a table; carries the problems found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].code if problems else "refused")
        self.problems = problems


@dataclass
class RawTable:
    """A file read as text cells, before any typing."""
    frame: pd.DataFrame
    file_name: str
    header_rows: int  # rows before the first data row, for spreadsheet row numbers
    decimal_comma: bool = False


@dataclass
class Lookups:
    """What the checks compare against: regions by level, and the key sets of referenced datasets."""
    region_levels: dict[str, str] = field(default_factory=dict)
    keys: dict[str, set[tuple]] = field(default_factory=dict)
    existing_keys: set[tuple] | None = None  # keys of an append dataset already in the warehouse
    today: date = field(default_factory=clock.today)


# --- reading -------------------------------------------------------------------------------------

def read_table(path: Path, display_name: str | None = None) -> RawTable:
    """Read CSV (UTF-8, comma or semicolon), XLSX (first sheet) or Parquet into text cells."""
    name = display_name or path.name
    if not path.exists():
        raise FileRefused([Problem(name, None, None, "file_not_found")])
    suffix = path.suffix.lower()
    if suffix not in READABLE_SUFFIXES:
        raise FileRefused([Problem(name, None, None, "unsupported_kind")])
    if suffix == ".csv":
        return _read_csv(path.read_bytes(), name)
    try:
        if suffix == ".xlsx":
            frame = pd.read_excel(path, sheet_name=0, dtype=object, engine="openpyxl")
            header_rows = 1
        else:
            frame = pd.read_parquet(path)
            header_rows = 0
    except Exception as error:  # a corrupt file: the library's own words are the most precise detail
        raise FileRefused([Problem(name, None, None, "unreadable", params=(("detail", _first_line(error)),))])
    frame.columns = [str(column).strip() for column in frame.columns]
    return RawTable(frame.apply(lambda column: column.map(_cell_text)).astype(object), name, header_rows)


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


def _cell_text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_csv(data: bytes, name: str) -> RawTable:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused([Problem(name, 1, None, "encoding", value="UTF-16")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        bad = data[error.start: error.start + 4]
        raise FileRefused([Problem(name, row, None, "encoding", value=bad.hex(" "))]) from None
    if not text.strip():
        raise FileRefused([Problem(name, None, None, "empty_file")])
    header = text.splitlines()[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                            skip_blank_lines=True, engine="c")
    except pd.errors.ParserError as error:
        match = re.search(r"line (\d+)", str(error))
        row = int(match.group(1)) if match else None
        raise FileRefused([Problem(name, row, None, "malformed_row")]) from None
    frame.columns = [str(column).strip() for column in frame.columns]
    # Spreadsheet exports with semicolons are Indonesian-locale ones, whose decimal mark is a comma.
    return RawTable(frame, name, 1, decimal_comma=delimiter == ";")


# --- checking ------------------------------------------------------------------------------------

def check_columns(table: RawTable, dataset: Dataset) -> list[Problem]:
    """Missing, unknown and repeated columns; a file of another dataset is named as such."""
    present = list(table.frame.columns)
    expected = set(dataset.column_names)
    problems: list[Problem] = []
    missing = [name for name in dataset.column_names if name not in present]
    unknown = [name for name in present if name not in expected]
    if missing:
        other = _best_matching_dataset(set(present), dataset)
        if other is not None:
            return [Problem(table.file_name, 1, None, "other_dataset",
                            params=(("other", other), ("dataset", dataset.name)))]
    for name in sorted({name for name in present if present.count(name) > 1}):
        problems.append(Problem(table.file_name, 1, name, "duplicate_column"))
    problems += [Problem(table.file_name, 1, name, "missing_column") for name in missing]
    problems += [Problem(table.file_name, 1, name, "unknown_column",
                         params=(("expected", ", ".join(dataset.column_names)),)) for name in unknown]
    return problems


def _best_matching_dataset(present: set[str], wanted: Dataset) -> str | None:
    """The other dataset whose columns the file has all of, if any."""
    for other in DATASETS:
        if other.name != wanted.name and set(other.column_names) <= present:
            return other.name
    return None


def check_rows(table: RawTable, dataset: Dataset, lookups: Lookups) -> tuple[pd.DataFrame, list[Problem]]:
    """Type every column and apply every rule; returns the typed frame and the problems found."""
    frame = table.frame
    if frame.empty:
        return frame, [Problem(table.file_name, None, None, "empty_file")]
    row_numbers = pd.Series(range(len(frame)), index=frame.index) + table.header_rows + 1
    collector = _Collector(table.file_name, row_numbers)
    typed = {}
    for column in dataset.columns:
        raw = frame[column.name].astype(str).str.strip()
        typed[column.name] = _check_column(raw, column, table, lookups, dataset, collector)
    result = pd.DataFrame(typed, index=frame.index)
    for comparison in dataset.comparisons:
        values, limits = result[comparison.column], result[comparison.limit_column]
        collector.add(values.notna() & limits.notna() & (values > limits), comparison.column,
                      frame[comparison.column], "exceeds", limit_column=comparison.limit_column)
    _check_keys(result, frame, dataset, lookups, collector)
    for reference in dataset.references:
        known = lookups.keys.get(reference.dataset, set())
        pairs = zip(*(result[name] for name in reference.columns))
        missing = pd.Series([all(pd.notna(part) for part in pair) and _normalise_key(pair) not in known
                             for pair in pairs], index=frame.index)
        collector.add(missing, reference.columns[-1], frame[reference.columns[-1]], "unknown_reference",
                      dataset=reference.dataset)
    return result, collector.sorted_problems()


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
    parser: Callable = _PARSERS[column.type]
    parsed, bad = parser(raw, table.decimal_comma)
    bad = bad & present
    collector.add(bad, column.name, raw, f"not_{column.type}" if column.type != "text" else "required")
    good = present & ~bad
    if column.minimum is not None:
        low = good & (parsed < column.minimum)
        code = "negative" if column.minimum == 0 else "below_minimum"
        collector.add(low, column.name, raw, code, minimum=_plain(column.minimum))
    if column.maximum is not None:
        collector.add(good & (parsed > column.maximum), column.name, raw, "above_maximum",
                      maximum=_plain(column.maximum))
    if column.allowed is not None:
        collector.add(good & ~raw.isin(column.allowed), column.name, raw, "not_allowed",
                      allowed=", ".join(column.allowed))
    if column.not_future:
        limit = pd.Timestamp(lookups.today)
        collector.add(good & (pd.to_datetime(parsed) > limit + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)),
                      column.name, raw, "future_date")
    if column.pattern is not None:
        extra = raw.isin(dataset.extra_entity_codes)
        badly_formed = good & ~extra & ~raw.str.fullmatch(column.pattern)
        collector.add(badly_formed, column.name, raw, "bad_code")
        if column.region_levels and dataset.name != "regions":
            levels = raw.map(lookups.region_levels)
            well_formed = good & ~extra & ~badly_formed
            collector.add(well_formed & levels.isna(), column.name, raw, "unknown_region")
            wrong_level = well_formed & levels.notna() & ~levels.isin(column.region_levels)
            collector.add(wrong_level, column.name, raw, "wrong_region_level", levels="/".join(column.region_levels))
    return parsed.where(good, None) if column.type != "boolean" else parsed.where(good, None).astype(object)


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _parse_text(raw: pd.Series, decimal_comma: bool):
    return raw.astype(object), pd.Series(False, index=raw.index)


def _parse_number(raw: pd.Series, decimal_comma: bool):
    cleaned = raw.str.replace(",", ".", regex=False) if decimal_comma else raw
    parsed = pd.to_numeric(cleaned, errors="coerce")
    return parsed, parsed.isna()


def _parse_integer(raw: pd.Series, decimal_comma: bool):
    parsed, bad = _parse_number(raw, decimal_comma)
    bad = bad | (parsed.notna() & (parsed % 1 != 0))
    return parsed.where(~bad).astype("Int64"), bad


def _parse_date(raw: pd.Series, decimal_comma: bool):
    iso = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce")
    local = pd.to_datetime(raw, format="%d/%m/%Y", errors="coerce")
    parsed = iso.fillna(local)
    return parsed.dt.date, parsed.isna()


def _parse_month(raw: pd.Series, decimal_comma: bool):
    short = pd.to_datetime(raw, format="%Y-%m", errors="coerce")
    dates, bad = _parse_date(raw, decimal_comma)
    parsed = short.fillna(pd.to_datetime(dates.where(~bad)))
    bad = parsed.isna() | (parsed.dt.day != 1)
    return parsed.dt.date, bad


def _parse_timestamp(raw: pd.Series, decimal_comma: bool):
    parsed = pd.to_datetime(raw, format="ISO8601", errors="coerce")
    return parsed, parsed.isna()


def _parse_boolean(raw: pd.Series, decimal_comma: bool):
    lowered = raw.str.lower()
    parsed = lowered.map(lambda word: True if word in TRUE_WORDS else (False if word in FALSE_WORDS else None))
    return parsed, parsed.isna()


_PARSERS = {
    "text": _parse_text,
    "number": _parse_number,
    "integer": _parse_integer,
    "date": _parse_date,
    "month": _parse_month,
    "timestamp": _parse_timestamp,
    "boolean": _parse_boolean,
}


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
    return tuple(_cell_text(part) for part in key)


def key_set(frame: pd.DataFrame, columns: tuple[str, ...]) -> set[tuple]:
    """Keys of a frame in the normalised form the checks compare."""
    return {_normalise_key(row) for row in frame[list(columns)].itertuples(index=False, name=None)}
