"""What makes one province's sample its own: its calibration file (sample_calibration.toml) read into a
`Calibration`, or, for a province without one, illustrative defaults derived from its regions."""
from __future__ import annotations

import math
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from smartisland import province as provinces
from smartisland.official_figures import figures_of
from smartisland.tools.sample.common import AS_OF, ROMAN, SEED, Regions, parse_date, short_regency_name

CALIBRATION_FILE = "sample_calibration.toml"


# The stages of a planned blank-spot programme, in this order (how many sites are at each).
PROGRAMME_STAGES = ("verified", "built", "planned", "proposed", "identified")
# Weak-signal pockets still being worked on: stage, stage date, target date (some due after AS_OF).
OPEN_SITE_PLAN = (("built", date(2024, 8, 19), date(2024, 6, 30)), ("built", date(2025, 11, 3), date(2025, 12, 31)),
                  ("planned", date(2025, 4, 14), date(2026, 12, 31)), ("planned", date(2026, 2, 9), date(2027, 6, 30)),
                  ("proposed", date(2026, 5, 18), None), ("identified", date(2026, 9, 7), None))
SURVEY_ROUNDS = (  # source, year, month; the day varies by regency
    ("province", 2020, 7), ("bakti", 2021, 9), ("operator", 2022, 6), ("province", 2022, 12),
    ("bakti", 2023, 6), ("province", 2024, 1), ("operator", 2024, 6), ("bakti", 2025, 3),
    ("province", 2025, 8), ("crowd", 2025, 10), ("crowd", 2026, 4), ("operator", 2026, 6), ("crowd", 2026, 9),
)
ILLUSTRATIVE_SOURCE = "sample (illustrative)"


@dataclass(frozen=True)
class ServiceProfile:
    """How a service's monthly figures behave; a None figure is one the service does not report."""
    requests: float  # per month, all of the province, at the start
    growth: float  # per year
    online_share: tuple[float, float] | None  # at the start, in 2026
    completion: float | None
    median_days: tuple[float, float] | None
    satisfaction: tuple[float, float] | None
    cost_idr: tuple[float, float] | None
    ikm_every: int = 6  # months between satisfaction surveys
    per_regency: bool = False
    seasonal: dict[int, float] = field(default_factory=dict)
    tourism: bool = False


@dataclass(frozen=True)
class TourismDip:
    """Tourist numbers fall to `factor` between `closed_from` and `closed_until`, recover until `recovered_by`."""
    closed_from: date
    closed_until: date
    recovered_by: date
    factor: float
    seasonal: dict[int, float]

    def factor_on(self, month: date) -> float:
        if self.closed_from <= month < self.closed_until:
            return self.factor
        if self.closed_until <= month < self.recovered_by:
            return 0.5 + 0.04 * month.month
        return self.seasonal.get(month.month, 1.0)


@dataclass(frozen=True)
class BlankSpotGroup:
    """Villages of an area (regency or district) without signal until their site was built."""
    area: str
    count: int
    fixes: tuple[date, ...] = ()  # the day each village's site was built; else a random day in `between`
    between: tuple[date, date] = (date(2021, 3, 1), date(2022, 6, 30))
    verified_by: date | None = None  # the last day a site may be verified (the area was declared free)
    second_sites: int = 0  # villages that got a second site


@dataclass(frozen=True)
class ForcedRound:
    """A survey round of one regency whose counts are published: its `none` + `weak` weakest villages."""
    source: str
    year: int
    month: int
    regency: str
    none: int
    weak: int


