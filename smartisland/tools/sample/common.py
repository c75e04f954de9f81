"""What every part of the sample reads: the province's regions and villages, the day the sample ends, and small
helpers for dates, places on land and whole-number splits."""
from __future__ import annotations

import csv
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

AS_OF = date(2026, 10, 31)
FIRST_MONTH = date(2019, 1, 1)
SEED = 20220302  # the day of the Governor's meeting with Jakarta Smart City
ROMAN = ("", " II", " III", " IV", " V", " VI")  # told apart when a place has several


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
    from global_land_mask import globe  # imported where used: reading its land mask takes about 3 s and 940 MB

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
