"""Deterministic sample facts, calibrated to the published figures (data/reference/published_figures.csv and the
other public figures listed in data/sample/README.md) and invented everywhere else.

    python -m smartisland.tools.sample --out data/sample

Every fact dataset of the contract gets one CSV. The run depends only on the reference files
(regions, services, SPBE indicators, published figures) and on SEED, never on today's date.
"""
from __future__ import annotations

import argparse
import csv
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from global_land_mask import globe

from smartisland.config import province_code, province_dir
from smartisland.connectivity.logic import PROVINCIAL_FUNDING_ENDED_ON
from smartisland.contract import get_dataset
from smartisland.published import figures_of
from smartisland.spbe import index as spbe

AS_OF = date(2026, 10, 31)
FIRST_MONTH = date(2019, 1, 1)
SEED = 20220302  # the day of the Governor's meeting with Jakarta Smart City
REFERENCE_DIR = province_dir() / "reference"
DEFAULT_OUT = province_dir() / "sample"
PROVINCE = province_code()
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
    villages: tuple[Village, ...]
    names: dict[str, str]  # region code -> name, every level
    regency_population: dict[str, int]

    @property
    def regency_codes(self) -> list[str]:
        return sorted(self.regency_population)

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
    population = {row["region_code"]: int(row["population"]) for row in records if row["level"] == "regency"}
    return Regions(villages, {row["region_code"]: row["name"] for row in records}, population)


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


# ---------------------------------------------------------------- Wi-Fi points

# Points installed by the end of 2019, by regency and category: the 2019 target mix of balipost.com/?p=72717
# (1,371 desa adat, 107 puskesmas, 203 tourist sites, 132 schools, 12 public areas) with Buleleng's
# 215 = 169 desa adat + 26 tourist sites + 20 puskesmas.
ALLOCATION_2019: dict[str, dict[str, int]] = {
    "51.01": {"desa_adat": 58, "puskesmas": 8, "tourist_site": 12, "school": 12, "public_area": 1},
    "51.02": {"desa_adat": 317, "puskesmas": 17, "tourist_site": 20, "school": 18, "public_area": 1},
    "51.03": {"desa_adat": 111, "puskesmas": 11, "tourist_site": 40, "school": 18, "public_area": 2},
    "51.04": {"desa_adat": 248, "puskesmas": 11, "tourist_site": 38, "school": 17, "public_area": 1},
    "51.05": {"desa_adat": 112, "puskesmas": 10, "tourist_site": 18, "school": 12, "public_area": 1},
    "51.06": {"desa_adat": 153, "puskesmas": 10, "tourist_site": 12, "school": 16, "public_area": 1},
    "51.07": {"desa_adat": 172, "puskesmas": 11, "tourist_site": 22, "school": 15, "public_area": 1},
    "51.08": {"desa_adat": 169, "puskesmas": 20, "tourist_site": 26, "school": 0, "public_area": 0},
    "51.71": {"desa_adat": 31, "puskesmas": 9, "tourist_site": 15, "school": 24, "public_area": 4},
}
# Desa adat per regency (approximate), a ceiling for desa adat points.
DESA_ADAT_COUNT = {"51.01": 64, "51.02": 349, "51.03": 122, "51.04": 273, "51.05": 123, "51.06": 168,
                   "51.07": 190, "51.08": 169, "51.71": 35}
# Points active on the days of the published figures (data/reference/published_figures.csv).
WIFI_ACTIVE_TARGETS = {figure.on: int(figure.value) for figure in figures_of("wifi_points")}
PILOTS_2018 = date(2018, 12, 31)  # the days of two of those figures: the pilots of 2018 and April 2019
APRIL_2019 = date(2019, 4, 30)
REGENCY_TARGETS_2023 = {"51.08": 297, "51.06": 261}
WIFI_LAUNCH = date(2019, 4, 10)  # launch at Dauh Waru, Jembrana
CAPITAL_DISTRICTS = {"51.01": "51.01.01", "51.02": "51.02.05", "51.03": "51.03.02", "51.04": "51.04.03",
                     "51.05": "51.05.03", "51.06": "51.06.02", "51.07": "51.07.04", "51.08": "51.08.06",
                     "51.71": "51.71.03"}
REGENCY_HOSPITALS = {"51.01": "RSUD Negara", "51.02": "RSUD Tabanan", "51.03": "RSUD Mangusada",
                     "51.04": "RSUD Sanjiwani", "51.05": "RSUD Klungkung", "51.06": "RSUD Bangli",
                     "51.07": "RSUD Karangasem", "51.08": "RSUD Buleleng", "51.71": "RSUD Wangaya"}
