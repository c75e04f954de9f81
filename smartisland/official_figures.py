"""The published figures (provinces/<code>/reference/published_figures.csv): the one home of every public figure that both
the app and the sample generator use, each with its date, what it counts and its source (no Streamlit)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from smartisland.config import reference_file

PUBLISHED_FIGURES = "published_figures.csv"


@dataclass(frozen=True)
class PublishedFigure:
    """One public figure. `on` is the day it stood: the day the source names, else the end of its month or year."""
    figure_id: str
    measure: str  # wifi_points, base_stations, spbe_index, residents, villages_..., blank_spot_villages
    entity_code: str  # a region code, or `national`
    period: str  # as the source gives it: a year, a month or a day
    on: date
    value: float
    is_target: bool
    is_unsure: bool  # the source is not official (marked unsure in provinces/<code>/reference/SOURCES.md)
    agencies_evaluated: int | None
    counts: str
    source: str


def published_figures(path: Path | None = None) -> tuple[PublishedFigure, ...]:
    """The province's published figures (none when it has no file yet)."""
    return _published_figures(path or reference_file(PUBLISHED_FIGURES))


@cache
def _published_figures(path: Path) -> tuple[PublishedFigure, ...]:
    if not path.is_file():
        return ()
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            PublishedFigure(
                figure_id=row["figure_id"], measure=row["measure"], entity_code=row["entity_code"],
                period=row["period"], on=date.fromisoformat(row["on"]), value=float(row["value"]),
                is_target=row["is_target"] == "true", is_unsure=row["is_unsure"] == "true",
                agencies_evaluated=int(row["agencies_evaluated"]) if row["agencies_evaluated"] else None,
                counts=row["counts"], source=row["source"])
            for row in csv.DictReader(handle))


def figures_of(measure: str, path: Path | None = None) -> tuple[PublishedFigure, ...]:
    """The figures of one measure, in the file's order."""
    return tuple(figure for figure in published_figures(path) if figure.measure == measure)
