"""Every dataset's XLSX template: the header and two example rows on the first sheet, notes, drop-downs, the
Regions and Instructions sheets, and a template loads as it is."""
import shutil

import pytest
from openpyxl import load_workbook

from smartisland.contract import LOAD_ORDER, get_dataset
from smartisland.intake import template as template_cli
from smartisland.intake.boundaries import GEOJSON_DATASETS
from smartisland.intake.templates import build_template, example_rows, write_template
from smartisland.load import load_files
from smartisland.validate import read_table

# Datasets whose rows point at a fact dataset a reference-only warehouse does not hold yet.
LOADED_FIRST = {"wifi_usage_monthly": "wifi_points", "wifi_sessions": "wifi_points"}


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    folder = tmp_path_factory.mktemp("templates")
    assert template_cli.main(["--all", str(folder)]) == 0
    return folder


def test_the_cli_writes_one_template_per_dataset(templates, tmp_path):
    assert sorted(path.stem for path in templates.glob("*.xlsx")) == sorted(SPREADSHEET_DATASETS)
    assert template_cli.main(["signal_surveys", str(tmp_path / "one.xlsx")]) == 0
    assert load_workbook(tmp_path / "one.xlsx").sheetnames == ["signal_surveys", "Petunjuk - Instructions",
                                                                "Wilayah - Regions"]


# A GeoJSON dataset (official boundaries) has no spreadsheet template.
SPREADSHEET_DATASETS = [name for name in LOAD_ORDER if name not in GEOJSON_DATASETS]


@pytest.mark.parametrize("dataset_name", SPREADSHEET_DATASETS)
def test_the_first_sheet_is_the_header_and_the_example_rows(templates, dataset_name):
    table = read_table(templates / f"{dataset_name}.xlsx")
    assert list(table.frame.columns) == list(get_dataset(dataset_name).column_names)
    expected_rows = 1 if dataset_name == "kpi_values" else 2  # the committed data has one manual KPI value
    assert len(table.frame) == expected_rows == len(example_rows(get_dataset(dataset_name)))


@pytest.mark.parametrize("dataset_name", SPREADSHEET_DATASETS)
def test_a_template_loads_as_it_is(templates, reference_only_db, tmp_path, dataset_name):
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(reference_only_db, warehouse)
    if dataset_name in LOADED_FIRST:
        first = LOADED_FIRST[dataset_name]
        assert load_files(first, [templates / f"{first}.xlsx"], warehouse).ok
    result = load_files(dataset_name, [templates / f"{dataset_name}.xlsx"], warehouse)
    assert result.ok, [problem.message("en") for problem in result.problems]
    assert [record.rows for record in result.loaded] == [len(example_rows(get_dataset(dataset_name)))]


def test_header_notes_drop_downs_and_sheets_of_the_wifi_template():
    workbook = build_template("wifi_points")
    sheet = workbook["wifi_points"]
    assert sheet["B1"].value == "village_code"
    assert sheet["B1"].comment.text.startswith("Kode desa/kelurahan Kemendagri\n\nKemendagri village code\n\n")
    formulas = {str(validation.sqref): validation.formula1 for validation in sheet.data_validations.dataValidation}
    assert formulas["C2:C1001"] == '"desa_adat,puskesmas,hospital,school,tourist_site,public_area,government_office"'
    assert formulas["I2:I1001"] == '"active,down,decommissioned"'
    # the villages are the last 716 rows of the Regions sheet, after its header and the 67 higher regions
    assert formulas["B2:B1001"] == "='Wilayah - Regions'!$A$69:$A$784"
    regions = workbook["Wilayah - Regions"]
    assert [cell.value for cell in regions[1]] == ["Kode / Code", "Tingkat / Level", "Nama / Name",
                                                  "Kecamatan / District", "Kabupaten/kota / Regency"]
    assert [cell.value for cell in regions[69]] == ["51.01.01.1006", "village", "Baler Bale Agung", "Negara",
                                                   "Kabupaten Jembrana"]
    assert regions.max_row == 784
    instructions = workbook["Petunjuk - Instructions"]
    rows = {row[0]: row for row in instructions.iter_rows(values_only=True) if row[0]}
    assert rows["bandwidth_mbps"][1:6] == ("wajib / required", "angka (titik desimal)", "number (decimal point)",
                                           "dari 0 sampai 10000", "from 0 to 10000")
    assert rows["decommissioned_on"][1] == "boleh kosong / may be empty"
    assert rows["decommissioned_on"][5] == "not in the future; not earlier than installed_on"


def test_region_codes_with_extra_codes_only_warn_outside_the_list():
    sheet = build_template("spbe_published")["spbe_published"]
    validation = next(item for item in sheet.data_validations.dataValidation if str(item.sqref) == "B2:B1001")
    assert validation.formula1 == "='Wilayah - Regions'!$A$2:$A$11"  # the province and the 9 regencies
    assert validation.errorStyle == "warning"  # "national" is allowed too


def test_a_filled_template_with_the_examples_replaced_loads(reference_only_db, tmp_path):
    path = write_template("signal_surveys", tmp_path / "signal.xlsx")
    workbook = load_workbook(path)
    sheet = workbook["signal_surveys"]
    sheet["A2"], sheet["B2"], sheet["C2"], sheet["D2"], sheet["E2"] = "51.01.05.1005", "2026-10-01", "crowd", "4g", "good"
    sheet.delete_rows(3)
    workbook.save(path)
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(reference_only_db, warehouse)
    result = load_files("signal_surveys", [path], warehouse)
    assert result.ok, [problem.message("en") for problem in result.problems]
    assert [record.rows for record in result.loaded] == [1]