SCHOOL_NAMES = ("SMA Negeri {n} {place}", "SMK Negeri {n} {place}")
DESA_ADAT_SUFFIXES = ("", " Kaja", " Kelod", " Kangin", " Kauh", " Tengah", " Anyar", " Kawan")
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
    desa_adat_queues: dict[str, list[Village]] = field(default_factory=dict)
    used: Counter = field(default_factory=Counter)

    def new_site(self, regency_code: str, category: str) -> tuple[Village, str]:
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

    def _desa_adat(self, regency_code: str) -> tuple[Village, str]:
        # Round-robin over the regency's villages, desa before kelurahan: most desa host at least one desa adat.
        queue = self.desa_adat_queues.setdefault(regency_code, [])
        if not queue:
            villages = self.regions.villages_in(regency_code)
            order = self.rng.permutation(len(villages))
            shuffled = [villages[i] for i in order]
            queue.extend([v for v in shuffled if v.village_type == "desa"] + [v for v in shuffled if v.village_type != "desa"])
        village = queue.pop(0)
        nth = self._count(f"desa_adat:{village.code}")
        suffix = DESA_ADAT_SUFFIXES[nth] if nth < len(DESA_ADAT_SUFFIXES) else f" {nth + 1}"
        return village, f"Wantilan Desa Adat {village.name}{suffix}"

    def _puskesmas(self, regency_code: str) -> tuple[Village, str]:
        district = self._least_used_district(regency_code, "puskesmas")
        nth = self._count(f"puskesmas:{district}")
        return self._random_village(district), f"Puskesmas {self.regions.names[district]}{ROMAN[min(nth, 5)]}"

    def _school(self, regency_code: str) -> tuple[Village, str]:
        if self._count(f"slb:{regency_code}") == 0:
            name = f"SLB Negeri 1 {short_regency_name(self.regions.names[regency_code])}"
            return self._random_village(CAPITAL_DISTRICTS[regency_code]), name
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
            return self._random_village(CAPITAL_DISTRICTS[regency_code]), REGENCY_HOSPITALS[regency_code]
        district = self._random_district(regency_code)
        nth = self._count(f"hospital:{district}")
        return self._random_village(district), f"RS Pratama {self.regions.names[district]}{ROMAN[min(nth, 5)]}"

    def _government_office(self, regency_code: str) -> tuple[Village, str]:
        district = self._least_used_district(regency_code, "office")
        if self._count(f"office:{district}") == 0:
            return self._random_village(district), f"Kantor Camat {self.regions.names[district]}"
        village = self._random_village(district)
        office = "Kantor Perbekel" if village.village_type == "desa" else "Kantor Lurah"
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
    """The 1,825 points of the 2019 target: 311 pilots in 2018, 640 by the end of April 2019."""
    points = [
        point
        for regency_code, categories in ALLOCATION_2019.items()
        for category, count in categories.items()
        for point in make_points(namer, regency_code, category, count, date(2019, 5, 1), date(2019, 12, 31), 10)
    ]
    launch = next((p for p in points if p.category == "desa_adat" and p.village.regency_code == "51.01"
                   and p.village.name.replace(" ", "").lower() == "dauhwaru"), None)
    others = [i for i, p in enumerate(points) if p is not launch]
    order = rng.permutation(others)
    pilot_count = WIFI_ACTIVE_TARGETS[PILOTS_2018]
    early_count = WIFI_ACTIVE_TARGETS[APRIL_2019] - pilot_count - (launch is not None)
    pilots, early = order[:pilot_count], order[pilot_count:pilot_count + early_count]
    for i in pilots:
        points[i].installed_on = random_date(rng, date(2018, 3, 1), PILOTS_2018)
    for i in early:
        points[i].installed_on = random_date(rng, date(2019, 1, 2), APRIL_2019)
    if launch is not None:
        launch.installed_on = WIFI_LAUNCH
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
    """Closures during the pandemic bring the count to the article's 1,800; the G20 summit adds 34."""
    decommission(points, rng, 20, date(2020, 3, 1), date(2021, 12, 31),
                 lambda p: p.category == "tourist_site" and p.village.regency_code not in REGENCY_TARGETS_2023)
    decommission(points, rng, 15, date(2020, 3, 1), date(2021, 12, 31),
                 lambda p: p.category == "desa_adat" and p.village.regency_code not in REGENCY_TARGETS_2023)
    new = []
    for regency_code in ("51.01", "51.02", "51.04", "51.05", "51.07", "51.71"):
        new += make_points(namer, regency_code, "hospital", 1, date(2020, 2, 1), date(2022, 2, 28), 20)
    for regency_code in ("51.03", "51.04", "51.05", "51.07"):
        new += make_points(namer, regency_code, "government_office", 1, date(2020, 6, 1), date(2022, 2, 28), 20)
    g20 = {("51.03", "public_area"): 6, ("51.71", "public_area"): 4, ("51.03", "tourist_site"): 6,
           ("51.04", "tourist_site"): 4, ("51.71", "tourist_site"): 2, ("51.05", "tourist_site"): 2,
           ("51.03", "hospital"): 1, ("51.71", "hospital"): 1, ("51.02", "hospital"): 1, ("51.08", "hospital"): 1,
           ("51.03", "government_office"): 3, ("51.71", "government_office"): 3}
    for (regency_code, category), count in g20.items():
        new += make_points(namer, regency_code, category, count, date(2022, 6, 1), date(2022, 11, 14), 20)
    return new