@dataclass(frozen=True)
class Calibration:
    """What makes one province's sample its own; `default_calibration` derives an illustrative one from regions."""
    # Wi-Fi points
    village_category: str  # the category of the points placed village by village
    village_site_name: str  # with {village}
    village_site_suffixes: tuple[str, ...]  # told apart when a village has several
    village_head_office: str  # a desa's office
    allocation_2019: dict[str, dict[str, int]]  # regency -> category -> points installed by the end of 2019
    village_category_ceiling: dict[str, int]  # regency -> most points of the village category
    pilots: int  # points active on 2018-12-31
    early: int  # points active on 2019-04-30
    count_2023: int  # points active on 2023-12-31
    launch: tuple[date, str, str] | None  # the first point: day, regency, village name (lower case, no spaces)
    regency_targets_2023: dict[str, int]
    closures: dict[str, int]  # category -> points closed in 2020-21
    hospitals_2020: tuple[str, ...]
    offices_2020: tuple[str, ...]
    additions_2022: dict[tuple[str, str], int]  # (regency, category) -> points added in mid-2022
    mix_2023: dict[str, float]  # the categories of the 2023 points besides the village category
    national_school_regencies: tuple[str, ...]
    provincial_funding_ends: date | None  # the day provincial transfers ended, if they did
    capital_districts: dict[str, str]
    regency_hospitals: dict[str, str]
    # signal and blank spots
    remote_districts: frozenset[str]
    urban_districts: frozenset[str]
    weaker_regency: str | None
    forced_round: ForcedRound | None
    blank_spot_groups: tuple[BlankSpotGroup, ...]
    programme_regency: str  # where the planned blank-spot programme runs
    programme_villages: int
    programme_stages: dict[str, int]
    open_sites_regency: str
    agency_short: str
    # base stations: year -> (count, source)
    base_stations: dict[int, tuple[int, str]]
    # SPBE
    spbe_assessed: tuple[tuple[int, str, float], ...]  # year, entity, index to fit, in order
    spbe_owner: str  # the agency owning most indicators
    # services
    stage_dates: dict[str, tuple[date, ...]]
    service_profiles: dict[str, ServiceProfile]
    tourism: TourismDip | None


def published_counts(measure: str, figures_path: Path) -> dict[date, float]:
    return {figure.on: figure.value for figure in figures_of(measure, figures_path)}


def spbe_published_index(figures_path: Path) -> dict[tuple[int, str], float]:
    return {(figure.on.year, figure.entity_code): figure.value for figure in figures_of("spbe_index", figures_path)}


def base_stations_from(figures_path: Path) -> dict[int, tuple[int, str]]:
    return {figure.on.year: (int(figure.value), figure.source) for figure in figures_of("base_stations", figures_path)}


def by_regency(table: dict) -> dict[str, dict[str, int]]:
    return {str(code): dict(value) for code, value in table.items()}


def service_profile(settings: dict) -> ServiceProfile:
    pair = (lambda key: tuple(settings[key]) if key in settings else None)
    return ServiceProfile(
        settings["requests"], settings["growth"], pair("online_share"), settings.get("completion"),
        pair("median_days"), pair("satisfaction"), pair("cost_idr"), settings.get("ikm_every", 6),
        settings.get("per_regency", False), {int(month): factor for month, factor in settings.get("seasonal", {}).items()},
        settings.get("tourism", False))


