"""The benchmark scales the warehouse honestly and runs every query (its timings are not asserted)."""
import duckdb

from smartisland.db import query_names
from smartisland.tools.bench import bench_queries, scale_warehouse


def test_scaling_repeats_fact_rows_under_unique_keys(fixture_db, tmp_path):
    scaled = tmp_path / "scaled.duckdb"
    rows = scale_warehouse(fixture_db, scaled, 3)
    assert rows["wifi_points"] == 12 and rows["wifi_usage_monthly"] == 12 and rows["regions"] == 8
    with duckdb.connect(str(scaled), read_only=True) as connection:
        assert connection.execute("select count(distinct point_id) from wifi_points").fetchone()[0] == 12
        orphans = connection.execute("select count(*) from wifi_usage_monthly where point_id not in "
                                     "(select point_id from wifi_points)").fetchone()[0]
    assert orphans == 0


def test_every_query_is_timed(fixture_db):
    timings = bench_queries(fixture_db, repeats=1)
    assert sorted(timings) == query_names()
    assert all(milliseconds >= 0 for milliseconds in timings.values())