def points_2023(namer: SiteNamer, points: list[WifiPoint], rng: np.random.Generator) -> list[WifiPoint]:
    """The 2023 expansion to 2,307 points; Buleleng reaches 297 and Bangli 261."""
    end_2022, end_2023 = date(2022, 12, 31), date(2023, 12, 31)
    active = Counter(p.village.regency_code for p in points if p.is_active_on(end_2022))
    total = WIFI_ACTIVE_TARGETS[end_2023] - sum(active.values())
    needs = {code: target - active[code] for code, target in REGENCY_TARGETS_2023.items()}
    others = {code: len(namer.regions.villages_in(code)) for code in ALLOCATION_2019 if code not in needs}
    needs |= weighted_split(total - sum(needs.values()), others)
    desa_adat = Counter(p.village.regency_code for p in points if p.category == "desa_adat")
    new = []
    for regency_code in sorted(needs):
        count = needs[regency_code]
        spare_desa_adat = DESA_ADAT_COUNT[regency_code] - desa_adat[regency_code]
        categories = {"desa_adat": min(spare_desa_adat, round(0.3 * count))}
        rest = count - categories["desa_adat"]
        mix = rng.choice(["school", "tourist_site", "government_office", "public_area", "puskesmas"], size=rest,
                         p=[0.4, 0.3, 0.15, 0.1, 0.05])
        categories |= {str(c): int(n) for c, n in sorted(Counter(mix.tolist()).items())}
        for category, n in categories.items():
            new += make_points(namer, regency_code, category, n, date(2023, 1, 9), date(2023, 12, 15))
    return new


def points_after_2023(namer: SiteNamer) -> list[WifiPoint]:
    """Capacity upgrades in 2024 (100 Mbps) and a few national (BAKTI) school points in 2025-26."""
    new = []
    for regency_code in sorted(ALLOCATION_2019):
        for category in ("hospital", "public_area", "government_office"):
            new += make_points(namer, regency_code, category, 1, date(2024, 2, 1), date(2024, 11, 30), 100)
    for regency_code in ("51.07", "51.08", "51.06", "51.05"):
        new += make_points(namer, regency_code, "school", 3, date(2025, 3, 1), date(2026, 8, 31), 20)
    for point in new[-12:]:
        point.funding_source, point.funded_until = "national", date(2027, 12, 31)
    return new


def apply_funding_change(points: list[WifiPoint], rng: np.random.Generator) -> None:
    """Provincial transfers ended on 2025-01-01: desa adat points move to Dinas PMA grants, some go dark."""
    last_funded = PROVINCIAL_FUNDING_ENDED_ON - timedelta(days=1)
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


def wifi_points(regions: Regions, rng: np.random.Generator) -> list[WifiPoint]:
    namer = SiteNamer(regions, rng)
    points = points_2019(namer, rng)
    points += points_2020_to_2022(namer, points, rng)
    points += points_2023(namer, points, rng)
    points += points_after_2023(namer)
    apply_funding_change(points, rng)
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

# Remote districts get weaker signal; the sample's own judgement, not a published figure.
REMOTE_DISTRICTS = {"51.01.03", "51.01.04", "51.02.03", "51.02.09", "51.02.10", "51.03.04", "51.05.01",
                    "51.06.04", "51.07.01", "51.07.05", "51.07.07", "51.07.08", "51.08.01", "51.08.03",
                    "51.08.04", "51.08.05", "51.08.09"}
URBAN_DISTRICTS = {"51.01.01", "51.02.05", "51.03.01", "51.03.02", "51.03.05", "51.03.06", "51.04.03",
                   "51.04.05", "51.05.03", "51.06.02", "51.07.04", "51.08.06", "51.71.01", "51.71.02",
                   "51.71.03", "51.71.04"}
