"""Checks of the committed regions reference and base map (built by scripts/build_regions.py)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from smartisland.contract import get_dataset

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_DIR = ROOT / "provinces" / "51" / "reference"

# provinces/<code>/reference/SOURCES.md, regions table: code -> (districts, desa, kelurahan, 2025 residents).
FACTS = {
    "51.01": (5, 41, 10, 330_221),
    "51.02": (10, 133, 0, 478_393),
    "51.03": (6, 46, 16, 537_739),
    "51.04": (7, 64, 6, 504_845),
    "51.05": (4, 53, 6, 223_723),
    "51.06": (4, 68, 4, 260_526),
    "51.07": (8, 75, 3, 538_390),
    "51.08": (9, 129, 19, 828_156),
    "51.71": (4, 27, 16, 673_270),
}
PROVINCE_POPULATION = 4_375_263
NUSA_PENIDA = "51.05.01"


def in_nusa_penida_islands(lat: float, lon: float) -> bool:
    return lat <= -8.62 and lon >= 115.40


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    return pd.read_csv(REFERENCE_DIR / "regions.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def land_cells() -> pd.DataFrame:
    return pd.read_csv(REFERENCE_DIR / "land_cells.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def district_centres(regions) -> dict[str, tuple[float, float]]:
    districts = regions[regions.level == "district"]
    return {row.region_code: (float(row.lat), float(row.lon)) for row in districts.itertuples()}


def test_columns_follow_the_contract(regions):
    assert tuple(regions.columns) == get_dataset("regions").column_names
    assert regions.region_code.is_unique


def test_counts_per_regency_match_facts(regions):
    code_regency = regions.region_code.str[:5]
    villages = regions[regions.level == "village"]
    for regency, (districts, desa, kelurahan, _) in FACTS.items():
        assert ((regions.level == "district") & (code_regency == regency)).sum() == districts, regency
        own = villages[villages.region_code.str[:5] == regency]
        assert (own.village_type == "desa").sum() == desa, regency
        assert (own.village_type == "kelurahan").sum() == kelurahan, regency
    assert Counter(regions.level) == Counter(province=1, regency=9, district=57, village=716)
    assert Counter(villages.village_type) == Counter(desa=636, kelurahan=80)


def test_codes_and_parents(regions):
    levels = dict(zip(regions.region_code, regions.level))
    expected_parent_level = {"regency": "province", "district": "regency", "village": "district"}
    for row in regions.itertuples():
        assert re.fullmatch(get_dataset("regions").columns[0].regex, row.region_code), row.region_code
        assert row.region_code.count(".") == ("province", "regency", "district", "village").index(row.level)
        if row.level == "province":
            assert row.parent_code == ""
            continue
        assert row.parent_code == row.region_code.rsplit(".", 1)[0]
        assert levels.get(row.parent_code) == expected_parent_level[row.level], row.region_code
        if row.level == "village":
            assert row.village_type == {"1": "kelurahan", "2": "desa"}[row.region_code[9]]
        else:
            assert row.village_type == ""


def test_villages_lie_on_land_in_their_own_district(regions, district_centres):
    from global_land_mask import globe  # imported where used: reading its land mask takes about 3 s and 940 MB

    villages = regions[regions.level == "village"]
    assert not villages.duplicated(["lat", "lon"]).any()
    for row in villages.itertuples():
        lat, lon = float(row.lat), float(row.lon)
        assert globe.is_land(lat, lon), row.region_code
        assert in_nusa_penida_islands(lat, lon) == (row.parent_code == NUSA_PENIDA), row.region_code
        if row.parent_code == NUSA_PENIDA:
            continue
        distance = {
            code: (lat - centre[0]) ** 2 + (lon - centre[1]) ** 2
            for code, centre in district_centres.items() if code != NUSA_PENIDA
        }
        assert distance[row.parent_code] <= min(distance.values()), row.region_code


def test_regency_positions_are_the_mean_of_their_district_centres(regions, district_centres):
    for row in regions[regions.level == "regency"].itertuples():
        centres = [centre for code, centre in district_centres.items() if code.startswith(row.region_code + ".")]
        assert float(row.lat) == pytest.approx(sum(c[0] for c in centres) / len(centres), abs=1e-5)
        assert float(row.lon) == pytest.approx(sum(c[1] for c in centres) / len(centres), abs=1e-5)


def test_populations(regions):
    population = dict(zip(regions.region_code, regions.population.astype(int)))
    assert population["51"] == PROVINCE_POPULATION
    assert {code: population[code] for code in FACTS} == {code: facts[3] for code, facts in FACTS.items()}
    assert sum(facts[3] for facts in FACTS.values()) == PROVINCE_POPULATION
    assert set(regions.population_year) == {"2025"}
    villages = regions[regions.level == "village"].assign(population=lambda df: df.population.astype(int))
    assert (villages.population > 0).all()
    assert villages.groupby(villages.region_code.str[:5]).population.sum().to_dict() == {
        code: facts[3] for code, facts in FACTS.items()
    }
    by_district = villages.groupby("parent_code").population.sum()
    for row in regions[regions.level == "district"].itertuples():
        assert int(row.population) == by_district[row.region_code], row.region_code


def test_bases(regions):
    basis = regions.groupby("level")[["location_basis", "population_basis"]].agg(set).to_dict("index")
    assert basis["province"] == {"location_basis": {"approximate"}, "population_basis": {"published"}}
    assert basis["regency"] == {"location_basis": {"approximate"}, "population_basis": {"published"}}
    assert basis["district"] == {"location_basis": {"published"}, "population_basis": {"estimated"}}
    assert basis["village"] == {"location_basis": {"approximate"}, "population_basis": {"estimated"}}


def test_land_cells_cover_every_district(land_cells, district_centres):
    from global_land_mask import globe  # imported where used: reading its land mask takes about 3 s and 940 MB

    assert tuple(land_cells.columns) == ("h3_cell", "district_code", "regency_code", "lat", "lon")
    assert land_cells.h3_cell.is_unique
    assert set(land_cells.district_code) == set(district_centres)
    assert (land_cells.regency_code == land_cells.district_code.str[:5]).all()
    for row in land_cells.itertuples():
        lat, lon = float(row.lat), float(row.lon)
        assert globe.is_land(lat, lon), row.h3_cell
        assert in_nusa_penida_islands(lat, lon) == (row.district_code == NUSA_PENIDA), row.h3_cell
    assert 500 <= len(land_cells) <= 2000


def test_script_reproduces_the_committed_files(built_regions):
    folder = built_regions("51")
    for name in ("regions.csv", "land_cells.csv"):
        assert (folder / name).read_bytes() == (REFERENCE_DIR / name).read_bytes(), name
