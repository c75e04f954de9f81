"""Boundary shapes checked like any other value (issue 22, smartisland/intake/shapes.py): closed rings of 2-number
positions, at least four positions, valid (no self-intersection) and holes inside their shell, refused with the
feature and the place, never repaired; a region's boundary must hold most of its own villages and reach no further
than a plausible distance beyond them. A GIS tool's export (semicolons, decimal points in coordinates) loads.
On 904de23 every one of these shapes was accepted, and the GIS export was refused."""
from __future__ import annotations

import hashlib
import json
import shutil

import duckdb
import pytest
from shapely.geometry import MultiPoint, mapping
from support import FIXTURE_TODAY
from support.bad_inputs import VALID_ROWS

from smartisland.load import load_files

JEMBRANA = [[114.43, -8.1], [114.8, -8.2], [114.75, -8.45], [114.45, -8.4], [114.43, -8.1]]
BOWTIE = [[114.5, -8.2], [114.6, -8.3], [114.6, -8.2], [114.5, -8.3], [114.5, -8.2]]
HOLE_OUTSIDE = [JEMBRANA, [[115.0, -8.3], [115.05, -8.3], [115.05, -8.35], [115.0, -8.35], [115.0, -8.3]]]

SHAPE_CASES = [
    ("self-intersecting", {"type": "Polygon", "coordinates": [BOWTIE]}, "boundary_invalid_shape",
     "Self-intersection[114.55 -8.25]"),
    ("unclosed", {"type": "Polygon", "coordinates": [JEMBRANA[:-1] + [[114.44, -8.1]]]}, "boundary_ring_not_closed",
     "114.43, -8.1 … 114.44, -8.1"),
    ("one-repeated-point", {"type": "Polygon", "coordinates": [[[114.5, -8.2]] * 5]}, "boundary_ring_degenerate",
     "114.5, -8.2"),
    ("hole-outside", {"type": "Polygon", "coordinates": HOLE_OUTSIDE}, "boundary_hole_outside",
     "Hole lies outside shell[115 -8.3]"),
    ("text-in-a-third-coordinate", {"type": "Polygon", "coordinates": [[p + ["<script>"] for p in JEMBRANA]]},
     "boundary_position_not_pair", '[114.43, -8.1, "<script>"]'),
    ("height-as-a-third-number", {"type": "Polygon", "coordinates": [[p + [12.5] for p in JEMBRANA]]},
     "boundary_position_not_pair", "[114.43, -8.1, 12.5]"),
    ("self-intersecting-in-a-multipolygon", {"type": "MultiPolygon", "coordinates": [[JEMBRANA], [BOWTIE]]},
     "boundary_invalid_shape", "Self-intersection[114.55 -8.25]"),
]


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_collection(path, *features):
    path.write_text(json.dumps({"type": "FeatureCollection", "source": "BIG 2025", "features": [
        {"type": "Feature", "properties": {"region_code": code}, "geometry": geometry} for code, geometry in features]}))
    return path


@pytest.mark.parametrize("name, geometry, code, value", SHAPE_CASES, ids=[case[0] for case in SHAPE_CASES])
def test_an_invalid_shape_is_refused_with_its_feature_and_place(name, geometry, code, value, fixture_db, tmp_path):
    path = write_collection(tmp_path / "batas.geojson", ("51.71", {"type": "Polygon", "coordinates": [JEMBRANA]}),
                            ("51.01", geometry))
    before = digest(fixture_db)
    result = load_files("boundaries", [path], fixture_db, today=FIXTURE_TODAY, display_names=[path.name])
    assert digest(fixture_db) == before
    assert [(problem.code, problem.row, problem.column, problem.value) for problem in result.problems] == [
        (code, 2, "geometry", value)]
    for language in ("en", "id"):
        message = result.problems[0].message(language)
        assert message.startswith("batas.geojson:2: geometry: ") and "\n" not in message