# A village is "weak" for a source when its signal score is under that source's threshold:
# BAKTI counts weak signal more readily than the province, operators less readily.
WEAK_THRESHOLDS = {"province": 0.55, "bakti": 0.72, "operator": 0.45, "crowd": 0.6}
SURVEY_ROUNDS = (  # source, year, month; the day varies by regency
    ("province", 2020, 7), ("bakti", 2021, 9), ("operator", 2022, 6), ("province", 2022, 12),
    ("bakti", 2023, 6), ("province", 2024, 1), ("operator", 2024, 6), ("bakti", 2025, 3),
    ("province", 2025, 8), ("crowd", 2025, 10), ("crowd", 2026, 4), ("operator", 2026, 6), ("crowd", 2026, 9),
)
KARANGASEM, BANGLI, KINTAMANI, BULELENG = "51.07", "51.06", "51.06.04", "51.08"
KARANGASEM_DEC_2022 = {"none": 6, "weak": 56}  # detik, Dec 2022: of 78 desa/kelurahan
KINTAMANI_BLANK_SPOTS_2020 = 8
BULELENG_BLANK_SPOT_DESA, BULELENG_BLANK_SPOT_POINTS = 17, 46


@dataclass
class BlankSpotVillage:
    """A village without any signal until `fixed_on`, when its blank-spot site was built."""
    village: Village
    fixed_on: date


def village_base_scores(regions: Regions, rng: np.random.Generator) -> dict[str, float]:
    scores = {}
    for village in regions.villages:
        if village.district_code in URBAN_DISTRICTS:
            base = 0.75
        elif village.district_code in REMOTE_DISTRICTS:
            base = 0.35
        else:
            base = 0.55
        base -= 0.12 if village.regency_code == KARANGASEM else 0.0
        base += 0.08 if village.village_type == "kelurahan" else 0.0
        scores[village.code] = base + float(rng.normal(0, 0.12))
    return scores


def signal_score(base: float, when: date, rng: np.random.Generator) -> float:
    return base + 0.05 * years_since(date(2020, 1, 1), when) + float(rng.normal(0, 0.05))


def lowest_scoring(villages: list[Village], scores: dict[str, float], count: int) -> list[Village]:
    """The desa (not kelurahan) with the weakest signal."""
    desa = [v for v in villages if v.village_type == "desa"]
    return sorted(desa, key=lambda v: (scores[v.code], v.code))[:count]


def blank_spot_villages(regions: Regions, scores: dict[str, float], rng: np.random.Generator) -> list[BlankSpotVillage]:
    """The villages with no signal at all: Kintamani's 8 (fixed by end-2023), Karangasem's 6, and a few early ones."""
    spots = []
    kintamani_fixes = (date(2021, 11, 8), date(2021, 11, 22), date(2022, 8, 15), date(2022, 8, 29),
                       date(2023, 3, 13), date(2023, 3, 27), date(2023, 10, 9), date(2023, 10, 30))
    for village, fixed_on in zip(lowest_scoring(regions.villages_in(KINTAMANI), scores, KINTAMANI_BLANK_SPOTS_2020),
                                  kintamani_fixes):
        spots.append(BlankSpotVillage(village, fixed_on))
    for village in lowest_scoring(regions.villages_in(KARANGASEM), scores, KARANGASEM_DEC_2022["none"]):
        spots.append(BlankSpotVillage(village, random_date(rng, date(2023, 2, 1), date(2023, 9, 30))))
    for district in ("51.05.01", "51.08.01", "51.03.04", "51.02.10"):
        for village in lowest_scoring(regions.villages_in(district), scores, 1):
            spots.append(BlankSpotVillage(village, random_date(rng, date(2021, 3, 1), date(2022, 6, 30))))
    return spots


def survey_date(year: int, month: int, regency_index: int) -> date:
    return date(year, month, 3 + 2 * regency_index)


def classify(score: float, source: str) -> str:
    return "weak" if score < WEAK_THRESHOLDS[source] else "good"


def technology(quality: str, village: Village, when: date, rng: np.random.Generator) -> str:
    if quality == "none":
        return "none"
    if quality == "weak":
        return str(rng.choice(["2g", "3g", "4g"], p=[0.15, 0.35, 0.5] if when.year < 2023 else [0.05, 0.25, 0.7]))
    if village.district_code in URBAN_DISTRICTS and when.year >= 2022 and rng.random() < 0.35:
        return "5g"
    return "4g"


def survey_round(regions: Regions, source: str, year: int, month: int, scores: dict[str, float],
                 spots: dict[str, BlankSpotVillage], rng: np.random.Generator) -> list[dict]:
    rows = []
    for regency_index, regency_code in enumerate(regions.regency_codes):
        surveyed_on = survey_date(year, month, regency_index)
        villages = regions.villages_in(regency_code)
        if source == "crowd":
            villages = [v for v in villages if rng.random() < 0.4]
        quality = {v.code: classify(signal_score(scores[v.code], surveyed_on, rng), source) for v in villages}
        if (source, year, month, regency_code) == ("province", 2022, 12, KARANGASEM):
            quality = karangasem_dec_2022(villages, scores)
        for village in villages:
            spot = spots.get(village.code)
            if spot is not None and surveyed_on < spot.fixed_on:
                quality[village.code] = "none"
            elif spot is not None and quality[village.code] == "good" and surveyed_on < spot.fixed_on + timedelta(days=365):
                quality[village.code] = "weak"  # a new site starts with thin coverage
            rows.append({"village_code": village.code, "surveyed_on": surveyed_on, "source": source,
                         "best_technology": technology(quality[village.code], village, surveyed_on, rng),
                         "signal_quality": quality[village.code]})
    return rows


