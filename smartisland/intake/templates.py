"""XLSX templates, one per dataset of the contract, that load as they are once filled.

The first sheet is exactly the header row (the contract's columns, each with its description in Indonesian
and English as a cell note) and two example rows, so the loader, which reads the first sheet, takes it
unchanged. Drop-down lists offer the allowed values and region codes; a Regions sheet lists every code with
its name, district and regency; an Instructions sheet gives each column's type and rule in both languages.
"""
from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from smartisland.config import NATIONAL_DIR, province_dir, reference_file
from smartisland.contract import REGION_LEVELS, Column, Dataset, get_dataset
from smartisland.i18n import has_key, translations

TEMPLATE_ROWS = 1000  # rows the drop-down lists and formats cover below the header
HEADER_FILL = PatternFill("solid", fgColor="DCE6D5")
EXAMPLE_FILL = PatternFill("solid", fgColor="F2F2F2")
# Datasets the committed data has no rows of: two rows that load into the sample (a point of the sample).
EXAMPLE_ROWS: dict[str, list[dict[str, str]]] = {
    "wifi_sessions": [
        {"point_id": "wifi-0001", "started_at": "2026-01-15 08:30:00", "duration_s": "1800", "bytes": "52428800"},
        {"point_id": "wifi-0002", "started_at": "2026-01-15 09:10:00", "duration_s": "600", "bytes": "10485760"},
    ],
}
EXCEL_FORMATS = {"date": "yyyy-mm-dd", "month": "yyyy-mm", "timestamp": "yyyy-mm-dd hh:mm:ss", "text": "@"}


def _text(key: str, language: str, /, **params) -> str:
    """A text in one given language: a template says everything in both, whoever downloads it."""
    return translations(key, **params)[language]


def both(key: str, **params) -> str:
    """A text in Indonesian, then English: `Petunjuk / Instructions`."""
    return f"{_text(key, 'id', **params)} / {_text(key, 'en', **params)}"


def sheet_title(key: str) -> str:
    """A sheet name in both languages; Excel forbids "/" in sheet names and allows 31 characters."""
    return f"{_text(key, 'id')} - {_text(key, 'en')}"[:31]


def column_description(dataset: Dataset, column: str, language: str) -> str:
    key = f"dictionary.column.{dataset.name}.{column}"
    return _text(key if has_key(key) else f"intake.name_column.{column}", language)


def example_rows(dataset: Dataset, data_dir: Path | None = None) -> list[dict[str, str]]:
    """Two rows of the dataset from the committed data (the province's sample or reference, else the national
    reference), as text cells."""
    if dataset.name in EXAMPLE_ROWS:
        return EXAMPLE_ROWS[dataset.name]
    data_dir = data_dir or province_dir()
    for path in (data_dir / "sample" / f"{dataset.name}.csv", data_dir / "reference" / f"{dataset.name}.csv",
                 NATIONAL_DIR / f"{dataset.name}.csv"):
        if path.is_file():
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, nrows=2)
            return frame.to_dict("records")
    return []


def _cell_value(text: str, column: Column):
    """A text cell as the typed value a spreadsheet holds, so the example looks as the editor's rows will."""
    if text == "":
        return None
    if column.type in ("integer", "number"):
        number = float(text)
        return int(number) if column.type == "integer" else number
    if column.type in ("date", "month"):
        return date.fromisoformat(text[:10] if len(text) >= 10 else f"{text}-01")
    if column.type == "timestamp":
        return datetime.fromisoformat(text)
    if column.type == "boolean":
        return text.lower() in ("true", "1", "ya", "yes")
    return text


