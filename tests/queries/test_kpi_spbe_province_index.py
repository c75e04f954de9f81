from support.kpi_rows import REGIONS, published, rows

from smartisland.db import execute_query


def test_official_province_indices_by_year_with_their_source(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "spbe_published": [
            published(2023, "51", 4.07, source="KepMenPANRB 13/2024"),
            published(2021, "51", 3.68, source="KepMenPANRB 1503/2021"),
            published(2022, "51", 3.9, certainty="unofficial"),
            published(2023, "51.71", 3.8),
        ],
    })
    assert rows(execute_query(connection, "kpi_spbe_province_index")) == [
        ("2021-12-31", 3.68, "KepMenPANRB 1503/2021"), ("2023-12-31", 4.07, "KepMenPANRB 13/2024")]


def test_the_province_served_chooses_the_indices(make_warehouse, monkeypatch):
    connection = make_warehouse({
        "regions": REGIONS,
        "spbe_published": [published(2023, "51", 4.07, source="KepMenPANRB 13/2024"),
                           published(2023, "52", 3.1, source="KepMenPANRB 13/2024")],
    })
    monkeypatch.setenv("SMARTISLAND_PROVINCE", "52")
    assert rows(execute_query(connection, "kpi_spbe_province_index")) == [("2023-12-31", 3.1, "KepMenPANRB 13/2024")]
    assert rows(execute_query(connection, "kpi_spbe_province_index", province_code="51")) == [
        ("2023-12-31", 4.07, "KepMenPANRB 13/2024")]
