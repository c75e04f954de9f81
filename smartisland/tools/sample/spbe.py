"""SPBE: indicator levels fitted so that each assessed entity's index rounds to the figure it was given, and the
province's published indices."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from smartisland.official_figures import figures_of
from smartisland.spbe import index as spbe
from smartisland.tools.sample.calibration import Calibration

FRAMEWORK = spbe.DEFAULT_FRAMEWORK
SPBE_TOLERANCE = 0.002  # well inside the half-hundredth, so the index rounds to the published value
# How far an aspect's levels sit from the entity's overall index: audits and management lag, policies lead.
ASPECT_OFFSETS = {1: 0.4, 2: 0.1, 3: 0.0, 4: 0.3, 5: -0.6, 6: -0.9, 7: 0.2, 8: -0.1}
INDICATOR_OWNERS = {13: "Bappeda", 32: "Bappeda", 33: "BPKAD", 34: "BPKAD", 35: "Biro Pengadaan Barang/Jasa",
                    36: "BKD", 37: "Dinas Kearsipan dan Perpustakaan", 38: "BPKAD", 39: "Inspektorat",
                    40: "Biro Organisasi", 41: "BKD", 25: "BKD", 44: "Biro Hukum", 45: "Dinas Kesehatan",
                    46: "DPMPTSP", 47: "Bapenda"}


def initial_levels(target: float, indicators: dict[int, spbe.Indicator], rng: np.random.Generator) -> dict[int, int]:
    return {number: int(np.clip(round(target + ASPECT_OFFSETS[indicator.aspect_no] + rng.normal(0, 0.45)), 1, 5))
            for number, indicator in indicators.items()}


def level_moves(levels: dict[int, int]) -> list[tuple[int, int]]:
    return [(n, step) for n, level in levels.items() for step in (1, -1) if 1 <= level + step <= 5]


def best_move(levels: dict[int, int], weights: dict[int, float], gap: float) -> tuple[tuple[int, int], ...]:
    """The one or two level changes that bring the index closest to the target; raise low levels first."""
    singles = [((n, step),) for n, step in level_moves(levels)]
    pairs = [(a[0], b[0]) for i, a in enumerate(singles) for b in singles[i + 1:] if a[0][0] != b[0][0]]

    def cost(moves):
        delta = sum(weights[n] * step for n, step in moves) / 100
        return round(abs(gap - delta), 6), len(moves), sum(levels[n] * step for n, step in moves), moves

    return min(singles + pairs, key=cost)


def fit_levels(levels: dict[int, int], weights: dict[int, float], target: float) -> dict[int, int]:
    """Change single levels until the index lies within SPBE_TOLERANCE of the target."""
    levels = dict(levels)
    for _ in range(200):
        gap = target - math.fsum(weights[n] * level for n, level in levels.items()) / 100
        if abs(gap) <= SPBE_TOLERANCE:
            return levels
        for number, step in best_move(levels, weights, gap):
            levels[number] += step
    raise RuntimeError(f"cannot fit SPBE levels to {target}")


def indicator_owner(number: int, entity_code: str, province: str, main_owner: str) -> str:
    owner = INDICATOR_OWNERS.get(number, main_owner)
    if entity_code != province:  # a regency's agencies carry regency names
        owner = {main_owner: "Diskominfo", "BKD": "BKPSDM"}.get(owner, owner.replace("Biro ", "Bagian "))
    return owner


def evidence_status(level: int, rng: np.random.Generator) -> str:
    draw = rng.random()
    if level <= 2 and draw < 0.25:
        return "missing"
    return "partial" if draw > 0.88 else "complete"


def spbe_assessment_rows(indicators: dict[int, spbe.Indicator], rng: np.random.Generator, province: str,
                         calibration: Calibration) -> list[dict]:
    """Assessed entities in order; a later year of the same entity starts from its earlier levels."""
    weights = {number: indicator.weight for number, indicator in indicators.items()}
    previous: dict[str, dict[int, int]] = {}
    rows = []
    for year, entity_code, target in calibration.spbe_assessed:
        start = previous.get(entity_code) or initial_levels(target, indicators, rng)
        levels = previous[entity_code] = fit_levels(start, weights, target)
        rows += [{"year": year, "entity_code": entity_code, "framework_id": FRAMEWORK, "indicator_no": number,
                  "level": level, "owner_agency": indicator_owner(number, entity_code, province, calibration.spbe_owner),
                  "evidence_status": evidence_status(level, rng)}
                 for number, level in sorted(levels.items())]
    return rows


def spbe_published_rows(figures_path: Path) -> list[dict]:
    return [{"year": figure.on.year, "entity_code": figure.entity_code, "index_value": figure.value,
             "certainty": "unofficial" if figure.is_unsure else "official",
             "agencies_evaluated": figure.agencies_evaluated, "source": figure.source}
            for figure in figures_of("spbe_index", figures_path)]
