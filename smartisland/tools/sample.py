"""Deterministic sample facts for one province: calibrated to its published figures (reference/published_figures.csv)
and to its own calibration file (sample_calibration.toml, if it has one), invented everywhere else.

    python -m smartisland.tools.sample [--province NN] [--out DIR]

Every fact dataset of the contract gets one CSV. The run depends only on the province's folder (regions, land
cells, services, published figures, calibration), the national SPBE indicators and SEED, never on today's date.
A province without a calibration gets illustrative defaults derived from its regions.
"""
from __future__ import annotations

import argparse
import csv
import math
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from global_land_mask import globe

from smartisland import province as provinces
from smartisland.config import province_code, province_dir
from smartisland.contract import get_dataset
from smartisland.published import PUBLISHED_FIGURES, figures_of
from smartisland.spbe import index as spbe

AS_OF = date(2026, 10, 31)
FIRST_MONTH = date(2019, 1, 1)
SEED = 20220302  # the day of the Governor's meeting with Jakarta Smart City
CALIBRATION_FILE = "sample_calibration.toml"
FACT_DATASETS = (
    "wifi_points", "wifi_usage_monthly", "signal_surveys", "blank_spot_sites", "base_stations_yearly",
    "service_stages", "service_monthly", "spbe_assessments", "spbe_published",
)


# ---------------------------------------------------------------- reference data

@dataclass(frozen=True)
class Village:
    code: str
    name: str
    village_type: str
    lat: float
    lon: float

    @property
    def district_code(self) -> str:
        return self.code[:8]

    @property
    def regency_code(self) -> str:
        return self.code[:5]


@dataclass(frozen=True)
class Regions:
    code: str  # the province
    villages: tuple[Village, ...]
    names: dict[str, str]  # region code -> name, every level
    regency_population: dict[str, int]
    district_land_cells: dict[str, int] = field(default_factory=dict)  # district code -> H3 land cells

    @property
    def regency_codes(self) -> list[str]:
        return sorted(self.regency_population)

    @property
    def district_codes(self) -> list[str]:
        return sorted({village.district_code for village in self.villages})

    @property
    def regency_weights(self) -> dict[str, float]:
        """Each regency's share of the province: by population, or by villages when a population is unknown."""
        if all(self.regency_population.values()):
            weights = self.regency_population
        else:
            weights = {code: len(self.villages_in(code)) for code in self.regency_codes}
        total = sum(weights.values())
        return {code: weights[code] / total for code in self.regency_codes}

    @property
    def size(self) -> int:
        """The province's residents, or an illustrative 3,500 per village when its population is unknown."""
        population = sum(self.regency_population.values())
        return population if all(self.regency_population.values()) else 3500 * len(self.villages)

    def villages_in(self, prefix: str) -> list[Village]:
        return [village for village in self.villages if village.code.startswith(prefix + ".")]

    def districts_in(self, regency_code: str) -> list[str]:
        return sorted({village.district_code for village in self.villages_in(regency_code)})


