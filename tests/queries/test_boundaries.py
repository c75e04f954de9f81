from support.grain import assert_grain

from smartisland.db import execute_query, query_text

SQUARE = '{"type":"Polygon","coordinates":[[[114.4,-8.1],[114.8,-8.1],[114.8,-8.4],[114.4,-8.4],[114.4,-8.1]]]}'


def region(code, level, parent):
    return {"region_code": code, "name": code, "level": level, "parent_code": parent, "lat": -8.4, "lon": 115.2,
            "location_basis": "approximate"}


def test_boundaries_of_a_region_with_their_level_and_source(make_warehouse):
    connection = make_warehouse({
        "regions": [region("51", "province", None), region("51.01", "regency", "51"),
                    region("51.01.01", "district", "51.01"), region("51.02", "regency", "51")],
        "boundaries": [{"region_code": "51.02", "geometry": SQUARE, "source": "BIG 2023"},
                       {"region_code": "51.01.01", "geometry": SQUARE, "source": "BIG 2023"},
                       {"region_code": "51.01", "geometry": SQUARE, "source": "Kemendagri 2024"}],
    })
    rows = execute_query(connection, "boundaries", region_code="51").to_dict("records")
    assert rows == [{"region_code": "51.01", "level": "regency", "geometry": SQUARE, "source": "Kemendagri 2024"},
                    {"region_code": "51.01.01", "level": "district", "geometry": SQUARE, "source": "BIG 2023"},
                    {"region_code": "51.02", "level": "regency", "geometry": SQUARE, "source": "BIG 2023"}]
    assert_grain(execute_query(connection, "boundaries", region_code="51"), query_text("boundaries"), "boundaries")
    inside = execute_query(connection, "boundaries", region_code="51.01")
    assert list(inside["region_code"]) == ["51.01", "51.01.01"]


def test_no_boundaries_loaded_gives_no_rows(make_warehouse):
    connection = make_warehouse({"regions": [region("51", "province", None)]})
    frame = execute_query(connection, "boundaries", region_code="51")
    assert list(frame.columns) == ["region_code", "level", "geometry", "source"] and frame.empty
