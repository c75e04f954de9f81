"""A workbook read as the team sees it in Excel: the sheet the contract or the mapping names, else the first
visible one, and never a number Excel would not show.

python-calamine reads an error cell (#DIV/0!) and a formula saved without its computed value (=SUM(200,65), as
scripts and some exporters write it) as an empty cell, and reads a hidden first sheet as readily as a visible
one. So before the rows are read, the chosen sheet's XML is scanned once, as a stream, for error cells and
formulas without a value, and merged cells are named for what they are: each is refused with its sheet, cell,
row and column and what to do. The same scan counts the sheet's rows and bytes, so a sheet too large for the
limits is refused before it is parsed; the ZIP directory's sizes are checked before anything is unzipped.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from smartisland.config import max_rows, max_unzipped_mb, max_zip_ratio
from smartisland.problems import MAX_KEPT_PROBLEMS, FileRefused, Problem

MIB = 1 << 20
SCAN_BLOCK_BYTES = 4 << 20
ERROR_VALUES = ("#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!")
# What the quick scan looks for: an error cell (t="e") or a formula (<f ...>, with or without a prefix).
SUSPECT_PATTERN = re.compile(rb"""\bt\s*=\s*["']e["']|<(?:\w+:)?f[\s>/]""")
ROW_PATTERN = re.compile(rb"<(?:\w+:)?row[\s>/]")
CELL_REFERENCE = re.compile(r"([A-Z]+)([0-9]+)")
MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIP_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_NAMESPACE = "http://schemas.openxmlformats.org/package/2006/relationships"


@dataclass(frozen=True)
class ChosenSheet:
    name: str
    index: int
    reason: str  # "named" (the mapping's or the dataset's name) or "first_visible"
    skipped: tuple[str, ...] = ()  # hidden sheets and chart sheets before it

    def note(self, file_name: str) -> Problem:
        """A line that says which sheet was read (a Problem's message, in the loader's words and languages)."""
        skipped = ", ".join(self.skipped)
        code = f"sheet_read_{self.reason}" + ("_skipped" if self.skipped else "")
        return Problem(file_name, None, None, code, params=(("sheet", self.name), ("skipped", skipped)))


def column_letters(index: int) -> str:
    """The letters of a 0-based column: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def check_zip_directory(path: Path, name: str) -> None:
    """The workbook's ZIP directory, before anything is unzipped: the total unzipped size and each part's
    compression ratio within the limits (a ZIP bomb is refused here, in milliseconds)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileRefused([Problem(name, None, None, "workbook_not_zip",
                                   params=(("detail", str(error)[:200]),))]) from None
    limit_mb = max_unzipped_mb()
    total = sum(member.file_size for member in members)
    if total > limit_mb * MIB:
        raise FileRefused([Problem(name, None, None, "workbook_unzipped_too_large",
                                   params=(("size", str(-(-total // MIB))), ("limit", str(limit_mb))))])
    ratio_limit = max_zip_ratio()
    for member in members:
        # A part under a mebibyte cannot hurt whatever its ratio (styles of an empty sheet compress 300 to 1).
        if member.file_size > MIB and member.file_size > ratio_limit * max(member.compress_size, 1):
            raise FileRefused([Problem(name, None, None, "workbook_compression_ratio",
                                       params=(("ratio", str(member.file_size // max(member.compress_size, 1))),
                                               ("limit", str(ratio_limit))))])


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the path of its XML in the archive, from workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {relation.get("Id"): relation.get("Target", "") for relation in relations.iter()
               if relation.tag.endswith("Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{{{MAIN_NAMESPACE}}}sheet"):
        target = targets.get(sheet.get(f"{{{RELATIONSHIP_NAMESPACE}}}id"), "")
        parts[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join("xl", target))
    return parts


def choose_sheet(metadata: list, name: str, wanted: tuple[str, ...] = ()) -> ChosenSheet:
    """The sheet to read: the first of `wanted` (the mapping's sheet, then the dataset's name) the workbook has,
    else the first visible worksheet. A named sheet that is hidden or a chart is refused, not read unseen."""
    sheets = [(index, sheet.name, str(sheet.typ).endswith("WorkSheet"), str(sheet.visible).endswith(".Visible"))
              for index, sheet in enumerate(metadata)]
    for wanted_name in wanted:
        for index, sheet_name, is_worksheet, is_visible in sheets:
            if sheet_name == wanted_name and is_worksheet and is_visible:
                return ChosenSheet(sheet_name, index, "named")
    skipped = []
    for index, sheet_name, is_worksheet, is_visible in sheets:
        if is_worksheet and is_visible:
            return ChosenSheet(sheet_name, index, "first_visible", tuple(skipped))
        skipped.append(sheet_name)
    raise FileRefused([Problem(name, None, None, "workbook_no_visible_sheet",
                               params=(("sheets", ", ".join(sheet_name for _, sheet_name, _, _ in sheets)),))])


def sheet_part(path: Path, sheet: str) -> str | None:
    """The path of a sheet's XML in the workbook's archive; None for a workbook laid out otherwise."""
    with zipfile.ZipFile(path) as archive:
        try:
            return _sheet_parts(archive).get(sheet)
        except (KeyError, ElementTree.ParseError):
            return None


def scan_sheet(path: Path, name: str, part: str) -> bool:
    """One streaming pass over the sheet's XML before it is parsed: its rows and unzipped bytes within the limits
    (counted as they stream, refused as soon as one is over); True when it holds an error cell or a formula."""
    row_limit = max_rows() + 1  # the header row besides the data rows
    byte_limit = max_unzipped_mb() * MIB
    rows = seen = 0
    suspect = False
    tail = b""
    with zipfile.ZipFile(path) as archive, archive.open(part) as stream:
        while block := stream.read(SCAN_BLOCK_BYTES):
            seen += len(block)
            if seen > byte_limit:
                raise FileRefused([Problem(name, None, None, "workbook_unzipped_too_large",
                                           params=(("size", str(-(-seen // MIB))),
                                                   ("limit", str(max_unzipped_mb()))))])
            # A tag split between two blocks lies within the last 16 bytes of the first: matches wholly in that
            # tail were counted with its block.
            joined = tail + block
            rows += len(ROW_PATTERN.findall(joined)) - len(ROW_PATTERN.findall(tail))
            suspect = suspect or bool(SUSPECT_PATTERN.search(joined))
            if rows > row_limit:
                raise FileRefused([Problem(name, None, None, "too_many_rows",
                                           params=(("limit", str(max_rows())),))])
            tail = block[-16:]
    return suspect


def unreadable_cell_problems(path: Path, name: str, part: str, sheet: str, header: list[str],
                             first_column: int) -> tuple[list[Problem], int]:
    """Every error cell and formula without a computed value, by sheet, cell, row and column (the first kept)."""
    problems, total = [], 0
    with zipfile.ZipFile(path) as archive, archive.open(part) as stream:
        for cell in _unreadable_cells(stream):
            total += 1
            if len(problems) < MAX_KEPT_PROBLEMS:
                problems.append(_cell_problem(name, sheet, header, first_column, *cell))
    return problems, total


def _unreadable_cells(stream):
    """(reference, kind, value) of each error cell and formula without a computed value, as the XML streams."""
    parser = ElementTree.iterparse(stream, events=("end",))
    for _, element in parser:
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "c":
            kind = element.get("t", "n")
            formula = value = None
            for child in element:
                child_tag = child.tag.rsplit("}", 1)[-1]
                if child_tag == "f":
                    formula = child.text or ""
                elif child_tag == "v":
                    value = child.text
            reference = element.get("r", "")
            if kind == "e":
                yield reference, "error", value or ""
            elif formula is not None and (value is None or (value == "" and kind != "str")):
                yield reference, "formula", formula
            element.clear()
        elif tag == "row":
            element.clear()


def _cell_problem(name: str, sheet: str, header: list[str], first_column: int, reference: str, kind: str,
                  value: str) -> Problem:
    match = CELL_REFERENCE.fullmatch(reference)
    row = int(match.group(2)) if match else None
    position = column_index(match.group(1)) - first_column if match else -1
    column = header[position] if 0 <= position < len(header) and header[position] else \
        (match.group(1) if match else None)
    if row == 1:  # a header cell: the column has no name yet, its letter names it
        column = match.group(1)
    if kind == "error":
        code = "workbook_error_cell"
        shown = value if value in ERROR_VALUES else value[:20]
    else:
        code = "workbook_formula_without_value"
        shown = "=" + value[:60]
    return Problem(name, row, column, code, shown, params=(("sheet", sheet), ("cell", reference)))


def merged_problems(name: str, sheet: str, ranges: list, header: list[str], first_row: int,
                    first_column: int) -> list[Problem]:
    """Merged cells, named for what they are: only the first cell of a merged range holds its value, the others
    read as empty."""
    problems = []
    for (top, left), (bottom, right) in ranges or ():
        first = f"{column_letters(left)}{top + 1}"
        last = f"{column_letters(right)}{bottom + 1}"
        position = left - first_column
        column = header[position] if top > first_row and 0 <= position < len(header) and header[position] \
            else column_letters(left)
        problems.append(Problem(name, top + 1, column, "workbook_merged_cells", None,
                                params=(("sheet", sheet), ("cells", f"{first}:{last}"))))
    return sorted(problems, key=lambda problem: (problem.row or 0, problem.column or ""))


def open_sheet(path: Path, name: str, wanted: tuple[str, ...] = ()):
    """(the calamine sheet to read, which sheet it is and why). Limits are checked from the ZIP directory first,
    then while the sheet's XML streams, before calamine parses it (it reads a sheet whole); then the sheet is
    refused for any error cell, formula without a value or merged cell."""
    from python_calamine import CalamineWorkbook

    check_zip_directory(path, name)
    workbook = CalamineWorkbook.from_path(str(path))
    chosen = choose_sheet(workbook.sheets_metadata, name, tuple(sheet for sheet in wanted if sheet))
    part = sheet_part(path, chosen.name)
    suspect = scan_sheet(path, name, part) if part else False
    sheet = workbook.get_sheet_by_index(chosen.index)
    start_row, start_column = sheet.start or (0, 0)
    first = next(iter(sheet.iter_rows()), None)
    header = [str(cell).strip() for cell in first] if first is not None else []
    problems, total = unreadable_cell_problems(path, name, part, chosen.name, header, start_column) \
        if suspect else ([], 0)
    merged = merged_problems(name, chosen.name, sheet.merged_cell_ranges, header, start_row, start_column)
    if problems or merged:
        everything = sorted(problems + merged, key=lambda problem: (problem.row or 0, problem.column or ""))
        raise FileRefused(everything[:MAX_KEPT_PROBLEMS], total=total + len(merged))
    return sheet, chosen
