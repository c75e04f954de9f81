"""The offline map: a base of the province drawn from H3 land cells, view states for a region, and pydeck layer builders.

The base comes from the province's reference/land_cells.csv (H3 resolution 7 land cells, each with its district and
regency, made by scripts/build_regions.py), so a map reads without any tile server. The hexagons are drawn as
polygons computed here with `h3` rather than with deck.gl's H3HexagonLayer: in Streamlit's frontend that layer
draws, but its fast mode reuses one hexagon shape for all cells and leaves visible seams between cells.
"""
from __future__ import annotations

import json
import math
import weakref
from functools import lru_cache
from pathlib import Path

import h3
import numpy as np
import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from smartisland.config import province_code, reference_file
from smartisland.i18n import t
from smartisland.text import markdown_text

# Indonesia, for a province whose map base has no land cells yet.
INDONESIA_BOUNDS = (-11.0, 95.0, 6.0, 141.0)  # south, west, north, east
MAP_HEIGHT_PX = 560
# Above this many land cells the province view draws the base by region and the coverage by larger hexagons.
LARGE_MAP_CELLS = 4000
MAP_WIDTH_PX = 760  # an estimate of the map's width on a wide page, for choosing a zoom

# Quiet tints, given to the regencies in code order (and again from the first after the ninth), so the base
# shows the regencies without competing with the data layers.
TINTS = ("#DCE6D5", "#E6E2D0", "#D5E0E6", "#E4D9DF", "#D9E4DE", "#E8E0CF", "#DAD9E6", "#E0E6D0", "#E6D6D0")


def hex_to_rgba(colour: str, alpha: int = 255) -> list[int]:
    colour = colour.lstrip("#")
    return [int(colour[index:index + 2], 16) for index in (0, 2, 4)] + [alpha]


def cell_polygon(cell: str) -> list[list[float]]:
    """The cell's boundary as [lon, lat] pairs, the order deck.gl expects."""
    return [[round(lon, 5), round(lat, 5)] for lat, lon in h3.cell_to_boundary(cell)]


@lru_cache(maxsize=2)
def _land_cells(path: str) -> pd.DataFrame:
    cells = pd.read_csv(path, dtype={"h3_cell": str, "district_code": str, "regency_code": str})
    cells["polygon"] = [cell_polygon(cell) for cell in cells["h3_cell"]]
    return cells


def land_cells(path: Path | None = None) -> pd.DataFrame:
    """Every land cell of the province with its district, regency, centre and polygon (a copy: callers may change it)."""
    return _land_cells(str(path or reference_file("land_cells.csv"))).copy()


def in_region(codes: pd.Series, region_code: str) -> pd.Series:
    """Whether each code lies in the region (a region holds the codes it prefixes)."""
    return codes.astype(str).str.startswith(region_code)


def cells_of_region(cells: pd.DataFrame, region_code: str) -> pd.DataFrame:
    return cells[in_region(cells["district_code"], region_code)]


def bounds_of(latitudes, longitudes) -> tuple[float, float, float, float] | None:
    latitudes, longitudes = np.asarray(latitudes, dtype=float), np.asarray(longitudes, dtype=float)
    if latitudes.size == 0:
        return None
    return float(latitudes.min()), float(longitudes.min()), float(latitudes.max()), float(longitudes.max())


def region_bounds(cells: pd.DataFrame) -> tuple[float, float, float, float]:
    """The box holding the cells whole; all of Indonesia when there are none."""
    bounds = bounds_of(cells["lat"], cells["lon"]) if not cells.empty else None
    if bounds is None:
        return INDONESIA_BOUNDS
    # A cell's centre is up to ~1.3 km from its edge: widen by half a cell so border cells show whole.
    margin = 0.012
    return bounds[0] - margin, bounds[1] - margin, bounds[2] + margin, bounds[3] + margin


def province_bounds(path: Path | None = None) -> tuple[float, float, float, float]:
    """The box of the province's whole map base."""
    return region_bounds(land_cells(path))


