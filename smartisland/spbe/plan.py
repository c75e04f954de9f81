"""SPBE plans on top of the index: the bands, plan targets, level names, the gap plan, the what-if, and the
comparisons with the published indices and by domain or aspect (no Streamlit)."""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from smartisland.i18n import t
from smartisland.spbe.index import (
    LEVEL_RANGE,
    LOWEST_PREDICATE,
    PREDICATES,
    Indicator,
    checked_levels,
    predicate,
    weighted_index,
)

PUBLISHED_TOLERANCE = 0.01  # a computed index further than this from the published one is flagged
# Names of levels 4 and 5 of service indicators are not confirmed by a primary source (provinces/<code>/reference/SOURCES.md).
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




def level_name(kind: str, level: int) -> str:
    """The capability level's name in the language: Rintisan ... Optimum (process), Informasi ... Optimum (service)."""
    return t(f"spbe.level.{kind}.{int(level)}")


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
    current = {number: _whole_level(level) for number, level in checked_levels(levels, indicators).items()}
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
    before = checked_levels(levels, indicators)
    after = checked_levels({**before, **{int(number): level for number, level in changes.items()}}, indicators)
    index_before, index_after = weighted_index(before, indicators), weighted_index(after, indicators)
    changed = {number: (before[number], after[number]) for number in sorted(after) if after[number] != before[number]}
    return WhatIf(index_before, index_after, predicate(index_before), predicate(index_after), changed)






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
    checked = checked_levels(levels, indicators)
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


def raises_by_owner(plan: GapPlan, owners: Mapping[int, str], unknown: str) -> list[tuple[str, int]]:
    """(owner agency, raises) of a plan, most first, then by name; `unknown` for an indicator without owner."""
    counts: dict[str, int] = {}
    for step in plan.steps:
        owner = owners.get(step.indicator_no, unknown)
        counts[owner] = counts.get(owner, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
