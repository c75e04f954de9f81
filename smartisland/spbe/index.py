"""SPBE (electronic-government maturity): framework weights, the index, its predicate, domain and aspect indices.

The bands, plan targets, gap plan, what-if and comparisons built on them are in spbe/plan.py.
"""
from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from smartisland.config import NATIONAL_DIR

DEFAULT_FRAMEWORK = "permenpanrb-59-2020"
INDICATORS_PATH = NATIONAL_DIR / "spbe_indicators.csv"
LEVEL_RANGE = (1, 5)

# Lower bound of each band, highest first; a value on a boundary takes the higher band.
PREDICATES: tuple[tuple[float, str], ...] = (
    (4.2, "Memuaskan"),
    (3.5, "Sangat Baik"),
    (2.6, "Baik"),
    (1.8, "Cukup"),
)
LOWEST_PREDICATE = "Kurang"


@dataclass(frozen=True)
class Indicator:
    number: int
    name: str
    domain_no: int
    domain: str
    aspect_no: int
    aspect: str
    weight: float
    kind: str  # process or service


def framework_indicators(indicators, framework_id: str = DEFAULT_FRAMEWORK) -> dict[int, Indicator]:
    """The indicators of one framework, by number, from a DataFrame or an iterable of records."""
    records = indicators.to_dict("records") if hasattr(indicators, "to_dict") else indicators
    framework = {
        int(record["indicator_no"]): _indicator(record)
        for record in records
        if record["framework_id"] == framework_id
    }
    if not framework:
        raise ValueError(f"unknown SPBE framework: {framework_id!r}")
    return framework


def framework_weights(indicators, framework_id: str = DEFAULT_FRAMEWORK) -> dict[int, float]:
    """Indicator number -> weight (percent) for one framework."""
    return {number: indicator.weight for number, indicator in framework_indicators(indicators, framework_id).items()}


def load_framework(framework_id: str = DEFAULT_FRAMEWORK, path: Path = INDICATORS_PATH) -> dict[int, Indicator]:
    """The indicators of one framework, read from the reference CSV."""
    return framework_indicators(_read_records(Path(path)), framework_id)


def compute_index(levels: Mapping[int, float], framework_id: str = DEFAULT_FRAMEWORK) -> float:
    """The SPBE index, Σ(weight × level) / 100, unrounded."""
    return weighted_index(levels, load_framework(framework_id))


def weighted_index(levels: Mapping[int, float], indicators: Mapping[int, Indicator]) -> float:
    """Σ(weight × level) / Σ(weight) over the given indicators, after checking the levels cover exactly them."""
    levels = checked_levels(levels, indicators)
    total_weight = math.fsum(indicator.weight for indicator in indicators.values())
    return math.fsum(indicators[number].weight * level for number, level in levels.items()) / total_weight


def domain_indices(levels: Mapping[int, float], framework_id: str = DEFAULT_FRAMEWORK) -> dict[int, float]:
    """Domain number -> weighted mean level of the domain's own indicators."""
    return _group_indices(levels, framework_id, lambda indicator: indicator.domain_no)


def aspect_indices(levels: Mapping[int, float], framework_id: str = DEFAULT_FRAMEWORK) -> dict[int, float]:
    """Aspect number -> weighted mean level of the aspect's own indicators."""
    return _group_indices(levels, framework_id, lambda indicator: indicator.aspect_no)


def predicate(index: float) -> str:
    """The predikat of an index: Kurang, Cukup, Baik, Sangat Baik or Memuaskan."""
    if isinstance(index, bool) or not isinstance(index, (int, float)) or math.isnan(index):
        raise ValueError(f"SPBE index must be a number, got {index!r}")
    # An index computed as 3.4999999999 is a 3.5 on paper.
    value = round(float(index), 6)
    if not 0 <= value <= LEVEL_RANGE[1]:
        raise ValueError(f"SPBE index {index} is outside 0-{LEVEL_RANGE[1]}")
    for lower_bound, name in PREDICATES:
        if value >= lower_bound:
            return name
    return LOWEST_PREDICATE


