from support.kpi_rows import REGIONS, published, rows

from smartisland.db import execute_query


def test_regencies_at_baik_or_better_per_year(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "spbe_published": [
            published(2023, "51.01", 2.6),  # exactly on the boundary: Baik
            published(2023, "51.71", 2.59),
            published(2024, "51.01", 2.7),
            published(2024, "51.71", 3.0),
            published(2021, "51.71", 3.19, certainty="unofficial"),
            published(2023, "51", 4.07),  # the province is not a regency
        ],
    })
    assert rows(execute_query(connection, "kpi_spbe_regencies_baik")) == [("2023-12-31", 1.0), ("2024-12-31", 2.0)]
