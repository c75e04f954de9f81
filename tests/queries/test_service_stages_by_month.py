"""The summary table of services by maturity stage at each month end (queries/summaries/), refreshed with every
change of the warehouse: exact rows on tiny data, a month appended, and its grain on the sample."""
from datetime import date

import duckdb
from support.grain import assert_grain

from smartisland import warehouse
from smartisland.config import QUERIES_DIR
from smartisland.contract import DATASETS_BY_NAME

SUMMARY = "service_stages_by_month"
STAGES = [
    {"service_id": "svc-b", "maturity_stage": 1, "reached_on": date(2024, 12, 10)},
    {"service_id": "svc-a", "maturity_stage": 1, "reached_on": date(2025, 1, 15)},
    {"service_id": "svc-a", "maturity_stage": 2, "reached_on": date(2025, 1, 31)},
    {"service_id": "svc-a", "maturity_stage": 3, "reached_on": date(2025, 3, 5)},
]
APRIL = {"service_id": "svc-a", "month": date(2025, 4, 1), "regency_code": "51", "requests_total": 5}


def summary_rows(connection) -> list[tuple]:
    return connection.execute(f"select month, maturity_stage, service_count from {SUMMARY} "
                              "order by month, maturity_stage").fetchall()


def counts(month: date, *service_counts: int) -> list[tuple]:
    return [(month, stage, count) for stage, count in zip((1, 2, 3, 4), service_counts)]


def test_each_month_counts_services_at_the_highest_stage_reached_by_its_end(make_warehouse):
    connection = make_warehouse({"service_stages": STAGES, "service_monthly": [APRIL]})
    assert summary_rows(connection) == [
        *counts(date(2024, 12, 1), 1, 0, 0, 0),
        *counts(date(2025, 1, 1), 1, 1, 0, 0),
        *counts(date(2025, 2, 1), 1, 1, 0, 0),
        *counts(date(2025, 3, 1), 1, 0, 1, 0),
        *counts(date(2025, 4, 1), 1, 0, 1, 0),  # no stage reached in April: its monthly figure extends the months
    ]


def test_no_stages_give_no_rows(make_warehouse):
    assert summary_rows(make_warehouse({"service_monthly": [APRIL]})) == []


def test_a_month_of_figures_appended_adds_that_month_in_the_same_change(make_warehouse, tmp_path):
    import pandas as pd

    make_warehouse({"service_stages": STAGES, "service_monthly": [APRIL]}).close()
    path = tmp_path / "tiny-0.duckdb"
    dataset = DATASETS_BY_NAME["service_monthly"]
    june = pd.DataFrame([{**APRIL, "month": date(2025, 6, 1)}], columns=list(dataset.column_names))
    with warehouse.change(path) as connection:
        warehouse.write_dataset(connection, dataset, june, replace=False)
    with duckdb.connect(str(path), read_only=True) as connection:
        rows = summary_rows(connection)
    assert rows[-8:] == [*counts(date(2025, 5, 1), 1, 0, 1, 0), *counts(date(2025, 6, 1), 1, 0, 1, 0)]
    assert len(rows) == 7 * 4


def test_the_sample_holds_to_the_grain(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        result = connection.execute(f"select * from {SUMMARY}").df()
    assert len(result) > 100
    assert_grain(result, (QUERIES_DIR / "summaries" / f"{SUMMARY}.sql").read_text(encoding="utf-8"), SUMMARY)
