from datetime import date

from support.kpi_rows import REGIONS, rows, service_month

from smartisland.db import execute_query


def test_online_share_per_regency_in_the_latest_month(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "service_monthly": [
            service_month("a", date(2024, 1, 1), "51.01", requests_total=10, requests_online=1),
            service_month("a", date(2024, 2, 1), "51.01", requests_total=40, requests_online=10),
            service_month("b", date(2024, 2, 1), "51.01", requests_total=60, requests_online=30),
            service_month("a", date(2024, 2, 1), "51.71", requests_total=20, requests_online=15),
            service_month("a", date(2024, 5, 1), "51", requests_total=20, requests_online=15),  # all of Bali: not a regency
        ],
    })
    assert rows(execute_query(connection, "kpi_digital_takeup_by_regency")) == [
        ("51.01", "Kabupaten Jembrana", "2024-02-29", 40.0), ("51.71", "Kota Denpasar", "2024-02-29", 75.0)]
