from smartisland.db import execute_query

REGIONS = [
    {"region_code": "51", "name": "Provinsi Bali", "level": "province", "lat": -8.4, "lon": 115.2,
     "location_basis": "approximate"},
    {"region_code": "51.71", "name": "Kota Denpasar", "level": "regency", "parent_code": "51", "lat": -8.65,
     "lon": 115.22, "location_basis": "approximate"},
]


def published(year, entity_code, index_value, certainty="official", agencies=None, source="KepMenPANRB"):
    return {"year": year, "entity_code": entity_code, "index_value": index_value, "certainty": certainty,
            "agencies_evaluated": agencies, "source": source}


def test_spbe_published_indices_names_entities_and_marks_the_national_average(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "spbe_published": [
        published(2023, "national", 2.79, agencies=621, source="KemenPANRB"),
        published(2023, "51", 4.07),
        published(2021, "51.71", 3.19, "unofficial", source="media"),
    ]})
    result = execute_query(connection, "spbe_published_indices")
    rows = result.astype(object).where(result.notna(), None).values.tolist()
    assert list(result.columns) == ["year", "entity_code", "entity_name", "is_national", "index_value", "certainty",
                                    "agencies_evaluated", "source"]
    assert rows == [
        [2021, "51.71", "Kota Denpasar", False, 3.19, "unofficial", None, "media"],
        [2023, "51", "Provinsi Bali", False, 4.07, "official", None, "KepMenPANRB"],
        [2023, "national", None, True, 2.79, "official", 621, "KemenPANRB"],
    ]
