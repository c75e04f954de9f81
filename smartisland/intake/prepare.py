"""A file as it arrives turned into the contract's shape, before the loader checks it: headers mapped, region names
resolved to codes, points without a region placed in their village, and Indonesian words for allowed values.

    frame, problems = prepare(raw_frame, "wifi_points", profile=load_profile("diskominfo_wifi"))

`frame` holds text cells (as smartisland.validate.read_table gives them) and comes back with exactly the
contract's columns in the contract's order; any problem means the file is not ready and the loader should stop.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from smartisland.contract import Column, Dataset, get_dataset
from smartisland.intake.mapping import (
    NAME_COLUMNS,
    NORMALISED,
    MappingProfile,
    apply_mapping,
    missing_required,
    propose_mapping,
    targets_for,
)
from smartisland.intake.region_names import (
    Candidate,
    RegionAliases,
    RegionIndex,
    Resolution,
    region_index,
)
from smartisland.validate import Problem

# Words Indonesian lists use for the contract's allowed values, per column (after lower case and trimming).
VALUE_WORDS: dict[str, dict[str, str]] = {
    "status": {"aktif": "active", "hidup": "active", "mati": "down", "rusak": "down", "gangguan": "down",
               "tidak aktif": "down", "dihentikan": "decommissioned", "dicabut": "decommissioned",
               "nonaktif": "decommissioned"},
    "signal_quality": {"tidak ada": "none", "tanpa sinyal": "none", "lemah": "weak", "baik": "good", "kuat": "good",
                       "bagus": "good"},
    "best_technology": {"tidak ada": "none", "tanpa sinyal": "none", "lte": "4g"},
    "stage": {"teridentifikasi": "identified", "diusulkan": "proposed", "direncanakan": "planned",
              "dibangun": "built", "terbangun": "built", "terverifikasi": "verified"},
    "category": {"sekolah": "school", "rumah sakit": "hospital", "rs": "hospital", "objek wisata": "tourist_site",
                 "destinasi wisata": "tourist_site", "wisata": "tourist_site", "ruang publik": "public_area",
                 "area publik": "public_area", "kantor pemerintah": "government_office", "kantor": "government_office"},
    "funding_source": {"provinsi": "province", "apbd provinsi": "province", "kabupaten": "regency",
                       "apbd kabupaten": "regency", "dana desa": "village_fund", "bkk desa adat": "desa_adat_grant",
                       "hibah desa adat": "desa_adat_grant", "pusat": "national", "apbn": "national",
                       "swasta": "private", "csr": "private"},
    "evidence_status": {"lengkap": "complete", "sebagian": "partial", "tidak ada": "missing"},
    "certainty": {"resmi": "official", "tidak resmi": "unofficial"},
    "solution": {"serat optik": "fiber", "fiber optik": "fiber", "fo": "fiber", "satelit": "vsat"},
}
DECIMAL_COMMA_PATTERN = r"^([+-]?\d+),(\d+)$"


@dataclass(frozen=True)
class UnresolvedRow:
    """A row whose written region names did not resolve: the names as written and the regions they may mean,
    for the editor to pick one (remembered as an alias)."""
    row: int
    village: str
    district: str
    regency: str
    candidates: tuple[Candidate, ...]


@dataclass
class Prepared:
    """What `prepare_table` made of a file: the frame in the contract's shape, the problems, and the
    spreadsheet rows whose region came from names or from position."""
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    resolved_by_name: list[int] = field(default_factory=list)
    placed_by_position: list[int] = field(default_factory=list)
    unresolved: list[UnresolvedRow] = field(default_factory=list)


def prepare(frame: pd.DataFrame, dataset_name: str, profile: MappingProfile | None = None,
            regions: RegionIndex | None = None, aliases: RegionAliases | None = None, file_name: str = "",
            row_numbers: list[int] | None = None, decimal_comma: bool = False) -> tuple[pd.DataFrame, list[Problem]]:
    """The file's frame in the contract's shape and the problems found; see `prepare_table` for more detail."""
    prepared = prepare_table(frame, dataset_name, profile, regions, aliases, file_name, row_numbers,
                             decimal_comma=decimal_comma)
    return prepared.frame, prepared.problems


def prepare_table(frame: pd.DataFrame, dataset_name: str, profile: MappingProfile | None = None,
                  regions: RegionIndex | None = None, aliases: RegionAliases | None = None, file_name: str = "",
                  row_numbers: list[int] | None = None, land_cells_file: Path | None = None,
                  decimal_comma: bool = False) -> Prepared:
    """Map the headers (by the profile; without one, only headers that name a column in other case or
    spacing), resolve region names and place points by position, and translate value words.
    `row_numbers` are the rows' spreadsheet rows (default: the header is row 1, the rows follow);
    `decimal_comma` is RawTable.decimal_comma (a semicolon CSV), where the loader itself reads "-8,25"."""
    dataset = get_dataset(dataset_name)
    numbers = list(row_numbers) if row_numbers is not None else list(range(2, len(frame) + 2))
    frame = frame.reset_index(drop=True)
    problems: list[Problem] = []
    if profile is not None and profile.dataset != dataset.name:
        problems.append(Problem(file_name, None, None, "profile_other_dataset",
                                params=(("profile", profile.name), ("other", profile.dataset),
                                        ("dataset", dataset.name))))
        return Prepared(frame.iloc[:, :0], problems)
    frame, header_problems = _mapped(frame, dataset, profile, file_name)
    problems += header_problems
    prepared = Prepared(frame, problems)
    if problems:
        return prepared
    for column in dataset.columns:
        if column.name not in frame.columns:
            frame[column.name] = ""
    frame = frame.fillna("").astype(str).apply(lambda values: values.str.strip())
    for column in dataset.columns:
        if column.allowed is not None:
            frame[column.name] = _translated_values(frame[column.name], column)
    location = dataset.location
    if location is not None and not decimal_comma:
        # A coordinate typed with a decimal comma ("-8,2578") in a comma file or a spreadsheet: never a
        # thousands separator, as a latitude or longitude in Indonesia is below 1000.
        for name in (location.lat_column, location.lon_column):
            frame[name] = frame[name].str.replace(DECIMAL_COMMA_PATTERN, r"\1.\2", regex=True)
    _resolve_regions(frame, dataset, regions or region_index(), aliases, numbers, file_name, land_cells_file,
                     prepared)
    prepared.frame = frame[list(dataset.column_names)]
    return prepared


def _mapped(frame: pd.DataFrame, dataset: Dataset, profile: MappingProfile | None,
            file_name: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The frame with the contract's (and the name columns') headers, and the header problems."""
    headers = [str(header) for header in frame.columns]
    proposal = propose_mapping(headers, dataset.name)
    if profile is None:
        sure = {match.header: match.column for match in proposal.matches if match.confidence >= NORMALISED}
        profile = MappingProfile("", dataset.name, sure)
    renamed = apply_mapping(headers, profile)
    problems: list[Problem] = []
    targets = set(targets_for(dataset))
    for header, target, match in zip(headers, renamed, proposal.matches):
        if target is not None and target not in targets:
            problems.append(Problem(file_name, 1, header, "unmapped_column",
                                    params=(("proposal", match.column or "-"),)))
    present = [name for name in renamed if name is not None] + [name for name in profile.fixed if name not in renamed]
    for name in sorted({name for name in present if present.count(name) > 1}):
        problems.append(Problem(file_name, 1, name, "duplicate_column", params=(("count", str(present.count(name))),)))
    for name in missing_required(dataset, set(present)):
        proposed = [match.header for match in proposal.matches if match.column == name]
        problems.append(Problem(file_name, 1, name, "unmapped_required",
                                params=(("proposal", proposed[0] if proposed else "-"),)))
    return apply_mapping(frame, profile), problems


