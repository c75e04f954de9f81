"""The SPBE entry form's logic (no Streamlit): the governments and indicators to enter, the index and band of the
levels entered so far, the published index beside it, and saving the levels as a spbe_assessments file.
`run` is a query runner, `run(name, **params) -> DataFrame`."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from smartisland.contract import DATASETS_BY_NAME
from smartisland.editing.uploads import load_uploaded
from smartisland.intake.loading import IntakeResult
from smartisland.intake.region_names import region_index
from smartisland.kpis.scorecard import QueryRunner
from smartisland.spbe.index import DEFAULT_FRAMEWORK, Indicator, frameworks_from_frame, predicate, weighted_index

GOVERNMENT_LEVELS = ("province", "regency")
FIRST_YEAR = 2018  # the contract's lowest SPBE year


@dataclass(frozen=True)
class Aspect:
    number: int
    name: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Domain:
    number: int
    name: str
    aspects: tuple[Aspect, ...]


@dataclass(frozen=True)
class EntryForm:
    """What the form offers: governments (code -> name), years (newest first), and the framework's indicators."""
    governments: dict[str, str]
    years: list[int]
    framework_id: str
    indicators: dict[int, Indicator]
    domains: tuple[Domain, ...]


@dataclass(frozen=True)
class EntryScore:
    entered: int
    expected: int
    index: float | None  # once every indicator has a level
    band: str | None  # the predicate (Kurang ... Memuaskan)
    published: float | None  # the published index of the government and year, when one exists


def entry_form(run: QueryRunner, today: date, framework_id: str = DEFAULT_FRAMEWORK) -> EntryForm:
    regions = region_index()
    governments = {code: name for code, name in regions.names.items() if regions.levels[code] in GOVERNMENT_LEVELS}
    indicators = frameworks_from_frame(run("spbe_framework_indicators"))[framework_id]
    return EntryForm(dict(sorted(governments.items())), list(range(today.year, FIRST_YEAR - 1, -1)), framework_id,
                     indicators, grouped(indicators))


def grouped(indicators: dict[int, Indicator]) -> tuple[Domain, ...]:
    """The indicators by domain and aspect, in the framework's order."""
    domains: dict[int, dict[int, list[Indicator]]] = {}
    for indicator in sorted(indicators.values(), key=lambda item: item.number):
        domains.setdefault(indicator.domain_no, {}).setdefault(indicator.aspect_no, []).append(indicator)
    by_number = {indicator.domain_no: indicator.domain for indicator in indicators.values()}
    aspect_names = {indicator.aspect_no: indicator.aspect for indicator in indicators.values()}
    return tuple(Domain(number, by_number[number],
                        tuple(Aspect(aspect, aspect_names[aspect], tuple(members))
                              for aspect, members in sorted(aspects.items())))
                 for number, aspects in sorted(domains.items()))


def entry_score(levels: dict[int, int | None], form: EntryForm, published: pd.DataFrame, entity_code: str,
                year: int) -> EntryScore:
    """The index and band once every indicator has a level, and the published index of the government and year
    (`published` is the spbe_published_indices query's result)."""
    given = {number: level for number, level in levels.items() if level is not None and number in form.indicators}
    index = weighted_index(given, form.indicators) if len(given) == len(form.indicators) else None
    rows = published[(published["entity_code"] == entity_code) & (published["year"].astype(int) == int(year))]
    value = float(rows["index_value"].iloc[0]) if len(rows) and not pd.isna(rows["index_value"].iloc[0]) else None
    return EntryScore(len(given), len(form.indicators), index, predicate(index) if index is not None else None,
                      value if value is None or math.isfinite(value) else None)


def assessment_frame(year: int, entity_code: str, framework_id: str, levels: dict[int, int], owner_agency: str,
                     evidence_status: str) -> pd.DataFrame:
    """The levels as spbe_assessments rows, in the contract's columns."""
    dataset = DATASETS_BY_NAME["spbe_assessments"]
    rows = [{"year": year, "entity_code": entity_code, "framework_id": framework_id, "indicator_no": number,
             "level": level, "owner_agency": owner_agency.strip(), "evidence_status": evidence_status}
            for number, level in sorted(levels.items())]
    return pd.DataFrame(rows, columns=list(dataset.column_names))


def save_assessment(year: int, entity_code: str, framework_id: str, levels: dict[int, int], owner_agency: str,
                    evidence_status: str, db_path: Path, editor: str, today: date | None = None,
                    now: datetime | None = None) -> IntakeResult:
    """The levels loaded as a spbe_assessments file: the same checks, atomic load and load log as an upload."""
    frame = assessment_frame(year, entity_code, framework_id, levels, owner_agency, evidence_status)
    content = frame.to_csv(index=False).encode("utf-8")
    return load_uploaded("spbe_assessments", [(f"spbe_assessments-{entity_code}-{year}.csv", content)], db_path,
                         editor, today=today, now=now)
