"""Official boundaries: a GeoJSON FeatureCollection keyed by Kemendagri code turned into rows of the `boundaries`
dataset, before the loader's usual checks (what a map says about the borders it draws is in smartisland/geo.py).

Each Feature's properties carry the code (`region_code` or `kode`) and may carry `source`; a `source` member of
the collection itself stands for every feature without one. The feature's number (from 1) is its row in a message.
"""
from __future__ import annotations

import json
import math

from smartisland import province
from smartisland.config import province_code
from smartisland.contract import LATITUDE_RANGE, LONGITUDE_RANGE
from smartisland.intake import shapes
from smartisland.validate import MAX_KEPT_PROBLEMS, FileRefused, Problem

GEOJSON_SUFFIXES = (".geojson", ".json")
# Datasets read only from GeoJSON: their geometry is checked as the features are read, never from a spreadsheet cell.
GEOJSON_DATASETS = ("boundaries",)
CODE_PROPERTIES = ("region_code", "kode")
COLUMNS = ["region_code", "geometry", "source"]
GEOMETRY_TYPES = ("Polygon", "MultiPolygon")


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _position_problem(position) -> str | None:
    """Why a GeoJSON position is not a [lon, lat] inside Indonesia (None when it is)."""
    if not isinstance(position, list) or len(position) < 2 or not all(_number(value) for value in position[:2]):
        return "boundary_bad_coordinates"
    lon, lat = position[0], position[1]
    if not (LATITUDE_RANGE[0] <= lat <= LATITUDE_RANGE[1] and LONGITUDE_RANGE[0] <= lon <= LONGITUDE_RANGE[1]):
        return "boundary_outside_indonesia"
    return None


def _geometry_problem(geometry) -> tuple[str, str | None] | None:
    """(problem code, value shown) when the geometry is not a Polygon or MultiPolygon of positions in Indonesia."""
    if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        return "boundary_geometry_type", str(kind) if kind is not None else None
    coordinates = geometry.get("coordinates")
    polygons = coordinates if geometry["type"] == "MultiPolygon" else [coordinates]
    if not isinstance(polygons, list) or not polygons:
        return "boundary_bad_coordinates", None
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return "boundary_bad_coordinates", None
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:  # a closed ring repeats its first position
                return "boundary_bad_coordinates", None
            for position in ring:
                problem = _position_problem(position)
                if problem == "boundary_outside_indonesia":
                    return problem, f"{position[0]}, {position[1]}"
                if problem:
                    return problem, json.dumps(position)[:60]
    return None


def _in_province(code: str) -> bool:
    """Whether a region code is the province served or lies in it (its code, then a dot); the level is checked with
    the dataset's other rules."""
    return code == province_code() or code.startswith(province_code() + ".")


def feature_rows(document, file_name: str) -> list[tuple[int, dict[str, str]]]:
    """(feature number, row) for every feature of a FeatureCollection; FileRefused with every problem found."""
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection" \
            or not isinstance(document.get("features"), list):
        raise FileRefused([Problem(file_name, None, None, "boundary_not_collection")])
    collection_source = document.get("source")
    problems: list[Problem] = []
    rows = []
    for number, feature in enumerate(document["features"], start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(Problem(file_name, number, None, "boundary_not_feature"))
            continue
        properties = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        code = next((properties[name] for name in CODE_PROPERTIES if properties.get(name) not in (None, "")), None)
        if code is None:
            problems.append(Problem(file_name, number, "region_code", "boundary_no_code",
                                    params=(("names", ", ".join(CODE_PROPERTIES)),)))
        elif not _in_province(str(code).strip()):
            problems.append(Problem(file_name, number, "region_code", "boundary_outside_province", str(code),
                                    (("province", province.current().short_name),)))
            code = None
        geometry_problem = _geometry_problem(feature.get("geometry"))
        geometry_problem = geometry_problem or shapes.geometry_problem(feature["geometry"])
        if geometry_problem:
            problems.append(Problem(file_name, number, "geometry", geometry_problem[0], geometry_problem[1]))
        if code is None or geometry_problem:
            continue
        source = properties.get("source") or collection_source or ""
        geometry = {"type": feature["geometry"]["type"], "coordinates": feature["geometry"]["coordinates"]}
        rows.append((number, {"region_code": str(code).strip(), "geometry": json.dumps(geometry, separators=(",", ":")),
                              "source": str(source).strip()}))
    if problems:
        raise FileRefused(problems[:MAX_KEPT_PROBLEMS], len(problems))
    return rows


def read_feature_rows(data: bytes, file_name: str) -> list[tuple[int, dict[str, str]]]:
    """The rows of a GeoJSON file's bytes; FileRefused when it is not JSON or not a FeatureCollection of them."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FileRefused([Problem(file_name, None, None, "unreadable",
                                   params=(("detail", str(error).splitlines()[0][:200]),))]) from None
    return feature_rows(document, file_name)
