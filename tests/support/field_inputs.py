"""The corpus of files as they come from the field (tests/test_field_inputs.py): workbooks from many hands,
boundary files from GIS tools, and settings of a server serving several provinces. Each case is written by a
function of the folder it goes in, and names the problem it must be refused with, where."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from support.bad_workbooks import (
    ERROR_VALUES,
    merged_header,
    merged_key,
    only_hidden,
    usage_workbook,
    zip_bomb,
)

JEMBRANA = [[114.43, -8.1], [114.8, -8.2], [114.75, -8.45], [114.45, -8.4], [114.43, -8.1]]
BOWTIE = [[114.5, -8.2], [114.6, -8.3], [114.6, -8.2], [114.5, -8.3], [114.5, -8.2]]
USAGE_COLUMNS = {"A": "point_id", "C": "unique_users", "D": "sessions", "F": "uptime_pct"}


@dataclass(frozen=True)
class FieldCase:
    name: str
    dataset: str
    write: Callable[[Path], Path]  # writes the file into the folder it is given, returns its path
    code: str
    row: int | None
    column: str | None


def _workbook(name: str, changes: dict) -> Callable[[Path], Path]:
    return lambda folder: usage_workbook(folder / f"{name}.xlsx", changes)


def _made(name: str, make: Callable[[Path], Path]) -> Callable[[Path], Path]:
    return lambda folder: make(folder / f"{name}.xlsx")


def _not_a_zip(folder: Path) -> Path:
    path = folder / "disimpan-sebagai-csv.xlsx"
    path.write_text("point_id,month\nwf-1,2026-08-01\n")
    return path


def _geojson(name: str, geometry=None, text: str | None = None) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / f"{name}.geojson"
        if text is not None:
            path.write_text(text)
            return path
        path.write_text(json.dumps({"type": "FeatureCollection", "source": "BIG 2025", "features": [
            {"type": "Feature", "properties": {"region_code": "51.71"},
             "geometry": {"type": "Polygon", "coordinates": [JEMBRANA]}},
            {"type": "Feature", "properties": {"region_code": "51.01"}, "geometry": geometry}]}))
        return path
    return write


def _detailed(folder: Path) -> Path:
    import math
    ring = [[round(114.6 + 0.01 * math.cos(step / 40_000), 7), round(-8.3 + 0.01 * math.sin(step / 40_000), 7)]
            for step in range(260_000)]
    return _geojson("terlalu-rinci", {"type": "Polygon", "coordinates": [ring + [ring[0]]]})(folder)


WORKBOOK_CASES = [
    *[FieldCase(f"error-{error}-{letter}", "wifi_usage_monthly", _workbook(f"galat-{index}-{letter}",
                                                                           {f"{letter}2": error}),
                "workbook_error_cell", 2, USAGE_COLUMNS[letter])
      for index, error in enumerate(ERROR_VALUES) for letter in ("A", "D", "F")],
    *[FieldCase(f"formula-{letter}", "wifi_usage_monthly", _workbook(f"rumus-{letter}", {f"{letter}2": formula}),
                "workbook_formula_without_value", 2, USAGE_COLUMNS[letter])
      for letter, formula in (("C", "=SUM(200,65)"), ("D", "=10+10"), ("A", '=CONCATENATE("wf-","1")'),
                              ("F", "=AVERAGE(98,100)"))],
    FieldCase("merged-key", "wifi_usage_monthly", _made("gabung-kunci", merged_key), "workbook_merged_cells", 2,
              "point_id"),
    FieldCase("merged-header", "wifi_usage_monthly", _made("gabung-judul", merged_header), "workbook_merged_cells", 1,
              "A"),
    FieldCase("only-hidden-sheets", "wifi_usage_monthly", _made("tersembunyi", only_hidden),
              "workbook_no_visible_sheet", None, None),
    FieldCase("zip-bomb", "wifi_usage_monthly", _made("bom", zip_bomb), "workbook_unzipped_too_large", None, None),
    FieldCase("not-a-zip", "wifi_usage_monthly", _not_a_zip, "workbook_not_zip", None, None),
]

GEOJSON_CASES = [
    FieldCase("self-intersecting", "boundaries", _geojson("silang", {"type": "Polygon", "coordinates": [BOWTIE]}),
              "boundary_invalid_shape", 2, "geometry"),
    FieldCase("unclosed", "boundaries", _geojson("terbuka", {"type": "Polygon", "coordinates": [
        JEMBRANA[:-1] + [[114.44, -8.1]]]}), "boundary_ring_not_closed", 2, "geometry"),
    FieldCase("one-point", "boundaries", _geojson("satu-titik", {"type": "Polygon", "coordinates": [
        [[114.5, -8.2]] * 5]}), "boundary_ring_degenerate", 2, "geometry"),
    FieldCase("hole-outside", "boundaries", _geojson("lubang", {"type": "Polygon", "coordinates": [
        JEMBRANA, [[115.0, -8.3], [115.05, -8.3], [115.05, -8.35], [115.0, -8.35], [115.0, -8.3]]]}),
        "boundary_hole_outside", 2, "geometry"),
    FieldCase("text-in-third-coordinate", "boundaries", _geojson("teks-z", {"type": "Polygon", "coordinates": [
        [position + ["=HYPERLINK()"] for position in JEMBRANA]]}), "boundary_position_not_pair", 2, "geometry"),
    FieldCase("multipolygon-self-intersecting", "boundaries", _geojson("multi-silang", {
        "type": "MultiPolygon", "coordinates": [[JEMBRANA], [BOWTIE]]}), "boundary_invalid_shape", 2, "geometry"),
    FieldCase("deep-nesting", "boundaries", _geojson("dalam", text='{"type": "FeatureCollection", "features": '
                                                    '[{"type": "Feature", "geometry": {"coordinates": '
                                                    + "[" * 50_000 + "]" * 50_000 + "}}]}"),
              "geojson_too_deep", 1, None),
    FieldCase("too-detailed", "boundaries", _detailed, "geojson_feature_too_detailed", 2, None),
    FieldCase("not-json", "boundaries", _geojson("rusak", text='{"type": "FeatureCollection", "features": [}'),
              "unreadable", None, None),
    FieldCase("not-a-collection", "boundaries", _geojson("bukan", text='[{"type": "Feature"}]'),
              "boundary_not_collection", None, None),
]

CASES = WORKBOOK_CASES + GEOJSON_CASES

# Settings of a server that serves several provinces: a province code that is unknown or malformed.
BAD_PROVINCE_SETTINGS = {"unknown-99": "99", "letters-5a": "5a", "path": "../../provinces/51",
                         "absolute-path": "/etc", "5000-characters": "5" * 5000, "three-digits": "051", "inner-space": "5 1",
                         "newline": "51\n52"}
