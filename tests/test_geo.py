"""The offline base map: land cells, polygons, views that fit a region, layers and a deck without tiles."""
import json

import pandas as pd
import pytest

from smartisland import geo


def test_land_cells_cover_every_regency_with_closed_hexagon_polygons():
    cells = geo.land_cells()
    assert len(cells) > 1000
    assert set(cells["regency_code"]) == set(geo.regency_tints(cells["regency_code"]))
    assert len(set(geo.regency_tints(cells["regency_code"]).values())) == 9  # each of the nine its own tint
    polygon = cells["polygon"].iloc[0]
    assert len(polygon) == 6
    lon, lat = polygon[0]
    assert 114.3 < lon < 115.9 and -9.0 < lat < -7.9


def test_a_region_view_is_centred_on_its_cells_and_zoomed_closer_than_bali():
    cells = geo.land_cells()
    bali, bangli, kintamani = (geo.view_state_for(code, cells) for code in ("51", "51.06", "51.06.04"))
    assert bali.zoom < bangli.zoom < kintamani.zoom
    bangli_cells = geo.cells_of_region(cells, "51.06")
    assert bangli.latitude == pytest.approx((bangli_cells["lat"].min() + bangli_cells["lat"].max()) / 2, abs=1e-3)
    assert bangli.longitude == pytest.approx((bangli_cells["lon"].min() + bangli_cells["lon"].max()) / 2, abs=1e-3)
    assert 8 <= bali.zoom <= 9


def test_the_base_layer_fades_cells_outside_the_region():
    cells = geo.land_cells()
    layer = geo.base_layer(cells, "51.71")
    # One polygon per piece of a regency's land, in the order the regencies' land is traced.
    regions = geo._filled_regions(tuple(cells["h3_cell"]), tuple(cells["regency_code"]))
    fills = pd.DataFrame({"alpha": [record["fill"][3] for record in layer.data], "regency": regions["code"].values})
    assert set(fills["regency"]) == set(cells["regency_code"]) and len(fills) < len(cells) // 10
    assert set(fills[fills["regency"] == "51.71"]["alpha"]) == {255}
    assert set(fills[fills["regency"] != "51.71"]["alpha"]) == {110}
    assert layer.pickable is False


def test_nearest_place_stays_within_the_cells_district():
    cells = pd.DataFrame({"lat": [-8.0, -8.0], "lon": [115.0, 115.0], "district_code": ["51.01.01", "51.01.02"]})
    places = pd.DataFrame({"lat": [-8.0, -8.5], "lon": [115.01, 115.5]}, index=["near", "far"])
    groups = pd.Series(["51.01.01", "51.01.02"], index=places.index)
    assert list(geo.nearest_place(cells, places, place_group=groups)) == ["near", "far"]


def test_the_deck_has_no_tile_basemap_and_compact_json():
    cells = geo.land_cells()
    deck = geo.deck([geo.base_layer(cells)], geo.view_state_for("51", cells), {"html": "{tooltip}"})
    spec = json.loads(deck.to_json())
    assert "mapStyle" not in spec
    assert [layer["@@type"] for layer in spec["layers"]] == ["PolygonLayer"]
    assert "\n" not in deck.to_json()
