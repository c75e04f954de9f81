"""Boundary shapes checked like any other value, with shapely (a well-kept library, not hand-written geometry):
closed rings of positions of exactly two numbers, at least four positions, valid (no self-intersection, holes
inside their shell), refused with the feature and the place, never repaired. Then, against the regions the loader
knows, a region's boundary must hold most of that region's own villages and reach no further than a plausible
distance beyond them (Badung drawn at Jakarta, Jembrana covering all of Indonesia).

Called from smartisland.intake.boundaries.feature_rows (`geometry_problem`) and from the loader once the regions are known
(`placement_problems`).
"""
from __future__ import annotations

import json

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.validation import explain_validity

from smartisland.validate import Problem

# How far (degrees, about 55 km) a boundary may reach beyond its own villages' points, and the share of them it
# must hold ("most"): a district's villages sit inside it, a few on the line may fall just outside.
# The references' village points are approximate (location_basis: placed on land cells of their district, not in
# their official village; for a province without published centres the districts themselves are approximate), so
# a point within about 25 km of a boundary counts as held and a boundary may reach 1 degree beyond its villages:
# still far too tight to let a region drawn in another province or over the country through, and loose enough for
# the official boundaries of the provinces shipped against their approximate points.
NEAR_DEGREES = 0.25
MARGIN_DEGREES = 1.0
VILLAGES_HELD = 0.5
MIN_VILLAGES = 3  # fewer villages with a known point say too little about where the region is


def _ring_problem(ring) -> tuple[str, str | None] | None:
    if not isinstance(ring, list) or len(ring) < 4:
        return "boundary_ring_too_short", str(len(ring)) if isinstance(ring, list) else None
    for position in ring:
        if not isinstance(position, list) or len(position) != 2:
            return "boundary_position_not_pair", json.dumps(position)[:60]
    if ring[0] != ring[-1]:
        return "boundary_ring_not_closed", f"{ring[0][0]}, {ring[0][1]} … {ring[-1][0]}, {ring[-1][1]}"
    if len({tuple(position) for position in ring}) < 3:
        return "boundary_ring_degenerate", f"{ring[0][0]}, {ring[0][1]}"
    return None


def geometry_problem(geometry) -> tuple[str, str | None] | None:
    """(problem code, the place or value shown) when a Polygon or MultiPolygon (already known to be one, of
    numbers inside Indonesia) is not a valid shape; None when it is."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    shapes = []
    for polygon in polygons:
        for ring in polygon:
            problem = _ring_problem(ring)
            if problem:
                return problem
        shapes.append(Polygon(polygon[0], polygon[1:]))
    shape = shapes[0] if len(shapes) == 1 else MultiPolygon(shapes)
    if not shape.is_valid:
        # "Self-intersection[115.2 -8.6]", "Hole lies outside shell[...]": the kind and the place, as shapely says
        reason = explain_validity(shape)
        code = "boundary_hole_outside" if reason.startswith("Hole lies outside shell") else "boundary_invalid_shape"
        return code, reason[:80]
    return None


def placement_problems(file_name: str, boundaries: list[tuple[int, str, str]],
                       villages: list[tuple[str, float, float]]) -> list[Problem]:
    """Each boundary (file row, region code, GeoJSON geometry) against the points of its region's own villages
    (code, lat, lon): a regency must hold most of them (NEAR_DEGREES) and reach no further than MARGIN_DEGREES beyond them."""
    problems = []
    for row, code, geometry_text in boundaries:
        own = [(lon, lat) for village, lat, lon in villages
               if village.startswith(code + ".") and lat is not None and lon is not None]
        if len(own) < MIN_VILLAGES or code.count(".") != 1:  # district points are too rough to judge districts
            continue
        shape = shapely.geometry.shape(json.loads(geometry_text))
        points = [Point(lon, lat) for lon, lat in own]
        held = sum(shape.dwithin(point, NEAR_DEGREES) for point in points)
        if held < VILLAGES_HELD * len(points):
            problems.append(Problem(file_name, row, "geometry", "boundary_misses_villages", None,
                                    (("held", str(held)), ("villages", str(len(points))))))
            continue
        lons, lats = [lon for lon, _ in own], [lat for _, lat in own]
        west, south, east, north = shape.bounds
        if (west < min(lons) - MARGIN_DEGREES or east > max(lons) + MARGIN_DEGREES
                or south < min(lats) - MARGIN_DEGREES or north > max(lats) + MARGIN_DEGREES):
            problems.append(Problem(file_name, row, "geometry", "boundary_too_large",
                                    f"{west:.2f}, {south:.2f} … {east:.2f}, {north:.2f}"))
    return problems