def read_csv_records(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_regions(reference_dir: Path) -> Regions:
    records = read_csv_records(reference_dir / "regions.csv")
    villages = tuple(
        Village(row["region_code"], row["name"], row["village_type"], float(row["lat"]), float(row["lon"]))
        for row in records if row["level"] == "village"
    )
    population = {row["region_code"]: int(row["population"] or 0) for row in records if row["level"] == "regency"}
    code = next(row["region_code"] for row in records if row["level"] == "province")
    land_cells: Counter = Counter()
    if (reference_dir / "land_cells.csv").is_file():
        land_cells.update(row["district_code"] for row in read_csv_records(reference_dir / "land_cells.csv"))
    return Regions(code, villages, {row["region_code"]: row["name"] for row in records}, population, dict(land_cells))


def short_regency_name(name: str) -> str:
    return name.removeprefix("Kabupaten ").removeprefix("Kota ")


# ---------------------------------------------------------------- small helpers

def parse_date(text: str) -> date:
    return date.fromisoformat(text)


def random_date(rng: np.random.Generator, first: date, last: date) -> date:
    return first + timedelta(days=int(rng.integers(0, (last - first).days + 1)))


def month_starts(first: date, last: date) -> list[date]:
    months, month = [], date(first.year, first.month, 1)
    while month <= last:
        months.append(month)
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return months


def month_end(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1) - timedelta(days=1)


def years_since(start: date, when: date) -> float:
    return (when - start).days / 365.25


def jitter_on_land(rng: np.random.Generator, lat: float, lon: float, radius: float) -> tuple[float, float]:
    """A point near (lat, lon), retried until the land mask says it is on the island."""
    for _ in range(8):
        candidate = (lat + rng.uniform(-radius, radius), lon + rng.uniform(-radius, radius))
        if globe.is_land(*candidate):
            return round(candidate[0], 5), round(candidate[1], 5)
        radius /= 2
    return round(lat, 5), round(lon, 5)


def weighted_split(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Split a whole number by weights (largest remainders), keeping the keys' order."""
    weight_sum = sum(weights.values())
    exact = {key: total * weight / weight_sum for key, weight in weights.items()}
    split = {key: math.floor(value) for key, value in exact.items()}
    by_remainder = sorted(exact, key=lambda key: (split[key] - exact[key], key))
    for key in by_remainder[: total - sum(split.values())]:
        split[key] += 1
    return split



# ---------------------------------------------------------------- calibration

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


# ---------------------------------------------------------------- Wi-Fi points

PILOTS_UNTIL = date(2018, 12, 31)  # the programme's pilots run through 2018
EARLY_UNTIL = date(2019, 4, 30)  # and the first points of 2019 by the end of April
SCHOOL_NAMES = ("SMA Negeri {n} {place}", "SMK Negeri {n} {place}")
ROMAN = ("", " II", " III", " IV", " V", " VI")


@dataclass
class WifiPoint:
    village: Village
    category: str
    site_name: str
    installed_on: date
    bandwidth_mbps: int = 50
    decommissioned_on: date | None = None
    status: str = "active"
    funding_source: str = "province"
    funded_until: date | None = None
    down_since: date | None = None  # drives the usage rows; not a contract column
    point_id: str = ""
    lat: float = 0.0
    lon: float = 0.0

    def is_active_on(self, when: date) -> bool:
        return self.installed_on <= when and (self.decommissioned_on is None or self.decommissioned_on > when)


@dataclass
class SiteNamer:
    """Picks a village for a new site and names it, so that names stay unique within a place."""
    regions: Regions
    rng: np.random.Generator
    calibration: Calibration
    village_site_queues: dict[str, list[Village]] = field(default_factory=dict)
    used: Counter = field(default_factory=Counter)

    def new_site(self, regency_code: str, category: str) -> tuple[Village, str]:
        if category == self.calibration.village_category:
            return self._village_site(regency_code)
        return getattr(self, f"_{category}")(regency_code)

    def _count(self, key: str) -> int:
        self.used[key] += 1
        return self.used[key] - 1

    def _random_village(self, prefix: str) -> Village:
        villages = self.regions.villages_in(prefix)
        return villages[int(self.rng.integers(len(villages)))]

    def _random_district(self, regency_code: str) -> str:
        districts = self.regions.districts_in(regency_code)
        return districts[int(self.rng.integers(len(districts)))]

    def _village_site(self, regency_code: str) -> tuple[Village, str]:
        # Round-robin over the regency's villages, desa before kelurahan: most desa host at least one such site.
        queue = self.village_site_queues.setdefault(regency_code, [])
        if not queue:
            villages = self.regions.villages_in(regency_code)
            order = self.rng.permutation(len(villages))
            shuffled = [villages[i] for i in order]
            queue.extend([v for v in shuffled if v.village_type == "desa"] + [v for v in shuffled if v.village_type != "desa"])
        village = queue.pop(0)
        nth = self._count(f"village_site:{village.code}")
        suffixes = self.calibration.village_site_suffixes
        suffix = suffixes[nth] if nth < len(suffixes) else f" {nth + 1}"
        return village, self.calibration.village_site_name.format(village=village.name) + suffix

    def _puskesmas(self, regency_code: str) -> tuple[Village, str]:
        district = self._least_used_district(regency_code, "puskesmas")
        nth = self._count(f"puskesmas:{district}")
        return self._random_village(district), f"Puskesmas {self.regions.names[district]}{ROMAN[min(nth, 5)]}"

    def _school(self, regency_code: str) -> tuple[Village, str]:
        if self._count(f"slb:{regency_code}") == 0:
            name = f"SLB Negeri 1 {short_regency_name(self.regions.names[regency_code])}"
            return self._random_village(self.calibration.capital_districts[regency_code]), name
        district = self._least_used_district(regency_code, "school")
        nth = self._count(f"school:{district}")
        template = SCHOOL_NAMES[nth % 2]
        return self._random_village(district), template.format(n=nth // 2 + 1, place=self.regions.names[district])

    def _tourist_site(self, regency_code: str) -> tuple[Village, str]:
        villages = self.regions.villages_in(regency_code)
        fresh = [v for v in villages if self.used[f"tourist:{v.code}"] == 0] or villages
        village = fresh[int(self.rng.integers(len(fresh)))]
        nth = self._count(f"tourist:{village.code}")
        return village, f"Daya Tarik Wisata {village.name}{ROMAN[min(nth, 5)]}"

    def _public_area(self, regency_code: str) -> tuple[Village, str]:
        village = self._random_village(regency_code)
        nth = self._count(f"public:{village.code}")
        return village, f"Ruang Terbuka Publik {village.name}{ROMAN[min(nth, 5)]}"

    def _hospital(self, regency_code: str) -> tuple[Village, str]:
        if self._count(f"hospital:{regency_code}") == 0:
            capital = self.calibration.capital_districts[regency_code]
            return self._random_village(capital), self.calibration.regency_hospitals[regency_code]
        district = self._random_district(regency_code)
        nth = self._count(f"hospital:{district}")
        return self._random_village(district), f"RS Pratama {self.regions.names[district]}{ROMAN[min(nth, 5)]}"

    def _government_office(self, regency_code: str) -> tuple[Village, str]:
        district = self._least_used_district(regency_code, "office")
        if self._count(f"office:{district}") == 0:
            return self._random_village(district), f"Kantor Camat {self.regions.names[district]}"
        village = self._random_village(district)
        office = self.calibration.village_head_office if village.village_type == "desa" else "Kantor Lurah"
        nth = self._count(f"office:{village.code}")
        return village, f"{office} {village.name}{ROMAN[min(nth, 5)]}"

    def _least_used_district(self, regency_code: str, kind: str) -> str:
        districts = self.regions.districts_in(regency_code)
        fewest = min(self.used[f"{kind}:{d}"] for d in districts)
        candidates = [d for d in districts if self.used[f"{kind}:{d}"] == fewest]
        return candidates[int(self.rng.integers(len(candidates)))]


def make_points(namer: SiteNamer, regency_code: str, category: str, count: int, first: date, last: date,
                bandwidth_mbps: int = 50) -> list[WifiPoint]:
    points = []
    for _ in range(count):
        village, name = namer.new_site(regency_code, category)
        points.append(WifiPoint(village, category, name, random_date(namer.rng, first, last), bandwidth_mbps))
    return points


def points_2019(namer: SiteNamer, rng: np.random.Generator) -> list[WifiPoint]:
    """The points of the 2019 target: the pilots of 2018, more by the end of April 2019, the rest later that year."""
    calibration = namer.calibration
    points = [
        point
        for regency_code, categories in calibration.allocation_2019.items()
        for category, count in categories.items()
        for point in make_points(namer, regency_code, category, count, date(2019, 5, 1), date(2019, 12, 31), 10)
    ]
    launch_on, launch_regency, launch_village = calibration.launch or (None, None, None)
    launch = next((p for p in points if p.category == calibration.village_category
                   and p.village.regency_code == launch_regency
                   and p.village.name.replace(" ", "").lower() == launch_village), None)
    others = [i for i, p in enumerate(points) if p is not launch]
    order = rng.permutation(others)
    pilot_count = calibration.pilots
    early_count = calibration.early - pilot_count - (launch is not None)
    pilots, early = order[:pilot_count], order[pilot_count:pilot_count + early_count]
    for i in pilots:
        points[i].installed_on = random_date(rng, date(2018, 3, 1), PILOTS_UNTIL)
    for i in early:
        points[i].installed_on = random_date(rng, date(2019, 1, 2), EARLY_UNTIL)
    if launch is not None:
        launch.installed_on = launch_on
    return points


def decommission(points: list[WifiPoint], rng: np.random.Generator, count: int, first: date, last: date,
                 eligible) -> list[WifiPoint]:
    candidates = [p for p in points if eligible(p) and p.decommissioned_on is None]
    chosen = [candidates[i] for i in sorted(rng.choice(len(candidates), size=count, replace=False))]
    for point in chosen:
        point.decommissioned_on = random_date(rng, max(first, point.installed_on + timedelta(days=30)), last)
        point.status = "decommissioned"
    return chosen


def points_2020_to_2022(namer: SiteNamer, points: list[WifiPoint], rng: np.random.Generator) -> list[WifiPoint]:
    """Closures during the pandemic, a few hospitals and offices, and the additions of mid-2022."""
    calibration = namer.calibration
    for category, count in calibration.closures.items():
        decommission(points, rng, count, date(2020, 3, 1), date(2021, 12, 31),
                     lambda p, category=category: p.category == category
                     and p.village.regency_code not in calibration.regency_targets_2023)
    new = []
    for regency_code in calibration.hospitals_2020:
        new += make_points(namer, regency_code, "hospital", 1, date(2020, 2, 1), date(2022, 2, 28), 20)
    for regency_code in calibration.offices_2020:
        new += make_points(namer, regency_code, "government_office", 1, date(2020, 6, 1), date(2022, 2, 28), 20)
    for (regency_code, category), count in calibration.additions_2022.items():
        new += make_points(namer, regency_code, category, count, date(2022, 6, 1), date(2022, 11, 14), 20)
    return new


def points_2023(namer: SiteNamer, points: list[WifiPoint], rng: np.random.Generator) -> list[WifiPoint]:
    """The 2023 expansion to the count of the end of 2023, with the regencies' own targets where known."""
    calibration = namer.calibration
    end_2022 = date(2022, 12, 31)
    active = Counter(p.village.regency_code for p in points if p.is_active_on(end_2022))
    total = calibration.count_2023 - sum(active.values())
    needs = {code: target - active[code] for code, target in calibration.regency_targets_2023.items()}
    others = {code: len(namer.regions.villages_in(code)) for code in calibration.allocation_2019 if code not in needs}
    needs |= weighted_split(total - sum(needs.values()), others)
    village_sites = Counter(p.village.regency_code for p in points if p.category == calibration.village_category)
    new = []
    for regency_code in sorted(needs):
        count = needs[regency_code]
        spare = calibration.village_category_ceiling[regency_code] - village_sites[regency_code]
        categories = {calibration.village_category: max(0, min(spare, round(0.3 * count)))}
        rest = count - categories[calibration.village_category]
        mix = rng.choice(list(calibration.mix_2023), size=rest, p=list(calibration.mix_2023.values()))
        categories |= {str(c): int(n) for c, n in sorted(Counter(mix.tolist()).items())}
        for category, n in categories.items():
            new += make_points(namer, regency_code, category, n, date(2023, 1, 9), date(2023, 12, 15))
    return new


def points_after_2023(namer: SiteNamer) -> list[WifiPoint]:
    """Capacity upgrades in 2024 (100 Mbps) and a few national (BAKTI) school points in 2025-26."""
    calibration = namer.calibration
    new = []
    for regency_code in sorted(calibration.allocation_2019):
        for category in ("hospital", "public_area", "government_office"):
            new += make_points(namer, regency_code, category, 1, date(2024, 2, 1), date(2024, 11, 30), 100)
    for regency_code in calibration.national_school_regencies:
        new += make_points(namer, regency_code, "school", 3, date(2025, 3, 1), date(2026, 8, 31), 20)
    for point in new[len(new) - 3 * len(calibration.national_school_regencies):]:
        point.funding_source, point.funded_until = "national", date(2027, 12, 31)
    return new


def apply_funding_change(points: list[WifiPoint], rng: np.random.Generator, calibration: Calibration) -> None:
    """When provincial transfers end, desa adat points move to Dinas PMA grants and some go dark.
    Without that change, every point stays funded as it was until the end of 2026."""
    if calibration.provincial_funding_ends is None:
        for point in points:
            if point.funding_source != "national":
                point.funded_until = point.decommissioned_on or date(2026, 12, 31)
        return
    last_funded = calibration.provincial_funding_ends - timedelta(days=1)
    for point in points:
        if point.funding_source == "national":
            continue
        if not point.is_active_on(last_funded):
            point.funded_until = point.decommissioned_on
            continue
        draw = rng.random()
        if point.category in ("desa_adat", "tourist_site") and draw < (0.07 if point.category == "desa_adat" else 0.1):
            point.funded_until = last_funded
            point.decommissioned_on = random_date(rng, date(2025, 2, 1), date(2026, 9, 30))
            point.status = "decommissioned"
        elif point.category == "desa_adat" and draw < 0.12:
            point.funded_until, point.status = last_funded, "down"
            point.down_since = random_date(rng, date(2025, 1, 15), date(2025, 9, 30))
        elif point.category == "desa_adat":
            point.funding_source, point.funded_until = "desa_adat_grant", date(2026, 12, 31)
        elif point.category in ("puskesmas", "hospital"):
            point.funding_source, point.funded_until = "regency", date(2026, 12, 31)
        elif point.category == "tourist_site":
            point.funding_source = "village_fund" if draw < 0.65 else "regency"
            point.funded_until = date(2026, 12, 31)
        else:
            point.funded_until = date(2026, 12, 31)  # schools and offices stay on the provincial budget


def mark_recent_outages(points: list[WifiPoint], rng: np.random.Generator) -> None:
    for point in points:
        if point.status == "active" and rng.random() < 0.02:
            point.status, point.down_since = "down", random_date(rng, date(2026, 6, 1), date(2026, 10, 20))


def place_points(points: list[WifiPoint], rng: np.random.Generator) -> None:
    """Upgrade the programme's points to 50 Mbps by 2023, set positions and number the points by install date."""
    for point in points:
        upgraded = point.decommissioned_on is None or point.decommissioned_on >= date(2023, 1, 1)
        if point.installed_on < date(2023, 1, 1) and upgraded:
            point.bandwidth_mbps = 50
    points.sort(key=lambda p: (p.installed_on, p.village.code, p.category, p.site_name))
    for number, point in enumerate(points, start=1):
        point.point_id = f"wifi-{number:04d}"
        point.lat, point.lon = jitter_on_land(rng, point.village.lat, point.village.lon, 0.004)


def wifi_points(regions: Regions, rng: np.random.Generator, calibration: Calibration) -> list[WifiPoint]:
    namer = SiteNamer(regions, rng, calibration)
    points = points_2019(namer, rng)
    points += points_2020_to_2022(namer, points, rng)
    points += points_2023(namer, points, rng)
    points += points_after_2023(namer)
    apply_funding_change(points, rng, calibration)
    mark_recent_outages(points, rng)
    place_points(points, rng)
    return points


def wifi_point_rows(points: list[WifiPoint]) -> list[dict]:
    return [
        {"point_id": p.point_id, "village_code": p.village.code, "category": p.category, "site_name": p.site_name,
         "lat": p.lat, "lon": p.lon, "bandwidth_mbps": p.bandwidth_mbps, "installed_on": p.installed_on,
         "status": p.status, "decommissioned_on": p.decommissioned_on, "funding_source": p.funding_source,
         "funded_until": p.funded_until}
        for p in points
    ]


# ---------------------------------------------------------------- Wi-Fi usage

USAGE_FIRST_MONTH = date(2023, 1, 1)
MONTHLY_USERS = {"desa_adat": 140, "puskesmas": 320, "hospital": 900, "school": 520, "tourist_site": 760,
                 "public_area": 1100, "government_office": 210}
SESSIONS_PER_USER = 6.5
GB_PER_SESSION = 0.11


def seasonal_factor(category: str, month: int) -> float:
    if category == "tourist_site":
        return {1: 1.1, 7: 1.3, 8: 1.35, 12: 1.25}.get(month, 1.0)
    if category == "school":
        return {6: 0.55, 7: 0.5, 12: 0.6}.get(month, 1.0)
    return 1.0


def usage_rows(points: list[WifiPoint], rng: np.random.Generator) -> list[dict]:
    rows = []
    months = month_starts(USAGE_FIRST_MONTH, AS_OF)
    for point in points:
        appeal = float(rng.lognormal(0.0, 0.35))
        reports_users, reports_uptime = rng.random() > 0.05, rng.random() > 0.08
        for month in months:
            if not point.is_active_on(month_end(month)) and not point.is_active_on(month):
                continue
            rows.append(usage_row(point, month, appeal, reports_users, reports_uptime, rng))
    return rows


def usage_row(point: WifiPoint, month: date, appeal: float, reports_users: bool, reports_uptime: bool,
              rng: np.random.Generator) -> dict:
    is_down = point.down_since is not None and point.down_since <= month
    growth = 1 + 0.08 * years_since(USAGE_FIRST_MONTH, month)
    capacity = 1.0 if point.bandwidth_mbps >= 50 else 0.75
    expected_users = MONTHLY_USERS[point.category] * appeal * growth * seasonal_factor(point.category, month.month)
    users = 0 if is_down else int(rng.poisson(expected_users * capacity))
    sessions = 0 if is_down else int(rng.poisson(users * SESSIONS_PER_USER))
    traffic = 0.0 if is_down else round(sessions * GB_PER_SESSION * float(rng.uniform(0.8, 1.2)), 1)
    uptime = 0.0 if is_down else round(float(min(100.0, 100 - rng.gamma(1.2, 1.6))), 1)
    return {"point_id": point.point_id, "month": month, "unique_users": users if reports_users else None,
            "sessions": sessions, "traffic_gb": traffic, "uptime_pct": uptime if reports_uptime else None}


# ---------------------------------------------------------------- mobile signal and blank spots

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


# ---------------------------------------------------------------- SPBE

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


# ---------------------------------------------------------------- services

def service_stage_rows(services: list[dict[str, str]], calibration: Calibration) -> list[dict]:
    """The date each service reached each maturity stage (1 informasi ... 4 transformasi); stage 1 is the launch."""
    rows = []
    for service in services:
        dates = calibration.stage_dates[service["service_id"]]
        if len(dates) != int(service["maturity_stage"]) or dates[0] != parse_date(service["launched_on"]):
            raise ValueError(f"the calibration's stage dates disagree with services.csv for {service['service_id']}")
        rows += [{"service_id": service["service_id"], "maturity_stage": stage, "reached_on": reached}
                 for stage, reached in enumerate(dates, start=1)]
    return rows


def lerp(bounds: tuple[float, float], progress: float) -> float:
    return bounds[0] + (bounds[1] - bounds[0]) * progress


def service_figures(profile: ServiceProfile, month: date, start: date, share: float, rng: np.random.Generator,
                    tourism: TourismDip | None) -> dict:
    progress = min(1.0, max(0.0, years_since(start, month) / max(years_since(start, date(2026, 10, 1)), 0.5)))
    expected = profile.requests * share * (1 + profile.growth) ** years_since(start, month)
    expected *= profile.seasonal.get(month.month, 1.0) * (tourism.factor_on(month) if profile.tourism and tourism else 1.0)
    total = int(rng.poisson(max(expected, 1.0)))
    figures = {"requests_total": total, "requests_online": None, "completed": None, "median_days": None,
               "satisfaction_ikm": None, "cost_per_transaction_idr": None}
    if profile.online_share:
        figures["requests_online"] = int(rng.binomial(total, min(1.0, lerp(profile.online_share, progress))))
    if profile.completion:
        figures["completed"] = int(rng.binomial(total, profile.completion))
    if profile.median_days:
        figures["median_days"] = round(max(0.0, lerp(profile.median_days, progress) * float(rng.uniform(0.85, 1.15))), 1)
    if profile.satisfaction and month.month % profile.ikm_every == 0:
        figures["satisfaction_ikm"] = round(min(100.0, lerp(profile.satisfaction, progress) + float(rng.normal(0, 1.2))), 2)
    if profile.cost_idr:
        figures["cost_per_transaction_idr"] = round(lerp(profile.cost_idr, progress) * float(rng.uniform(0.9, 1.1)), -1)
    return figures


def province_total(regency_rows: list[dict]) -> dict:
    """Counts add up; per-request figures are means weighted by requests."""
    total = {}
    for column in ("requests_total", "requests_online", "completed"):
        values = [row[column] for row in regency_rows]
        total[column] = None if None in values else sum(values)
    weight = sum(row["requests_total"] for row in regency_rows) or 1
    for column, digits in (("median_days", 1), ("satisfaction_ikm", 2), ("cost_per_transaction_idr", -1)):
        values = [row[column] for row in regency_rows]
        total[column] = None if None in values else round(
            sum(v * row["requests_total"] for v, row in zip(values, regency_rows)) / weight, digits)
    return total


def service_monthly_rows(services: list[dict[str, str]], regions: Regions, rng: np.random.Generator,
                         calibration: Calibration) -> list[dict]:
    shares = regions.regency_weights
    rows = []
    for service in services:
        profile = calibration.service_profiles[service["service_id"]]
        launched = parse_date(service["launched_on"])
        for month in month_starts(max(launched, FIRST_MONTH), AS_OF):
            regencies = regions.regency_codes if profile.per_regency else []
            regency_rows = [service_figures(profile, month, launched, shares[code], rng,
                                            calibration.tourism)
                            for code in regencies]
            province = province_total(regency_rows) if regency_rows else service_figures(
                profile, month, launched, 1.0, rng, calibration.tourism)
            for code, figures in [(regions.code, province)] + list(zip(regencies, regency_rows)):
                rows.append({"service_id": service["service_id"], "month": month, "regency_code": code} | figures)
    return rows


# ---------------------------------------------------------------- writing

def format_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        text = repr(float(value))
        return text.removesuffix(".0")
    return str(value)


def write_dataset(name: str, rows: list[dict], out_dir: Path) -> Path:
    columns = get_dataset(name).column_names
    path = out_dir / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            if set(row) != set(columns):
                raise ValueError(f"{name}: row columns {sorted(row)} differ from the contract")
            writer.writerow([format_value(row[column]) for column in columns])
    return path


def generator(name: str) -> np.random.Generator:
    """One generator per dataset, so that changing one dataset leaves the others as they were."""
    return np.random.default_rng([SEED, FACT_DATASETS.index(name)])


def calibration_for(data_dir: Path, regions: Regions, services: list[dict[str, str]],
                    calibrated: bool = True) -> Calibration:
    figures_path = data_dir / "reference" / PUBLISHED_FIGURES
    path = data_dir / CALIBRATION_FILE
    if calibrated and path.is_file():
        return read_calibration(path, regions, services, figures_path)
    return default_calibration(regions, services, figures_path)


def build_tables(data_dir: Path | None = None, calibrated: bool = True) -> dict[str, list[dict]]:
    """Every fact dataset of the province in `data_dir` (default: the province served)."""
    data_dir = data_dir or province_dir()
    reference_dir = data_dir / "reference"
    regions = read_regions(reference_dir)
    services = read_csv_records(reference_dir / "services.csv")
    calibration = calibration_for(data_dir, regions, services, calibrated)
    indicators = spbe.load_framework(FRAMEWORK)
    points = wifi_points(regions, generator("wifi_points"), calibration)
    signal_rng = generator("signal_surveys")
    scores = village_base_scores(regions, signal_rng, calibration)
    spots = blank_spot_villages(regions, scores, signal_rng, calibration)
    return {
        "wifi_points": wifi_point_rows(points),
        "wifi_usage_monthly": usage_rows(points, generator("wifi_usage_monthly")),
        "signal_surveys": signal_survey_rows(regions, scores, spots, signal_rng, calibration),
        "blank_spot_sites": blank_spot_rows(regions, scores, spots, generator("blank_spot_sites"), calibration),
        "base_stations_yearly": base_station_rows(regions, calibration),
        "service_stages": service_stage_rows(services, calibration),
        "service_monthly": service_monthly_rows(services, regions, generator("service_monthly"), calibration),
        "spbe_assessments": spbe_assessment_rows(indicators, generator("spbe_assessments"), regions.code, calibration),
        "spbe_published": spbe_published_rows(reference_dir / PUBLISHED_FIGURES),
    }


def write_sample(out_dir: Path | None = None, data_dir: Path | None = None, calibrated: bool = True) -> list[Path]:
    """Write the province's sample (default: the province served, into its sample/ folder)."""
    data_dir = data_dir or province_dir()
    out_dir = out_dir or data_dir / "sample"
    out_dir.mkdir(parents=True, exist_ok=True)
    # A dataset with no row (no published index of the province, say) gets no file: the loader refuses an empty
    # one, and a missing one reads as "not loaded yet", which is the truth.
    return [write_dataset(name, rows, out_dir) for name, rows in build_tables(data_dir, calibrated).items() if rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", default=None, help="province code (default: the province served)")
    parser.add_argument("--out", type=Path, default=None, help="folder for the CSV files (default: its sample/)")
    parser.add_argument("--no-calibration", action="store_true", help="ignore the province's calibration file")
    args = parser.parse_args(argv)
    data_dir = province_dir(args.province or province_code())
    for path in write_sample(args.out, data_dir, calibrated=not args.no_calibration):
        print(f"{path}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