def karangasem_dec_2022(villages: list[Village], scores: dict[str, float]) -> dict[str, str]:
    """56 weak and 6 without signal of 78 (detik); the blank-spot villages are the lowest-scoring ones."""
    ranked = sorted(villages, key=lambda v: (scores[v.code], v.code))
    cut = KARANGASEM_DEC_2022["none"] + KARANGASEM_DEC_2022["weak"]
    return {v.code: ("weak" if i < cut else "good") for i, v in enumerate(ranked)}


def signal_survey_rows(regions: Regions, scores: dict[str, float], spots: list[BlankSpotVillage],
                       rng: np.random.Generator) -> list[dict]:
    by_code = {spot.village.code: spot for spot in spots}
    return [row for source, year, month in SURVEY_ROUNDS
            for row in survey_round(regions, source, year, month, scores, by_code, rng)]


BLANK_SPOT_OWNERS = ("BAKTI Kominfo", "Telkomsel", "XL Axiata", "Indosat Ooredoo Hutchison", "Diskominfos Bali")


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
    if spot.village.code.startswith(KINTAMANI):
        verified_on = min(verified_on, date(2023, 12, 29))  # Bangli was declared blank-spot-free in January 2024
    target = date(spot.fixed_on.year, 12, 31)
    owner = str(rng.choice(BLANK_SPOT_OWNERS[:3], p=[0.5, 0.3, 0.2]))
    return BlankSpotSite(spot.village, "verified", "bts", owner, verified_on, target)


def extra_site(village: Village, stage: str, stage_date: date, target_date: date | None,
               rng: np.random.Generator) -> BlankSpotSite:
    solution = str(rng.choice(["bts", "repeater", "fiber", "vsat"], p=[0.55, 0.2, 0.15, 0.1]))
    owner = "Diskominfos Bali" if solution in ("fiber", "vsat") else str(rng.choice(BLANK_SPOT_OWNERS[:4]))
    return BlankSpotSite(village, stage, solution, owner, stage_date, target_date)


def buleleng_sites(regions: Regions, scores: dict[str, float], rng: np.random.Generator) -> list[BlankSpotSite]:
    """46 blank-spot points in 17 desa planned for 2023-24: some built and verified, some late."""
    remote = [v for v in regions.villages_in(BULELENG) if v.district_code in REMOTE_DISTRICTS]
    desa = lowest_scoring(remote, scores, BULELENG_BLANK_SPOT_DESA)
    per_desa = weighted_split(BULELENG_BLANK_SPOT_POINTS, {v.code: 1 + i % 3 for i, v in enumerate(desa)})
    stages = ["verified"] * 18 + ["built"] * 10 + ["planned"] * 10 + ["proposed"] * 6 + ["identified"] * 2
    order = rng.permutation(len(stages))
    sites, k = [], 0
    for village in desa:
        for _ in range(per_desa[village.code]):
            stage = stages[order[k]]
            k += 1
            target = random_date(rng, date(2023, 6, 30), date(2024, 12, 31))
            sites.append(extra_site(village, stage, buleleng_stage_date(stage, target, rng), target, rng))
    return sites


def buleleng_stage_date(stage: str, target: date, rng: np.random.Generator) -> date:
    if stage == "verified":
        return min(target + timedelta(days=int(rng.integers(-120, 200))), date(2026, 6, 30))
    if stage == "built":
        return min(target + timedelta(days=int(rng.integers(30, 500))), date(2026, 9, 30))
    if stage in ("planned", "proposed"):
        return random_date(rng, date(2023, 2, 1), date(2024, 6, 30))
    return random_date(rng, date(2022, 10, 1), date(2023, 3, 31))


def karangasem_open_sites(regions: Regions, scores: dict[str, float], spots: list[BlankSpotVillage],
                          rng: np.random.Generator) -> list[BlankSpotSite]:
    """Weak-signal pockets in Karangasem still being worked on, some due after AS_OF."""
    fixed = {spot.village.code for spot in spots}
    weak = [v for v in lowest_scoring(regions.villages_in(KARANGASEM), scores, 14) if v.code not in fixed][:6]
    plan = (("built", date(2024, 8, 19), date(2024, 6, 30)), ("built", date(2025, 11, 3), date(2025, 12, 31)),
            ("planned", date(2025, 4, 14), date(2026, 12, 31)), ("planned", date(2026, 2, 9), date(2027, 6, 30)),
            ("proposed", date(2026, 5, 18), None), ("identified", date(2026, 9, 7), None))
    return [extra_site(village, stage, stage_date, target, rng) for village, (stage, stage_date, target) in zip(weak, plan)]


