from datetime import date

from smartisland.db import execute_query


def region(code, name, level):
    return {"region_code": code, "name": name, "level": level, "parent_code": None if code == "51" else "51",
            "lat": -8.4, "lon": 115.2, "location_basis": "approximate"}


def test_bali_comes_first_then_regencies_with_the_services_reporting_there(make_warehouse):
    connection = make_warehouse({
        "regions": [region("51.71", "Kota Denpasar", "regency"), region("51", "Provinsi Bali", "province"),
                    region("51.01", "Kabupaten Jembrana", "regency")],
        "service_monthly": [
            {"service_id": "svc-a", "month": date(2025, 1, 1), "regency_code": "51", "requests_total": 5},
            {"service_id": "svc-b", "month": date(2025, 1, 1), "regency_code": "51", "requests_total": 5},
            {"service_id": "svc-a", "month": date(2025, 1, 1), "regency_code": "51.01", "requests_total": 2},
            {"service_id": "svc-a", "month": date(2025, 2, 1), "regency_code": "51.01", "requests_total": 2},
        ],
    })
    result = execute_query(connection, "services_areas")
    assert [tuple(row) for row in result.itertuples(index=False)] == [
        ("51", "Provinsi Bali", "province", 2),
        ("51.01", "Kabupaten Jembrana", "regency", 1),
        ("51.71", "Kota Denpasar", "regency", 0),
    ]
