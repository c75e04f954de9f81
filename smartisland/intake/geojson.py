"""A boundaries GeoJSON file read as a stream (ijson), one feature at a time, within limits checked as it streams:
features, vertices per feature and in all, and nesting depth. A 200 MB file of full-resolution boundaries is
refused in bounded memory as soon as a limit is passed, never read whole first.

Each feature becomes a row through smartisland.intake.boundaries.feature_rows, exactly as a whole document's would.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import ijson

from smartisland.config import (
    MAX_GEOJSON_DEPTH,
    MAX_VERTICES_PER_FEATURE,
    MAX_VERTICES_TOTAL,
    max_rows,
)
from smartisland.intake import boundaries
from smartisland.validate import MAX_KEPT_PROBLEMS, FileRefused, Problem, first_line

READ_BYTES = 1 << 20


def scan(handle, name: str) -> tuple[object, object, bool]:
    """One pass over the parser's basic events (no prefixes: a prefix per event of a deeply nested file grows with
    its depth, quadratically in all), counting depth, features and coordinate numbers, and refusing the file as
    soon as one passes its limit; (the collection's type, its source, whether it has a features list)."""
    depth = 0
    key = None  # the member being read of the collection (depth 1)
    kind = source = None
    in_features = has_features = False
    features = numbers_in_feature = numbers = 0
    per_feature, total, rows = 2 * MAX_VERTICES_PER_FEATURE, 2 * MAX_VERTICES_TOTAL, max_rows()
    for event, value in ijson.basic_parse(handle, use_float=True, buf_size=READ_BYTES):
        if event == "number":
            if depth > 3 and in_features:
                # two numbers a vertex: a third (a height) counts as half a vertex more
                numbers_in_feature += 1
                numbers += 1
                if numbers_in_feature > per_feature:
                    raise _refused(name, "geojson_feature_too_detailed", features, MAX_VERTICES_PER_FEATURE)
                if numbers > total:
                    raise _refused(name, "geojson_too_detailed", features, MAX_VERTICES_TOTAL)
            continue
        if event == "start_map" or event == "start_array":
            if depth == 2 and in_features:
                features += 1
                numbers_in_feature = 0
                if features > rows:
                    raise _refused(name, "too_many_rows", None, rows)
            depth += 1
            if depth > MAX_GEOJSON_DEPTH:
                raise _refused(name, "geojson_too_deep", features or None, MAX_GEOJSON_DEPTH)
            if depth == 2 and key == "features" and event == "start_array":
                in_features = has_features = True
        elif event == "end_map" or event == "end_array":
            depth -= 1
            if depth == 1:
                in_features = False
        elif depth == 1:
            if event == "map_key":
                key = value
            elif key == "type":
                kind = value
            elif key == "source":
                source = value
        elif depth == 2 and in_features:
            features += 1  # a feature that is not an object: feature_rows names it
    return kind, source, has_features


def _refused(name: str, code: str, row: int | None, limit: int) -> FileRefused:
    return FileRefused([Problem(name, row, None, code, params=(("limit", str(limit)),))])


def _open(path: Path):
    handle = path.open("rb")
    if handle.read(3) != b"\xef\xbb\xbf":
        handle.seek(0)
    return handle


def read_geojson_rows(path: Path, name: str) -> list[tuple[int, dict[str, str]]]:
    """(feature number, row) of every feature of a FeatureCollection file, read as a stream twice: once to check
    the limits, once to build each feature (in the parser's C code); FileRefused with every problem found, or
    the first limit passed."""
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[Problem] = []
    total = 0
    own_source: set[int] = set()  # features that name their own source
    try:
        with _open(path) as handle:
            kind, source, has_features = scan(handle, name)
        if kind != "FeatureCollection" or not has_features:
            raise FileRefused([Problem(name, None, None, "boundary_not_collection")])
        with _open(path) as handle:
            for number, feature in enumerate(ijson.items(handle, "features.item", use_float=True,
                                                         buf_size=READ_BYTES), start=1):
                properties = feature.get("properties") if isinstance(feature, dict) else None
                if isinstance(properties, dict) and properties.get("source"):
                    own_source.add(number)
                try:
                    found = boundaries.feature_rows({"type": "FeatureCollection", "features": [feature]}, name)
                except FileRefused as refused:
                    total += refused.total
                    problems += [dataclasses.replace(problem, row=number) for problem in
                                 refused.problems[: max(MAX_KEPT_PROBLEMS - len(problems), 0)]]
                    continue
                rows += [(number, row) for _, row in found]
    except ijson.JSONError as error:
        raise FileRefused([Problem(name, None, None, "unreadable", params=(("detail", first_line(error)),))]) from None
    if problems:
        raise FileRefused(problems, total)
    if source not in (None, ""):
        # The collection's source stands for every feature without one, wherever in the file it is written.
        rows = [(number, row if number in own_source else {**row, "source": str(source).strip()})
                for number, row in rows]
    return rows