def _rule(dataset: Dataset, column: Column, language: str) -> str:
    """The column's rules in one language, joined with semicolons."""
    rules = []
    if column.allowed:
        rules.append(_text("intake.template.rule_allowed", language, values=", ".join(column.allowed)))
    if column.minimum is not None and column.maximum is not None:
        rules.append(_text("intake.template.rule_range", language, minimum=_plain(column.minimum),
                       maximum=_plain(column.maximum)))
    if column.region_levels:
        rule = _text("intake.template.rule_region", language, levels="/".join(column.region_levels))
        if dataset.extra_entity_codes:
            rule += " " + _text("intake.template.rule_extra_codes", language, codes=", ".join(dataset.extra_entity_codes))
        rules.append(rule)
    if column.not_future:
        rules.append(_text("intake.template.rule_not_future", language))
    if column.query_or is not None:
        words = ", ".join(column.query_or)
        rules.append(_text("intake.template.rule_query_or", language, words=words) if words
                     else _text("intake.template.rule_query", language))
    elif column.max_length is not None and not column.allowed and not column.region_levels:
        rules.append(_text("intake.template.rule_max_length", language, max_length=column.max_length))
    for reference in dataset.references:
        if column.name == reference.columns[-1]:
            rules.append(_text("intake.template.rule_reference", language, dataset=reference.dataset))
    for comparison in dataset.comparisons:
        if comparison.column == column.name:
            key = "rule_not_before" if comparison.not_before else "rule_not_above"
            rules.append(_text(f"intake.template.{key}", language, column=comparison.limit_column))
    location = dataset.location
    if location is not None and column.name == location.lat_column:
        rules.append(_text("intake.template.rule_location", language, lat=location.lat_column, lon=location.lon_column,
                       village=location.village_column))
    return "; ".join(rules)


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def region_lookup(regions_file: Path | None = None) -> pd.DataFrame:
    """Every region with its level, name and the names of its district and regency, by level then code, so
    that the codes of each run of levels (province and regencies; villages) lie in one block of rows."""
    regions = pd.read_csv(regions_file or reference_file("regions.csv"), dtype=str, keep_default_na=False)
    names = dict(zip(regions["region_code"], regions["name"]))
    regions["district"] = [names.get(code[:8], "") if level == "village" else ""
                           for code, level in zip(regions["region_code"], regions["level"])]
    regions["regency"] = [names.get(code[:5], "") if level in ("district", "village") else ""
                          for code, level in zip(regions["region_code"], regions["level"])]
    regions["order"] = regions["level"].map(REGION_LEVELS.index)
    ordered = regions.sort_values(["order", "region_code"])
    return ordered[["region_code", "level", "name", "district", "regency"]].reset_index(drop=True)


def build_template(dataset_name: str, data_dir: Path | None = None, regions_file: Path | None = None) -> Workbook:
    """The template of one dataset as an openpyxl workbook."""
    dataset = get_dataset(dataset_name)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = dataset.name[:31]
    lookup = region_lookup(regions_file)
    regions_title = sheet_title("intake.template.sheet_regions")
    for position, column in enumerate(dataset.columns, start=1):
        letter = get_column_letter(position)
        cell = sheet.cell(row=1, column=position, value=column.name)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        note = (f"{column_description(dataset, column.name, 'id')}\n\n{column_description(dataset, column.name, 'en')}"
                f"\n\n{_type_words(column)}")
        cell.comment = Comment(note, "Smart Island", width=320, height=200)
        sheet.column_dimensions[letter].width = max(14, min(40, len(column.name) + 4))
        cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        validation = _validation(dataset, column, lookup, regions_title)
        if validation is not None:
            validation.add(cells)
            sheet.add_data_validation(validation)
    for row_number, row in enumerate(example_rows(dataset, data_dir), start=2):
        for position, column in enumerate(dataset.columns, start=1):
            cell = sheet.cell(row=row_number, column=position, value=_cell_value(str(row.get(column.name, "")), column))
            cell.fill = EXAMPLE_FILL
            if column.type in EXCEL_FORMATS:
                cell.number_format = EXCEL_FORMATS[column.type]
    sheet.freeze_panes = "A2"
    _instructions_sheet(workbook, dataset)
    _regions_sheet(workbook, lookup, regions_title)
    return workbook


