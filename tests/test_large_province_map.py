"""A province with many land cells (about 10,000 in the largest): its province view draws the base by regency and
the coverage by parent hexagons; its per-cell helpers give what the slower loops gave. Tiny synthetic cells stand in."""
from datetime import date

import h3
import numpy as np
import pandas as pd
import pytest

from smartisland import geo
from smartisland.connectivity import map as connectivity_map
from smartisland.kpis.assessment import KpiDefinition, assess, single_value_status
from smartisland.report_context import ReportContext, using

CENTRE = h3.latlng_to_cell(-7.0, 110.0, 6)  # a resolution 6 cell: its 7 children are one parent's land


def synthetic_cells() -> pd.DataFrame:
    """Two parents' children (14 resolution 7 cells) and a ring more: regency 51.01 west, 51.02 east, each in two
    districts by latitude."""
    parents = [CENTRE, *sorted(h3.grid_ring(CENTRE, 1))[:1]]
    children = sorted(child for parent in parents for child in h3.cell_to_children(parent, 7))
    rows = []
    for cell in children:
        lat, lon = h3.cell_to_latlng(cell)
        regency = "51.01" if lon < 110.0 else "51.02"
        rows.append({"h3_cell": cell, "regency_code": regency, "district_code": f"{regency}.0{1 if lat < -7.0 else 2}",
                     "lat": lat, "lon": lon})
    cells = pd.DataFrame(rows)
    cells["polygon"] = [geo.cell_polygon(cell) for cell in cells["h3_cell"]]
    return cells


@pytest.fixture
def large(monkeypatch):
    monkeypatch.setattr(geo, "LARGE_MAP_CELLS", 10)


def test_a_large_province_base_is_one_polygon_per_regency_not_per_cell(large):
    cells = synthetic_cells()
    layer = geo.base_layer(cells, "51")
    records = list(layer.data)
    outlines = geo.region_outlines(cells, "regency_code")
    assert len(records) == len(outlines) < len(cells) // 4
    assert {record["fill"][3] for record in records} == {255}
    # Each polygon is a list of rings (the outer one, then any holes), each ring [lon, lat] pairs.
    assert all(isinstance(record["polygon"][0][0], list) for record in records)


def test_a_large_province_base_splits_the_chosen_districts_regency_and_fades_the_rest(large):
    cells = synthetic_cells()
    records = pd.DataFrame(list(geo.base_layer(cells, "51.01.01").data))
    district_units = geo.region_outlines(cells[cells["regency_code"] == "51.01"], "district_code")
    other_regency = geo.region_outlines(cells[cells["regency_code"] == "51.02"], "regency_code")
    assert len(records) == len(district_units) + len(other_regency)
    alphas = sorted(fill[3] for fill in records["fill"])
    chosen = len(district_units[district_units["code"] == "51.01.01"])
    assert alphas == [110] * (len(records) - chosen) + [255] * chosen


def test_a_small_province_base_is_one_polygon_per_regency_too_with_the_chosen_one_bright():
    cells = synthetic_cells()
    records = pd.DataFrame(list(geo.base_layer(cells, "51.01").data))
    outlines = geo.region_outlines(cells, "regency_code")
    assert len(records) == len(outlines) < len(cells) // 4
    chosen = len(outlines[outlines["code"] == "51.01"])
    assert sorted(fill[3] for fill in records["fill"]) == [110] * (len(records) - chosen) + [255] * chosen


def coverage(cells: pd.DataFrame) -> pd.DataFrame:
    """Every cell stands for a village; in the centre parent 4 cells are village A (good), 2 B (weak), 1 C (none
    surveyed); the other parent's cells are village D (no signal)."""
    in_centre = [h3.cell_to_parent(cell, 6) == CENTRE for cell in cells["h3_cell"]]
    centre_villages = iter(["A"] * 4 + ["B"] * 2 + ["C"])
    codes = [next(centre_villages) if inside else "D" for inside in in_centre]
    tiers = {"A": "good", "B": "weak", "C": None, "D": "none"}
    frame = cells.copy()
    frame["village_code"] = codes
    frame["village_name"], frame["district_name"], frame["regency_name"] = codes, "Kec", "Kab"
    frame["signal_tier"] = [tiers[code] for code in codes]
    frame["source"], frame["surveyed_on"] = "bakti", pd.Timestamp("2025-01-01")
    return frame


def test_area_hexagons_take_the_tier_of_most_villages_and_tell_the_shares():
    hexagons = coverage(synthetic_cells())
    with using(ReportContext(language="en")):
        areas = connectivity_map.area_hexagon_map_data(hexagons).set_index(
            pd.Index(sorted({h3.cell_to_parent(cell, 6) for cell in hexagons["h3_cell"]})))
    assert len(areas) == 2
    centre = areas.loc[CENTRE]
    # Three villages, one each of good, weak, not surveyed: a tie that goes to the better tier.
    assert centre["fill"] == geo.hex_to_rgba("#009E73", 200)
    assert centre["tooltip"] == ("<b>3 villages in this area</b><br/>4G or better, good: 33%<br/>Weak signal: 33%"
                                 "<br/>Not surveyed: 33%<br/><i>Choose a regency to see each village</i>")
    assert centre["polygon"] == geo.cell_polygon(CENTRE)
    other = areas.drop(index=CENTRE).iloc[0]
    assert other["fill"] == geo.hex_to_rgba("#A6322B", 200)
    assert other["tooltip"].startswith("<b>1 villages in this area</b><br/>No signal: 100%<br/>")


