from support.connectivity_rows import REGIONS, region
from support.kpi_rows import rows


def test_each_village_with_its_district_and_regency(make_warehouse):
    orphan = region("51.03.09.2001", "Tanpa Kecamatan", "village", "51.03.09", "desa", 100)
    connection = make_warehouse({"regions": [*REGIONS, orphan]})
    result = connection.execute("select village_code, village_name, village_type, population, district_code, "
                                "district_name, regency_code, regency_name from village_places "
                                "order by village_code").df()
    assert rows(result) == [
        ("51.01.01.2001", "Baluk", "desa", 3000, "51.01.01", "Negara", "51.01", "Kabupaten Jembrana"),
        ("51.01.01.2002", "Banyubiru", "desa", 2000, "51.01.01", "Negara", "51.01", "Kabupaten Jembrana"),
        # A village whose district is missing from the reference keeps its row, without a place above it.
        ("51.03.09.2001", "Tanpa Kecamatan", "desa", 100, None, None, None, None),
        ("51.71.01.1001", "Sanur", "kelurahan", 9000, "51.71.01", "Denpasar Selatan", "51.71", "Kota Denpasar"),
        ("51.71.01.1002", "Sesetan", "kelurahan", 5000, "51.71.01", "Denpasar Selatan", "51.71", "Kota Denpasar"),
    ]
