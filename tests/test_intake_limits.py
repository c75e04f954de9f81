"""Limits before reading (issue 22): a workbook's unzipped size and compression ratio checked from its ZIP directory
before any sheet is parsed and its rows counted as they stream; a boundaries GeoJSON read as a stream within caps
on features, vertices and nesting; a load under a memory ceiling and a time limit ending in a message. On 904de23 a
3.3 MB workbook unzipping to 1.1 GB passed the size check and grew past 4 GB of memory."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import ROOT
from support.bad_workbooks import usage_workbook, zip_bomb

from smartisland.config import MAX_GEOJSON_DEPTH, MAX_VERTICES_PER_FEATURE
from smartisland.intake.isolated import run_isolated
from smartisland.load import load_files

MEASURE = """
import json, resource, sys, time
from pathlib import Path
from smartisland.load import load_files
started = time.monotonic()
result = load_files(sys.argv[1], [Path(sys.argv[2])], Path(sys.argv[3]), display_names=[Path(sys.argv[2]).name])
# VmHWM is this process's own peak; ru_maxrss also counts the forking parent's pages it started from.
status = Path("/proc/self/status").read_text()
print(json.dumps({"seconds": time.monotonic() - started,
                  "peak_mb": int(status.split("VmHWM:")[1].split()[0]) / 1024,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "problems": [[problem.code, problem.row, problem.message("en"), problem.message("id")]
                               for problem in result.problems]}))