def zoom_for(bounds: tuple[float, float, float, float], width_px: int = MAP_WIDTH_PX,
             height_px: int = MAP_HEIGHT_PX) -> float:
    """The web-Mercator zoom at which the bounds fill the map, with a margin; between 6.5 and 13."""
    south, west, north, east = bounds
    lon_span = max(east - west, 0.02)
    lat_span = max(north - south, 0.02) / math.cos(math.radians((north + south) / 2))
    # deck.gl's world is 512 pixels wide at zoom 0.
    zoom = min(math.log2(width_px * 360 / (512 * lon_span)), math.log2(height_px * 360 / (512 * lat_span)))
    return round(min(max(zoom - 0.25, 6.5), 13.0), 2)


def view_state_for(region_code: str, cells: pd.DataFrame | None = None, width_px: int | None = None) -> pdk.ViewState:
    """A view centred on the region's land cells and zoomed to fit them (the whole province for its own code) in a map
    `width_px` wide (a phone's map is about 360 pixels wide, a wide page's about 760)."""
    cells = land_cells() if cells is None else cells
    bounds = region_bounds(cells_of_region(cells, region_code))
    south, west, north, east = bounds
    return pdk.ViewState(latitude=round((south + north) / 2, 5), longitude=round((west + east) / 2, 5),
                         zoom=zoom_for(bounds, width_px or MAP_WIDTH_PX), pitch=0, bearing=0)


def regency_tints(regency_codes) -> dict[str, str]:
    """Each regency's tint on the base, by code order."""
    return {code: TINTS[position % len(TINTS)] for position, code in enumerate(sorted(set(regency_codes)))}


def is_large(cells: pd.DataFrame) -> bool:
    """Whether the map base has so many cells that the province view draws regions, not cells (10,000 cells as
    polygons are 1.8 MB for the base alone; a province of 1,300 draws them as it always has)."""
    return len(cells) > LARGE_MAP_CELLS


def base_layer(cells: pd.DataFrame, region_code: str | None = None) -> pdk.Layer:
    """The province's land, tinted quietly by regency; land outside the chosen region fades. The land is one polygon
    per regency (per district inside the chosen district's regency), not one per cell: the same fills without a
    stroke, and the default province's 1,306 cells were 238 KB of every regency's map (a large province's, megabytes)."""
    region_code = region_code or province_code()
    tints = regency_tints(cells["regency_code"])
    # A cell stands for its regency, or for its district where the chosen region is a district of its regency.
    split = (cells["regency_code"] == region_code[:5]) & (len(region_code) > 5)
    units = cells["regency_code"].where(~split, cells["district_code"])
    frame = _filled_regions(tuple(cells["h3_cell"]), tuple(units)).copy()
    regency, district = frame["code"].str[:5], frame["code"]
    inside = in_region(district, region_code)
    frame["fill"] = [hex_to_rgba(tints[code], 255 if is_inside else 110) for code, is_inside in zip(regency, inside)]
    return pdk.Layer("PolygonLayer", data=frame[["polygon", "fill"]], id="base", get_polygon="polygon",
                     get_fill_color="fill", stroked=False, filled=True, pickable=False)


def region_outlines(cells: pd.DataFrame, column: str) -> pd.DataFrame:
    """The outline of each region (`column`: district_code or regency_code) traced around its land cells, as
    [lon, lat] paths: the borders of the map's own base, as exact as its cells (about 1 km), not official."""
    return _outlines(tuple(cells["h3_cell"]), tuple(cells[column])).copy()


# Tracing is pure in the cells and their codes, and costs a large province a tenth of a second on each run: kept
# for the few sets a session shows (the province, a regency, a district; by district and by regency).
@lru_cache(maxsize=32)
def _outlines(h3_cells: tuple[str, ...], codes: tuple[str, ...]) -> pd.DataFrame:
    rows = []
    for code, group in pd.DataFrame({"h3_cell": h3_cells, "code": codes}).groupby("code", sort=True):
        for polygon in _shape_polygons(list(group["h3_cell"])):
            ring = [[round(lon, 5), round(lat, 5)] for lat, lon in polygon.outer]
            rows.append({"code": code, "path": ring + ring[:1]})
    return pd.DataFrame(rows, columns=["code", "path"])


