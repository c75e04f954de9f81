from smartisland.db import execute_query


def index(province_code, year, value, measure="imdi", source="IMDI", is_unsure=False):
    return {"province_code": province_code, "measure": measure, "year": year, "value": value, "source": source,
            "is_unsure": is_unsure}


def test_every_province_with_a_value_of_the_measure_by_year_the_national_average_marked(make_warehouse):
    connection = make_warehouse({"province_indices": [
        index("national", 2024, 43.34, source="IMDI 2024"),
        index("51", 2024, 49.05, source="IMDI 2024"),
        index("52", 2023, 40.0, is_unsure=True),
        index("51", 2023, 4.07, measure="spbe_index"),
    ]})
    result = execute_query(connection, "province_indices_by_province", measure="imdi")
    assert list(result.columns) == ["year", "province_code", "is_national", "value", "source", "is_unsure"]
    assert result.values.tolist() == [
        [2023, "52", False, 40.0, "IMDI", True],
        [2024, "51", False, 49.05, "IMDI 2024", False],
        [2024, "national", True, 43.34, "IMDI 2024", False],
    ]