def read_calibration(path: Path, regions: Regions, services: list[dict[str, str]], figures_path: Path) -> Calibration:
    """The province's own calibration; what it leaves out is derived as `default_calibration` does."""
    settings = tomllib.loads(path.read_text(encoding="utf-8"))
    default = default_calibration(regions, services, figures_path)
    wifi, signal, spbe_settings = settings.get("wifi", {}), settings.get("signal", {}), settings.get("spbe", {})
    counts = published_counts("wifi_points", figures_path)
    launch = wifi.get("launch")
    forced = signal.get("forced_round")
    programme = signal.get("programme", {})
    published_index = spbe_published_index(figures_path)
    tourism = settings.get("tourism")
    services_settings = settings.get("services", {})
    return Calibration(
        village_category=wifi.get("village_category", default.village_category),
        village_site_name=wifi.get("village_site_name", default.village_site_name),
        village_site_suffixes=tuple(wifi.get("village_site_suffixes", default.village_site_suffixes)),
        village_head_office=wifi.get("village_head_office", default.village_head_office),
        allocation_2019=by_regency(wifi["allocation_2019"]) if "allocation_2019" in wifi else default.allocation_2019,
        village_category_ceiling=dict(wifi.get("village_category_ceiling", default.village_category_ceiling)),
        pilots=int(counts[wifi["pilots_on"]]) if "pilots_on" in wifi else default.pilots,
        early=int(counts[wifi["early_on"]]) if "early_on" in wifi else default.early,
        count_2023=int(counts[wifi["count_2023_on"]]) if "count_2023_on" in wifi else default.count_2023,
        launch=(launch["on"], launch["regency"], launch["village"]) if launch else None,
        regency_targets_2023=dict(wifi.get("regency_targets_2023", {})),
        closures=dict(wifi.get("closures", default.closures)),
        hospitals_2020=tuple(wifi.get("hospitals_2020", default.hospitals_2020)),
        offices_2020=tuple(wifi.get("offices_2020", default.offices_2020)),
        additions_2022={(regency, category): count for regency, category, count in wifi.get("additions_2022", [])},
        mix_2023=dict(wifi.get("mix_2023", default.mix_2023)),
        national_school_regencies=tuple(wifi.get("national_school_regencies", default.national_school_regencies)),
        provincial_funding_ends=wifi.get("provincial_funding_ends"),
        capital_districts=dict(wifi.get("capital_districts", default.capital_districts)),
        regency_hospitals=dict(wifi.get("regency_hospitals", default.regency_hospitals)),
        remote_districts=frozenset(signal.get("remote_districts", default.remote_districts)),
        urban_districts=frozenset(signal.get("urban_districts", default.urban_districts)),
        weaker_regency=signal.get("weaker_regency"),
        forced_round=ForcedRound(**forced) if forced else None,
        blank_spot_groups=tuple(
            BlankSpotGroup(group["area"], group["count"], tuple(group.get("fixes", ())),
                           tuple(group.get("between", BlankSpotGroup.between)), group.get("verified_by"),
                           group.get("second_sites", 0))
            for group in signal["blank_spots"]) if "blank_spots" in signal else default.blank_spot_groups,
        programme_regency=programme.get("regency", default.programme_regency),
        programme_villages=programme.get("villages", default.programme_villages),
        programme_stages=dict(programme.get("stages", default.programme_stages)),
        open_sites_regency=signal.get("open_sites_regency", default.open_sites_regency),
        agency_short=default.agency_short,
        base_stations=default.base_stations,
        spbe_assessed=tuple(
            (entry[0], entry[1], float(entry[2]) if len(entry) > 2 else published_index[entry[0], entry[1]])
            for entry in spbe_settings["assessed"]) if "assessed" in spbe_settings else default.spbe_assessed,
        spbe_owner=spbe_settings.get("owner", default.spbe_owner),
        stage_dates={service_id: tuple(entry["stages"]) for service_id, entry in services_settings.items()}
        or default.stage_dates,
        service_profiles={service_id: service_profile(entry) for service_id, entry in services_settings.items()}
        or default.service_profiles,
        tourism=TourismDip(tourism["closed_from"], tourism["closed_until"], tourism["recovered_by"], tourism["factor"],
                           {int(month): factor for month, factor in tourism["seasonal"].items()}) if tourism else None,
    )


def kelurahan_share(regions: Regions, district: str) -> float:
    villages = regions.villages_in(district)
    return sum(village.village_type == "kelurahan" for village in villages) / max(len(villages), 1)


def village_density(regions: Regions, district: str) -> float:
    """Villages per land cell: a district of few, spread-out villages is remote."""
    cells = regions.district_land_cells.get(district, 0)
    return len(regions.villages_in(district)) / cells if cells else math.inf


def default_capital(regions: Regions, regency_code: str) -> str:
    """The district with the most kelurahan (then the most villages): the regency's town."""
    return max(regions.districts_in(regency_code),
               key=lambda d: (kelurahan_share(regions, d), len(regions.villages_in(d)), [-ord(c) for c in d]))


def default_profile(index: int, population: int) -> ServiceProfile:
    rng = np.random.default_rng([SEED, 100 + index])
    return ServiceProfile(
        requests=float(round(population / 1000 * rng.uniform(0.1, 6.0), -1)), growth=round(float(rng.uniform(0.02, 0.3)), 2),
        online_share=(round(float(rng.uniform(0.1, 0.6)), 2), round(float(rng.uniform(0.7, 1.0)), 2)),
        completion=round(float(rng.uniform(0.8, 0.98)), 2),
        median_days=(float(round(rng.uniform(5, 30))), float(round(rng.uniform(1, 5)))),
        satisfaction=(float(round(rng.uniform(70, 78))), float(round(rng.uniform(80, 88)))),
        cost_idr=None, ikm_every=6 if index % 3 else 3, per_regency=index % 2 == 0)