def _translated_values(values: pd.Series, column: Column) -> pd.Series:
    """Allowed values written in other case, with spaces, or as Indonesian words, in the contract's spelling."""
    words = VALUE_WORDS.get(column.name, {})

    def translated(value: str) -> str:
        if value in column.allowed or value == "":
            return value
        plain = " ".join(value.lower().split())
        for candidate in (plain, plain.replace(" ", "_"), words.get(plain)):
            if candidate in column.allowed:
                return candidate
        return value

    return values.map(translated)


def _resolve_regions(frame: pd.DataFrame, dataset: Dataset, index: RegionIndex, aliases: RegionAliases | None,
                     numbers: list[int], file_name: str, land_cells_file: Path, prepared: Prepared) -> None:
    """Fill each empty region code from the names beside it, or (a village) from the row's position."""
    if dataset.name == "regions":
        return
    names_given = [name for name in NAME_COLUMNS if name in frame.columns]
    for column in dataset.columns:
        if not column.region_levels:
            continue
        location = dataset.location if dataset.location and dataset.location.village_column == column.name else None
        for position in frame.index[frame[column.name] == ""]:
            written = {name: frame.at[position, name] for name in names_given}
            row = numbers[position]
            if any(written.values()):
                resolution = index.resolve(written.get("village_name"), written.get("district_name"),
                                           written.get("regency_name"), aliases)
                shown = " / ".join(value for value in written.values() if value)
                problem = _refusal(resolution, column, index, file_name, row, shown)
                if problem is None:
                    frame.at[position, column.name] = resolution.code
                    prepared.resolved_by_name.append(row)
                else:
                    prepared.problems.append(problem)
                    prepared.unresolved.append(UnresolvedRow(
                        row, *(written.get(name, "") for name in NAME_COLUMNS), resolution.candidates))
            elif location is not None:
                lat, lon = (_coordinate(frame.at[position, name]) for name in (location.lat_column, location.lon_column))
                if lat is None or lon is None:
                    continue  # the loader names the missing or malformed coordinate
                resolution = index.place_by_position(lat, lon, land_cells_file)
                if resolution.ok:
                    frame.at[position, column.name] = resolution.code
                    prepared.placed_by_position.append(row)
                else:
                    value = f"{frame.at[position, location.lat_column]}, {frame.at[position, location.lon_column]}"
                    prepared.problems.append(Problem(file_name, row, column.name, "region_not_placed", value,
                                                     (("candidates", _labels(resolution) or "-"),)))
    for name in names_given:
        del frame[name]


def _refusal(resolution: Resolution, column: Column, index: RegionIndex, file_name: str, row: int,
             shown: str) -> Problem | None:
    if resolution.ok:
        level = index.levels[resolution.code]
        if level in column.region_levels:
            return None
        return Problem(file_name, row, column.name, "region_wrong_level", shown,
                       (("levels", "/".join(column.region_levels)), ("found", f"{resolution.code} ({level})")))
    if resolution.status == "ambiguous":
        return Problem(file_name, row, column.name, "region_ambiguous", shown, (("candidates", _labels(resolution)),))
    if resolution.candidates:
        return Problem(file_name, row, column.name, "region_unknown", shown, (("candidates", _labels(resolution)),))
    return Problem(file_name, row, column.name, "region_not_found", shown)


def _labels(resolution: Resolution) -> str:
    return "; ".join(candidate.label() for candidate in resolution.candidates)


def _coordinate(text: str) -> float | None:
    """A coordinate as a number (a decimal comma accepted); None when it is not one."""
    text = text.strip()
    if re.fullmatch(DECIMAL_COMMA_PATTERN, text):
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None
