"""The summary table of Wi-Fi points in service by month end and district (queries/summaries/), rebuilt with
every change of the warehouse: exact rows on a tiny Bali, its grain on the sample, and a load that moves it."""
from datetime import date

from support.connectivity_rows import REGIONS, WIFI_POINTS
from support.grain import assert_grain

from smartisland.config import QUERIES_DIR
from smartisland.load import load_files

SUMMARY = "wifi_in_service_by_district"
# A second point in Sanur, from 2020: two points in service there, one village.
SECOND_SANUR_POINT = {**WIFI_POINTS[3], "point_id": "wf-5", "site_name": "Balai Banjar Sanur", "bandwidth_mbps": 30,
                      "installed_on": date(2020, 1, 1), "status": "active", "decommissioned_on": None,
                      "funded_until": None}


def summary_rows(connection, month_end: date | None = None) -> list[tuple]:
    rows = connection.execute(
        f"select month_end, district_code, points_in_service, villages_with_points, bandwidth_mbps_total, "
        f"points_with_bandwidth from {SUMMARY} where $month_end is null or month_end = $month_end "
        f"order by month_end, district_code", {"month_end": month_end}).fetchall()
    return rows


def test_one_row_per_month_end_and_district_with_a_point_in_service(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": [*WIFI_POINTS, SECOND_SANUR_POINT]})
    # March 2019: only wf-4 (Sanur); wf-1 comes in April.
    assert summary_rows(connection, date(2019, 3, 31)) == [(date(2019, 3, 31), "51.71.01", 1, 1, 10.0, 1)]
    assert summary_rows(connection, date(2019, 6, 30)) == [(date(2019, 6, 30), "51.01.01", 2, 2, 70.0, 2),
                                                          (date(2019, 6, 30), "51.71.01", 1, 1, 10.0, 1)]
    # 2020: wf-4 and wf-5 in the same village: two points, one village.
    assert summary_rows(connection, date(2020, 1, 31)) == [(date(2020, 1, 31), "51.01.01", 2, 2, 70.0, 2),
                                                          (date(2020, 1, 31), "51.71.01", 2, 1, 40.0, 2)]
    # wf-4 was decommissioned on 31 December 2021: no longer in service that day.
    assert summary_rows(connection, date(2021, 12, 31)) == [(date(2021, 12, 31), "51.01.01", 2, 2, 70.0, 2),
                                                           (date(2021, 12, 31), "51.71.01", 1, 1, 30.0, 1)]
    assert summary_rows(connection, date(2022, 1, 31)) == [(date(2022, 1, 31), "51.01.01", 2, 2, 70.0, 2),
                                                          (date(2022, 1, 31), "51.71.01", 2, 1, 80.0, 2)]
    # 35 month ends (March 2019 to January 2022): Sanur's district in all, Negara's from April 2019.
    assert len(summary_rows(connection)) == 35 + 34


def test_without_wifi_points_the_summary_is_empty(make_warehouse):
    connection = make_warehouse({"regions": REGIONS})
    assert summary_rows(connection) == []


def test_the_sample_holds_to_the_grain(sample_db):
    import duckdb

    with duckdb.connect(str(sample_db), read_only=True) as connection:
        result = connection.execute(f"select * from {SUMMARY}").df()
    assert len(result) > 1000
    assert_grain(result, (QUERIES_DIR / "summaries" / f"{SUMMARY}.sql").read_text(encoding="utf-8"), SUMMARY)


def test_a_load_of_new_usage_months_extends_the_summary_in_the_same_change(fixture_db, tmp_path):
    import duckdb
    from support import FIXTURE_TODAY

    with duckdb.connect(str(fixture_db), read_only=True) as connection:
        before = summary_rows(connection)
    assert before[-1][0] == date(2026, 10, 31)  # the fixture's usage runs to October 2026
    usage = tmp_path / "wifi_usage_monthly_november.csv"
    usage.write_text("point_id,month,unique_users,sessions,traffic_gb,uptime_pct\n"
                     "wf-1,2026-11,120,400,30.5,99\nwf-3,2026-11,310,950,125,100\n", encoding="utf-8")
    result = load_files("wifi_usage_monthly", [usage], fixture_db, today=FIXTURE_TODAY)
    assert result.ok, [problem.message("en") for problem in result.problems]
    with duckdb.connect(str(fixture_db), read_only=True) as connection:
        after = summary_rows(connection)
        november = summary_rows(connection, date(2026, 11, 30))
    assert after[:len(before)] == before
    assert november == [(date(2026, 11, 30), "51.01.01", 2, 2, 70.0, 2),
                        (date(2026, 11, 30), "51.71.01", 1, 1, 50.0, 1)]
    assert len(after) == len(before) + 2


def test_only_the_summaries_reading_a_changed_dataset_are_rebuilt(tmp_path):
    import duckdb
    import pandas as pd

    from smartisland import warehouse
    from smartisland.contract import DATASETS_BY_NAME

    def summaries(connection) -> list[str]:
        return [name for (name,) in connection.execute(
            "select table_name from information_schema.tables where table_name in "
            "('wifi_in_service_by_district', 'coverage_by_district_quarter') order by table_name").fetchall()]

    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as connection:
        warehouse.create_schema(connection)
        for name, rows in (("regions", REGIONS), ("wifi_points", WIFI_POINTS)):
            dataset = DATASETS_BY_NAME[name]
            warehouse.write_dataset(connection, dataset, pd.DataFrame(rows, columns=list(dataset.column_names)),
                                    replace=True)
        warehouse.refresh_summaries(connection, {"spbe_published"})
        assert summaries(connection) == []
        warehouse.refresh_summaries(connection, {"signal_surveys"})
        assert summaries(connection) == ["coverage_by_district_quarter"]
        warehouse.refresh_summaries(connection, {"wifi_usage_monthly"})
        assert summaries(connection) == ["coverage_by_district_quarter", "wifi_in_service_by_district"]
        # Without wf-5, Sanur's district has no point in service on 31 December 2021.
        assert len(summary_rows(connection)) == 34 + 34