def default_stage_dates(service: dict[str, str]) -> tuple[date, ...]:
    """Stages reached at even steps from the launch to AS_OF."""
    launched, stages = parse_date(service["launched_on"]), int(service["maturity_stage"])
    step = (AS_OF - launched).days // (stages + 1)
    return tuple(launched + timedelta(days=step * stage) for stage in range(stages))


def default_calibration(regions: Regions, services: list[dict[str, str]], figures_path: Path) -> Calibration:
    """Illustrative settings derived from the province's regions: no figure of the province is assumed."""
    regencies = regions.regency_codes
    districts = regions.district_codes
    capitals = {code: default_capital(regions, code) for code in regencies}
    towns = frozenset(d for d in districts if kelurahan_share(regions, d) >= 0.5) | frozenset(capitals.values())
    by_density = sorted((d for d in districts if d not in towns), key=lambda d: (village_density(regions, d), d))
    remote = by_density[: max(1, len(districts) // 4)]
    allocation = {code: {"government_office": round(0.6 * len(regions.villages_in(code))),
                         "puskesmas": len(regions.districts_in(code)), "tourist_site": len(regions.districts_in(code)),
                         "school": len(regions.districts_in(code)), "public_area": 1} for code in regencies}
    total_2019 = sum(sum(categories.values()) for categories in allocation.values())
    remote_villages = Counter(d[:5] for d in remote for _ in regions.villages_in(d))
    remote_regencies = sorted(regencies, key=lambda code: (-remote_villages[code], code))
    published_index = spbe_published_index(figures_path)
    spread = np.random.default_rng([SEED, 99]).permutation(len(regencies))
    province_path = ((2021, 2.6), (2022, 2.85), (2023, 3.05))
    assessed = tuple((year, regions.code, published_index.get((year, regions.code), index)) for year, index in province_path)
    illustrative = {code: round(2.2 + 1.2 * spread[i] / max(len(regencies) - 1, 1), 2) for i, code in enumerate(regencies)}
    assessed += tuple((2023, code, published_index.get((2023, code), illustrative[code])) for code in regencies)
    population = regions.size
    agency_short = provinces.load(regions.code).agency_short
    return Calibration(
        village_category="government_office", village_site_name="Kantor Desa {village}", village_site_suffixes=ROMAN,
        village_head_office="Kantor Desa", allocation_2019=allocation,
        village_category_ceiling={code: len(regions.villages_in(code)) for code in regencies},
        pilots=round(0.17 * total_2019), early=round(0.35 * total_2019), count_2023=round(1.25 * total_2019),
        launch=None, regency_targets_2023={},
        closures={"tourist_site": round(0.01 * total_2019), "government_office": round(0.008 * total_2019)},
        hospitals_2020=tuple(regencies[::2]), offices_2020=tuple(regencies[1::2]), additions_2022={},
        mix_2023={"school": 0.45, "tourist_site": 0.3, "public_area": 0.15, "puskesmas": 0.1},
        national_school_regencies=tuple(remote_regencies[:4]), provincial_funding_ends=None,
        capital_districts=capitals,
        regency_hospitals={code: f"RSUD {short_regency_name(regions.names[code])}" for code in regencies},
        remote_districts=frozenset(remote), urban_districts=towns, weaker_regency=None, forced_round=None,
        blank_spot_groups=tuple(BlankSpotGroup(district, 2, between=(date(2021, 3, 1), date(2023, 9, 30)),
                                               second_sites=int(i == 0))
                                for i, district in enumerate(by_density[:5])),
        programme_regency=remote_regencies[0], programme_villages=10,
        programme_stages={"verified": 10, "built": 6, "planned": 5, "proposed": 3, "identified": 1},
        open_sites_regency=remote_regencies[1 % len(remote_regencies)], agency_short=agency_short,
        base_stations=base_stations_from(figures_path),
        spbe_assessed=assessed, spbe_owner=agency_short.split()[0],
        stage_dates={service["service_id"]: default_stage_dates(service) for service in services},
        service_profiles={service["service_id"]: default_profile(i, population) for i, service in enumerate(services)},
        tourism=None,
    )
