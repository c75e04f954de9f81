"""Public Wi-Fi: the points (installed, moved to other funding, closed, placed on land) and their monthly use."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from smartisland.tools.sample.calibration import Calibration
from smartisland.tools.sample.common import (
    AS_OF,
    ROMAN,
    Regions,
    Village,
    jitter_on_land,
    month_end,
    month_starts,
    random_date,
    short_regency_name,
    weighted_split,
    years_since,
)

PILOTS_UNTIL = date(2018, 12, 31)  # the programme's pilots run through 2018
EARLY_UNTIL = date(2019, 4, 30)  # and the first points of 2019 by the end of April
SCHOOL_NAMES = ("SMA Negeri {n} {place}", "SMK Negeri {n} {place}")


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