def _shape_polygons(h3_cells: list[str]) -> list:
    shape = h3.cells_to_h3shape(h3_cells)
    return shape.polys if hasattr(shape, "polys") else [shape]


@lru_cache(maxsize=32)
def _filled_regions(h3_cells: tuple[str, ...], codes: tuple[str, ...]) -> pd.DataFrame:
    """Each region's land as polygons with their holes (a city inside a regency is a hole in it), [lon, lat] rings."""
    rows = []
    for code, group in pd.DataFrame({"h3_cell": h3_cells, "code": codes}).groupby("code", sort=True):
        for polygon in _shape_polygons(list(group["h3_cell"])):
            rings = [polygon.outer, *polygon.holes]
            rows.append({"code": code, "polygon": [[[round(lon, 5), round(lat, 5)] for lat, lon in ring]
                                                   for ring in rings]})
    return pd.DataFrame(rows, columns=["code", "polygon"])


def region_centres(cells: pd.DataFrame, column: str) -> pd.DataFrame:
    """Each region's centre: the land cell nearest the mean of its land cells' centres (a mean alone can fall in the
    sea, as Klungkung's does with Nusa Penida's islands)."""
    frame = cells[[column, "lat", "lon"]].rename(columns={column: "code"})
    means = frame.groupby("code", sort=True)[["lat", "lon"]].transform("mean")
    frame = frame.assign(distance=(frame["lat"] - means["lat"]) ** 2 + (frame["lon"] - means["lon"]) ** 2)
    nearest = frame.loc[frame.groupby("code", sort=True)["distance"].idxmin()]
    return pd.DataFrame({"code": nearest["code"].to_numpy(), "lat": [round(float(value), 5) for value in nearest["lat"]],
                         "lon": [round(float(value), 5) for value in nearest["lon"]]}, columns=["code", "lat", "lon"])


# --- official boundaries (the `boundaries` dataset, when loaded) ----------------------------------

LEVEL_COLUMNS = {"regency": "regency_code", "district": "district_code"}


def official_of_level(official: pd.DataFrame | None, level: str, region_code: str | None = None) -> pd.DataFrame:
    """The loaded boundaries (region_code, level, geometry, source) of one level, inside `region_code` when given."""
    if official is None or official.empty:
        return pd.DataFrame(columns=["region_code", "level", "geometry", "source"])
    chosen = official[official["level"] == level]
    if region_code and region_code != province_code():
        chosen = chosen[in_region(chosen["region_code"], region_code)]
    return chosen


def geometry_polygons(geometry: str) -> list:
    """The polygons of a GeoJSON Polygon or MultiPolygon (as text), each a list of rings of [lon, lat]."""
    shape = json.loads(geometry)
    return shape["coordinates"] if shape["type"] == "MultiPolygon" else [shape["coordinates"]]


# Display simplification of official shapes at province zoom: by about one and a half pixels of the wide map
# (province_tolerance), positions rounded to 3 decimals (about 100 m), which looks the same there and keeps the
# province view under 600 KB. Inside a regency or district by half a pixel of the map it opens on (region_tolerance;
# the coverage simplification's measure is not a distance: the shapes stay within a pixel of the loaded ones),
# positions rounded to 4 decimals (about 10 m): the same to the eye there, within four pixels two zoom levels closer,
# and Buleleng's map 351 KB instead of 578 (issue 25: no page over 300 KB).
TOLERANCE_PIXELS = 1.5
REGION_TOLERANCE_PIXELS = 0.5
WIDE_MAP_PX = 620
PROVINCE_DECIMALS = 3


def province_decimals(tolerance: float) -> int:
    """Positions at province zoom: 3 decimals (about 100 m), 2 (about 1 km) for a province so wide that a pixel
    spans more than 0.004 degree."""
    return PROVINCE_DECIMALS if tolerance < 0.006 else PROVINCE_DECIMALS - 1
REGION_DECIMALS = 5
SIMPLIFIED_REGION_DECIMALS = 4


def _rounded(coordinates, decimals: int):
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [round(coordinates[0], decimals), round(coordinates[1], decimals)]
    return [_rounded(part, decimals) for part in coordinates]