def blank_spot_rows(regions: Regions, scores: dict[str, float], spots: list[BlankSpotVillage],
                    rng: np.random.Generator) -> list[dict]:
    second_kintamani_sites = [spot for spot in spots if spot.village.code.startswith(KINTAMANI)][:2]
    sites = [fixed_site(spot, rng) for spot in spots + second_kintamani_sites]
    sites += buleleng_sites(regions, scores, rng) + karangasem_open_sites(regions, scores, spots, rng)
    rows = []
    for number, site in enumerate(sites, start=1):
        lat, lon = jitter_on_land(rng, site.village.lat, site.village.lon, 0.01)
        rows.append({"site_id": f"bs-{number:04d}", "village_code": site.village.code, "lat": lat, "lon": lon,
                     "stage": site.stage, "solution": site.solution, "owner": site.owner,
                     "stage_date": site.stage_date, "target_date": site.target_date})
    return rows


# ---------------------------------------------------------------- base stations

BASE_STATIONS = {figure.on.year: int(figure.value) for figure in figures_of("base_stations")}
BASE_STATION_SOURCES = {figure.on.year: figure.source for figure in figures_of("base_stations")}


def base_station_rows() -> list[dict]:
    rows = []
    for year in range(2018, 2026):
        if year in BASE_STATIONS:
            count, source = BASE_STATIONS[year], BASE_STATION_SOURCES[year]
        else:
            count, source = interpolated_base_stations(year), "sample (interpolated)"
        rows.append({"year": year, "region_code": PROVINCE, "base_stations": count, "source": source})
    return rows


def interpolated_base_stations(year: int) -> int:
    earlier = max(y for y in BASE_STATIONS if y < year)
    later = min((y for y in BASE_STATIONS if y > year), default=None)
    if later is None:  # carry the last known yearly growth forward
        earlier, later = sorted(BASE_STATIONS)[-2:]
        return round(BASE_STATIONS[later] + (year - later) * (BASE_STATIONS[later] - BASE_STATIONS[earlier]) / (later - earlier))
    share = (year - earlier) / (later - earlier)
    return round(BASE_STATIONS[earlier] + share * (BASE_STATIONS[later] - BASE_STATIONS[earlier]))


# ---------------------------------------------------------------- SPBE

FRAMEWORK = spbe.DEFAULT_FRAMEWORK
SPBE_PUBLISHED = tuple(  # year, entity, index, certainty, agencies evaluated, source
    (figure.on.year, figure.entity_code, figure.value, "unofficial" if figure.is_unsure else "official",
     figure.agencies_evaluated, figure.source)
    for figure in figures_of("spbe_index"))
SPBE_PUBLISHED_INDEX = {(year, entity): index for year, entity, index, _, _, _ in SPBE_PUBLISHED}
# Assessed entities in order; a later year of the same entity starts from its earlier levels.
# The province's 2022 index is invented (between the two published ones).
SPBE_ASSESSED = ((2021, PROVINCE, SPBE_PUBLISHED_INDEX[2021, PROVINCE]), (2022, PROVINCE, 3.88),
                 (2023, PROVINCE, SPBE_PUBLISHED_INDEX[2023, PROVINCE]),
                 (2021, "51.71", SPBE_PUBLISHED_INDEX[2021, "51.71"])) + tuple(
    (year, entity, index) for year, entity, index, _, _, _ in SPBE_PUBLISHED if year == 2023 and entity.startswith("51.")
)
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


def indicator_owner(number: int, entity_code: str) -> str:
    owner = INDICATOR_OWNERS.get(number, "Diskominfos")
    if entity_code != PROVINCE:  # a regency's agencies carry regency names
        owner = {"Diskominfos": "Diskominfo", "BKD": "BKPSDM"}.get(owner, owner.replace("Biro ", "Bagian "))
    return owner


def evidence_status(level: int, rng: np.random.Generator) -> str:
    draw = rng.random()
    if level <= 2 and draw < 0.25:
        return "missing"
    return "partial" if draw > 0.88 else "complete"


def spbe_assessment_rows(indicators: dict[int, spbe.Indicator], rng: np.random.Generator) -> list[dict]:
    weights = {number: indicator.weight for number, indicator in indicators.items()}
    previous: dict[str, dict[int, int]] = {}
    rows = []
    for year, entity_code, target in SPBE_ASSESSED:
        start = previous.get(entity_code) or initial_levels(target, indicators, rng)
        levels = previous[entity_code] = fit_levels(start, weights, target)
        rows += [{"year": year, "entity_code": entity_code, "framework_id": FRAMEWORK, "indicator_no": number,
                  "level": level, "owner_agency": indicator_owner(number, entity_code),
                  "evidence_status": evidence_status(level, rng)}
                 for number, level in sorted(levels.items())]
    return rows


