"""The summary table of months of use by month and regency (queries/summaries/), refreshed with every change of
the warehouse: exact rows on tiny data, the uptime KPIs read from it giving the mean over the points, and its
grain on the sample (tests/test_incremental_summaries.py: refreshed incrementally, it equals the whole rebuild)."""
from datetime import date

import duckdb
from support.grain import assert_grain
from support.kpi_rows import REGIONS, rows, usage, wifi_point

from smartisland.config import QUERIES_DIR
from smartisland.db import execute_query

SUMMARY = "wifi_uptime_by_regency_month"
# A point in a village the regions reference does not hold: no regency, yet its uptime counts for the province.
UNPLACED = wifi_point("d", "51.99.01.2001", date(2023, 1, 1))
TABLES = {
    "regions": REGIONS,
    "wifi_points": [wifi_point("a", "51.01.01.2001", date(2023, 1, 1)),
                    wifi_point("b", "51.01.01.2002", date(2023, 1, 1)),
                    wifi_point("c", "51.71.01.1001", date(2023, 1, 1)), UNPLACED],
    "wifi_usage_monthly": [usage("a", date(2023, 1, 1), 10.0), usage("c", date(2023, 1, 1), 50.0),
                           usage("a", date(2023, 2, 1), 99.0), usage("b", date(2023, 2, 1), 95.0),
                           usage("c", date(2023, 2, 1), None), usage("d", date(2023, 2, 1), 80.0)],
}


def test_one_row_per_month_and_regency_counting_and_summing_the_uptime_reported(make_warehouse):
    connection = make_warehouse(TABLES)
    assert connection.execute(f"select * from {SUMMARY} order by month, regency_code nulls last").fetchall() == [
        (date(2023, 1, 1), "51.01", "Kabupaten Jembrana", 1, 10.0),
        (date(2023, 1, 1), "51.71", "Kota Denpasar", 1, 50.0),
        (date(2023, 2, 1), "51.01", "Kabupaten Jembrana", 2, 194.0),
        (date(2023, 2, 1), "51.71", "Kota Denpasar", 0, None),  # used, but no uptime reported
        (date(2023, 2, 1), None, None, 1, 80.0),
    ]


def test_the_uptime_kpis_read_from_it_are_means_over_the_points_reporting(make_warehouse):
    connection = make_warehouse(TABLES)
    assert rows(execute_query(connection, "kpi_wifi_uptime")) == [("2023-01-31", 30.0), ("2023-02-28", 91.3333)]
    # The latest month: Denpasar reported no uptime, the unplaced point has no regency.
    assert rows(execute_query(connection, "kpi_wifi_uptime_by_regency")) == [
        ("51.01", "Kabupaten Jembrana", "2023-02-28", 97.0)]


def test_the_sample_holds_to_the_grain_and_the_kpi_is_the_mean_over_every_month_of_use(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        result = connection.execute(f"select * from {SUMMARY}").df()
        kpi = execute_query(connection, "kpi_wifi_uptime")
        direct = connection.execute("select last_day(month) as period_end, avg(uptime_pct) as value "
                                    "from wifi_usage_monthly where uptime_pct is not null group by month "
                                    "order by month").df()
    assert len(result) > 100
    assert_grain(result, (QUERIES_DIR / "summaries" / f"{SUMMARY}.sql").read_text(encoding="utf-8"), SUMMARY)
    assert rows(kpi) == rows(direct)
