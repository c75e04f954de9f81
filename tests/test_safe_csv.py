"""Safe CSV: every CSV the project writes neutralises formula-like text cells and leaves numbers as numbers."""
from __future__ import annotations

import csv
import io
from datetime import date

import duckdb
import pandas as pd
import pytest
from support.hostile import make_hostile_warehouse

from smartisland.contract import DATASETS_BY_NAME
from smartisland.publishing import safe_csv
from smartisland.publishing.open_data import build_open_data, csv_bytes
from smartisland.report_context import ReportContext, using

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
NEUTRALISED = ["'" + formula for formula in FORMULAS]


def _rows(data: bytes) -> list[list[str]]:
    """The cells as a spreadsheet reads them (Python's csv, which honours quoted CR and tab)."""
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"text": FORMULAS + ["plain", "a=b"], "number": [-5, 1, 2, 3, 4, 5, -6, 0],
                         "decimal": [-5.5, 0, 0, 0, 0, 0, 0, 0]})


def test_neutralise_cell():
    assert [safe_csv.neutralise_cell(formula) for formula in FORMULAS] == NEUTRALISED
    assert safe_csv.neutralise_cell("a=b") == "a=b"
    assert safe_csv.neutralise_cell(-5) == -5
    assert safe_csv.neutralise_cell(None) is None


def test_csv_bytes_neutralises_text_and_keeps_negative_numbers():
    rows = _rows(safe_csv.csv_bytes(_frame(), lineterminator="\n"))
    assert rows[0] == ["text", "number", "decimal"]
    assert [row[0] for row in rows[1:]] == NEUTRALISED + ["plain", "a=b"]
    assert [row[1] for row in rows[1:]] == ["-5", "1", "2", "3", "4", "5", "-6", "0"]
    assert rows[1][2] == "-5.5"
    # the lone CR stays inside its quoted cell: one row per record
    assert len(rows) == 9


def test_a_number_in_a_text_column_stays_a_number():
    frame = pd.DataFrame({"mixed": ["-x", -5, None]})
    assert [row[0] for row in _rows(safe_csv.csv_bytes(frame))[1:]] == ["'-x", "-5", ""]


def test_column_names_are_neutralised_too():
    assert _rows(safe_csv.csv_bytes(pd.DataFrame({"=cmd": [1]})))[0] == ["'=cmd"]


def test_app_download_button_writes_safe_csv(monkeypatch):
    from smartisland.ui import widgets

    captured = {}
    monkeypatch.setattr(widgets.st, "download_button", lambda label, data, **kwargs: captured.update(data=data))
    widgets.download_button(_frame(), "x.csv", key="x")
    rows = _rows(captured["data"])
    assert [row[0] for row in rows[1:7]] == NEUTRALISED
    assert rows[1][1] == "-5" and rows[1][2] == "-5.5"


def test_open_data_csv_neutralises_text_columns_only():
    dataset = DATASETS_BY_NAME["base_stations_yearly"]
    frame = pd.DataFrame({"year": [2024] * 6, "region_code": ["51"] * 6, "base_stations": [-5, 1, 2, 3, 4, 5],
                          "source": FORMULAS})
    rows = _rows(csv_bytes(frame, dataset))
    assert rows[0] == ["year", "region_code", "base_stations", "source"]
    assert [row[3] for row in rows[1:]] == NEUTRALISED
    assert [row[2] for row in rows[1:]] == ["-5", "1", "2", "3", "4", "5"]


@pytest.mark.calendar
def test_open_data_and_static_export_of_a_hostile_warehouse(sample_db, tmp_path):
    """Every CSV in the package and in the static site: no cell a spreadsheet would run; the -5 stays -5."""
    from smartisland.publishing.export import export_site

    path = make_hostile_warehouse(sample_db, tmp_path / "hostile.duckdb", negative_kpi_value=-5.0)
    with duckdb.connect(str(path), read_only=True) as connection:
        open_data = build_open_data(connection)
        export_site(connection, tmp_path / "site", today=date(2026, 11, 28))
    site_csvs = {str(file.relative_to(tmp_path / "site")): file.read_bytes()
                 for file in (tmp_path / "site").rglob("*.csv")}
    assert set(site_csvs) == {name for name in open_data.files if name.endswith(".csv")}
    neutralised = 0
    for name, data in [*open_data.files.items(), *site_csvs.items()]:
        if not name.endswith(".csv"):
            continue
        for row in _rows(data):
            for cell in row:
                assert not cell.startswith(tuple(safe_csv.FORMULA_STARTS)) or _is_number(cell), (name, cell)
                neutralised += cell.startswith("'")
    assert neutralised > 0
    values = pd.read_csv(io.BytesIO(open_data.files["data/kpi_values.csv"]))
    assert values["value"].iloc[0] == -5.0 and str(values["value"].dtype) == "float64"
    assert _rows(site_csvs["data/kpi_values.csv"])[1][2] == "-5.0"


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_the_data_dictionary_says_how_cells_are_neutralised():
    from smartisland.i18n import t

    for language in ("id", "en"):
        with using(ReportContext(language=language)):
            note = t("dictionary.note.csv_safety")
        assert all(character in note for character in ("=", "+", "-", "@", "'"))
