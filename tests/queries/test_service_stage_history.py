from datetime import date

import pandas as pd

from smartisland.db import execute_query


def day(value):
    """A date from DuckDB's timestamp, None for a missing one."""
    return None if pd.isna(value) else value.date()


def test_every_stage_has_a_row_and_stages_not_reached_have_no_date(make_warehouse):
    connection = make_warehouse({
        "service_stages": [
            {"service_id": "svc-a", "maturity_stage": 1, "reached_on": date(2020, 1, 1)},
            {"service_id": "svc-a", "maturity_stage": 2, "reached_on": date(2021, 6, 1)},
            {"service_id": "svc-b", "maturity_stage": 1, "reached_on": date(2019, 1, 1)},
        ],
    })
    result = execute_query(connection, "service_stage_history", service_id="svc-a")
    assert [(row.maturity_stage, day(row.reached_on)) for row in result.itertuples()] == [
        (1, date(2020, 1, 1)), (2, date(2021, 6, 1)), (3, None), (4, None)]
