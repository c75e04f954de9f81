"""Published figures on coverage and the people served, each with its place, date, source and provenance, for the
page to show as read (issue 13: facts that sat in the data and never reached the screen). No Streamlit."""
from __future__ import annotations

from datetime import date

import pandas as pd

from smartisland.i18n import format_date, format_number, t
from smartisland.official_figures import PublishedFigure, figures_of
from smartisland.text import data_text

# The published facts on coverage and the people served this table shows; each one's label is
# `connectivity.published.<figure_id>`. The figures themselves live in provinces/<code>/reference/published_figures.csv.
FACT_MEASURES = ("residents", "villages_surveyed", "villages_weak_signal", "villages_without_signal",
                 "blank_spot_villages")


def facts() -> tuple[PublishedFigure, ...]:
    return tuple(figure for measure in FACT_MEASURES for figure in figures_of(measure))


def _applies(fact_region: str, region_code: str) -> bool:
    """A fact about the chosen region or a place inside it."""
    return fact_region.startswith(region_code)


def _when_text(when: str) -> str:
    """`2022-12` as the month in the language's words, `2022-03-02` as the day; a year as it is."""
    if len(when) == 10:
        return format_date(date.fromisoformat(when))
    if len(when) == 7:
        return format_date(date(int(when[:4]), int(when[5:]), 1), "month")
    return when


def _provenance_of_station_count(source: str) -> str:
    return "estimated" if "interpolated" in source else ("sample" if source.startswith("sample") else "published")


def published_table(stations: pd.DataFrame, region_code: str, names: dict[str, str]) -> pd.DataFrame | None:
    """The published figures of the region (and of the places in it), then its base stations by year; None when
    there are none. Base-station years the data only estimates say so."""
    rows = [(t(f"connectivity.published.{fact.figure_id}"), names.get(fact.entity_code, fact.entity_code),
             _when_text(fact.period), format_number(fact.value, 0), data_text(fact.source),
             "published")
            for fact in facts() if _applies(fact.entity_code, region_code)]
    for row in stations.itertuples(index=False):
        rows.append((t("connectivity.published.base_stations"), names.get(region_code, region_code),
                     str(int(row.year)), format_number(row.base_stations, 0), data_text(row.source),
                     _provenance_of_station_count(str(row.source))))
    if not rows:
        return None
    columns = [t("connectivity.column.figure"), t("connectivity.published.where"),
               t("connectivity.published.when"), t("connectivity.column.value"),
               t("common.source"), t("connectivity.published.provenance")]
    frame = pd.DataFrame(rows, columns=columns)
    frame[columns[-1]] = [t(f"provenance.{name}") for name in frame[columns[-1]]]
    return frame
