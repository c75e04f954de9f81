"""Mobile coverage: signal surveys of every village by source, the blank-spot sites being fixed, and base stations
by year."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from smartisland.tools.sample.calibration import (
    ILLUSTRATIVE_SOURCE,
    OPEN_SITE_PLAN,
    PROGRAMME_STAGES,
    SURVEY_ROUNDS,
    BlankSpotGroup,
    Calibration,
    ForcedRound,
)
from smartisland.tools.sample.common import Regions, Village, jitter_on_land, random_date, weighted_split, years_since

# A village is "weak" for a source when its signal score is under that source's threshold:
# BAKTI counts weak signal more readily than the province, operators less readily.
WEAK_THRESHOLDS = {"province": 0.55, "bakti": 0.72, "operator": 0.45, "crowd": 0.6}


@dataclass
class BlankSpotVillage:
    """A village without any signal until `fixed_on`, when its blank-spot site was built."""
    village: Village
    fixed_on: date
    group: BlankSpotGroup


def village_base_scores(regions: Regions, rng: np.random.Generator, calibration: Calibration) -> dict[str, float]:
    """Weaker in remote districts (and in the weaker regency), stronger in towns; the sample's own judgement."""
    scores = {}
    for village in regions.villages:
        if village.district_code in calibration.urban_districts:
            base = 0.75
        elif village.district_code in calibration.remote_districts:
            base = 0.35
        else:
            base = 0.55
        base -= 0.12 if village.regency_code == calibration.weaker_regency else 0.0
        base += 0.08 if village.village_type == "kelurahan" else 0.0
        scores[village.code] = base + float(rng.normal(0, 0.12))
    return scores


def signal_score(base: float, when: date, rng: np.random.Generator) -> float:
    return base + 0.05 * years_since(date(2020, 1, 1), when) + float(rng.normal(0, 0.05))


def lowest_scoring(villages: list[Village], scores: dict[str, float], count: int) -> list[Village]:
    """The desa (not kelurahan) with the weakest signal."""
    desa = [v for v in villages if v.village_type == "desa"]
    return sorted(desa, key=lambda v: (scores[v.code], v.code))[:count]


def blank_spot_villages(regions: Regions, scores: dict[str, float], rng: np.random.Generator,
                        calibration: Calibration) -> list[BlankSpotVillage]:
    """The villages with no signal at all, group by group, each fixed on its day."""
    spots = []
    for group in calibration.blank_spot_groups:
        villages = lowest_scoring(regions.villages_in(group.area), scores, group.count)
        if group.fixes:
            spots += [BlankSpotVillage(village, fixed_on, group) for village, fixed_on in zip(villages, group.fixes)]
        else:
            spots += [BlankSpotVillage(village, random_date(rng, *group.between), group) for village in villages]
    return spots


def survey_date(year: int, month: int, regency_index: int) -> date:
    """A round visits the regencies two days apart from the 3rd; a province with more than 13 starts again."""
    return date(year, month, 3 + (2 * regency_index) % 26)


def classify(score: float, source: str) -> str:
    return "weak" if score < WEAK_THRESHOLDS[source] else "good"


def technology(quality: str, village: Village, when: date, rng: np.random.Generator, calibration: Calibration) -> str:
    if quality == "none":
        return "none"
    if quality == "weak":
        return str(rng.choice(["2g", "3g", "4g"], p=[0.15, 0.35, 0.5] if when.year < 2023 else [0.05, 0.25, 0.7]))
    if village.district_code in calibration.urban_districts and when.year >= 2022 and rng.random() < 0.35:
        return "5g"
    return "4g"


