from datetime import date

from support.kpi_rows import REGIONS, rows, service_month

from smartisland.db import execute_query


def test_completed_share_per_regency_in_the_latest_month_of_regency_data(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "service_monthly": [
            service_month("a", date(2024, 1, 1), "51.01", requests_total=10, completed=1),  # an earlier month
            service_month("a", date(2024, 2, 1), "51.01", requests_total=100, completed=90),
            service_month("b", date(2024, 2, 1), "51.01", requests_total=100, completed=70),
            service_month("c", date(2024, 2, 1), "51.01", requests_total=800),  # no completions: left out
            service_month("a", date(2024, 2, 1), "51.71", requests_total=50, completed=50),
            service_month("a", date(2024, 5, 1), "51", requests_total=20, completed=1),  # the whole province
        ],
    })
    assert rows(execute_query(connection, "kpi_completion_rate_by_regency")) == [
        ("51.01", "Kabupaten Jembrana", "2024-02-29", 80.0), ("51.71", "Kota Denpasar", "2024-02-29", 100.0)]
