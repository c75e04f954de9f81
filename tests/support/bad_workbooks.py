"""Workbooks as they come from many hands, built with openpyxl: hidden, very hidden and chart-first sheets, every
Excel error value, formulas saved without their computed value, merged cells, and ZIP bombs. One month of use of
point wf-1 (tests/support/bad_inputs.py's valid row) is the data of every one."""
from __future__ import annotations

import struct
import zipfile
import zlib
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


def zip_bomb(path: Path, unzipped_bytes: int = 1_100 << 20, block: int = 8 << 20) -> Path:
    """A valid workbook whose sheet XML unzips to `unzipped_bytes` (1.1 GB by default) of one row repeated. The
    row block is deflated once, after a full flush (so it refers to nothing before it), and that compressed block
    written again and again: building it takes a second or two and little memory."""
    template = path.with_suffix(".template.xlsx")
    usage_workbook(template)
    with zipfile.ZipFile(template) as source:
        parts = [(member.filename, source.read(member.filename)) for member in source.infolist()]
    template.unlink()
    row = (b'<row r="2"><c r="A2" t="inlineStr"><is><t>wf-1</t></is></c><c r="B2" t="inlineStr"><is><t>2026-08-01'
           b'</t></is></c><c r="C2"><v>265</v></c><c r="D2"><v>20</v></c></row>')
    chunk = row * (block // len(row))
    repeats = -(-unzipped_bytes // len(chunk))
    with path.open("wb") as handle:
        directory = []
        for name, data in parts:
            offset = handle.tell()
            if name != "xl/worksheets/sheet1.xml":
                packer = zlib.compressobj(6, zlib.DEFLATED, -15)
                packed = packer.compress(data) + packer.flush()
                crc, size = zlib.crc32(data), len(data)
                handle.write(_local_header(name, crc, len(packed), size) + packed)
                directory.append((name, crc, len(packed), size, offset))
                continue
            head = data.split(b"<sheetData>")[0] + b"<sheetData>"
            tail = b"</sheetData>" + data.split(b"</sheetData>")[1]
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            packed_head = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
            packed_chunk = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
            packed_tail = packer.compress(tail) + packer.flush()
            crc = zlib.crc32(head)
            for _ in range(repeats):
                crc = zlib.crc32(chunk, crc)
            crc = zlib.crc32(tail, crc)
            size = len(head) + repeats * len(chunk) + len(tail)
            packed_size = len(packed_head) + repeats * len(packed_chunk) + len(packed_tail)
            handle.write(_local_header(name, crc, packed_size, size) + packed_head)
            for _ in range(repeats):
                handle.write(packed_chunk)
            handle.write(packed_tail)
            directory.append((name, crc, packed_size, size, offset))
        start = handle.tell()
        for name, crc, packed_size, size, offset in directory:
            encoded = name.encode()
            handle.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, packed_size, size,
                                     len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
        end = handle.tell()
        handle.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(directory), len(directory), end - start, start, 0))
    return path


def _local_header(name: str, crc: int, packed_size: int, size: int) -> bytes:
    encoded = name.encode()
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, packed_size, size, len(encoded), 0) + encoded
