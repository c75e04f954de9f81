"""Published figures on coverage and the people served, each with its place, date, source and provenance, for the
page to show as read (issue 13: facts that sat in the data and never reached the screen). No Streamlit."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from smartisland.config import PROVINCE_CODE
from smartisland.i18n import current_language, format_date, format_number, t
from smartisland.text import data_text


@dataclass(frozen=True)
class PublishedFact:
    region_code: str
    when: str  # as the source dates it: a year or a month
    label_key: str
    value: int
    source: str


# FACTS.md; the sample data is calibrated to them (data/sample/README.md).
FACTS: tuple[PublishedFact, ...] = (
    PublishedFact(PROVINCE_CODE, "2022", "connectivity.published.residents_article", 4_300_000,
                  "Jakarta Smart City, 2022"),
    PublishedFact(PROVINCE_CODE, "2025", "connectivity.published.residents", 4_375_263, "Dukcapil 2025"),
    PublishedFact("51.07", "2022-12", "connectivity.published.karangasem_villages", 78, "detik"),
    PublishedFact("51.07", "2022-12", "connectivity.published.karangasem_weak", 56, "detik"),
    PublishedFact("51.07", "2022-12", "connectivity.published.karangasem_none", 6, "detik"),
    PublishedFact("51.06.04", "2020", "connectivity.published.kintamani_blank_spots", 8, "FACTS.md (Bangli)"),
    PublishedFact("51.06", "2024-01", "connectivity.published.bangli_blank_spot_free", 0, "FACTS.md (Bangli)"),
)


def _applies(fact_region: str, region_code: str) -> bool:
    """A fact about the chosen region or a place inside it."""
    return fact_region.startswith(region_code)


def _when_text(when: str, language: str) -> str:
    """`2022-12` as the month in the language's words; a year as it is."""
    if len(when) == 7:
        return format_date(date(int(when[:4]), int(when[5:]), 1), language, "month")
    return when


def _provenance_of_station_count(source: str) -> str:
    return "estimated" if "interpolated" in source else ("sample" if source.startswith("sample") else "published")


def published_table(stations: pd.DataFrame, region_code: str, names: dict[str, str],
                    language: str | None = None) -> pd.DataFrame | None:
    """The published figures of the region (and of the places in it), then its base stations by year; None when
    there are none. Base-station years the data only estimates say so."""
    language = language or current_language()
    rows = [(t(fact.label_key, language), names.get(fact.region_code, fact.region_code), _when_text(fact.when, language),
             format_number(fact.value, 0, language), fact.source, "published")
            for fact in FACTS if _applies(fact.region_code, region_code)]
    for row in stations.itertuples(index=False):
        rows.append((t("connectivity.published.base_stations", language), names.get(region_code, region_code),
                     str(int(row.year)), format_number(row.base_stations, 0, language), data_text(row.source, language),
                     _provenance_of_station_count(str(row.source))))
    if not rows:
        return None
    columns = [t("connectivity.column.figure", language), t("connectivity.published.where", language),
               t("connectivity.published.when", language), t("connectivity.column.value", language),
               t("common.source", language), t("connectivity.published.provenance", language)]
    frame = pd.DataFrame(rows, columns=columns)
    frame[columns[-1]] = [t(f"provenance.{name}", language) for name in frame[columns[-1]]]
    return frame