def _polygonal(shape):
    """The polygons of a geometry made valid (a collapsed ring becomes a line or a point, left out)."""
    import shapely

    if shape.geom_type in ("Polygon", "MultiPolygon"):
        return shape
    parts = [part for part in shapely.get_parts(shape) if part.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


@lru_cache(maxsize=8)
def _simplified(codes: tuple[str, ...], geometries: tuple[str, ...], tolerance: float,
                decimals: int) -> pd.DataFrame:
    import shapely

    shapes = shapely.from_geojson(list(geometries))
    if tolerance > 0:
        # A ring rounded to a repeated point would stop the coverage simplification: made valid first.
        shapes = [_polygonal(shape) for shape in shapely.make_valid(shapes)]
        try:
            # As a coverage: neighbours keep one shared edge, so no gap or overlap opens between two villages.
            shapes = shapely.coverage_simplify(shapes, tolerance, simplify_boundary=True)
        except (shapely.errors.GEOSException, TypeError):
            shapes = shapely.simplify(shapes, tolerance, preserve_topology=True)
    rows = []
    for code, shape in zip(codes, shapes):
        if shape is None or shape.is_empty:
            continue
        parts = [part for part in shapely.get_parts(shape) if part.geom_type in ("Polygon", "MultiPolygon")]
        if tolerance > 0 and len(parts) > 1:
            # Islets under two tolerances square are a pixel or less at this zoom: the largest part always stays.
            largest = max(parts, key=lambda part: part.area)
            parts = [part for part in parts if part is largest or part.area >= (2 * tolerance) ** 2]
        polygons = []
        for part in parts:
            geometry = json.loads(shapely.to_geojson(part))
            polygons += [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rows += [{"code": code, "polygon": _rounded(polygon, decimals)} for polygon in polygons if polygon]
    return pd.DataFrame(rows, columns=["code", "polygon"])


def province_tolerance(cells: pd.DataFrame | None = None) -> float:
    """The simplification at province zoom, in degrees: TOLERANCE_PIXELS of the wide map fitted to the province
    (about 0.0025 degree for a province 1.3 degrees wide, more for a wider one)."""
    zoom = zoom_for(region_bounds(land_cells() if cells is None else cells), WIDE_MAP_PX)
    return round(TOLERANCE_PIXELS * 360 / (512 * 2 ** zoom), 5)


def region_tolerance(region_code: str, cells: pd.DataFrame | None = None) -> float:
    """The simplification inside a region, in degrees: REGION_TOLERANCE_PIXELS of the wide map fitted to it."""
    zoom = zoom_for(region_bounds(cells_of_region(land_cells() if cells is None else cells, region_code)), WIDE_MAP_PX)
    return round(REGION_TOLERANCE_PIXELS * 360 / (512 * 2 ** zoom), 6)


def official_polygons(official: pd.DataFrame, tolerance: float = 0.0, decimals: int = REGION_DECIMALS) -> pd.DataFrame:
    """Each loaded boundary as polygons (one row per polygon: code, rings of [lon, lat] with holes), simplified for
    display as a coverage by `tolerance` degrees (0: as loaded) and rounded to `decimals`."""
    if official.empty:
        return pd.DataFrame(columns=["code", "polygon"])
    return _simplified(tuple(official["region_code"]), tuple(official["geometry"]), tolerance, decimals).copy()


def official_outlines(official: pd.DataFrame) -> pd.DataFrame:
    """The outer ring of every polygon of each boundary, as [lon, lat] paths with the coordinates as loaded (holes,
    lakes within a regency, are left out of the outline)."""
    rows = [{"code": code, "path": [[position[0], position[1]] for position in polygon[0]]}
            for code, geometry in zip(official["region_code"], official["geometry"])
            for polygon in geometry_polygons(geometry)]
    return pd.DataFrame(rows, columns=["code", "path"])


def _ring_area(ring: list) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:] + ring[:1]))) / 2


