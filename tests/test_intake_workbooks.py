"""Workbooks read as the team sees them in Excel (smartisland/intake/workbook.py): the first visible sheet (or the one
named for the dataset or by the mapping), and every error cell, formula without its computed value and merged cell
refused by sheet, cell, row and column, in both languages, with the warehouse unchanged. On 904de23 a hidden first
sheet was loaded (999999 users instead of 265), and #DIV/0! or =SUM(200,65) in an optional column stored as empty."""
from __future__ import annotations

import hashlib
import shutil

import duckdb
import pytest
from openpyxl import Workbook
from support import FIXTURE_TODAY
from support.bad_workbooks import (
    ERROR_VALUES,
    chart_first,
    hidden_first,
    merged_header,
    merged_key,
    only_hidden,
    usage_sheet,
    usage_workbook,
)

from smartisland.intake.mapping import MappingProfile, load_profile, save_profile
from smartisland.load import load_files
from smartisland.validate import FileRefused, read_table


@pytest.fixture
def warehouse_copy(corpus_db, tmp_path):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(corpus_db, path)
    return path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stored_users(path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute("select point_id, unique_users from wifi_usage_monthly "
                                  "where month = date '2026-08-01' order by point_id").fetchall()


def load(path, warehouse):
    return load_files("wifi_usage_monthly", [path], warehouse, today=FIXTURE_TODAY, display_names=[path.name])


@pytest.mark.parametrize("make, skipped", [(hidden_first, "Lama"),
                                           (lambda path: hidden_first(path, "veryHidden"), "Lama"),
                                           (chart_first, "Grafik")],
                         ids=["hidden", "very-hidden", "chart-first"])
def test_the_first_visible_sheet_is_read_and_named(make, skipped, warehouse_copy, tmp_path):
    path = make(tmp_path / "pemakaian.xlsx")
    result = load(path, warehouse_copy)
    assert result.ok, [problem.message("en") for problem in result.problems]
    assert stored_users(warehouse_copy) == [("wf-1", 265)]
    assert [note.message("en") for note in result.notes] == [
        f'pemakaian.xlsx: sheet "Data" read (the first visible sheet; skipped as hidden or a chart: {skipped})']
    assert [note.message("id") for note in result.notes] == [
        f'pemakaian.xlsx: lembar "Data" dibaca (lembar tampak yang pertama; dilewati karena tersembunyi atau '
        f'grafik: {skipped})']


def test_the_sheet_named_for_the_dataset_is_read_before_a_first_visible_one(warehouse_copy, tmp_path):
    workbook = Workbook()
    workbook.active.title = "Catatan"
    usage_sheet(workbook.active, changes={"C2": 999999})
    usage_sheet(workbook.create_sheet("wifi_usage_monthly"))
    path = tmp_path / "template.xlsx"
    workbook.save(path)
    result = load(path, warehouse_copy)
    assert result.ok
    assert stored_users(warehouse_copy) == [("wf-1", 265)]
    assert result.notes[0].code == "sheet_read_named"


def test_a_mapping_profile_keeps_the_sheet_it_names(tmp_path):
    profile = MappingProfile("dinas", "wifi_usage_monthly", {"Titik": "point_id"}, sheet="Rekap 2026")
    save_profile(profile, tmp_path)
    assert load_profile("dinas", tmp_path) == profile
    plain = MappingProfile("lama", "wifi_usage_monthly", {"Titik": "point_id"})
    save_profile(plain, tmp_path)
    assert load_profile("lama", tmp_path).sheet is None


def test_a_workbook_whose_every_worksheet_is_hidden_is_refused(warehouse_copy, tmp_path):
    path = only_hidden(tmp_path / "tersembunyi.xlsx")
    before = digest(warehouse_copy)
    result = load(path, warehouse_copy)
    assert digest(warehouse_copy) == before
    assert [(problem.code, problem.row, problem.column) for problem in result.problems] == [
        ("workbook_no_visible_sheet", None, None)]
    assert result.problems[0].message("en") == (
        "tersembunyi.xlsx: a workbook without a visible data sheet (sheets: Grafik, Data); unhide the data sheet "
        "in Excel or LibreOffice and save it")


@pytest.mark.parametrize("error", ERROR_VALUES)
@pytest.mark.parametrize("cell, column", [("F2", "uptime_pct"), ("D2", "sessions"), ("C2", "unique_users")])
def test_every_excel_error_is_refused_with_its_sheet_cell_row_and_column(error, cell, column, warehouse_copy,
                                                                       tmp_path):
    path = usage_workbook(tmp_path / "galat.xlsx", {cell: error})
    before = digest(warehouse_copy)
    result = load(path, warehouse_copy)
    assert digest(warehouse_copy) == before
    assert [(problem.code, problem.row, problem.column, problem.value) for problem in result.problems] == [
        ("workbook_error_cell", 2, column, error)]
    assert result.problems[0].message("en") == (
        f'galat.xlsx:2: {column}: cell {cell} of sheet "Data" holds an Excel error; correct the formula or enter '
        f'the value, then save (value: {error})')
    assert result.problems[0].message("id") == (
        f'galat.xlsx:2: {column}: sel {cell} di lembar "Data" berisi galat Excel; perbaiki rumus atau isi '
        f'nilainya, lalu simpan (nilai: {error})')


@pytest.mark.parametrize("cell, column, formula", [("C2", "unique_users", "=SUM(200,65)"),
                                                   ("D2", "sessions", "=10+10"),
                                                   ("A2", "point_id", '=CONCATENATE("wf-","1")')])
def test_a_formula_without_its_computed_value_is_refused_with_what_to_do(cell, column, formula, warehouse_copy,
                                                                         tmp_path):
    path = usage_workbook(tmp_path / "rumus.xlsx", {cell: formula})
    before = digest(warehouse_copy)
    result = load(path, warehouse_copy)
    assert digest(warehouse_copy) == before
    assert [(problem.code, problem.row, problem.column, problem.value) for problem in result.problems] == [
        ("workbook_formula_without_value", 2, column, formula)]
    assert result.problems[0].message("en") == (
        f'rumus.xlsx:2: {column}: cell {cell} of sheet "Data" holds a formula saved without its computed value; '
        f'open and save it in Excel or LibreOffice (value: {formula})')
    assert "buka dan simpan berkas di Excel atau LibreOffice" in result.problems[0].message("id")


def test_a_formula_with_its_computed_value_loads(warehouse_copy, tmp_path):
    path = usage_workbook(tmp_path / "dihitung.xlsx", {"C2": "=SUM(200,65)"})
    # As Excel saves it: the formula and, beside it, the value it computed.
    import zipfile
    with zipfile.ZipFile(path) as archive:
        parts = {member.filename: archive.read(member.filename) for member in archive.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert b"<f>SUM(200,65)</f><v />" in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"<f>SUM(200,65)</f><v />", b"<f>SUM(200,65)</f><v>265</v>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = load(path, warehouse_copy)
    assert result.ok, [problem.message("en") for problem in result.problems]
    assert stored_users(warehouse_copy) == [("wf-1", 265)]


@pytest.mark.parametrize("make, row, column, cells", [(merged_key, 2, "point_id", "A2:A3"),
                                                      (merged_header, 1, "A", "A1:B1")],
                         ids=["key", "header"])
def test_merged_cells_are_named_for_what_they_are(make, row, column, cells, warehouse_copy, tmp_path):
    path = make(tmp_path / "gabung.xlsx")
    before = digest(warehouse_copy)
    result = load(path, warehouse_copy)
    assert digest(warehouse_copy) == before
    assert [(problem.code, problem.row, problem.column) for problem in result.problems] == [
        ("workbook_merged_cells", row, column)]
    assert result.problems[0].message("en") == (
        f'gabung.xlsx:{row}: {column}: cells {cells} of sheet "Data" are merged: only the first holds the value, '
        f'the others read as empty; unmerge them and fill every cell')
    assert f"sel {cells} di lembar \"Data\" digabung" in result.problems[0].message("id")


def test_intake_reads_the_same_sheet_and_refuses_the_same_cells(tmp_path):
    table = read_table(hidden_first(tmp_path / "tersembunyi.xlsx"))
    assert table.frame["unique_users"].tolist() == ["265"]
    assert table.sheet_note.params[0] == ("sheet", "Data")
    with pytest.raises(FileRefused) as refused:
        read_table(usage_workbook(tmp_path / "rumus.xlsx", {"C2": "=SUM(200,65)"}))
    assert [(problem.code, problem.row, problem.column) for problem in refused.value.problems] == [
        ("workbook_formula_without_value", 2, "unique_users")]
