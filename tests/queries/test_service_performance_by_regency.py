from datetime import date

import pytest
from support import service_rows
from support.service_rows import plain_rows

from smartisland.db import execute_query


def region(code, name, level):
    return {"region_code": code, "name": name, "level": level, "parent_code": None if code == "51" else "51",
            "lat": -8.4, "lon": 115.2, "location_basis": "approximate"}


def figures(service_id, month, regency_code, *values):
    return service_rows.figures(service_id, month, *values, regency_code=regency_code)


@pytest.fixture
def connection(make_warehouse):
    return make_warehouse({
        "regions": [region("51", "Provinsi Bali", "province"), region("51.71", "Kota Denpasar", "regency"),
                    region("51.01", "Kabupaten Jembrana", "regency")],
        "service_monthly": [
            figures("svc-a", date(2025, 1, 1), "51.01", 100, 50, 100, 2.0, 80.0, None),
            figures("svc-a", date(2025, 2, 1), "51.01", 100, 70, 80, 4.0, None, None),
            figures("svc-b", date(2025, 1, 1), "51.01", 200, None, 100, None, 65.0, 3000.0),
            figures("svc-a", date(2025, 4, 1), "51.01", 999, 999, 999, 9.0, 99.0, 9.0),  # another quarter
            figures("svc-a", date(2025, 1, 1), "51", 999, 999, 999, 9.0, 99.0, 9.0),  # all of Bali, not a regency
        ],
    })


rows = plain_rows


def test_all_services_by_regency_for_a_quarter(connection):
    result = execute_query(connection, "service_performance_by_regency", period_unit="quarter",
                           period_start=date(2025, 1, 1), service_id="")
    jembrana, denpasar = rows(result)
    assert jembrana[:4] == ["51.01", "Kabupaten Jembrana", 400, 2]
    # Take-up over svc-a's 200 requests only: svc-b does not report online requests.
    assert jembrana[4:] == pytest.approx([0.6, 1, 280 / 400, 2, 3.0, 1, (80 * 100 + 65 * 200) / 300, 2, 3000.0, 1])
    assert denpasar == ["51.71", "Kota Denpasar", None, 0, None, 0, None, 0, None, 0, None, 0, None, 0]


def test_one_service_by_regency_for_a_month(connection):
    result = execute_query(connection, "service_performance_by_regency", period_unit="month",
                           period_start=date(2025, 2, 1), service_id="svc-a")
    assert rows(result)[0] == ["51.01", "Kabupaten Jembrana", 100, 1, 0.7, 1, 0.8, 1, 4.0, 1, None, 0, None, 0]