def representative_point(polygons: list) -> tuple[float, float]:
    """A point inside the largest polygon (lat, lon): the middle of the widest stretch of its mid-latitude line
    inside it, so a label never lands in a bay or a hole as a centroid can."""
    polygon = max(polygons, key=lambda rings: _ring_area(rings[0]))
    latitudes = [position[1] for position in polygon[0]]
    lat = (min(latitudes) + max(latitudes)) / 2
    crossings = sorted(x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
                       for ring in polygon for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:] + ring[:1])
                       if (y1 > lat) != (y2 > lat))
    stretches = list(zip(crossings[::2], crossings[1::2]))
    if not stretches:
        return polygon[0][0][1], polygon[0][0][0]
    west, east = max(stretches, key=lambda stretch: stretch[1] - stretch[0])
    return lat, (west + east) / 2


def official_centres(official: pd.DataFrame) -> pd.DataFrame:
    """Each boundary's label point (its representative point), as region_centres gives for the land cells."""
    rows = []
    for code, geometry in zip(official["region_code"], official["geometry"]):
        lat, lon = representative_point(geometry_polygons(geometry))
        rows.append({"code": code, "lat": round(float(lat), 5), "lon": round(float(lon), 5)})
    return pd.DataFrame(rows, columns=["code", "lat", "lon"])


def with_official(traced: pd.DataFrame, official: pd.DataFrame) -> pd.DataFrame:
    """The traced rows of the regions without an official boundary, and the official rows, by code."""
    if official.empty:
        return traced
    kept = traced[~traced["code"].isin(set(official["code"]))]
    return pd.concat([kept, official], ignore_index=True).sort_values("code", kind="stable", ignore_index=True)


def outlines_for(cells: pd.DataFrame, column: str, official: pd.DataFrame | None = None,
                 region_code: str | None = None, tolerance: float = 0.0) -> pd.DataFrame:
    """Each region's outline: the official one where loaded (simplified by `tolerance` degrees as a coverage, with
    positions to PROVINCE_DECIMALS, when given), else traced around its land cells."""
    level = next(name for name, level_column in LEVEL_COLUMNS.items() if level_column == column)
    traced = region_outlines(cells, column)
    chosen = official_of_level(official, level, region_code)
    if tolerance > 0 and not chosen.empty:
        shapes = official_polygons(chosen, tolerance, province_decimals(tolerance))
        return with_official(traced, pd.DataFrame({"code": shapes["code"], "path": [polygon[0] for polygon in
                                                                                    shapes["polygon"]]}))
    return with_official(traced, official_outlines(chosen))


def centres_for(cells: pd.DataFrame, column: str, official: pd.DataFrame | None = None,
                region_code: str | None = None) -> pd.DataFrame:
    """Each region's label point: inside its official boundary where loaded, else from its land cells."""
    level = next(name for name, level_column in LEVEL_COLUMNS.items() if level_column == column)
    traced = region_centres(cells, column)
    return with_official(traced, official_centres(official_of_level(official, level, region_code)))


def border_layer(cells: pd.DataFrame, region_code: str | None = None,
                 official: pd.DataFrame | None = None, tolerance: float = 0.0) -> list[pdk.Layer]:
    """District borders (thin) and regency borders (thicker) of the region shown, over the coverage: the official
    boundaries where loaded, else traced around the land cells."""
    chosen = cells_of_region(cells, region_code) if region_code and region_code != province_code() else cells
    layers = []
    for column, layer_id, width, colour in (("district_code", "district_borders", 1, [90, 100, 99, 160]),
                                            ("regency_code", "regency_borders", 2, [50, 60, 59, 220])):
        outlines = outlines_for(chosen, column, official, region_code, tolerance)
        layers.append(pdk.Layer("PathLayer", data=outlines, id=layer_id, get_path="path", get_color=colour,
                                get_width=width, width_units="pixels", width_min_pixels=width,
                                width_max_pixels=width, pickable=False))
    return layers


LABEL_CHAR_PX = 7.5  # the width of one character of a 12-pixel label, about
LABEL_LINE_PX = 16


def label_boxes(frame: pd.DataFrame, zoom: float) -> list[tuple[float, float, float, float]]:
    """Each label's box on screen at `zoom` (west, south, east, north in pixels from 0, 0), centred on its point."""
    scale = 512 * 2 ** zoom / 360
    boxes = []
    for lat, lon, name in zip(frame["lat"], frame["lon"], frame["name"]):
        x, y = lon * scale, -_mercator_y(lat) * scale
        half = len(str(name)) * LABEL_CHAR_PX / 2
        boxes.append((x - half, y - LABEL_LINE_PX / 2, x + half, y + LABEL_LINE_PX / 2))
    return boxes


