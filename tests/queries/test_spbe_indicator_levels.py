import pytest

from smartisland.db import execute_query

REGIONS = [
    {"region_code": "51", "name": "Provinsi Bali", "level": "province", "lat": -8.4, "lon": 115.2,
     "location_basis": "approximate"},
    {"region_code": "51.02", "name": "Kabupaten Tabanan", "level": "regency", "parent_code": "51", "lat": -8.46,
     "lon": 115.09, "location_basis": "approximate"},
]
INDICATORS = [
    {"framework_id": "tiny", "indicator_no": 1, "name": "Arsitektur", "domain_no": 1, "domain": "Tata Kelola",
     "aspect_no": 1, "aspect": "Perencanaan", "weight": 60.0, "indicator_kind": "process"},
    {"framework_id": "tiny", "indicator_no": 2, "name": "Pengaduan", "domain_no": 2, "domain": "Layanan",
     "aspect_no": 2, "aspect": "Layanan Publik", "weight": 40.0, "indicator_kind": "service"},
]


def assessment(year, entity_code, number, level, owner, evidence):
    return {"year": year, "entity_code": entity_code, "framework_id": "tiny", "indicator_no": number, "level": level,
            "owner_agency": owner, "evidence_status": evidence}


@pytest.fixture
def connection(make_warehouse):
    return make_warehouse({"regions": REGIONS, "spbe_indicators": INDICATORS, "spbe_assessments": [
        assessment(2023, "51.02", 2, 3, "Diskominfo", "partial"),
        assessment(2023, "51", 1, 4, "Bappeda", "complete"),
        assessment(2022, "51", 2, 2, "Diskominfos", "missing"),
    ]})


COLUMNS = ["year", "entity_code", "entity_name", "entity_level", "framework_id", "indicator_no", "indicator_name",
           "domain_no", "domain", "aspect_no", "aspect", "weight", "indicator_kind", "level", "owner_agency",
           "evidence_status"]


def test_spbe_indicator_levels_joins_indicator_and_entity_and_shows_evidence_internally(connection):
    result = execute_query(connection, "spbe_indicator_levels", include_internal=True)
    assert list(result.columns) == COLUMNS
    assert result.values.tolist() == [
        [2022, "51", "Provinsi Bali", "province", "tiny", 2, "Pengaduan", 2, "Layanan", 2, "Layanan Publik", 40.0,
         "service", 2, "Diskominfos", "missing"],
        [2023, "51", "Provinsi Bali", "province", "tiny", 1, "Arsitektur", 1, "Tata Kelola", 1, "Perencanaan", 60.0,
         "process", 4, "Bappeda", "complete"],
        [2023, "51.02", "Kabupaten Tabanan", "regency", "tiny", 2, "Pengaduan", 2, "Layanan", 2, "Layanan Publik",
         40.0, "service", 3, "Diskominfo", "partial"],
    ]


def test_spbe_indicator_levels_withholds_the_internal_evidence_status(connection):
    result = execute_query(connection, "spbe_indicator_levels", include_internal=False)
    assert len(result) == 3
    assert result["evidence_status"].isna().all()
    assert result["level"].tolist() == [2, 4, 3]
