"""SPBE (electronic-government maturity): framework weights, the index, its predicate, domain and aspect indices."""
from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from smartisland.config import DATA_DIR
from smartisland.i18n import t

DEFAULT_FRAMEWORK = "permenpanrb-59-2020"
INDICATORS_PATH = DATA_DIR / "reference" / "spbe_indicators.csv"
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
    levels = _checked_levels(levels, indicators)
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


def _group_indices(levels, framework_id, group_of) -> dict[int, float]:
    indicators = load_framework(framework_id)
    levels = _checked_levels(levels, indicators)
    groups: dict[int, dict[int, Indicator]] = {}
    for number, indicator in indicators.items():
        groups.setdefault(group_of(indicator), {})[number] = indicator
    return {
        group: weighted_index({number: levels[number] for number in members}, members)
        for group, members in sorted(groups.items())
    }


def _checked_levels(levels: Mapping[int, float], indicators: Mapping[int, Indicator]) -> dict[int, float]:
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


# ---------------------------------------------------------------- bands, level names, gap plan, what-if, tables

PROVINCE_CODE = "51"
PUBLISHED_TOLERANCE = 0.01  # a computed index further than this from the published one is flagged
# Names of levels 4 and 5 of service indicators are not confirmed by a primary source (FACTS.md).
UNSURE_LEVEL_NAMES = frozenset({("service", 4), ("service", 5)})


@dataclass(frozen=True)
class Band:
    name: str
    lower: float
    upper: float  # exclusive, except for the top band, which includes it


def bands() -> tuple[Band, ...]:
    """The five bands, lowest first, spanning the possible indices (1 to 5)."""
    lowers = [LEVEL_RANGE[0], *(lower for lower, _ in reversed(PREDICATES))]
    names = [LOWEST_PREDICATE, *(name for _, name in reversed(PREDICATES))]
    uppers = [*lowers[1:], LEVEL_RANGE[1]]
    return tuple(Band(name, float(lower), float(upper)) for name, lower, upper in zip(names, lowers, uppers))


def next_band_bound(index: float) -> float | None:
    """The lower bound of the band above the index's band, or None in the top band."""
    above = [lower for lower, _ in PREDICATES if not meets(index, lower)]
    return min(above) if above else None


def plan_targets(index: float) -> list[float]:
    """The band bounds a plan can aim at from this index: those above it, or the top band's when already there."""
    return [lower for lower in sorted(lower for lower, _ in PREDICATES) if not meets(index, lower)] or \
        [PREDICATES[0][0]]


def meets(index: float, target: float) -> bool:
    """Whether an index reaches a target, ignoring float noise as `predicate` does."""
    return round(float(index), 6) >= round(float(target), 6)


def predicate_key(name: str) -> str:
    """The translation key of a predicate name (`Sangat Baik` -> `spbe.predicate.sangat_baik`)."""
    return "spbe.predicate." + name.lower().replace(" ", "_")


def level_name(kind: str, level: int, language: str | None = None) -> str:
    """The capability level's name in the language: Rintisan ... Optimum (process), Informasi ... Optimum (service)."""
    return t(f"spbe.level.{kind}.{int(level)}", language)


@dataclass(frozen=True)
class PlanStep:
    indicator_no: int
    from_level: int
    to_level: int
    index_after: float


@dataclass(frozen=True)
class GapPlan:
    start_index: float
    target: float
    steps: tuple[PlanStep, ...]
    is_reachable: bool

    @property
    def final_index(self) -> float:
        return self.steps[-1].index_after if self.steps else self.start_index

    @property
    def is_met(self) -> bool:
        return meets(self.final_index, self.target)


