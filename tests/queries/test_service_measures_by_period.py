"""The summary table of service measures by period unit (queries/summaries/), rebuilt with every change of the
warehouse: exact rows on tiny data, the same rows as the shared macro on the sample, its grain."""
from datetime import date

import duckdb
import pandas as pd
from support.grain import assert_grain
from support.service_rows import COLUMNS, FEBRUARY, JANUARY, figures, plain_rows

from smartisland.config import QUERIES_DIR

SUMMARY = "service_measures_by_period"
UNITS = ("month", "quarter", "year")


def test_one_row_per_period_unit_area_period_and_service(make_warehouse):
    connection = make_warehouse({"service_monthly": [
        figures("svc-a", JANUARY, 100, 60, 90, 4.0, 80.0, 10000.0),
        figures("svc-a", FEBRUARY, 200, 150, 180, 2.0, None, 8000.0),
    ]})
    result = connection.execute(
        "select period_unit, regency_code, period_start, service_id, months_with_rows, requests_total, "
        f"digital_take_up from {SUMMARY} order by period_unit, period_start, service_id nulls first").df()
    january, february = pd.Timestamp(JANUARY), pd.Timestamp(FEBRUARY)
    assert plain_rows(result) == [
        ["month", "51", january, None, 1, 100, 0.6],
        ["month", "51", january, "svc-a", 1, 100, 0.6],
        ["month", "51", february, None, 1, 200, 0.75],
        ["month", "51", february, "svc-a", 1, 200, 0.75],
        ["quarter", "51", january, None, 2, 300, 0.7],
        ["quarter", "51", january, "svc-a", 2, 300, 0.7],
        ["year", "51", pd.Timestamp(date(2025, 1, 1)), None, 2, 300, 0.7],
        ["year", "51", pd.Timestamp(date(2025, 1, 1)), "svc-a", 2, 300, 0.7],
    ]


def test_without_service_figures_the_summary_is_empty(make_warehouse):
    connection = make_warehouse({})
    assert connection.execute(f"select count(*) from {SUMMARY}").fetchone() == (0,)


def test_the_sample_summary_is_the_shared_macro_for_every_unit(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        for unit in UNITS:
            order = "order by regency_code, period_start, service_id nulls first"
            summary = connection.execute(f"select {COLUMNS} from {SUMMARY} where period_unit = $unit {order}",
                                         {"unit": unit}).df()
            macro = connection.execute(f"select {COLUMNS} from service_measures($unit) {order}", {"unit": unit}).df()
            assert len(summary) > 100
            pd.testing.assert_frame_equal(summary, macro)
        whole = connection.execute(f"select * from {SUMMARY}").df()
    assert_grain(whole, (QUERIES_DIR / "summaries" / f"{SUMMARY}.sql").read_text(encoding="utf-8"), SUMMARY)
