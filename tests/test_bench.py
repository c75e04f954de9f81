"""The benchmark scales the warehouse honestly, generates large inputs with DuckDB that load, measures each load
in its own process and runs every query (its timings are not asserted)."""
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from support import FIXTURE_DATA, FIXTURE_TODAY

from smartisland.contract import DATASETS, DATASETS_BY_NAME
from smartisland.db import query_names
from smartisland.load import build_warehouse, load_files
from smartisland.tools.bench import (
    BENCH_TODAY,
    SESSIONS_PER_USAGE_MONTH,
    bench_page_queries,
    bench_queries,
    bench_summary_refresh,
    generate_points,
    generate_scaled,
    generate_sessions,
    generate_usage,
    generate_usage_xlsx,
    measure_kpis,
    measure_load,
    pandas_kpis,
    plain_checks_sql,
    project_kpis,
    scaled_row_counts,
)

ROOT = Path(__file__).resolve().parents[1]


# The fixture's Wi-Fi data, with services and province surveys besides, for every headline KPI.
BENCH_FIXTURE_FILES = {
    "reference/services.csv": "service_id,name_id,name_en,agency,maturity_stage,is_integrated,launched_on,"
    "is_in_article\nsvc-a,Layanan A,Service A,Bappeda,2,true,2020-01-01,true\n"
    "svc-b,Layanan B,Service B,Diskominfos,1,false,,false\n",
    "sample/service_stages.csv": "service_id,maturity_stage,reached_on\nsvc-a,1,2020-01-01\nsvc-a,2,2022-01-01\n",
    "sample/service_monthly.csv": "service_id,month,regency_code,requests_total,requests_online,completed,"
    "median_days,satisfaction_ikm,cost_per_transaction_idr\n"
    "svc-a,2026-09-01,51,100,40,90,3,,\nsvc-a,2026-10-01,51,120,60,100,2.5,80,\n"
    "svc-b,2026-10-01,51,30,,25,,,\nsvc-b,2026-10-01,51.71,10,7,9,,,\n",
    "sample/signal_surveys.csv": "village_code,surveyed_on,source,best_technology,signal_quality\n"
    "51.01.01.2001,2025-03-01,province,4g,good\n51.01.01.2001,2026-03-01,province,3g,good\n"
    "51.01.01.2002,2026-03-02,province,4g,good\n51.71.01.1001,2024-05-01,province,5g,weak\n"
    "51.71.01.1001,2026-04-01,operator,4g,good\n",
}


@pytest.fixture(scope="module")
def scaled_two(tmp_path_factory) -> tuple[Path, Path]:
    """The fixture warehouse and the data generated from it at scale 2 (its Parquet files and warehouse)."""
    folder = tmp_path_factory.mktemp("bench")
    data = folder / "data"
    shutil.copytree(FIXTURE_DATA, data)
    for name, text in BENCH_FIXTURE_FILES.items():
        (data / name).write_text(text)
    source = folder / "fixture.duckdb"
    result = build_warehouse(data, source, today=FIXTURE_TODAY)
    assert result.ok, [problem.message("en") for problem in result.problems]
    generate_scaled(source, folder / "scale-2", 2)
    return source, folder / "scale-2"


def table_rows(db_path: Path) -> dict[str, int]:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        return {dataset.name: connection.execute(f"select count(*) from {dataset.name}").fetchone()[0]
                for dataset in DATASETS}


def test_scale_two_has_exactly_the_rows_asked_for_under_unique_keys(scaled_two):
    source, folder = scaled_two
    source_rows = table_rows(source)
    assert (source_rows["wifi_points"], source_rows["wifi_usage_monthly"], source_rows["services"],
            source_rows["service_stages"], source_rows["service_monthly"]) == (4, 4, 2, 2, 4)
    # two copies of the points and their months; 1 + 14 copies of the services with their stages and months
    expected = {**source_rows, "wifi_points": 8, "wifi_usage_monthly": 8, "services": 30, "service_stages": 30,
                "service_monthly": 60}
    assert table_rows(folder / "warehouse.duckdb") == expected
    assert scaled_row_counts(source_rows, 2) == {**expected, "raw_wifi_sessions": 40}
    with duckdb.connect(str(folder / "warehouse.duckdb"), read_only=True) as connection:
        # the keys the contract names are unique (the tables' primary keys hold them) and references resolve
        assert connection.execute("select count(*) from wifi_usage_monthly where point_id not in "
                                  "(select point_id from wifi_points)").fetchone()[0] == 0
        assert connection.execute("select count(*) from service_monthly where service_id not in "
                                  "(select service_id from services)").fetchone()[0] == 0
        copy = connection.execute(
            "select sessions, traffic_gb from wifi_usage_monthly where point_id = 'wf-1-x1' order by month"
        ).fetchall()
        rolled = connection.execute(
            "select count(*), round(sum(bytes) / 1e9, 3) from read_parquet($path) where point_id = 'wf-1-x1' "
            "group by date_trunc('month', started_at) order by date_trunc('month', started_at)",
            {"path": str(folder / "raw_wifi_sessions.parquet")}).fetchall()
        sessions = connection.execute("select count(*), count(distinct (point_id, started_at)) from "
                                      "read_parquet($path)",
                                      {"path": str(folder / "raw_wifi_sessions.parquet")}).fetchone()
        summary_rows = connection.execute("select count(*) from wifi_in_service_by_district").fetchone()[0]
    assert copy == rolled and [row[0] for row in copy] == [SESSIONS_PER_USAGE_MONTH] * len(copy)
    assert len(copy) == 2 and sessions == (40, 40)
    assert summary_rows > 0  # the summaries were refreshed from the generated facts