def gap_plan(levels: Mapping[int, float], indicators: Mapping[int, Indicator], target: float | None = None) -> GapPlan:
    """The fewest one-level raises that bring the index to `target` (default: the next band), largest weights first.

    A raise of indicator i adds weight_i / Σweight to the index whatever its level, and i can be raised 5 - level_i
    times; so k raises add at most the k largest of those increments, which is exactly what taking the largest
    raisable weight each time gives: no plan reaches the target in fewer steps. Among equal weights the lowest
    level goes first (spreading the work), then the lowest number (a stable order).
    """
    current = {number: _whole_level(level) for number, level in _checked_levels(levels, indicators).items()}
    start = weighted_index(current, indicators)
    if target is None:
        target = next_band_bound(start) or PREDICATES[0][0]
    highest = weighted_index({number: LEVEL_RANGE[1] for number in indicators}, indicators)
    if not meets(highest, target):
        return GapPlan(start, target, (), is_reachable=False)
    steps: list[PlanStep] = []
    index = start
    while not meets(index, target):
        number = max((number for number, level in current.items() if level < LEVEL_RANGE[1]),
                     key=lambda number: (indicators[number].weight, -current[number], -number))
        current[number] += 1
        index = weighted_index(current, indicators)
        steps.append(PlanStep(number, current[number] - 1, current[number], index))
    return GapPlan(start, target, tuple(steps), is_reachable=True)


@dataclass(frozen=True)
class WhatIf:
    index_before: float
    index_after: float
    predicate_before: str
    predicate_after: str
    changed: dict[int, tuple[float, float]]  # indicator number -> (level before, level after)


def what_if(levels: Mapping[int, float], changes: Mapping[int, float], indicators: Mapping[int, Indicator]) -> WhatIf:
    """The index and predicate before and after changing some levels."""
    before = _checked_levels(levels, indicators)
    after = _checked_levels({**before, **{int(number): level for number, level in changes.items()}}, indicators)
    index_before, index_after = weighted_index(before, indicators), weighted_index(after, indicators)
    changed = {number: (before[number], after[number]) for number in sorted(after) if after[number] != before[number]}
    return WhatIf(index_before, index_after, predicate(index_before), predicate(index_after), changed)


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


def compare_with_published(computed: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Each published index of the province or a regency beside the index computed from its levels."""
    entities = published[~published["is_national"].astype(bool)]
    merged = entities.merge(computed[["year", "entity_code", "index_value"]].rename(
        columns={"index_value": "computed_index"}), on=["year", "entity_code"], how="left")
    merged = merged.rename(columns={"index_value": "published_index"})
    merged["difference"] = merged["computed_index"] - merged["published_index"]
    # A hair of tolerance so that 4.08 against 4.07 (0.01 apart in print, 0.0100000001 in floats) is not flagged.
    merged["is_different"] = merged["difference"].abs() > PUBLISHED_TOLERANCE + 1e-9
    return merged[["year", "entity_code", "entity_name", "computed_index", "published_index", "difference",
                   "is_different", "certainty", "source"]].sort_values(["year", "entity_code"]).reset_index(drop=True)


def breakdown(levels: Mapping[int, float], indicators: Mapping[int, Indicator], by: str = "aspect") -> pd.DataFrame:
    """Per domain or aspect: its weight, its index, and the points it adds to the overall index."""
    if by not in ("domain", "aspect"):
        raise ValueError(f"breakdown by domain or aspect, not {by!r}")
    checked = _checked_levels(levels, indicators)
    total_weight = math.fsum(indicator.weight for indicator in indicators.values())
    groups: dict[int, dict[int, Indicator]] = {}
    for number, indicator in indicators.items():
        groups.setdefault(getattr(indicator, f"{by}_no"), {})[number] = indicator
    rows = []
    for _, members in sorted(groups.items()):
        first = next(iter(members.values()))
        weight = math.fsum(indicator.weight for indicator in members.values())
        index = weighted_index({number: checked[number] for number in members}, members)
        rows.append({"domain_no": first.domain_no, "domain": first.domain,
                     **({"aspect_no": first.aspect_no, "aspect": first.aspect} if by == "aspect" else {}),
                     "weight": weight, "index_value": index, "contribution": weight * index / total_weight,
                     "indicator_count": len(members)})
    return pd.DataFrame(rows)


def _whole_level(level) -> int:
    if float(level) != int(level):
        raise ValueError(f"a gap plan raises whole levels; got {level!r}")
    return int(level)
