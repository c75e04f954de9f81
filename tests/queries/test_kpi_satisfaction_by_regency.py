from datetime import date

from support.kpi_rows import REGIONS, rows, service_month

from smartisland.db import execute_query


def test_satisfaction_per_regency_weighted_by_requests_in_the_latest_month(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "service_monthly": [
            service_month("a", date(2024, 2, 1), "51.01", requests_total=10, satisfaction_ikm=25.0),  # earlier
            service_month("a", date(2024, 3, 1), "51.01", requests_total=300, satisfaction_ikm=90.0),
            service_month("b", date(2024, 3, 1), "51.01", requests_total=100, satisfaction_ikm=70.0),
            service_month("c", date(2024, 3, 1), "51.01", requests_total=5000),  # no IKM: does not weigh
            service_month("a", date(2024, 3, 1), "51.71", requests_total=10, satisfaction_ikm=80.0),
            service_month("a", date(2024, 6, 1), "51", requests_total=10, satisfaction_ikm=30.0),  # the province
        ],
    })
    assert rows(execute_query(connection, "kpi_satisfaction_by_regency")) == [
        ("51.01", "Kabupaten Jembrana", "2024-03-31", 85.0), ("51.71", "Kota Denpasar", "2024-03-31", 80.0)]
