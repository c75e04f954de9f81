"""CSV that a spreadsheet opens as data, never as a formula: every CSV the project writes goes through here.

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice and
Google Sheets as a formula (`=HYPERLINK(...)`, `@SUM(...)`). Such a cell gets a leading single quote `'`, as OWASP
recommends; the spreadsheet then shows the text. Numbers stay numbers: a numeric column, negative values
included, is written as it is.
"""
from __future__ import annotations

import pandas as pd

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


def csv_bytes(frame: pd.DataFrame, **to_csv) -> bytes:
    """UTF-8 CSV of `frame`, formula cells neutralised (keyword arguments go to DataFrame.to_csv)."""
    return neutralise_frame(frame).to_csv(index=False, **to_csv).encode("utf-8")