def _type_words(column: Column) -> str:
    required = "intake.template.required_yes" if column.required else "intake.template.required_no"
    return f"{both(f'intake.template.type_{column.type}')}; {both(required)}"


def _validation(dataset: Dataset, column: Column, lookup: pd.DataFrame, regions_title: str) -> DataValidation | None:
    """A drop-down of the allowed values, of true/false, or of the region codes of the column's levels."""
    if column.allowed:
        values = ",".join(column.allowed)
        return DataValidation(type="list", formula1=f'"{values}"', allow_blank=not column.required,
                              showErrorMessage=True, error=both("intake.template.rule_allowed", values=values))
    if column.type == "boolean":
        return DataValidation(type="list", formula1='"true,false"', allow_blank=not column.required)
    if column.region_levels:
        rows = lookup.index[lookup["level"].isin(column.region_levels)]
        first, last = rows.min() + 2, rows.max() + 2  # the lookup's header is row 1
        # A code outside the list (e.g. "national") is allowed with a warning, not refused.
        return DataValidation(type="list", formula1=f"='{regions_title}'!$A${first}:$A${last}",
                              allow_blank=not column.required, showErrorMessage=True,
                              errorStyle="warning" if dataset.extra_entity_codes else "stop")
    return None


def _instructions_sheet(workbook: Workbook, dataset: Dataset) -> None:
    sheet = workbook.create_sheet(sheet_title("intake.template.sheet_instructions"))
    rows: list[list[str]] = [[both("intake.template.title", dataset=dataset.name)]]
    for language in ("id", "en"):
        rows += [
            [_text(f"dictionary.dataset.{dataset.name}", language)],
            [_text("intake.template.about", language, sheet=dataset.name)],
            [_text(f"intake.template.load_mode_{dataset.load_mode}", language)],
            [_text("intake.template.key", language, columns=", ".join(dataset.key))],
            [_text("intake.template.command", language, dataset=dataset.name)],
        ]
    rows.append([])
    headings = ("column", "required", "type", "rule", "description")
    rows.append([both(f"intake.template.heading_{word}") for word in headings[:2]]
                + [_text(f"intake.template.heading_{word}", language) for word in headings[2:] for language in ("id", "en")])
    heading_row = len(rows)
    for column in dataset.columns:
        required = both("intake.template.required_yes" if column.required else "intake.template.required_no")
        rows.append([column.name, required,
                     _text(f"intake.template.type_{column.type}", "id"), _text(f"intake.template.type_{column.type}", "en"),
                     _rule(dataset, column, "id"), _rule(dataset, column, "en"),
                     column_description(dataset, column.name, "id"), column_description(dataset, column.name, "en")])
    rows.append([])
    rows.append([both("intake.template.heading_general")])
    for word in ("dates", "numbers", "codes", "names", "all_or_nothing"):
        rows.append([_text(f"intake.template.general_{word}", "id"), _text(f"intake.template.general_{word}", "en")])
    for row in rows:
        sheet.append(row)
    for cell in (sheet["A1"], *sheet[heading_row], sheet.cell(row=len(rows) - 5, column=1)):
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGH", (24, 22, 22, 22, 40, 40, 50, 50)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=heading_row + 1, max_row=heading_row + len(dataset.columns)):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _regions_sheet(workbook: Workbook, lookup: pd.DataFrame, title: str) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append([both(f"intake.template.regions_{word}") for word in ("code", "level", "name", "district", "regency")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in lookup.itertuples(index=False):
        sheet.append(list(row))
    for letter, width in zip("ABCDE", (16, 12, 28, 24, 24)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def template_bytes(dataset_name: str, data_dir: Path | None = None, regions_file: Path | None = None) -> bytes:
    """The template as XLSX bytes, for a download button."""
    buffer = BytesIO()
    build_template(dataset_name, data_dir, regions_file).save(buffer)
    return buffer.getvalue()


def write_template(dataset_name: str, path: Path, data_dir: Path | None = None, regions_file: Path | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    build_template(dataset_name, data_dir, regions_file).save(path)
    return path