def spbe_published_rows() -> list[dict]:
    return [{"year": year, "entity_code": entity, "index_value": index, "certainty": certainty,
             "agencies_evaluated": agencies, "source": source}
            for year, entity, index, certainty, agencies, source in SPBE_PUBLISHED]


# ---------------------------------------------------------------- services

# The date each service reached each maturity stage (1 informasi ... 4 transformasi); stage 1 is the launch.
STAGE_DATES: dict[str, tuple[str, ...]] = {
    "svc-planning_budgeting": ("2018-04-02", "2018-11-05", "2020-01-06", "2024-01-08"),
    "svc-social_aid": ("2020-04-15", "2020-09-01", "2021-07-05"),
    "svc-citizen_proposals": ("2019-01-14", "2020-01-13"),
    "svc-staffing": ("2018-02-01", "2019-02-04", "2021-03-01"),
    "svc-bali_digital_hub": ("2022-10-17",),
    "svc-single_sign_on": ("2022-06-01", "2022-06-01", "2023-08-14"),
    "svc-love_bali": ("2024-02-14", "2024-02-14", "2024-02-14"),
    "svc-vehicle_tax": ("2019-03-01", "2019-03-01", "2020-06-02", "2025-07-01"),
    "svc-public_complaints": ("2018-05-02", "2018-05-02"),
    "svc-open_data": ("2020-09-01",),
    "svc-health_queue": ("2021-03-01", "2021-10-04"),
    "svc-desa_adat_grants": ("2021-01-11", "2022-01-10"),
    "svc-business_licensing": ("2018-09-03", "2019-04-01", "2021-08-02"),
    "svc-civil_registration": ("2020-07-01", "2020-07-01", "2022-02-07"),
    "svc-regional_finance": ("2018-01-02", "2018-01-02", "2019-01-02"),
    "svc-procurement": ("2018-01-02", "2018-01-02", "2018-01-02"),
    "svc-legal_documentation": ("2018-06-01",),
    "svc-tourism_information": ("2019-07-01",),
}


@dataclass(frozen=True)
class ServiceProfile:
    """How a service's monthly figures behave; a None figure is one the service does not report."""
    requests: float  # per month, all of Bali, at the start
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


SERVICE_PROFILES: dict[str, ServiceProfile] = {
    "svc-planning_budgeting": ServiceProfile(520, 0.04, (0.7, 1.0), 0.97, (5, 2), (76, 86), None, 3,
                                             seasonal={1: 1.6, 2: 1.5, 8: 1.3, 9: 1.4}),
    "svc-social_aid": ServiceProfile(3600, 0.05, (0.3, 0.78), 0.88, (21, 9), (70, 83), (45000, 21000), per_regency=True),
    "svc-citizen_proposals": ServiceProfile(280, 0.12, (0.5, 0.95), 0.7, (30, 14), None, None, per_regency=True,
                                            seasonal={1: 2.4, 2: 2.2, 3: 1.6}),
    "svc-staffing": ServiceProfile(2400, 0.02, (0.6, 0.98), 0.95, (4, 1.5), (78, 88), None, 3),
    "svc-bali_digital_hub": ServiceProfile(22000, 0.6, (1.0, 1.0), None, None, (74, 84), None),
    "svc-single_sign_on": ServiceProfile(6000, 0.9, (1.0, 1.0), None, None, None, None),
    "svc-love_bali": ServiceProfile(165000, 0.1, (0.92, 0.97), 0.99, (0, 0), None, (7500, 5200), tourism=True),
    "svc-vehicle_tax": ServiceProfile(240000, 0.04, (0.05, 0.46), 0.98, (0.5, 0.2), (79, 87), (9000, 4200),
                                      per_regency=True),
    "svc-public_complaints": ServiceProfile(380, 0.08, (0.6, 0.9), None, (12, 5), None, None, per_regency=True),
    "svc-open_data": ServiceProfile(3200, 0.45, (1.0, 1.0), None, None, None, None),
    "svc-health_queue": ServiceProfile(28000, 0.1, (0.15, 0.6), 0.91, (0.0, 0.0), (75, 85), None, 3, per_regency=True),
    "svc-desa_adat_grants": ServiceProfile(110, 0.05, (0.3, 0.85), 0.72, (45, 20), None, None, per_regency=True,
                                           seasonal={2: 2.5, 3: 2.8, 4: 1.8}),
    "svc-business_licensing": ServiceProfile(2900, 0.06, (0.5, 0.95), 0.9, (10, 3), (77, 86), (150000, 60000),
                                             per_regency=True, tourism=True),
    "svc-civil_registration": ServiceProfile(24000, 0.03, (0.1, 0.55), 0.93, (7, 2), (72, 85), (25000, 12000), 3,
                                             per_regency=True),
    "svc-regional_finance": ServiceProfile(3100, 0.03, (0.9, 1.0), 0.99, (3, 1), None, None,
                                           seasonal={12: 1.9, 6: 1.2}),
    "svc-procurement": ServiceProfile(150, 0.02, (1.0, 1.0), 0.86, (35, 28), None, None,
                                      seasonal={3: 1.5, 4: 1.6, 5: 1.5, 6: 1.3, 12: 0.4}),
    "svc-legal_documentation": ServiceProfile(4200, 0.3, (1.0, 1.0), None, None, None, None),
    "svc-tourism_information": ServiceProfile(11000, 0.25, (1.0, 1.0), None, None, None, None, tourism=True),
}