def predicate_key(name: str) -> str:
    """The translation key of a predicate name (`Sangat Baik` -> `spbe.predicate.sangat_baik`)."""
    return "spbe.predicate." + name.lower().replace(" ", "_")


def frameworks_from_frame(indicators_frame) -> dict[str, dict[int, Indicator]]:
    """Framework id -> its indicators, from rows of the spbe_indicators table."""
    return {framework_id: framework_indicators(indicators_frame, framework_id)
            for framework_id in sorted(set(indicators_frame["framework_id"]))}


def entity_year_indices(levels_frame, frameworks: Mapping[str, Mapping[int, Indicator]]) -> pd.DataFrame:
    """One row per assessed entity and year: its index and predicate (missing when an indicator was not assessed)."""
    rows = []
    keys = ["year", "entity_code", "framework_id"]
    for (year, entity_code, framework_id), group in levels_frame.groupby(keys, sort=True):
        indicators = frameworks.get(framework_id, {})
        levels = dict(zip(group["indicator_no"].astype(int), group["level"]))
        is_complete = bool(indicators) and set(levels) == set(indicators)
        index = weighted_index(levels, indicators) if is_complete else math.nan
        rows.append({"year": int(year), "entity_code": entity_code, "entity_name": group["entity_name"].iloc[0],
                     "framework_id": framework_id, "index_value": index,
                     "predicate": predicate(index) if is_complete else None,
                     "indicators_assessed": len(levels), "indicators_expected": len(indicators)})
    return pd.DataFrame(rows, columns=[*keys[:2], "entity_name", "framework_id", "index_value", "predicate",
                                       "indicators_assessed", "indicators_expected"])


def _group_indices(levels, framework_id, group_of) -> dict[int, float]:
    indicators = load_framework(framework_id)
    levels = checked_levels(levels, indicators)
    groups: dict[int, dict[int, Indicator]] = {}
    for number, indicator in indicators.items():
        groups.setdefault(group_of(indicator), {})[number] = indicator
    return {
        group: weighted_index({number: levels[number] for number in members}, members)
        for group, members in sorted(groups.items())
    }


def checked_levels(levels: Mapping[int, float], indicators: Mapping[int, Indicator]) -> dict[int, float]:
    """The levels by indicator number, after checking they cover exactly the framework's indicators, each 1-5."""
    levels = {int(number): level for number, level in levels.items()}
    missing = sorted(set(indicators) - set(levels))
    unknown = sorted(set(levels) - set(indicators))
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"missing indicators {missing}")
        if unknown:
            problems.append(f"unknown indicators {unknown}")
        raise ValueError("SPBE levels do not match the framework: " + "; ".join(problems))
    out_of_range = {number: level for number, level in sorted(levels.items()) if not _is_valid_level(level)}
    if out_of_range:
        raise ValueError(f"SPBE levels must be numbers from {LEVEL_RANGE[0]} to {LEVEL_RANGE[1]}: {out_of_range}")
    return levels


def _is_valid_level(level) -> bool:
    if isinstance(level, bool):
        return False
    try:
        value = float(level)
    except (TypeError, ValueError):
        return False
    return LEVEL_RANGE[0] <= value <= LEVEL_RANGE[1]


def _indicator(record: Mapping) -> Indicator:
    return Indicator(
        number=int(record["indicator_no"]),
        name=str(record["name"]),
        domain_no=int(record["domain_no"]),
        domain=str(record["domain"]),
        aspect_no=int(record["aspect_no"]),
        aspect=str(record["aspect"]),
        weight=float(record["weight"]),
        kind=str(record["indicator_kind"]),
    )


@lru_cache(maxsize=8)
def _read_records_cached(path: Path, modified_ns: int) -> tuple[dict, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def _read_records(path: Path) -> tuple[dict, ...]:
    # Keyed on the modification time so that an edited reference file is read again.
    return _read_records_cached(path, path.stat().st_mtime_ns)
