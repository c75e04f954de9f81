"""Official boundaries: a GeoJSON FeatureCollection loads as the `boundaries` dataset or is refused with a message
naming the feature and the column, leaving the warehouse as it was; the maps draw the loaded outlines and place
labels inside them, and say which borders they show."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from support import FIXTURE_DATA, FIXTURE_TODAY, ROOT

from smartisland import geo
from smartisland.connectivity import map as connectivity_map
from smartisland.intake import boundaries as boundary_file
from smartisland.kpis import regency_map, sections
from smartisland.load import build_warehouse, load_files, source_files
from smartisland.load_command import main
from smartisland.report_context import ReportContext, using
from smartisland.warehouse import undo_last

FIXTURE = ROOT / "tests" / "fixtures" / "boundaries" / "two_regencies.geojson"
JEMBRANA_RING = [[114.43, -8.1], [114.8, -8.2], [114.75, -8.45], [114.45, -8.4], [114.43, -8.1]]
DENPASAR_RINGS = [[[115.17, -8.6], [115.26, -8.6], [115.26, -8.72], [115.17, -8.72], [115.17, -8.6]],
                  [[115.23, -8.74], [115.25, -8.74], [115.25, -8.76], [115.23, -8.76], [115.23, -8.74]]]
SQUARE = {"type": "Polygon", "coordinates": [[[114.5, -8.2], [114.6, -8.2], [114.6, -8.3], [114.5, -8.3],
                                              [114.5, -8.2]]]}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def feature(code_property: dict, geometry=None) -> dict:
    return {"type": "Feature", "properties": code_property, "geometry": SQUARE if geometry is None else geometry}


def collection(*features) -> dict:
    return {"type": "FeatureCollection", "source": "BIG", "features": list(features)}


def loaded_boundaries(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute("select region_code, geometry, source from boundaries order by region_code").fetchall()


def official_frame() -> pd.DataFrame:
    rows = boundary_file.read_feature_rows(FIXTURE.read_bytes(), FIXTURE.name)
    return pd.DataFrame([row | {"level": "regency"} for _, row in rows])


def test_the_fixture_loads_with_its_codes_geometries_and_sources(fixture_db):
    result = load_files("boundaries", [FIXTURE], fixture_db, today=FIXTURE_TODAY, display_names=["b.geojson"])
    assert result.ok, [problem.message("en") for problem in result.problems]
    assert [(record.dataset, record.rows) for record in result.loaded] == [("boundaries", 2)]
    rows = loaded_boundaries(fixture_db)
    assert [(code, source) for code, _, source in rows] == [
        ("51.01", "Illustrative test shapes, not official"), ("51.71", "Test shapes of Denpasar")]
    assert json.loads(rows[0][1]) == {"type": "Polygon", "coordinates": [JEMBRANA_RING]}
    assert json.loads(rows[1][1]) == {"type": "MultiPolygon", "coordinates": [[ring] for ring in DENPASAR_RINGS]}


def test_the_command_line_loads_a_geojson_file(fixture_db, capsys):
    assert main(["--dataset", "boundaries", str(FIXTURE), "--db", str(fixture_db), "--lang", "en"]) == 0
    assert f"boundaries: 2 rows loaded from {FIXTURE}" in capsys.readouterr().out
    assert len(loaded_boundaries(fixture_db)) == 2


OUTSIDE = {"type": "Polygon", "coordinates": [[[150.0, -8.3], [114.6, -8.2], [114.6, -8.3], [150.0, -8.3]]]}
REFUSED_CASES = [
    ({"type": "Feature", "properties": {"region_code": "51.01"}, "geometry": SQUARE},
     ["bad.geojson: not a GeoJSON FeatureCollection (an object with \"type\": \"FeatureCollection\" and a list of "
      "\"features\")"]),
    (collection(feature({"region_code": "51.01"}), feature({"name": "Denpasar"})),
     ["bad.geojson:2: region_code: a feature without a region code (give one of the properties: region_code, kode)"]),
    (collection(feature({"region_code": "51.02"})),
     ["bad.geojson:1: region_code: region code not in the regions data (value: 51.02)"]),
    (collection(feature({"kode": "51.01"}, {"type": "Point", "coordinates": [114.6, -8.3]})),
     ["bad.geojson:1: geometry: the geometry must be a Polygon or a MultiPolygon (value: Point)"]),
    (collection(feature({"kode": "51.01"}, OUTSIDE)),
     ["bad.geojson:1: geometry: coordinates outside Indonesia (longitude, latitude) (value: 150.0, -8.3)"]),
    (collection(feature({"kode": "51.01"}), feature({"kode": "51.71"}), feature({"region_code": "51.01"})),
     ["bad.geojson:3: region_code: duplicate key (51.01); first at row 1 (value: 51.01)"]),
    (collection(feature({"kode": "51"})),
     ["bad.geojson:1: region_code: region code must be of level regency, district or village (value: 51)"]),
    # a village of another province: refused naming the feature (its number in the file) and the code
    (collection(feature({"kode": "51.01.01.2001"}), feature({"kode": "52.01.01.2001"})),
     ["bad.geojson:2: region_code: a region code outside the province of Bali (value: 52.01.01.2001)"]),
]


@pytest.mark.parametrize("document, expected", REFUSED_CASES)
def test_a_bad_file_is_refused_by_feature_and_column_and_the_loaded_boundaries_stay(fixture_db, tmp_path, document,
                                                                                     expected):
    assert load_files("boundaries", [FIXTURE], fixture_db, today=FIXTURE_TODAY).ok
    before, loaded = digest(fixture_db), loaded_boundaries(fixture_db)
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = load_files("boundaries", [bad], fixture_db, today=FIXTURE_TODAY, display_names=["bad.geojson"])
    assert [problem.message("en") for problem in result.problems] == expected
    assert digest(fixture_db) == before and loaded_boundaries(fixture_db) == loaded


def test_a_spreadsheet_of_boundaries_is_refused_unchecked_geometry_never_loads(fixture_db, tmp_path):
    table = tmp_path / "b.csv"
    table.write_text('region_code,geometry,source\n51.01,"{""type"":""Point""}",x\n', encoding="utf-8")
    result = load_files("boundaries", [table], fixture_db, today=FIXTURE_TODAY, display_names=["b.csv"])
    assert [problem.message("en") for problem in result.problems] == [
        "b.csv: official boundaries load from a GeoJSON file (.geojson or .json), not a spreadsheet"]


def test_a_wrong_level_is_named_in_the_readers_words_only(fixture_db, tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps(collection(feature({"kode": "51"}))), encoding="utf-8")
    result = load_files("boundaries", [bad], fixture_db, today=FIXTURE_TODAY, display_names=["bad.geojson"])
    assert [problem.message("id") for problem in result.problems] == [
        "bad.geojson:1: region_code: kode wilayah harus tingkat kabupaten/kota, kecamatan atau desa/kelurahan "
        "(nilai: 51)"]


def test_not_json_at_all_is_unreadable_and_the_messages_are_in_indonesian_too(fixture_db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = load_files("boundaries", [bad], fixture_db, today=FIXTURE_TODAY, display_names=["bad.json"])
    assert [problem.code for problem in result.problems] == ["unreadable"]
    bad.write_text(json.dumps(collection(feature({}))), encoding="utf-8")
    result = load_files("boundaries", [bad], fixture_db, today=FIXTURE_TODAY, display_names=["bad.json"])
    assert [problem.message("id") for problem in result.problems] == [
        "bad.json:1: region_code: fitur tanpa kode wilayah (isi salah satu properti: region_code, kode)"]


def test_a_province_folder_may_hold_its_boundaries_as_a_reference(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    shutil.copy(FIXTURE, data / "reference" / "boundaries.geojson")
    assert source_files(data)["boundaries"] == (data / "reference" / "boundaries.geojson", "reference")
    db = tmp_path / "w.duckdb"
    assert build_warehouse(data, db, today=FIXTURE_TODAY).ok
    assert [code for code, _, _ in loaded_boundaries(db)] == ["51.01", "51.71"]


# --- the maps --------------------------------------------------------------------------------------

def test_a_label_point_lies_inside_the_largest_polygon_at_its_mid_latitude():
    assert geo.representative_point([[JEMBRANA_RING]]) == pytest.approx((-8.275, 114.6133333))
    # the larger square of Denpasar, not the islet
    assert geo.representative_point([[ring] for ring in reversed(DENPASAR_RINGS)]) == pytest.approx((-8.66, 115.215))
    # a ring shaped like a C: the middle of its widest stretch, never the bay inside the C
    c_shape = [[0, 0], [4, 0], [4, 1], [1, 1], [1, 3], [4, 3], [4, 4], [0, 4], [0, 0]]
    assert geo.representative_point([[c_shape]]) == pytest.approx((2.0, 0.5))


def test_the_regency_map_draws_the_loaded_outlines_and_labels_inside_them():
    outlines, centres = regency_map.regency_shapes(official=official_frame())
    traced, traced_centres = regency_map.regency_shapes()
    assert outlines[outlines["code"] == "51.01"]["path"].tolist() == [JEMBRANA_RING]
    assert outlines[outlines["code"] == "51.71"]["path"].tolist() == DENPASAR_RINGS
    # the regencies without a loaded boundary keep their traced outline
    for code in ("51.02", "51.08"):
        assert outlines[outlines["code"] == code]["path"].tolist() == traced[traced["code"] == code]["path"].tolist()
    assert sorted(set(outlines["code"])) == sorted(set(traced["code"]))
    by_code = centres.set_index("code")
    assert (by_code.loc["51.01", "lat"], by_code.loc["51.01", "lon"]) == (-8.275, 114.61333)
    assert (by_code.loc["51.71", "lat"], by_code.loc["51.71", "lon"]) == (-8.66, 115.215)
    assert centres[centres["code"] == "51.02"].to_dict("records") == \
        traced_centres[traced_centres["code"] == "51.02"].to_dict("records")
    values = pd.DataFrame({"region_code": ["51.01"], "name": ["Kabupaten Jembrana"], "value": [49.28],
                           "status": ["off_track"]})
    with using(ReportContext(language="en")):
        spec = json.loads(regency_map.regency_status_map(values, outlines, centres, "percent", "official").to_json())
    assert spec["layers"][0]["data"][0]["polygon"] == JEMBRANA_RING
    assert spec["layers"][1]["data"] == [{"code": "51.01", "lat": -8.275, "lon": 114.61333,
                                          "name": "Jembrana\n▼ 49.3%"}]


ROW = {"unit": "percent", "target_kind": "official"}
SHOWN = sections.RegionalView(pd.DataFrame({"region_code": ["51.01"], "name": ["Kabupaten Jembrana"], "value": [49.28],
                                         "status": ["off_track"]}), None, "", None)


def test_the_overview_note_says_official_for_the_loaded_and_approximate_without_them():
    official = official_frame()
    with using(ReportContext(language="en")):
        note = sections.regional_map(ROW, SHOWN, run=lambda name, **parameters: official).note
    assert note.endswith("Borders: official boundaries (Illustrative test shapes, not official; Test shapes of "
                         "Denpasar) for 2 of 9 areas; the others approximate, built from the map's land cells.")
    every = official_frame().iloc[[0]]
    with using(ReportContext(language="id")):
        assert geo.borders_basis_text(every, ["51.01"]) == "batas resmi (Illustrative test shapes, not official)"
    empty = official.iloc[0:0]
    for run in (None, lambda name, **parameters: empty):
        with using(ReportContext(language="en")):
            note = sections.regional_map(ROW, SHOWN, run=run).note
        assert note.endswith("Borders are drawn from the dashboard's own map base (about 1 km), not official ones.")


def test_a_source_is_shown_as_text_not_markdown():
    official = official_frame().assign(source="*bold* <b>x</b>")
    with using(ReportContext(language="en")):
        assert "*bold*" not in geo.borders_basis_text(official, ["51.01", "51.71"])


def test_the_connectivity_map_draws_official_regency_borders_and_names_there():
    cells = geo.land_cells()
    names = {"51.01": "Kabupaten Jembrana", "51.71": "Kota Denpasar"}
    with using(ReportContext(language="en")):
        deck = connectivity_map.connectivity_map(cells, "51", "off", [], names=names, official=official_frame())
    layers = {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}
    regency_paths = {(row["code"], json.dumps(row["path"])) for row in layers["regency_borders"]["data"]}
    assert ("51.01", json.dumps(JEMBRANA_RING)) in regency_paths
    assert [row for row in layers["place_names"]["data"] if row["code"] == "51.01"][0] == {
        "code": "51.01", "lat": -8.275, "lon": 114.61333, "name": "Jembrana"}
    with using(ReportContext(language="en")):
        legend = connectivity_map.legend_markdown("off", [], borders_basis="official boundaries (BIG)")
    assert legend.endswith("District (thin) and regency (thick) borders: official boundaries (BIG)")
    with using(ReportContext(language="en")):
        assert connectivity_map.legend_markdown("off", []).endswith(
            "District (thin) and regency (thick) borders, approximated from the map's land cells")


# --- regency, district and village boundaries loaded apart add to each other --------------------------

SHIPPED = ROOT / "provinces" / "51" / "reference" / "boundaries.geojson"


def level_files(folder: Path) -> dict[str, Path]:
    """The shipped boundaries split into one file per level, as they are published."""
    document = json.loads(SHIPPED.read_text(encoding="utf-8"))
    levels = {"regency": 5, "district": 8, "village": 13}
    files = {}
    for level, length in levels.items():
        path = folder / f"51-{level}.geojson"
        path.write_text(json.dumps({**document, "features": [feature for feature in document["features"]
                                                              if len(feature["properties"]["kode"]) == length]}),
                        encoding="utf-8")
        files[level] = path
    return files


def levels_loaded(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return dict(connection.execute("select level, count(*) from boundaries join regions using (region_code) "
                                       "group by level order by level").fetchall())


def test_the_sample_warehouse_draws_the_official_boundaries_of_every_level(sample_db):
    assert levels_loaded(sample_db) == {"district": 57, "regency": 9, "village": 716}


def test_village_boundaries_loaded_after_regencies_and_districts_keep_all_three_levels_and_undo(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "provinces" / "51", data)
    (data / "reference" / "boundaries.geojson").unlink()
    db = tmp_path / "w.duckdb"
    assert build_warehouse(data, db, today=FIXTURE_TODAY).ok
    files = level_files(tmp_path)
    for level in ("regency", "district"):
        assert load_files("boundaries", [files[level]], db, today=FIXTURE_TODAY).ok
    assert levels_loaded(db) == {"district": 57, "regency": 9}
    result = load_files("boundaries", [files["village"]], db, today=FIXTURE_TODAY)
    assert result.ok, [problem.message("en") for problem in result.problems[:3]]
    assert levels_loaded(db) == {"district": 57, "regency": 9, "village": 716}
    # a load of the same codes again replaces them, the others stay
    assert load_files("boundaries", [files["regency"]], db, today=FIXTURE_TODAY).ok
    assert levels_loaded(db) == {"district": 57, "regency": 9, "village": 716}
    undo_last(db)
    undo_last(db)
    assert levels_loaded(db) == {"district": 57, "regency": 9}