def test_the_province_view_of_a_large_province_draws_area_hexagons_and_a_regency_view_every_cell(large):
    cells = synthetic_cells()
    hexagons = coverage(cells)
    with using(ReportContext(language="en")):
        whole = connectivity_map.connectivity_map(cells, "51", "hexagon", [], hexagons=hexagons)
    layers = {layer.id: list(layer.data) for layer in whole.layers}
    assert len(layers["coverage_hexagons"]) == 2
    assert len(layers["base"]) == len(geo.region_outlines(cells, "regency_code"))
    regency = hexagons[hexagons["regency_code"] == "51.01"]
    with using(ReportContext(language="en")):
        one = connectivity_map.connectivity_map(cells, "51.01", "hexagon", [], hexagons=regency)
    assert len(next(layer for layer in one.layers if layer.id == "coverage_hexagons").data) == len(regency)


def test_nearest_place_gives_what_a_pass_over_every_place_gives():
    generator = np.random.default_rng(7)
    cells = pd.DataFrame({"lat": generator.uniform(-8, -7, 300), "lon": generator.uniform(110, 111, 300),
                          "district_code": generator.choice(["a", "b", "c", "empty"], 300)})
    places = pd.DataFrame({"lat": generator.uniform(-8, -7, 60), "lon": generator.uniform(110, 111, 60),
                           "district_code": generator.choice(["a", "b", "c"], 60)},
                          index=[f"v{number}" for number in range(60)])
    scale = np.cos(np.radians(places["lat"].mean()))
    expected = []
    for lat, lon, group in zip(cells["lat"], cells["lon"], cells["district_code"]):
        distance = (places["lat"] - lat) ** 2 + ((places["lon"] - lon) * scale) ** 2
        same = places["district_code"] == group
        expected.append((distance[same] if same.any() else distance).idxmin())
    assert list(geo.nearest_place(cells, places)) == expected


def test_region_centres_are_the_cell_nearest_each_regions_mean():
    cells = pd.DataFrame({"code": ["x", "x", "x", "y"], "lat": [0.0, 1.0, 0.9, 5.123456],
                          "lon": [0.0, 1.0, 0.9, 7.0]})
    centres = geo.region_centres(cells, "code")
    assert centres.to_dict("records") == [{"code": "x", "lat": 0.9, "lon": 0.9},
                                          {"code": "y", "lat": 5.12346, "lon": 7.0}]


GROWTH = KpiDefinition("growth", "higher", 0.0, date(2020, 1, 1), 100.0, date(2024, 1, 1), "yearly")
FEWER = KpiDefinition("fewer", "lower", 20.0, date(2020, 1, 1), 0.0, date(2022, 1, 1), "quarterly")
FLAT = KpiDefinition("flat", "higher", 80.0, date(2020, 1, 1), 80.0, date(2024, 1, 1), "monthly")


@pytest.mark.calendar
@pytest.mark.parametrize("definition", [GROWTH, FEWER, FLAT])
def test_one_values_status_is_the_status_a_full_assessment_gives(definition):
    for period_end in (date(2019, 6, 30), date(2021, 6, 30), pd.Timestamp("2023-12-31"), date(2025, 3, 31)):
        for value in (0.0, 5.0, 20.0, 30.0, 49.9, 50.0, 79.9, 80.0, 100.0, 120.0):
            for today in (date(2022, 6, 1), date(2026, 11, 28)):
                one = pd.DataFrame({"period_end": [period_end], "value": [value]})
                assert single_value_status(definition, period_end, value, today) == \
                    assess(definition, one, today).status, (period_end, value, today)


def test_the_province_view_of_a_large_province_counts_wifi_points_per_regency(large):
    cells = synthetic_cells()
    points = pd.DataFrame({"point_id": ["p1", "p2", "p3", "p4"], "status": ["active", "down", "active", "decommissioned"],
                           "village_code": ["51.01.01.2001", "51.01.02.2001", "51.02.01.2001", "51.02.01.2001"]})
    with using(ReportContext(language="en")):
        deck = connectivity_map.connectivity_map(cells, "51", "off", ["wifi_points"], points=points,
                                                 names={"51.01": "Kabupaten Barat", "51.02": "Kota Timur"})
    counts = pd.DataFrame(next(layer for layer in deck.layers if layer.id == "wifi_districts").data)
    assert list(zip(counts["item"], counts["count"])) == [("district:51.01", 2), ("district:51.02", 1)]
    with using(ReportContext(language="en")):
        legend = connectivity_map.legend_markdown("hexagon", ["wifi_points"], clustered=True, large=True)
    assert "Wi-Fi points per regency; choose a regency to see each point" in legend
    assert "each large hexagon takes the signal tier of most of its villages" in legend
    with using(ReportContext(language="en")):
        small = connectivity_map.legend_markdown("hexagon", ["wifi_points"], clustered=True)
    assert "Wi-Fi points per district" in small and "large hexagon" not in small
