from datetime import date

import pandas as pd

from smartisland.db import execute_query


def day(value):
    """A date from DuckDB's timestamp, None for a missing one."""
    return None if pd.isna(value) else value.date()


def test_each_month_counts_services_at_the_highest_stage_reached_by_its_end(make_warehouse):
    connection = make_warehouse({
        "service_stages": [
            {"service_id": "svc-b", "maturity_stage": 1, "reached_on": date(2024, 12, 10)},
            {"service_id": "svc-a", "maturity_stage": 1, "reached_on": date(2025, 1, 15)},
            {"service_id": "svc-a", "maturity_stage": 2, "reached_on": date(2025, 1, 31)},
            {"service_id": "svc-a", "maturity_stage": 3, "reached_on": date(2025, 3, 5)},
        ],
        "service_monthly": [
            {"service_id": "svc-a", "month": date(2025, 4, 1), "regency_code": "51", "requests_total": 5},
        ],
    })
    result = execute_query(connection, "services_by_stage_over_time")
    counts = {(day(row.month), row.maturity_stage): row.service_count for row in result.itertuples()}
    months = [date(2024, 12, 1), date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1), date(2025, 4, 1)]
    assert [day(month) for month in result["month"].drop_duplicates()] == months
    assert [[counts[(month, stage)] for stage in (1, 2, 3, 4)] for month in months] == [
        [1, 0, 0, 0],
        [1, 1, 0, 0],
        [1, 1, 0, 0],
        [1, 0, 1, 0],
        [1, 0, 1, 0],
    ]


def test_no_stages_give_no_rows(make_warehouse):
    assert execute_query(make_warehouse({}), "services_by_stage_over_time").empty
