"""What an editor does from the app: load uploaded files, enter a KPI value (no Streamlit)."""
from __future__ import annotations

import re
import tempfile
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from smartisland import clock
from smartisland.contract import DATASETS_BY_NAME
from smartisland.intake.loading import IntakeResult, aliases_file, load_in_child, mappings_dir
from smartisland.intake.mapping import MappingProfile, list_profiles, save_profile, targets_for
from smartisland.intake.prepare import UnresolvedRow
from smartisland.intake.region_names import RegionAliases
from smartisland.validate import FileRefused, read_table

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"


def _stamp_editor(path: Path, display_name: str, editor: str, now: datetime) -> Path:
    """The uploaded `kpi_values` file with `entered_by` and `entered_at` set to who loads it and when, whatever
    it said, written in the same kind of file so that row numbers and the decimal mark stay as the user sees them.
    A file that cannot be read is returned as it is: the loader reports why."""
    try:
        table = read_table(path, display_name)
    except FileRefused:
        return path
    frame = table.frame.copy()
    frame["entered_by"] = editor
    frame["entered_at"] = now.strftime(TIMESTAMP_FORMAT)
    if path.suffix.lower() == ".parquet":
        stamped = path.with_name(path.stem + "-stamped.parquet")
        frame.to_parquet(stamped, index=False)
    else:  # CSV, and a spreadsheet's text cells, have the same header row
        stamped = path.with_name(path.stem + "-stamped.csv")
        frame.to_csv(stamped, index=False, sep=";" if table.decimal_comma else ",", encoding="utf-8")
    return stamped


def load_uploaded(dataset_name: str, files: list[tuple[str, bytes]], db_path: Path, editor: str,
                  today: date | None = None, now: datetime | None = None, mapping: str | None = None) -> IntakeResult:
    """Validate and load uploaded files, named as the user named them, exactly as the command line would (the
    mapping profile `mapping` and region names included); in a `kpi_values` file the signed-in editor and the
    clock's time replace whatever `entered_by`/`entered_at` say."""
    now = now or clock.now()
    today = today or clock.today()
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, (name, content) in enumerate(files):
            # A folder per file keeps the user's own file name (for messages and the load log) without clashes.
            path = Path(folder) / str(index) / Path(name).name
            path.parent.mkdir()
            path.write_bytes(content)
            if dataset_name == "kpi_values":
                path = _stamp_editor(path, Path(name).name, editor, now)
            paths.append(path)
        names = [Path(name).name for name, _ in files]
        # In a process of its own under a memory ceiling and a time limit: the app server's memory is never at
        # stake, and a load past a limit ends in a message.
        return load_in_child(dataset_name, paths, db_path, mapping, display_names=names, loaded_by=editor,
                             today=today)


def remember_choices(choices: list[tuple[UnresolvedRow, str]]) -> None:
    """The editor's pick for each unresolved row, saved as region aliases that later files resolve by."""
    path = aliases_file()
    aliases = RegionAliases.load(path)
    for row, code in choices:
        aliases.remember(row.village, row.district, row.regency, code)
    aliases.save(path)


def enter_kpi_value(kpi_id: str, period_end: date, value: float, source: str, note: str, db_path: Path,
                    editor: str, now: datetime | None = None, today: date | None = None) -> IntakeResult:
    """One KPI value, checked by the same contract rules as a file (no future date, no second value a period)."""
    now = now or clock.now()
    dataset = DATASETS_BY_NAME["kpi_values"]
    row = {"kpi_id": kpi_id, "period_end": period_end.isoformat(), "value": value, "source": source.strip(),
           "entered_by": editor, "entered_at": now.strftime(TIMESTAMP_FORMAT), "note": note.strip()}
    content = pd.DataFrame([row], columns=list(dataset.column_names)).to_csv(index=False).encode("utf-8")
    return load_uploaded("kpi_values", [(f"kpi_values-{kpi_id}.csv", content)], db_path, editor, today=today,
                         now=now)


def suggested_profile_name(dataset_name: str, file_name: str) -> str:
    """A profile name from the dataset and the file's name: lower-case letters, digits, - and _."""
    stem = re.sub(r"[^a-z0-9_-]+", "_", Path(file_name).stem.lower()).strip("_-")
    return f"{dataset_name}_{stem}"[:64].rstrip("_-") if stem else dataset_name


def mapping_choices(dataset_name: str) -> list[str]:
    """What a file's header may be mapped to on the Data page: nothing ("" leaves it out), a contract column, or
    a region name column."""
    return ["", *targets_for(DATASETS_BY_NAME[dataset_name])]


def save_mapping(name: str, dataset_name: str, columns: dict[str, str], fixed: dict[str, str]) -> MappingProfile:
    """The editor's mapping saved as the named profile ("" for a header: left out; an empty fixed value: none)."""
    profile = MappingProfile(name, dataset_name, {header: column or None for header, column in columns.items()},
                             {column: value.strip() for column, value in fixed.items() if value.strip()})
    save_profile(profile, mappings_dir())
    return profile


def saved_profiles(dataset_name: str | None = None) -> list[str]:
    return list_profiles(mappings_dir(), dataset_name)
