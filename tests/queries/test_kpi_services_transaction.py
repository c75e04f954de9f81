from datetime import date

from support.kpi_rows import REGIONS, rows, service_month

from smartisland.db import execute_query


def stage(service_id, maturity_stage, reached_on):
    return {"service_id": service_id, "maturity_stage": maturity_stage, "reached_on": reached_on}


def test_services_at_transaction_or_beyond_per_month_end(make_warehouse):
    connection = make_warehouse({
        "regions": REGIONS,
        "service_stages": [
            stage("a", 1, date(2024, 1, 10)), stage("a", 2, date(2024, 1, 20)), stage("a", 3, date(2024, 2, 5)),
            stage("b", 3, date(2024, 3, 1)), stage("b", 4, date(2024, 3, 20)),
            stage("c", 2, date(2024, 1, 1)),
        ],
        "service_monthly": [service_month("a", date(2024, 4, 1), requests_total=1)],
    })
    assert rows(execute_query(connection, "kpi_services_transaction")) == [
        ("2024-01-31", 0.0), ("2024-02-29", 1.0), ("2024-03-31", 2.0), ("2024-04-30", 2.0)]