def tourism_factor(month: date) -> float:
    """The pandemic closed Bali to tourists from April 2020; arrivals recovered through 2022."""
    if date(2020, 4, 1) <= month < date(2022, 1, 1):
        return 0.15
    if date(2022, 1, 1) <= month < date(2023, 1, 1):
        return 0.5 + 0.04 * month.month
    return {7: 1.2, 8: 1.25, 12: 1.15, 2: 0.85}.get(month.month, 1.0)


def service_stage_rows(services: list[dict[str, str]]) -> list[dict]:
    rows = []
    for service in services:
        dates = STAGE_DATES[service["service_id"]]
        if len(dates) != int(service["maturity_stage"]) or dates[0] != service["launched_on"]:
            raise ValueError(f"STAGE_DATES disagree with services.csv for {service['service_id']}")
        rows += [{"service_id": service["service_id"], "maturity_stage": stage, "reached_on": parse_date(reached)}
                 for stage, reached in enumerate(dates, start=1)]
    return rows


def lerp(bounds: tuple[float, float], progress: float) -> float:
    return bounds[0] + (bounds[1] - bounds[0]) * progress


def service_figures(profile: ServiceProfile, month: date, start: date, share: float, rng: np.random.Generator) -> dict:
    progress = min(1.0, max(0.0, years_since(start, month) / max(years_since(start, date(2026, 10, 1)), 0.5)))
    expected = profile.requests * share * (1 + profile.growth) ** years_since(start, month)
    expected *= profile.seasonal.get(month.month, 1.0) * (tourism_factor(month) if profile.tourism else 1.0)
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


def service_monthly_rows(services: list[dict[str, str]], regions: Regions, rng: np.random.Generator) -> list[dict]:
    population = sum(regions.regency_population.values())
    rows = []
    for service in services:
        profile = SERVICE_PROFILES[service["service_id"]]
        launched = parse_date(service["launched_on"])
        for month in month_starts(max(launched, FIRST_MONTH), AS_OF):
            regencies = regions.regency_codes if profile.per_regency else []
            regency_rows = [service_figures(profile, month, launched, regions.regency_population[code] / population, rng)
                            for code in regencies]
            province = province_total(regency_rows) if regency_rows else service_figures(profile, month, launched, 1.0, rng)
            for code, figures in [(PROVINCE, province)] + list(zip(regencies, regency_rows)):
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


def build_tables(reference_dir: Path = REFERENCE_DIR) -> dict[str, list[dict]]:
    regions = read_regions(reference_dir)
    services = read_csv_records(reference_dir / "services.csv")
    indicators = spbe.load_framework(FRAMEWORK)
    points = wifi_points(regions, generator("wifi_points"))
    signal_rng = generator("signal_surveys")
    scores = village_base_scores(regions, signal_rng)
    spots = blank_spot_villages(regions, scores, signal_rng)
    return {
        "wifi_points": wifi_point_rows(points),
        "wifi_usage_monthly": usage_rows(points, generator("wifi_usage_monthly")),
        "signal_surveys": signal_survey_rows(regions, scores, spots, signal_rng),
        "blank_spot_sites": blank_spot_rows(regions, scores, spots, generator("blank_spot_sites")),
        "base_stations_yearly": base_station_rows(),
        "service_stages": service_stage_rows(services),
        "service_monthly": service_monthly_rows(services, regions, generator("service_monthly")),
        "spbe_assessments": spbe_assessment_rows(indicators, generator("spbe_assessments")),
        "spbe_published": spbe_published_rows(),
    }


def write_sample(out_dir: Path = DEFAULT_OUT, reference_dir: Path = REFERENCE_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_dataset(name, rows, out_dir) for name, rows in build_tables(reference_dir).items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the CSV files")
    parser.add_argument("--reference-dir", type=Path, default=REFERENCE_DIR)
    args = parser.parse_args(argv)
    for path in write_sample(args.out, args.reference_dir):
        print(f"{path}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
