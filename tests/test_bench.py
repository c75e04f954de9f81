"""The benchmark scales the warehouse honestly, generates large inputs with DuckDB that load, measures each load
in its own process and runs every query (its timings are not asserted)."""
import shutil
from pathlib import Path

import duckdb
import pytest
from support import FIXTURE_DATA, FIXTURE_TODAY

from smartisland.contract import DATASETS_BY_NAME
from smartisland.db import query_names
from smartisland.load import build_warehouse, load_files
from smartisland.tools.bench import (
    BENCH_TODAY,
    bench_queries,
    generate_points,
    generate_sessions,
    generate_usage,
    generate_usage_xlsx,
    measure_load,
    plain_checks_sql,
    scale_warehouse,
)


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


def test_generated_sessions_and_monthly_use_have_the_rows_and_unique_keys_asked_for(tmp_path):
    generate_sessions(tmp_path / "s.csv", 1000, 7)
    generate_usage(tmp_path / "u.csv", 1000, 7)
    generate_usage(tmp_path / "u.parquet", 1000, 7)
    with duckdb.connect() as connection:
        sessions = connection.execute(
            "select count(*), count(distinct (point_id, started_at)), count(distinct point_id), min(point_id), "
            "max(point_id), max(started_at) < $today from read_csv($path)",
            {"path": str(tmp_path / "s.csv"), "today": BENCH_TODAY}).fetchone()
        assert sessions == (1000, 1000, 7, "bench-0000000", "bench-0000006", True)
        for reader in ("read_csv", "read_parquet"):
            name = "u.csv" if reader == "read_csv" else "u.parquet"
            usage = connection.execute(
                "select count(*), count(distinct (point_id, month)), count(distinct point_id), "
                f"bool_and(day(month) = 1), bool_and(sessions = unique_users * 6) from {reader}($path)",
                {"path": str(tmp_path / name)}).fetchone()
            assert usage == (1000, 1000, 7, True, True)
    with pytest.raises(ValueError):
        generate_usage(tmp_path / "too-many.csv", 1000, 3)  # 334 months a point would run into the future


@pytest.fixture
def bench_db(tmp_path) -> tuple[Path, list[str]]:
    """The fixture warehouse with five generated copies of its Wi-Fi points."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, folder)
    new_ids = generate_points(FIXTURE_DATA / "sample" / "wifi_points.csv", folder / "sample" / "wifi_points.csv", 5)
    path = tmp_path / "bench.duckdb"
    result = build_warehouse(folder, path, today=FIXTURE_TODAY)
    assert result.ok, [problem.message("en") for problem in result.problems]
    return path, new_ids


def test_generated_files_load_with_the_loader(bench_db, tmp_path):
    db_path, new_ids = bench_db
    assert new_ids == [f"bench-{number:07d}" for number in range(5)]
    generate_sessions(tmp_path / "s.csv", 200, 5)
    generate_usage_xlsx(tmp_path / "u.xlsx", 50, 5)
    usage_db = shutil.copy(db_path, tmp_path / "usage.duckdb")  # the months of both files are the same
    sessions = load_files("wifi_sessions", [tmp_path / "s.csv"], db_path, today=FIXTURE_TODAY)
    usage = load_files("wifi_usage_monthly", [tmp_path / "u.xlsx"], usage_db, today=FIXTURE_TODAY)
    assert sessions.ok and usage.ok, [problem.message("en") for problem in sessions.problems + usage.problems]
    assert [record.rows for record in sessions.loaded + usage.loaded] == [200, 50]
    with duckdb.connect(str(db_path), read_only=True) as connection:
        rolled = connection.execute("select sum(sessions), count(*), count(unique_users) from wifi_usage_monthly "
                                    "where point_id like 'bench-%'").fetchone()
        months = connection.execute("select count(distinct (point_id, date_trunc('month', started_at))) from "
                                    "read_csv($path)", {"path": str(tmp_path / "s.csv")}).fetchone()[0]
    assert rolled == (200, months, 0)
    with duckdb.connect(str(usage_db), read_only=True) as connection:
        loaded = connection.execute("select sum(sessions), count(*) from wifi_usage_monthly where point_id like "
                                    "'bench-%'").fetchone()
    assert loaded == (usage_sessions_in(tmp_path / "u.xlsx"), 50)


def usage_sessions_in(path: Path) -> int:
    """The sessions the generated XLSX holds, read back with python-calamine."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert rows[0] == ["point_id", "month", "unique_users", "sessions", "traffic_gb", "uptime_pct"]
    return int(sum(row[3] for row in rows[1:]))


def test_plain_duckdb_checks_count_the_rows_that_break_a_rule(tmp_path):
    generate_usage(tmp_path / "u.csv", 100, 5)
    bad = (tmp_path / "u.csv").read_text() + "bench-0000001,2001-02-01,5,-1,1.5,99\n"  # a negative count
    (tmp_path / "bad.csv").write_text(bad)
    with duckdb.connect() as connection:
        connection.execute("create table staged as select * from read_csv($path, all_varchar = true)",
                           {"path": str(tmp_path / "bad.csv")})
        checks_sql, parameters = plain_checks_sql(DATASETS_BY_NAME["wifi_usage_monthly"])
        assert connection.execute(checks_sql, parameters).fetchone()[0] == 1


def test_a_load_is_measured_in_its_own_process_against_duckdb_alone(bench_db, tmp_path):
    db_path, _ = bench_db
    generate_usage(tmp_path / "u.csv", 300, 5)
    measured = measure_load("wifi_usage_monthly", tmp_path / "u.csv", 300, db_path, tmp_path)
    assert measured["loader"]["exit_code"] == 0 and measured["duckdb_alone"]["exit_code"] == 0
    assert measured["rows"] == 300 and measured["loader"]["peak_mb"] > 50 and measured["loader"]["seconds"] > 0
    assert measured["time_ratio"] == round(measured["loader"]["seconds"] / measured["duckdb_alone"]["seconds"], 2)
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith("load-")] == []
