"""Workbooks as they come from many hands, built with openpyxl: hidden, very hidden and chart-first sheets, every
Excel error value, formulas saved without their computed value, merged cells, and ZIP bombs. One month of use of
point wf-1 (tests/support/bad_inputs.py's valid row) is the data of every one."""
from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

USAGE_COLUMNS = ("point_id", "month", "unique_users", "sessions", "traffic_gb", "uptime_pct")
USAGE_ROW = ("wf-1", "2026-08-01", 265, 20, 1.5, 99)
ERROR_VALUES = ("#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!")


def usage_sheet(sheet, row=USAGE_ROW, changes: dict[str, object] | None = None) -> None:
    """The header and one row of monthly use on `sheet`, with `changes` (cell reference -> value) applied."""
    sheet.append(list(USAGE_COLUMNS))
    sheet.append(list(row))
    for reference, value in (changes or {}).items():
        sheet[reference] = value


def usage_workbook(path: Path, changes: dict[str, object] | None = None, title: str = "Data") -> Path:
    """A one-sheet workbook of monthly use; an error value given as a change is written as an error cell (t="e"),
    a text starting with "=" as a formula with no computed value (as openpyxl, scripts and some exporters save)."""
    workbook = Workbook()
    workbook.active.title = title
    usage_sheet(workbook.active, changes=changes)
    workbook.save(path)
    return path


def hidden_first(path: Path, state: str = "hidden") -> Path:
    """A first sheet, hidden (or very hidden), saying 999999 users; the visible sheet after it says 265."""
    workbook = Workbook()
    hidden = workbook.active
    hidden.title = "Lama"
    usage_sheet(hidden, changes={"C2": 999999})
    hidden.sheet_state = state
    visible = workbook.create_sheet("Data")
    usage_sheet(visible)
    workbook.active = 1
    workbook.save(path)
    return path


def chart_first(path: Path) -> Path:
    """A chart sheet first, the data sheet after it."""
    workbook = Workbook()
    data = workbook.active
    data.title = "Data"
    usage_sheet(data)
    chart = BarChart()
    chart.add_data(Reference(data, min_col=3, min_row=1, max_row=2), titles_from_data=True)
    chart_sheet = workbook.create_chartsheet("Grafik", 0)
    chart_sheet.add_chart(chart)
    workbook.save(path)
    return path


def only_hidden(path: Path) -> Path:
    """Every worksheet hidden: a chart sheet is the only one shown."""
    workbook = Workbook()
    data = workbook.active
    data.title = "Data"
    usage_sheet(data)
    data.sheet_state = "hidden"
    chart = BarChart()
    chart.add_data(Reference(data, min_col=3, min_row=1, max_row=2), titles_from_data=True)
    chart_sheet = workbook.create_chartsheet("Grafik", 0)
    chart_sheet.add_chart(chart)
    workbook.active = 0
    workbook.save(path)
    return path


def merged_key(path: Path) -> Path:
    """Two months of one point with the point's cell merged over both rows (A2:A3): A3 reads as empty."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    usage_sheet(sheet)
    sheet.append([None, "2026-09-01", 200, 20, 1.5, 99])
    sheet.merge_cells("A2:A3")
    workbook.save(path)
    return path


def merged_header(path: Path) -> Path:
    """A title merged across the header row's first two cells."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    usage_sheet(sheet)
    sheet.merge_cells("A1:B1")
    workbook.save(path)
    return path


def zip_bomb(path: Path, unzipped_bytes: int = 1_100 << 20, block: int = 16 << 20) -> Path:
    """A valid-looking workbook whose sheet XML unzips to `unzipped_bytes` (1.1 GB by default) of one highly
    compressible row repeated, written as a stream so building it takes seconds and little memory."""
    template = path.with_suffix(".template.xlsx")
    usage_workbook(template)
    row = (b'<row r="2"><c r="A2" t="inlineStr"><is><t>wf-1</t></is></c><c r="B2" t="inlineStr"><is><t>2026-08-01'
           b'</t></is></c><c r="C2"><v>265</v></c><c r="D2"><v>20</v></c></row>')
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                                                                   compresslevel=9) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename != "xl/worksheets/sheet1.xml":
                target.writestr(member.filename, data)
                continue
            head, tail = data.split(b"<sheetData>")[0] + b"<sheetData>", b"</sheetData>" + data.split(b"</sheetData>")[1]
            with target.open(member.filename, "w", force_zip64=True) as stream:
                stream.write(head)
                chunk = row * (block // len(row))
                written = 0
                while written < unzipped_bytes:
                    stream.write(chunk)
                    written += len(chunk)
                stream.write(tail)
    template.unlink()
    return path
