from support.connectivity_rows import REGIONS

from smartisland.db import execute_query


def test_lists_regencies_and_districts_in_code_order(make_warehouse):
    connection = make_warehouse({"regions": REGIONS})
    result = execute_query(connection, "connectivity_areas")
    assert [tuple(row) for row in result.itertuples(index=False)] == [
        ("51.01", "Kabupaten Jembrana", "regency", "51"),
        ("51.01.01", "Negara", "district", "51.01"),
        ("51.71", "Kota Denpasar", "regency", "51"),
        ("51.71.01", "Denpasar Selatan", "district", "51.71"),
    ]