"""


@pytest.fixture
def warehouse_copy(corpus_db, tmp_path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(corpus_db, path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def measured_load(dataset: str, path: Path, warehouse: Path, **settings) -> dict:
    """A load in a process of its own: its seconds, its peak resident memory (MiB) and its problems."""
    environment = {**os.environ, **{name: str(value) for name, value in settings.items()}}
    done = subprocess.run([sys.executable, "-c", MEASURE, dataset, str(path), str(warehouse)], cwd=ROOT,
                          env=environment, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """3.4 MB of workbook whose sheet unzips to 1.1 GB."""
    return zip_bomb(tmp_path_factory.mktemp("bomb") / "pemakaian.xlsx")


def test_a_zip_bomb_is_refused_from_its_directory_in_seconds_and_little_memory(bomb, warehouse_copy):
    assert bomb.stat().st_size < 8 << 20
    before = digest(warehouse_copy)
    measured = measured_load("wifi_usage_monthly", bomb, warehouse_copy)
    print(f"zip bomb: {bomb.stat().st_size / 2**20:.1f} MB file, refused in {measured['seconds']:.2f} s, "
          f"peak {measured['peak_mb']:.0f} MB (ru_maxrss {measured['maxrss_mb']:.0f} MB)")
    assert digest(warehouse_copy) == before
    assert [problem[0] for problem in measured["problems"]] == ["workbook_unzipped_too_large"]
    assert measured["problems"][0][2] == ("pemakaian.xlsx: workbook too large once unpacked: 1,104 MB, the limit is "
                                          "1,024 MB; split the file into parts")
    assert measured["problems"][0][3] == ("pemakaian.xlsx: buku kerja terlalu besar setelah dibuka: 1.104 MB, "
                                          "batasnya 1.024 MB; bagi berkas menjadi beberapa bagian")
    assert measured["seconds"] < 10
    assert measured["peak_mb"] < 300


def test_a_bomb_under_the_size_limit_is_refused_by_its_compression_ratio(bomb, warehouse_copy):
    measured = measured_load("wifi_usage_monthly", bomb, warehouse_copy, SMARTISLAND_MAX_UNZIPPED_MB=4096)
    assert [problem[0] for problem in measured["problems"]] == ["workbook_compression_ratio"]
    assert "the limit is 200 times" in measured["problems"][0][2]
    assert measured["seconds"] < 10 and measured["peak_mb"] < 300


def test_rows_are_counted_as_the_sheet_streams_before_it_is_parsed(tmp_path, warehouse_copy):
    """A 100 MB sheet of 0.7 million rows, with every directory check passed: refused at the row limit while
    streaming, before the reader (which reads a sheet whole) parses it."""
    path = zip_bomb(tmp_path / "baris.xlsx", unzipped_bytes=100 << 20)
    measured = measured_load("wifi_usage_monthly", path, warehouse_copy, SMARTISLAND_MAX_ZIP_RATIO=100_000,
                             SMARTISLAND_MAX_ROWS=1000)
    print(f"streamed row count: refused in {measured['seconds']:.2f} s, peak {measured['peak_mb']:.0f} MB")
    assert [problem[0] for problem in measured["problems"]] == ["too_many_rows"]
    assert measured["peak_mb"] < 300


def test_a_file_that_is_not_a_zip_is_refused_as_a_workbook(tmp_path, warehouse_copy):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"point_id,month\nwf-1,2026-08-01\n")
    result = load_files("wifi_usage_monthly", [path], warehouse_copy, display_names=[path.name])
    assert [problem.code for problem in result.problems] == ["workbook_not_zip"]
    assert result.problems[0].message("en").startswith("rusak.xlsx: not a whole XLSX workbook (")


# --- GeoJSON as a stream ---------------------------------------------------------------------------

def ring(vertices: int, lon: float = 114.6, lat: float = -8.3, size: float = 0.01) -> list[list[float]]:
    """A closed ring of `vertices` + 1 positions around a circle-ish square."""
    import math
    points = [[round(lon + size * math.cos(2 * math.pi * step / vertices), 7),
               round(lat + size * math.sin(2 * math.pi * step / vertices), 7)] for step in range(vertices)]
    return points + [points[0]]


def collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "source": "BIG 2025", "features": features}


def feature(code: str, coordinates, kind: str = "Polygon") -> dict:
    return {"type": "Feature", "properties": {"region_code": code},
            "geometry": {"type": kind, "coordinates": coordinates}}


def load_geojson(path: Path, warehouse: Path):
    return load_files("boundaries", [path], warehouse, display_names=[path.name])


def test_a_feature_past_the_vertex_limit_is_refused_while_it_streams(tmp_path, warehouse_copy):
    path = tmp_path / "batas.geojson"
    path.write_text(json.dumps(collection([feature("51.01", [ring(8)]),
                                           feature("51.02", [ring(MAX_VERTICES_PER_FEATURE + 10)])])))
    before = digest(warehouse_copy)
    result = load_geojson(path, warehouse_copy)
    assert digest(warehouse_copy) == before
    assert [(problem.code, problem.row) for problem in result.problems] == [("geojson_feature_too_detailed", 2)]
    assert result.problems[0].message("en") == (
        "batas.geojson:2: this feature has more than 120,000 vertices; simplify the boundary (e.g. Simplify in "
        "QGIS, tolerance 0.0001°) and export it again")
    assert "lebih dari 120.000 titik sudut" in result.problems[0].message("id")


def test_deep_nesting_is_refused_at_its_depth(tmp_path, warehouse_copy):
    path = tmp_path / "dalam.geojson"
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"kode": "51.01"}, '
                    f'"geometry": {{"type": "Polygon", "coordinates": {deep}}}}}]}}')
    result = load_geojson(path, warehouse_copy)
    assert [(problem.code, problem.row) for problem in result.problems] == [("geojson_too_deep", 1)]
    assert f"more than {MAX_GEOJSON_DEPTH} levels deep" in result.problems[0].message("en")


def test_too_many_features_are_refused_as_they_stream(tmp_path, warehouse_copy):
    path = tmp_path / "banyak.geojson"
    path.write_text(json.dumps(collection([feature("51.01", [ring(4)])] * 30)))
    measured = measured_load("boundaries", path, warehouse_copy, SMARTISLAND_MAX_ROWS=20)
    assert [problem[0] for problem in measured["problems"]] == ["too_many_rows"]


def test_a_collection_source_written_after_its_features_still_counts(tmp_path, warehouse_copy):
    path = tmp_path / "sumber.geojson"
    path.write_text('{"type": "FeatureCollection", "features": ' + json.dumps([feature("51.01", [ring(6)])])
                    + ', "source": "BIG 2025"}')
    from smartisland.intake.geojson import read_geojson_rows
    rows = read_geojson_rows(path, path.name)
    assert [(number, row["region_code"], row["source"]) for number, row in rows] == [(1, "51.01", "BIG 2025")]


def big_geojson(path: Path, megabytes: int) -> Path:
    """A boundaries file of full-resolution rings, `megabytes` large, written as a stream. The ring's text is made
    once and written under each regency's code in turn: the reader counts vertices, not distinct ones, and making
    8 million vertices anew took most of the test's time."""
    coordinates = json.dumps([ring(40_000)])
    with path.open("w") as handle:
        handle.write('{"type": "FeatureCollection", "source": "BIG 2025", "features": [')
        number = 0
        while handle.tell() < megabytes << 20:
            if number:
                handle.write(",")
            handle.write(f'{{"type": "Feature", "properties": {{"region_code": "51.0{1 + number % 9}"}}, '
                         f'"geometry": {{"type": "Polygon", "coordinates": {coordinates}}}}}')
            number += 1
        handle.write("]}")
    return path


