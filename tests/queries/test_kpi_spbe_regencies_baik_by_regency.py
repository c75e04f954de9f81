from support.kpi_rows import REGIONS, published, rows

from smartisland.db import execute_query


def test_each_regency_index_in_the_latest_official_year(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "spbe_published": [
            published(2023, "51.01", 3.14), published(2023, "51.71", 3.8),
            published(2024, "51.71", 3.9),
            published(2025, "51.01", 3.5, certainty="unofficial"),
        ],
    })
    assert rows(execute_query(connection, "kpi_spbe_regencies_baik_by_regency")) == [
        ("51.71", "Kota Denpasar", "2024-12-31", 3.9)]