def survey_round(regions: Regions, source: str, year: int, month: int, scores: dict[str, float],
                 spots: dict[str, BlankSpotVillage], rng: np.random.Generator, calibration: Calibration) -> list[dict]:
    forced = calibration.forced_round
    rows = []
    for regency_index, regency_code in enumerate(regions.regency_codes):
        surveyed_on = survey_date(year, month, regency_index)
        villages = regions.villages_in(regency_code)
        if source == "crowd":
            villages = [v for v in villages if rng.random() < 0.4]
        quality = {v.code: classify(signal_score(scores[v.code], surveyed_on, rng), source) for v in villages}
        if forced is not None and (source, year, month, regency_code) == (forced.source, forced.year, forced.month,
                                                                          forced.regency):
            quality = forced_qualities(villages, scores, forced)
        for village in villages:
            spot = spots.get(village.code)
            if spot is not None and surveyed_on < spot.fixed_on:
                quality[village.code] = "none"
            elif spot is not None and quality[village.code] == "good" and surveyed_on < spot.fixed_on + timedelta(days=365):
                quality[village.code] = "weak"  # a new site starts with thin coverage
            rows.append({"village_code": village.code, "surveyed_on": surveyed_on, "source": source,
                         "best_technology": technology(quality[village.code], village, surveyed_on, rng, calibration),
                         "signal_quality": quality[village.code]})
    return rows


def forced_qualities(villages: list[Village], scores: dict[str, float], forced: ForcedRound) -> dict[str, str]:
    """The published weak and no-signal counts; the blank-spot villages are the lowest-scoring ones."""
    ranked = sorted(villages, key=lambda v: (scores[v.code], v.code))
    cut = forced.none + forced.weak
    return {v.code: ("weak" if i < cut else "good") for i, v in enumerate(ranked)}


def signal_survey_rows(regions: Regions, scores: dict[str, float], spots: list[BlankSpotVillage],
                       rng: np.random.Generator, calibration: Calibration) -> list[dict]:
    by_code = {spot.village.code: spot for spot in spots}
    return [row for source, year, month in SURVEY_ROUNDS
            for row in survey_round(regions, source, year, month, scores, by_code, rng, calibration)]


BLANK_SPOT_OPERATORS = ("BAKTI Kominfo", "Telkomsel", "XL Axiata", "Indosat Ooredoo Hutchison")


@dataclass
class BlankSpotSite:
    village: Village
    stage: str
    solution: str
    owner: str
    stage_date: date
    target_date: date | None


def fixed_site(spot: BlankSpotVillage, rng: np.random.Generator) -> BlankSpotSite:
    """A site that brought signal to a blank-spot village: built on `fixed_on`, verified a few weeks later."""
    verified_on = spot.fixed_on + timedelta(days=int(rng.integers(14, 60)))
    if spot.group.verified_by is not None:
        verified_on = min(verified_on, spot.group.verified_by)
    target = date(spot.fixed_on.year, 12, 31)
    owner = str(rng.choice(BLANK_SPOT_OPERATORS[:3], p=[0.5, 0.3, 0.2]))
    return BlankSpotSite(spot.village, "verified", "bts", owner, verified_on, target)


def extra_site(village: Village, stage: str, stage_date: date, target_date: date | None,
               rng: np.random.Generator, calibration: Calibration) -> BlankSpotSite:
    solution = str(rng.choice(["bts", "repeater", "fiber", "vsat"], p=[0.55, 0.2, 0.15, 0.1]))
    owner = calibration.agency_short if solution in ("fiber", "vsat") else str(rng.choice(BLANK_SPOT_OPERATORS))
    return BlankSpotSite(village, stage, solution, owner, stage_date, target_date)


def programme_sites(regions: Regions, scores: dict[str, float], rng: np.random.Generator,
                    calibration: Calibration) -> list[BlankSpotSite]:
    """A regency's blank-spot points planned for 2023-24 in its remote desa: some built and verified, some late."""
    remote = [v for v in regions.villages_in(calibration.programme_regency)
              if v.district_code in calibration.remote_districts]
    desa = lowest_scoring(remote, scores, calibration.programme_villages)
    if not desa:
        return []
    stages = [stage for stage in PROGRAMME_STAGES for _ in range(calibration.programme_stages.get(stage, 0))]
    per_desa = weighted_split(len(stages), {v.code: 1 + i % 3 for i, v in enumerate(desa)})
    order = rng.permutation(len(stages))
    sites, k = [], 0
    for village in desa:
        for _ in range(per_desa[village.code]):
            stage = stages[order[k]]
            k += 1
            target = random_date(rng, date(2023, 6, 30), date(2024, 12, 31))
            sites.append(extra_site(village, stage, programme_stage_date(stage, target, rng), target, rng, calibration))
    return sites