def region_shape(path, code: str, buffer: float = 0.02):
    """A plausible boundary of region `code`: the hull of its villages' points, a little wider."""
    with duckdb.connect(str(path), read_only=True) as connection:
        points = connection.execute("select lon, lat from regions where level = 'village' and lat is not null "
                                    "and starts_with(region_code, $prefix)", {"prefix": code + "."}).fetchall()
    return MultiPoint(points).convex_hull.buffer(buffer, quad_segs=2)


@pytest.fixture
def sample_copy(sample_db, tmp_path):
    path = tmp_path / "sample.duckdb"
    shutil.copy(sample_db, path)
    return path


def test_a_plausible_boundary_loads(sample_copy, tmp_path):
    path = write_collection(tmp_path / "badung.geojson", ("51.03", mapping(region_shape(sample_copy, "51.03"))))
    result = load_files("boundaries", [path], sample_copy, today=FIXTURE_TODAY, display_names=[path.name])
    assert result.ok, [problem.message("en") for problem in result.problems]


def test_badung_drawn_at_jakarta_is_refused(sample_copy, tmp_path):
    from shapely.affinity import translate
    badung = region_shape(sample_copy, "51.03")
    at_jakarta = translate(badung, xoff=106.85 - badung.centroid.x, yoff=-6.2 - badung.centroid.y)
    path = write_collection(tmp_path / "badung.geojson", ("51.03", mapping(at_jakarta)))
    before = digest(sample_copy)
    result = load_files("boundaries", [path], sample_copy, today=FIXTURE_TODAY, display_names=[path.name])
    assert digest(sample_copy) == before
    assert [(problem.code, problem.row) for problem in result.problems] == [("boundary_misses_villages", 1)]
    assert result.problems[0].message("en").startswith("badung.geojson:1: geometry: this boundary holds only 0 of "
                                                       "its region's own ")


def test_jembrana_covering_all_of_indonesia_is_refused(sample_copy, tmp_path):
    indonesia = {"type": "Polygon", "coordinates": [[[96, -11], [140, -11], [140, 5], [96, 5], [96, -11]]]}
    path = write_collection(tmp_path / "jembrana.geojson", ("51.01", indonesia))
    before = digest(sample_copy)
    result = load_files("boundaries", [path], sample_copy, today=FIXTURE_TODAY, display_names=[path.name])
    assert digest(sample_copy) == before
    assert [(problem.code, problem.row, problem.value) for problem in result.problems] == [
        ("boundary_too_large", 1, "96.00, -11.00 … 140.00, 5.00")]
    assert "reaches far beyond its region's own villages" in result.problems[0].message("en")


# --- a GIS tool's export: semicolons between fields, points in coordinates -------------------------

def gis_export(path, lat: str, lon: str):
    """A blank-spot site as QGIS writes a CSV with semicolons: coordinates with a decimal point."""
    row = {**VALID_ROWS["blank_spot_sites"], "site_id": "bs-gis", "lat": lat, "lon": lon}
    path.write_text(";".join(row) + "\n" + ";".join(row.values()) + "\n")
    return path


def test_a_gis_export_with_points_in_its_coordinates_loads(fixture_db, tmp_path):
    path = gis_export(tmp_path / "titik-qgis.csv", "-8.33612", "114.61115")
    result = load_files("blank_spot_sites", [path], fixture_db, today=FIXTURE_TODAY, display_names=[path.name])
    assert result.ok, [problem.message("en") for problem in result.problems]
    with duckdb.connect(str(fixture_db), read_only=True) as connection:
        assert connection.execute("select lat, lon from blank_spot_sites where site_id = 'bs-gis'").fetchall() == [
            (-8.33612, 114.61115)]


def test_only_a_coordinate_that_reads_as_thousands_is_refused_with_the_fix(fixture_db, tmp_path):
    path = gis_export(tmp_path / "titik-qgis.csv", "-8.33612", "114.611")
    before = digest(fixture_db)
    result = load_files("blank_spot_sites", [path], fixture_db, today=FIXTURE_TODAY, display_names=[path.name])
    assert digest(fixture_db) == before
    assert [(problem.code, problem.column, problem.value) for problem in result.problems] == [
        ("ambiguous_decimal", "lon", "114.611")]
    assert "write decimals with a comma and no thousands separator" in result.problems[0].message("en")
