from smartisland.db import execute_query


def index(province_code, year, value, measure="spbe_index", source="KepMenPANRB", is_unsure=False):
    return {"province_code": province_code, "measure": measure, "year": year, "value": value, "source": source,
            "is_unsure": is_unsure}


ROWS = [
    index("51", 2023, 4.07),
    index("52", 2023, 2.5, source="B"),
    index("32", 2023, 4.5, source="A"),
    index("national", 2023, 2.79, source="national 2023"),
    index("national", 2024, 3.12, source="national 2024"),
    index("52", 2021, 2.1, is_unsure=True, source="media"),
    index("51", 2024, 49.05, measure="imdi", source="IMDI 2024"),
]


def rows_of(result):
    return result.astype(object).where(result.notna(), None).values.tolist()


def test_a_province_beside_the_national_average_and_its_peers_by_year(make_warehouse):
    connection = make_warehouse({"province_indices": ROWS})
    result = execute_query(connection, "province_comparison", measure="spbe_index", province_code="51")
    assert list(result.columns) == ["year", "province_value", "province_source", "is_province_unsure",
                                    "national_value", "national_source", "is_national_unsure", "peer_count",
                                    "province_rank", "peer_min", "peer_max", "peer_sources"]
    assert rows_of(result) == [
        # 2021: only a peer (NTB, unsure): the province has no value, so no rank
        [2021, None, None, None, None, None, None, 1, None, 2.1, 2.1, "media"],
        # 2023: Jawa Barat 4.5 above, NTB 2.5 below: second of three
        [2023, 4.07, "KepMenPANRB", False, 2.79, "national 2023", False, 2, 2, 2.5, 4.5, "A · B"],
        # 2024: the national average alone (IMDI rows of another measure are not counted)
        [2024, None, None, None, 3.12, "national 2024", False, 0, None, None, None, None],
    ]


def test_a_province_without_values_sees_the_others_as_peers(make_warehouse):
    connection = make_warehouse({"province_indices": ROWS})
    result = execute_query(connection, "province_comparison", measure="imdi", province_code="52")
    assert rows_of(result) == [[2024, None, None, None, None, None, None, 1, None, 49.05, 49.05, "IMDI 2024"]]


def test_the_top_province_ranks_first_and_nothing_loaded_gives_no_rows(make_warehouse):
    connection = make_warehouse({"province_indices": ROWS})
    result = execute_query(connection, "province_comparison", measure="spbe_index", province_code="32")
    assert rows_of(result)[1][:1] + rows_of(result)[1][7:11] == [2023, 2, 1, 2.5, 4.07]
    empty = make_warehouse({})
    assert execute_query(empty, "province_comparison", measure="imdi", province_code="51").empty