def programme_stage_date(stage: str, target: date, rng: np.random.Generator) -> date:
    if stage == "verified":
        return min(target + timedelta(days=int(rng.integers(-120, 200))), date(2026, 6, 30))
    if stage == "built":
        return min(target + timedelta(days=int(rng.integers(30, 500))), date(2026, 9, 30))
    if stage in ("planned", "proposed"):
        return random_date(rng, date(2023, 2, 1), date(2024, 6, 30))
    return random_date(rng, date(2022, 10, 1), date(2023, 3, 31))


def open_sites(regions: Regions, scores: dict[str, float], spots: list[BlankSpotVillage],
               rng: np.random.Generator, calibration: Calibration) -> list[BlankSpotSite]:
    """Weak-signal pockets of a regency still being worked on, some due after AS_OF."""
    fixed = {spot.village.code for spot in spots}
    villages = regions.villages_in(calibration.open_sites_regency)
    weak = [v for v in lowest_scoring(villages, scores, 14) if v.code not in fixed][:6]
    return [extra_site(village, stage, stage_date, target, rng, calibration)
            for village, (stage, stage_date, target) in zip(weak, OPEN_SITE_PLAN)]


def blank_spot_rows(regions: Regions, scores: dict[str, float], spots: list[BlankSpotVillage],
                    rng: np.random.Generator, calibration: Calibration) -> list[dict]:
    second_sites = [spot for group in calibration.blank_spot_groups
                    for spot in [spot for spot in spots if spot.group is group][:group.second_sites]]
    sites = [fixed_site(spot, rng) for spot in spots + second_sites]
    sites += programme_sites(regions, scores, rng, calibration) + open_sites(regions, scores, spots, rng, calibration)
    rows = []
    for number, site in enumerate(sites, start=1):
        lat, lon = jitter_on_land(rng, site.village.lat, site.village.lon, 0.01)
        rows.append({"site_id": f"bs-{number:04d}", "village_code": site.village.code, "lat": lat, "lon": lon,
                     "stage": site.stage, "solution": site.solution, "owner": site.owner,
                     "stage_date": site.stage_date, "target_date": site.target_date})
    return rows


# ---------------------------------------------------------------- base stations

def base_station_rows(regions: Regions, calibration: Calibration) -> list[dict]:
    """The published counts, interpolated between them; an illustrative series when none is published."""
    published = calibration.base_stations
    rows = []
    for year in range(2018, 2026):
        if year in published:
            count, source = published[year]
        elif published:
            count, source = interpolated_base_stations(year, {y: c for y, (c, _) in published.items()}), \
                "sample (interpolated)"
        else:
            count, source = round(1.5 * len(regions.villages) * 1.03 ** (year - 2018)), ILLUSTRATIVE_SOURCE
        rows.append({"year": year, "region_code": regions.code, "base_stations": count, "source": source})
    return rows


def interpolated_base_stations(year: int, counts: dict[int, int]) -> int:
    earlier = max((y for y in counts if y < year), default=None)
    later = min((y for y in counts if y > year), default=None)
    if later is None or earlier is None:  # carry the nearest known yearly growth forward (or back)
        known = sorted(counts)
        if len(known) == 1:
            return counts[known[0]]
        earlier, later = known[-2:] if later is None else known[:2]
        anchor = later if year > later else earlier
        return round(counts[anchor] + (year - anchor) * (counts[later] - counts[earlier]) / (later - earlier))
    share = (year - earlier) / (later - earlier)
    return round(counts[earlier] + share * (counts[later] - counts[earlier]))