def _mercator_y(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _overlap(first, second) -> bool:
    return first[0] < second[2] and second[0] < first[2] and first[1] < second[3] and second[1] < first[3]


def spread_labels(frame: pd.DataFrame, zoom: float) -> pd.DataFrame:
    """The labels moved apart where they would overlap at `zoom`: each in turn (west to east) goes down a line at a
    time, then up, until it overlaps none placed before it; every label stays, near its place."""
    if frame.empty:
        return frame
    frame = frame.sort_values("lon", kind="stable").reset_index(drop=True)
    scale = 512 * 2 ** zoom / 360
    placed: list[tuple[float, float, float, float]] = []
    lats = []
    for lat, box in zip(frame["lat"], label_boxes(frame, zoom)):
        shift = 0
        for step in (0, 1, -1, 2, -2, 3, -3, 4, -4):
            moved = (box[0], box[1] + step * LABEL_LINE_PX, box[2], box[3] + step * LABEL_LINE_PX)
            if not any(_overlap(moved, other) for other in placed):
                shift = step
                break
        placed.append((box[0], box[1] + shift * LABEL_LINE_PX, box[2], box[3] + shift * LABEL_LINE_PX))
        # a line down on screen is a line south: back from pixels to a latitude through the Mercator y
        y = _mercator_y(lat) - shift * LABEL_LINE_PX / scale
        lats.append(round(math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2), 5))
    return frame.assign(lat=lats)


def label_layer(frame: pd.DataFrame, layer_id: str = "place_names", size: int = 12) -> pdk.Layer:
    """Names on the map (`frame` holds lat, lon and `name`), dark on a white halo so they read on any fill."""
    return pdk.Layer("TextLayer", data=frame, id=layer_id, get_position=["lon", "lat"], get_text="name",
                     get_size=size, get_color=[27, 43, 42, 255], outline_width=3, outline_color=[255, 255, 255, 230],
                     font_settings={"sdf": True},
                     font_weight=600, get_text_anchor='"middle"',
                     get_alignment_baseline='"center"', pickable=False)


def hexagon_layer(frame: pd.DataFrame, layer_id: str, colour_column: str = "fill") -> pdk.Layer:
    """Land cells coloured by a value (`frame` holds `polygon` and the colour column), pickable for details."""
    return pdk.Layer("PolygonLayer", data=frame, id=layer_id, get_polygon="polygon", get_fill_color=colour_column,
                     stroked=True, get_line_color=[255, 255, 255, 90], line_width_min_pixels=0.5, filled=True,
                     pickable=True, auto_highlight=True)


def point_layer(frame: pd.DataFrame, layer_id: str, radius_m: float = 350, fill_column: str = "fill",
                line_column: str = "line", line_width_column: str = "line_width") -> pdk.Layer:
    """Places as circles (`frame` holds lat, lon and the colour columns), at least a few pixels wide at any zoom."""
    # The outlines drawn are 1 or 3 pixels wide, so these bounds change nothing where deck.gl works; the deck.gl of
    # Streamlit 1.64 and later, in Chromium's software WebGL, makes every pixel-wide outline huge and, unbounded,
    # covers the map with discs (bounded, outlines there are all 3 pixels).
    return pdk.Layer("ScatterplotLayer", data=frame, id=layer_id, get_position=["lon", "lat"],
                     get_fill_color=fill_column, get_line_color=line_column, get_line_width=line_width_column,
                     line_width_units="pixels", line_width_min_pixels=1, line_width_max_pixels=3, stroked=True,
                     filled=True, get_radius=radius_m, radius_min_pixels=3, radius_max_pixels=14, pickable=True,
                     auto_highlight=True)