def test_a_200_mb_boundaries_file_is_refused_in_bounded_memory(tmp_path, warehouse_copy):
    path = big_geojson(tmp_path / "batas-penuh.geojson", 200)
    before = digest(warehouse_copy)
    measured = measured_load("boundaries", path, warehouse_copy)
    print(f"200 MB GeoJSON: refused in {measured['seconds']:.1f} s, peak {measured['peak_mb']:.0f} MB")
    assert digest(warehouse_copy) == before
    assert [problem[0] for problem in measured["problems"]] == ["geojson_too_detailed"]
    assert measured["peak_mb"] < 1024


# --- a load in a process of its own --------------------------------------------------------------

def test_a_load_past_its_memory_ceiling_ends_in_a_message(tmp_path, warehouse_copy):
    path = usage_workbook(tmp_path / "pemakaian.xlsx")
    before = digest(warehouse_copy)
    outcome = run_isolated(load_files, "wifi_usage_monthly", [path], warehouse_copy, file_name=path.name,
                           memory_mb=300, seconds=60)
    assert digest(warehouse_copy) == before
    assert outcome.value is None
    assert outcome.problem.code == "load_memory_limit"
    assert outcome.problem.message("en") == ("pemakaian.xlsx: the load was stopped: it needed more than 300 MB of "
                                             "memory; split the file into parts. The warehouse is unchanged.")
    assert outcome.problem.message("id").startswith("pemakaian.xlsx: pemuatan dihentikan: memerlukan lebih dari 300 MB")


def test_the_command_line_loads_in_a_process_of_its_own_under_the_same_ceiling(monkeypatch, tmp_path, warehouse_copy,
                                                                               capsys):
    """A file given to the command line cannot take the server's memory either: the ceiling stops it, the
    warehouse is unchanged, and the stop is remembered for the team's digest."""
    from smartisland import load_command
    from smartisland.intake import refusals

    monkeypatch.setenv("SMARTISLAND_LOAD_MEMORY_MB", "300")
    path = usage_workbook(tmp_path / "pemakaian.xlsx")
    before = digest(warehouse_copy)
    code = load_command.main(["--db", str(warehouse_copy), "--dataset", "wifi_usage_monthly", str(path),
                              "--lang", "en"])
    assert code != 0 and digest(warehouse_copy) == before
    assert "the load was stopped: it needed more than 300 MB of memory" in capsys.readouterr().err
    (refusal,) = refusals.refusals_since(warehouse_copy, None)
    assert [problem.code for problem in refusal.problems] == ["load_memory_limit"]


def test_a_large_csv_is_judged_on_its_rows_under_the_default_ceiling(monkeypatch, tmp_path, warehouse_copy):
    """81 MB of rows use about 0.7 GB in the child; with a malloc arena per thread they reserved over 3 GB of
    address space and the default ceiling refused the file as out of memory instead of naming its repeated key."""
    monkeypatch.delenv("SMARTISLAND_LOAD_MEMORY_MB", raising=False)
    path = tmp_path / "besar.csv"
    path.write_text("point_id,month,unique_users,sessions,traffic_gb,uptime_pct\n"
                    + "wf-1,2026-08-01,1,1,1.0,99\n" * 3_000_000)
    outcome = run_isolated(load_files, "wifi_usage_monthly", [path], warehouse_copy, file_name=path.name,
                           display_names=[path.name])
    assert outcome.problem is None, outcome.problem.message("en")
    assert outcome.value.total_problems == 2_999_999
    assert {problem.code for problem in outcome.value.problems} == {"duplicate_key"}


