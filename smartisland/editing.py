"""What an editor does from the app: load uploaded files, enter a KPI value (no Streamlit)."""
from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from smartisland import clock
from smartisland.contract import DATASETS_BY_NAME
from smartisland.load import LoadResult, load_files


def load_uploaded(dataset_name: str, files: list[tuple[str, bytes]], db_path: Path, editor: str,
                  today: date | None = None) -> LoadResult:
    """Validate and load uploaded files, named as the user named them, exactly as the command line would."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, (name, content) in enumerate(files):
            # A folder per file keeps the user's own file name (for messages and the load log) without clashes.
            path = Path(folder) / str(index) / Path(name).name
            path.parent.mkdir()
            path.write_bytes(content)
            paths.append(path)
        return load_files(dataset_name, paths, db_path, today=today, loaded_by=editor,
                          display_names=[Path(name).name for name, _ in files])


def enter_kpi_value(kpi_id: str, period_end: date, value: float, source: str, note: str, db_path: Path,
                    editor: str, now: datetime | None = None, today: date | None = None) -> LoadResult:
    """One KPI value, checked by the same contract rules as a file (no future date, no second value a period)."""
    now = now or clock.now()
    dataset = DATASETS_BY_NAME["kpi_values"]
    row = {"kpi_id": kpi_id, "period_end": period_end.isoformat(), "value": value, "source": source.strip(),
           "entered_by": editor, "entered_at": now.strftime("%Y-%m-%d %H:%M:%S"), "note": note.strip()}
    content = pd.DataFrame([row], columns=list(dataset.column_names)).to_csv(index=False).encode("utf-8")
    return load_uploaded("kpi_values", [(f"kpi_values-{kpi_id}.csv", content)], db_path, editor, today=today)
