"""CSV that a spreadsheet opens as data, never as a formula: every CSV the project writes goes through here.

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice and
Google Sheets as a formula (`=HYPERLINK(...)`, `@SUM(...)`). Such a cell gets a leading single quote `'`, as OWASP
recommends; the spreadsheet then shows the text. Numbers stay numbers: a numeric column, negative values
included, is written as it is.
"""
from __future__ import annotations

import csv
import os

import pandas as pd

from smartisland.i18n import current_language

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"


def neutralise_cell(value):
    """A text cell made safe for a spreadsheet; any other value unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return NEUTRALISER + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised; numeric, boolean and date columns unchanged."""
    out = frame.copy()
    for position in range(out.shape[1]):
        series = out.iloc[:, position]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
            continue
        out.isetitem(position, series.map(neutralise_cell))
    # Column names are cells of the first row too.
    out.columns = [neutralise_cell(str(column)) for column in out.columns]
    return out


def _has_carriage_return(frame: pd.DataFrame) -> bool:
    return any(isinstance(value, str) and "\r" in value for value in frame.to_numpy().ravel())


def csv_bytes(frame: pd.DataFrame, **to_csv) -> bytes:
    """UTF-8 CSV of `frame`, formula cells neutralised (keyword arguments go to DataFrame.to_csv)."""
    safe = neutralise_frame(frame)
    if _has_carriage_return(safe) and "\r" not in to_csv.get("lineterminator", os.linesep):
        # Python's csv quotes a field only for the characters of its own line ending: a lone CR in a cell
        # would end the row for every reader.
        to_csv["quoting"] = csv.QUOTE_ALL
    return safe.to_csv(index=False, **to_csv).encode("utf-8")


# A spreadsheet opens a CSV by its locale's rules: in Indonesian the list separator is `;` and the decimal mark `,`
# (a comma-separated file lands in one column there); in English `,` and `.`.
SPREADSHEET_SEPARATORS = {"id": (";", ","), "en": (",", ".")}
BYTE_ORDER_MARK = "\ufeff".encode()


def spreadsheet_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for a spreadsheet in the reader's language: its separator and decimal mark, floats written as they are
    (rounded by the caller to their display precision, no `2232.0000000001`), and a byte order mark so that Excel
    reads UTF-8; formula cells neutralised as in csv_bytes."""
    separator, decimal = SPREADSHEET_SEPARATORS[current_language()]
    return BYTE_ORDER_MARK + csv_bytes(frame, sep=separator, decimal=decimal, float_format="%.15g")
