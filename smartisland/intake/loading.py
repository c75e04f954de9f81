"""Files as they arrive, loaded: the one implementation behind `python -m smartisland.load --dataset D [--mapping
NAME] FILE` and the Data page's upload.

A file in the contract's shape goes to the loader as it is. Any other file is brought into that shape first by
smartisland.intake.prepare (headers mapped by the named profile, region names resolved to codes, points without
a region placed by position), written as a CSV with its rows where the spreadsheet had them, and then goes
through the same checks, atomic load and load log as any file. Without a profile, a file whose headers do not
match gets a proposed mapping back instead of a load.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from smartisland.config import max_file_mb
from smartisland.contract import DATASETS_BY_NAME
from smartisland.i18n import t
from smartisland.intake import refusals
from smartisland.intake.isolated import run_isolated
from smartisland.intake.mapping import MappingProfile, MappingProposal, load_profile, propose_mapping
from smartisland.intake.prepare import UnresolvedRow, prepare_table
from smartisland.intake.region_names import MAPPINGS_DIR, RegionAliases
from smartisland.load import LoadResult, load_files
from smartisland.load_checks import file_header
from smartisland.validate import FileRefused, Problem, check_column_names, check_columns, read_table

MAPPINGS_ENVIRONMENT = "SMARTISLAND_MAPPINGS"


def mappings_dir() -> Path:
    """Where mapping profiles and region aliases are kept: $SMARTISLAND_MAPPINGS, else data/mappings."""
    return Path(os.environ.get(MAPPINGS_ENVIRONMENT) or MAPPINGS_DIR)


def aliases_file(folder: Path | None = None) -> Path:
    return (folder or mappings_dir()) / "region_aliases.json"


@dataclass
class FileIntake:
    """What intake made of one file before the loader saw it."""
    file_name: str
    headers: list[str]
    prepared: bool = False  # brought into the contract's shape (False: loaded as it is, or refused)
    proposal: MappingProposal | None = None  # headers that did not match, and no profile was given
    unresolved: list[UnresolvedRow] = field(default_factory=list)
    resolved_by_name: list[int] = field(default_factory=list)
    placed_by_position: list[int] = field(default_factory=list)
    sheet_note: Problem | None = None  # which sheet of a workbook was read, when intake read it


@dataclass
class IntakeResult:
    result: LoadResult
    files: list[FileIntake] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result.ok

    @property
    def problems(self) -> list[Problem]:
        return self.result.problems

    @property
    def total_problems(self) -> int:
        return self.result.total_problems

    @property
    def loaded(self):
        return self.result.loaded

    @property
    def sheet_notes(self) -> list[Problem]:
        """Which sheet of each workbook was read (by intake, or by the loader)."""
        return [item.sheet_note for item in self.files if item.sheet_note is not None] + self.result.notes

    @property
    def placed_by_position(self) -> dict[str, list[int]]:
        return {item.file_name: item.placed_by_position for item in self.files if item.placed_by_position}

    @property
    def proposals(self) -> dict[str, MappingProposal]:
        return {item.file_name: item.proposal for item in self.files if item.proposal is not None}

    @property
    def unresolved(self) -> list[tuple[str, UnresolvedRow]]:
        return [(item.file_name, row) for item in self.files for row in item.unresolved]

    def notes(self, dataset_name: str = "DATASET") -> list[str]:
        """Lines for the command line: rows placed by position, and how to save a proposed mapping."""
        lines = [item.sheet_note.message() for item in self.files
                 if item.sheet_note is not None and self.result.ok]
        for item in self.files:
            if item.placed_by_position and self.result.ok:
                lines.append(t("intake.load.placed_by_position", file=item.file_name,
                               rows=", ".join(str(row) for row in item.placed_by_position)))
            if item.proposal is None:
                continue
            lines.append(t("intake.load.proposal", file=item.file_name))
            lines += ["  " + t("intake.propose.match", header=match.header, column=match.column or "-",
                               confidence=f"{match.confidence:.2f}") for match in item.proposal.matches]
            if item.proposal.missing_required:
                lines.append("  " + t("intake.propose.missing", columns=", ".join(item.proposal.missing_required)))
            lines.append(t("intake.load.how_to_save", dataset=dataset_name, file=item.file_name))
        return lines


def prepare_file(path: Path, display_name: str, dataset_name: str, profile: MappingProfile | None,
                 aliases: RegionAliases | None, folder: Path) -> tuple[Path, FileIntake, list[Problem]]:
    """The file to give the loader (the same one when it is already in the contract's shape), what intake did,
    and the problems that stop it before the loader (headers, region names)."""
    dataset = DATASETS_BY_NAME[dataset_name]
    if not path.is_file() or path.stat().st_size > max_file_mb() << 20:
        # The loader says so: a missing file, or one over the size limit, refused before it is read.
        return path, FileIntake(display_name, []), []
    # A workbook's sheet: the one the profile names, else the one named as the dataset, else the first visible.
    sheets = tuple(sheet for sheet in ((profile.sheet if profile else None), dataset_name[:31]) if sheet)
    header = file_header(path, sheets) if profile is None else None
    if header is not None and not check_column_names(header, dataset, display_name):
        # Already in the contract's shape: the streaming loader reads it once, never a whole frame here first.
        return path, FileIntake(display_name, header), []
    try:
        table = read_table(path, display_name, sheets)
    except FileRefused:
        return path, FileIntake(display_name, []), []  # the loader says why it cannot be read
    headers = [str(header) for header in table.frame.columns]
    intake = FileIntake(display_name, headers, sheet_note=table.sheet_note)
    if profile is None and not check_columns(table, dataset):
        return path, intake, []
    numbers = table.row_numbers or list(range(table.header_rows + 1, table.header_rows + 1 + len(table.frame)))
    prepared = prepare_table(table.frame, dataset_name, profile, aliases=aliases, file_name=display_name,
                             row_numbers=numbers, decimal_comma=table.decimal_comma)
    intake.unresolved = prepared.unresolved
    intake.resolved_by_name = prepared.resolved_by_name
    intake.placed_by_position = prepared.placed_by_position
    if prepared.problems:
        if profile is None and any(problem.code in ("unmapped_required", "unmapped_column")
                                   for problem in prepared.problems):
            intake.proposal = propose_mapping(headers, dataset_name)
        return path, intake, prepared.problems
    intake.prepared = True
    written = folder / f"{len(list(folder.iterdir()))}-{Path(display_name).stem}.csv"
    written.write_bytes(_csv_at_rows(prepared.frame, numbers, ";" if table.decimal_comma else ","))
    return written, intake, []


def _csv_at_rows(frame, numbers: list[int], delimiter: str) -> bytes:
    """The frame as CSV, each row on the line its spreadsheet row had (blank lines between), so that the
    loader's row numbers are the ones the editor sees in the original file."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(frame.columns)
    line = 2
    for number, values in zip(numbers, frame.itertuples(index=False)):
        buffer.write("\n" * max(number - line, 0))
        writer.writerow(values)
        line = number + 1
    return buffer.getvalue().encode("utf-8")


def load_with_intake(dataset_name: str, files: list[Path], db_path: Path, mapping: str | None = None,
                     display_names: list[str] | None = None, loaded_by: str | None = None,
                     today: date | None = None, folder: Path | None = None) -> IntakeResult:
    """Bring each file into the contract's shape (by the profile `mapping`, when given) and load them all as
    one dataset; nothing loads while any file has a header, region-name or contract problem. A refusal is
    remembered in the warehouse's journal of refusals (the team's digest reports it), never in the warehouse."""
    names = display_names or [str(path) for path in files]
    intake = _load_with_intake(dataset_name, files, db_path, mapping, names, loaded_by, today, folder)
    if not intake.ok:
        refusals.record_refusal(Path(db_path), dataset_name, names, intake.problems, intake.total_problems, loaded_by)
    return intake


def load_in_child(dataset_name: str, files: list[Path], db_path: Path, mapping: str | None = None,
                  display_names: list[str] | None = None, loaded_by: str | None = None,
                  today: date | None = None) -> IntakeResult:
    """`load_with_intake` in a process of its own under a memory ceiling and a time limit (the Data page and the
    command line alike): no file can take the server's memory or hold the load lock for ever. A load stopped at a
    limit is refused with the limit named, and remembered with the other refusals."""
    names = display_names or [str(path) for path in files]
    # the child starts in the project's folder: paths as the caller meant them, names as the caller wrote them
    files, db_path = [Path(path).absolute() for path in files], Path(db_path).absolute()
    outcome = run_isolated(load_with_intake, dataset_name, files, db_path, mapping, today=today,
                           loaded_by=loaded_by, display_names=names, file_name=", ".join(names))
    if outcome.problem is None:
        return outcome.value
    stopped = LoadResult()
    stopped.refuse([outcome.problem])
    refusals.record_refusal(Path(db_path), dataset_name, names, stopped.problems, stopped.total_problems, loaded_by)
    return IntakeResult(stopped)


def _load_with_intake(dataset_name: str, files: list[Path], db_path: Path, mapping: str | None, names: list[str],
                      loaded_by: str | None, today: date | None, folder: Path | None) -> IntakeResult:
    folder = folder or mappings_dir()
    result = LoadResult()
    if dataset_name not in DATASETS_BY_NAME:  # the loader names the known datasets
        return IntakeResult(load_files(dataset_name, files, db_path, today, loaded_by, names))
    profile = None
    if mapping:
        try:
            profile = load_profile(mapping, folder)
        except (OSError, ValueError, KeyError):
            result.refuse([Problem(mapping, None, None, "mapping_not_found", params=(("folder", str(folder)),))])
            return IntakeResult(result)
    aliases = RegionAliases.load(aliases_file(folder))
    intakes: list[FileIntake] = []
    with tempfile.TemporaryDirectory() as scratch:
        paths = []
        for path, name in zip(files, names):
            prepared_path, intake, problems = prepare_file(Path(path), name, dataset_name, profile, aliases,
                                                           Path(scratch))
            intakes.append(intake)
            paths.append(prepared_path)
            if problems:
                result.refuse(problems)
        if not result.ok:
            return IntakeResult(result, intakes)
        return IntakeResult(load_files(dataset_name, paths, db_path, today, loaded_by, names), intakes)