def nearest_place(cells: pd.DataFrame, places: pd.DataFrame, group_column: str = "district_code",
                  place_group: pd.Series | None = None) -> pd.Series:
    """For each cell, the index label of the nearest place in the same group (district), else the nearest at all.

    Villages have points, not boundaries: a cell takes the village nearest to its centre within its district,
    an approximation of village areas good enough to shade coverage.
    """
    if places.empty:
        return pd.Series([None] * len(cells), index=cells.index, dtype=object)
    place_lat = places["lat"].to_numpy(dtype=float)
    place_lon = places["lon"].to_numpy(dtype=float)
    groups = (place_group if place_group is not None else places[group_column]).astype(str).to_numpy()
    labels = places.index.to_numpy()
    # Longitude degrees are shorter than latitude degrees by cos(latitude), taken at the places' mean latitude.
    scale = math.cos(math.radians(float(place_lat.mean())))
    cell_lat = cells["lat"].to_numpy(dtype=float)
    cell_lon = cells["lon"].to_numpy(dtype=float)
    cell_groups = cells[group_column].astype(str).to_numpy()
    chosen = np.empty(len(cells), dtype=object)
    places_by_group = pd.Series(np.arange(len(groups))).groupby(groups).indices
    # One small distance matrix per group (a district's cells by its villages), not one pass over every place
    # per cell: a province of 10,000 cells and 8,500 villages takes milliseconds, not seconds.
    for group, cell_positions in pd.Series(np.arange(len(cells))).groupby(cell_groups).indices.items():
        candidates = places_by_group.get(group, np.arange(len(groups)))
        distance = ((place_lat[candidates][None, :] - cell_lat[cell_positions][:, None]) ** 2
                    + ((place_lon[candidates][None, :] - cell_lon[cell_positions][:, None]) * scale) ** 2)
        chosen[cell_positions] = labels[candidates[np.argmin(distance, axis=1)]]
    return pd.Series(chosen, index=cells.index, dtype=object)


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck indents by default, which nearly doubles what the browser loads.
    The JSON is made once and kept: a deck is built, then only read (the app keeps built maps and draws one on every
    run of its page, where serialising a regency's half a megabyte anew took some 30 ms)."""

    def to_json(self) -> str:
        # Kept beside the deck, not on it: pydeck serialises a deck's every attribute.
        if self not in _DECK_JSON:
            _DECK_JSON[self] = json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))
        return _DECK_JSON[self]


_DECK_JSON: weakref.WeakKeyDictionary[CompactDeck, str] = weakref.WeakKeyDictionary()


def deck(layers: list[pdk.Layer], view_state: pdk.ViewState, tooltip: dict | None = None) -> pdk.Deck:
    """A deck without a tile basemap of its own: the base layer is the map, so it draws offline."""
    return CompactDeck(layers=layers, initial_view_state=view_state, map_style=None, tooltip=tooltip or False)


@lru_cache(maxsize=4)
def land_cell_districts(path: str) -> tuple[dict[str, str], int]:
    """Each land cell of the map base with its district, and the cells' H3 resolution (none: no file)."""
    if not Path(path).is_file():
        return {}, 0
    cells = pd.read_csv(path, dtype=str, usecols=["h3_cell", "district_code"])
    if cells.empty:
        return {}, 0
    return dict(zip(cells["h3_cell"], cells["district_code"])), h3.get_resolution(cells["h3_cell"].iloc[0])


# ---------------------------------------------------------------- what a map says about its borders


def borders_sources_text(official: pd.DataFrame) -> str:
    """The distinct sources named by the boundaries, in order, as Markdown-safe text."""
    return "; ".join(markdown_text(source) for source in dict.fromkeys(official["source"].astype(str)))


def borders_basis_text(official: pd.DataFrame | None, codes_shown) -> str | None:
    """What the drawn borders are: official (with their source) when every area shown has a loaded boundary, or
    official for some and approximate for the rest; None when none has one (the approximate base's own words)."""
    codes = set(map(str, codes_shown))
    if official is None or official.empty or not codes:
        return None
    covered = official[official["region_code"].astype(str).isin(codes)]
    if covered.empty:
        return None
    count = len(set(covered["region_code"]))
    if count >= len(codes):
        return t("boundaries.official", source=borders_sources_text(covered))
    return t("boundaries.partial", source=borders_sources_text(covered), count=str(count), total=str(len(codes)))
