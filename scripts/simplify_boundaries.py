"""Official boundaries made light enough to draw: the regency, district and village GeoJSON files of a province
(keyed by Kemendagri code in `kode`) simplified level by level with their shared edges kept, and written as one
FeatureCollection, the province's `boundaries` reference.

    python scripts/simplify_boundaries.py --province NN --source-dir DIR [--tolerance DEGREES] [--out FILE]

Each level is simplified as a coverage (shapely.coverage_simplify, Visvalingam-Whyatt on the edges neighbours
share, so two villages never gap or overlap where they meet), then snapped to a grid of 5 decimals (about 1 m) by
shapely.set_precision, which keeps each shape valid (plain rounding collapsed a few small rings into a repeated point
or a self-intersection, which the loader rightly refuses), and every shape is checked as the loader checks it.
Needs shapely (2.1 or newer), which only this script uses.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

from smartisland.intake import shapes

LEVELS = ("regency", "district", "village")
DECIMALS = 5
SOURCE = "Kepmendagri 100.1.1-6117/2022 · cahyadsn/wilayah_boundaries (MIT)"


def rounded(coordinates):
    if isinstance(coordinates[0], (int, float)):
        return [round(coordinates[0], DECIMALS), round(coordinates[1], DECIMALS)]
    return [rounded(part) for part in coordinates]


def polygonal(geometry):
    """The geometry made valid, its polygons only (a few source rings are degenerate: a repeated point, a spike)."""
    try:
        valid = shapely.make_valid(geometry)
    except shapely.errors.GEOSException:
        valid = geometry.buffer(0)
    parts = [part for part in getattr(valid, "geoms", [valid]) if part.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def simplified_level(path: Path, tolerance: float) -> list[dict]:
    document = json.loads(path.read_text(encoding="utf-8"))
    codes = [feature["properties"]["kode"] for feature in document["features"]]
    geometries = [polygonal(shape(feature["geometry"])) for feature in document["features"]]
    simple = shapely.coverage_simplify(geometries, tolerance, simplify_boundary=True)
    features = []
    for code, geometry in zip(codes, simple):
        snapped = shapely.set_precision(geometry, 10 ** -DECIMALS)
        polygons = [part for part in getattr(snapped, "geoms", [snapped]) if part.geom_type == "Polygon"
                    and not part.is_empty and part.area > 0]
        if not polygons:
            continue
        whole = polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)
        shaped = mapping(whole)
        features.append({"type": "Feature", "properties": {"kode": code},
                         "geometry": {"type": shaped["type"], "coordinates": rounded(json.loads(json.dumps(
                             shaped["coordinates"])))}})
    return features


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", required=True)
    parser.add_argument("--source-dir", type=Path, required=True)
    parser.add_argument("--tolerance", type=float, default=0.0002)
    parser.add_argument("--out", type=Path)
    arguments = parser.parse_args()
    features = []
    for level in LEVELS:
        features += simplified_level(arguments.source_dir / f"{arguments.province}-{level}.geojson",
                                     arguments.tolerance)
    problems = [(index + 1, problem) for index, feature in enumerate(features)
                if (problem := shapes.geometry_problem(feature["geometry"]))]
    if problems:
        raise SystemExit(f"shapes the loader would refuse (feature, problem): {problems}")
    out = arguments.out or Path("provinces") / arguments.province / "reference" / "boundaries.geojson"
    document = {"type": "FeatureCollection", "source": SOURCE, "features": features}
    out.write_text(json.dumps(document, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{out}: {len(features)} features, {out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