def test_the_engine_running_out_of_memory_in_a_check_is_named_as_such(monkeypatch, tmp_path, warehouse_copy):
    """Not "unreadable" with the engine's advice to change its thread setting, which the team cannot act on."""
    import duckdb

    from smartisland.load_checks import Stage

    def out_of_memory(*arguments, **keywords):
        raise duckdb.OutOfMemoryException("Out of Memory Error: Failed to allocate block")

    monkeypatch.setenv("SMARTISLAND_LOAD_MEMORY_MB", "1234")
    monkeypatch.setattr(Stage, "check", out_of_memory)
    path = tmp_path / "pemakaian.csv"
    path.write_text("point_id,month,unique_users,sessions,traffic_gb,uptime_pct\nwf-1,2026-08-01,1,1,1.0,99\n")
    before = digest(warehouse_copy)
    result = load_files("wifi_usage_monthly", [path], warehouse_copy, display_names=[path.name])
    assert digest(warehouse_copy) == before
    assert [problem.message("en") for problem in result.problems] == [
        "pemakaian.csv: the load was stopped: it needed more than 1,234 MB of memory; split the file into parts. "
        "The warehouse is unchanged."]


def test_a_load_past_its_time_limit_ends_in_a_message(tmp_path):
    outcome = run_isolated(time.sleep, 60, file_name="lama.csv", seconds=1)
    assert outcome.problem.code == "load_time_limit"
    assert outcome.problem.message("en") == ("lama.csv: the load was stopped: it ran longer than 1 seconds; split "
                                             "the file into parts. The warehouse is unchanged.")


@pytest.mark.calendar
def test_a_load_within_its_limits_returns_its_result(tmp_path, warehouse_copy):
    path = usage_workbook(tmp_path / "pemakaian.xlsx")
    outcome = run_isolated(load_files, "wifi_usage_monthly", [path], warehouse_copy, file_name=path.name,
                           display_names=[path.name], today=None)
    assert outcome.problem is None
    assert outcome.value.ok, [problem.message("en") for problem in outcome.value.problems]
    assert [(record.dataset, record.rows) for record in outcome.value.loaded] == [("wifi_usage_monthly", 1)]



CONNECTIVITY_PAGE = """
import os, sys, time
from streamlit.testing.v1 import AppTest
def rss():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) >> 10
app = AppTest.from_file(sys.argv[1], default_timeout=600)
app.run()
before = rss()
app.switch_page("app_pages/connectivity.py")
app.run()
assert not app.exception, [item.value for item in app.exception]
print(rss() - before)
"""


def test_the_public_connectivity_page_on_the_largest_accepted_boundaries_grows_under_400_mb(sample_db, tmp_path):
    """Every regency drawn in as many vertices as the caps allow (just under the total): loaded, then the public
    Connectivity page run once; the server process grows by less than 400 MB."""
    from shapely import segmentize
    from shapely.geometry import MultiPoint, mapping

    from smartisland.config import MAX_VERTICES_PER_FEATURE, MAX_VERTICES_TOTAL

    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_db, warehouse)
    import duckdb
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        codes = [row[0] for row in connection.execute(
            "select region_code from regions where level = 'regency' order by region_code").fetchall()]
        hulls = {code: MultiPoint(connection.execute(
            "select lon, lat from regions where level = 'village' and lat is not null and starts_with(region_code, "
            "$prefix)", {"prefix": code + "."}).fetchall()).convex_hull.buffer(0.02, quad_segs=2) for code in codes}
    vertices = min(MAX_VERTICES_PER_FEATURE, MAX_VERTICES_TOTAL // len(codes)) * 0.99
    features = [feature(code, mapping(segmentize(hull, max_segment_length=hull.length / vertices))["coordinates"])
                for code, hull in hulls.items()]
    path = tmp_path / "batas-terbesar.geojson"
    path.write_text(json.dumps(collection(features)))
    result = load_files("boundaries", [path], warehouse, display_names=[path.name])
    assert result.ok, [problem.message("en") for problem in result.problems]
    done = subprocess.run([sys.executable, "-c", CONNECTIVITY_PAGE, str(ROOT / "app.py")], cwd=ROOT,
                          env={**os.environ, "SMARTISLAND_DB": str(warehouse), "SMARTISLAND_MODE": "public"},
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    growth = int(done.stdout.split()[-1])
    print(f"connectivity page on {path.stat().st_size >> 20} MB of boundaries: server growth {growth} MB")
    assert growth < 400