def test_scale_one_is_the_source_as_it_is(fixture_db, tmp_path):
    rows = generate_scaled(fixture_db, tmp_path / "scale-1", 1)
    assert rows["raw_wifi_sessions"] == 0
    assert table_rows(tmp_path / "scale-1" / "warehouse.duckdb") == table_rows(fixture_db)


def test_every_query_runs_on_the_generated_warehouse(scaled_two):
    _, folder = scaled_two
    timings = bench_queries(folder / "warehouse.duckdb", repeats=1)
    assert sorted(timings) == query_names()


def test_the_pandas_way_gives_exactly_the_projects_headline_kpis(scaled_two):
    _, folder = scaled_two
    pandas_values = pandas_kpis(folder)
    assert pandas_values == project_kpis(folder / "warehouse.duckdb")
    # at 2026-10-31: 6 points of 8 are in service (wf-4 and its copy were decommissioned), in all 3 villages;
    # of the province's latest surveys one village is good (51.01.01.2002: 51.01.01.2001 is now 3g, 51.71.01.1001
    # weak); the province's October take-up counts only services reporting both: 15 copies of svc-a's 60 of 120
    assert pandas_values == {"wifi_points_active": ["2026-10-31", 6.0],
                             "villages_with_wifi_pct": ["2026-10-31", 100.0],
                             "villages_good_4g_pct": ["2026-03-02", 100.0 * 1 / 3],
                             "digital_takeup_pct": ["2026-10-31", 100.0 * (15 * 60) / (15 * 120)]}


def test_kpis_are_measured_in_child_processes(scaled_two):
    _, folder = scaled_two
    measured = measure_kpis(folder)
    assert measured["values_equal"] is True
    assert measured["pandas_way"]["peak_mb"] > 50 and measured["project"]["peak_mb"] > 50
    assert measured["time_ratio"] == round(measured["pandas_way"]["seconds"] / measured["project"]["seconds"], 1)


def test_a_pages_queries_are_timed_together(scaled_two):
    _, folder = scaled_two
    asked = {"one": [("kpi_wifi_points_active", {})], "two": [("kpi_digital_takeup", {}), ("services_catalog", {})]}
    assert set(bench_page_queries(folder / "warehouse.duckdb", asked, repeats=1)) == {"one", "two"}


def test_the_committed_results_have_what_the_readme_table_reads():
    report = json.loads((ROOT / "bench-results.json").read_text())
    scale = str(report["scale"])
    assert {"cores", "memory_gib", "load_average_start", "load_average_end"} <= report["machine"].keys()
    assert set(report["queries_ms"]) == set(query_names())
    assert all(set(times) == {"1", scale} for times in report["queries_ms"].values())
    # null: a query added since the last run at that scale, not measured there (never a figure copied across)
    assert all(times["1"] is not None for times in report["queries_ms"].values())
    for figures in report["pages"].values():
        assert {"queries", "queries_ms", "warm_run_ms", "browser_first_load_ms", "bytes_sent"} <= figures.keys()
    for size in ("1", scale):
        assert {"rows", "warehouse_mb", "generate_and_build_seconds"} <= report["scales"][size].keys()
        assert report["kpis"][size]["values_equal"] is True
        assert {"time_ratio", "memory_ratio"} <= report["kpis"][size].keys()
    assert report["loader"]["loads"]


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


def test_the_summaries_after_a_month_appended_are_refreshed_both_ways_and_compared(scaled_two, tmp_path):
    shutil.copy(scaled_two[1] / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    report = bench_summary_refresh(tmp_path / "warehouse.duckdb", tmp_path)
    # October 2026: svc-a's province row and svc-b's two, in each of the 15 copies of the services at scale 2.
    assert report["rows_appended"]["service_monthly"] == 3 * 15
    assert report["rows_appended"]["signal_surveys"] == 0
    assert report["equal"] is True
    assert all(summary["rows_differing"] == 0 and summary["rows"] > 0 for summary in report["summaries"].values())
    assert report["incremental_seconds"] >= 0 and report["whole_seconds"] >= 0


def test_a_refresh_that_misses_the_month_appended_is_found_unequal(scaled_two, tmp_path, monkeypatch):
    from smartisland import warehouse

    shutil.copy(scaled_two[1] / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    monkeypatch.setattr(warehouse, "refresh_summaries_incrementally", lambda connection: None)
    report = bench_summary_refresh(tmp_path / "warehouse.duckdb", tmp_path)
    assert report["equal"] is False
    assert report["summaries"]["service_measures_by_period"]["rows_differing"] > 0
    assert report["summaries"]["coverage_by_district_quarter"]["rows_differing"] == 0  # no survey appended


def test_streamlits_floor_is_a_page_of_one_title_and_nothing_else():
    from streamlit.testing.v1 import AppTest

    from smartisland.ui.page_timing import FLOOR_PAGE

    app = AppTest.from_file(str(FLOOR_PAGE), default_timeout=60).run()
    assert not app.exception
    assert [title.value for title in app.title] == ["Halaman satu baris"]
    assert len(app.main.children) == 1
