"""Summary tables refreshed for what a change wrote (warehouse.refresh_summaries_incrementally) hold exactly the
rows the whole rebuild (warehouse.refresh_summaries, the reference) gives: months appended to the sample and to a
warehouse generated at scale 3, a load through the loader, and a dataset replaced."""
import math
import shutil
from datetime import date

import duckdb
import pytest

from smartisland import warehouse
from smartisland.contract import DATASETS_BY_NAME
from smartisland.load import load_files

# The datasets loaded by appending, and the date that places each row in time.
APPENDED = {"service_monthly": "month", "wifi_usage_monthly": "month", "signal_surveys": "surveyed_on"}
SUMMARIES = sorted(path.stem for path in warehouse.SUMMARIES_DIR.glob("*.sql"))
REBUILD_WHOLE = warehouse.refresh_summaries  # the reference, kept before a test forbids it in changes


def _sort_key(row: tuple) -> tuple:
    """By the values that are not sums of doubles: the grain of every summary."""
    return tuple((value is None, str(value)) for value in row if not isinstance(value, float))


def assert_same_rows(refreshed: dict[str, list[tuple]], expected: dict[str, list[tuple]]) -> None:
    """Every summary's rows equal; a sum of doubles to 12 significant digits, as the engine adds them in an order
    of its own (two whole rebuilds differ in the last digit too)."""
    assert refreshed.keys() == expected.keys()
    for name in expected:
        assert len(refreshed[name]) == len(expected[name]), name
        for got, wanted in zip(refreshed[name], expected[name]):
            assert len(got) == len(wanted), name
            for value, reference in zip(got, wanted):
                if isinstance(reference, float) and isinstance(value, float):
                    assert math.isclose(value, reference, rel_tol=1e-12), (name, got, wanted)
                else:
                    assert value == reference, (name, got, wanted)


def summary_rows(path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return {name: sorted(connection.execute(f'select * from "{name}"').fetchall(), key=_sort_key)
                for name in SUMMARIES}


def rebuilt_whole(path, tmp_path) -> dict[str, list[tuple]]:
    copy = tmp_path / "rebuilt-whole.duckdb"
    shutil.copy(path, copy)
    with duckdb.connect(str(copy)) as connection:
        REBUILD_WHOLE(connection)
    return summary_rows(copy)


def _refuse(*args, **kwargs):
    raise AssertionError("the summaries were rebuilt whole")


@pytest.fixture
def whole_rebuild_forbidden(monkeypatch):
    """A change that rebuilt its summaries whole would fail: what follows is refreshed incrementally."""
    monkeypatch.setattr(warehouse, "refresh_summaries", _refuse)


def append_since(source, target, since: date, forbid=None) -> None:
    """`target`: `source` without its rows of APPENDED from `since` on (summaries rebuilt whole for that state),
    then those rows appended in one change."""
    shutil.copy(source, target)
    appended = {}
    with duckdb.connect(str(target)) as connection:
        for name, column in APPENDED.items():
            appended[name] = connection.execute(f'select * from "{name}" where "{column}" >= $since',
                                                {"since": since}).df()
            connection.execute(f'delete from "{name}" where "{column}" >= $since', {"since": since})
        REBUILD_WHOLE(connection)
    assert all(len(frame) for frame in appended.values()), "each dataset has rows to append"
    if forbid:
        forbid()
    with warehouse.change(target) as connection:
        for name, frame in appended.items():
            warehouse.write_dataset(connection, DATASETS_BY_NAME[name], frame, replace=False)


def test_the_sample_with_2026_appended_equals_the_whole_rebuild(sample_db, tmp_path, monkeypatch):
    target = tmp_path / "appended.duckdb"
    expected = summary_rows(sample_db)
    append_since(sample_db, target, date(2026, 1, 1),
                 forbid=lambda: monkeypatch.setattr(warehouse, "refresh_summaries", _refuse))
    monkeypatch.undo()
    refreshed = summary_rows(target)
    assert_same_rows(refreshed, expected)
    # The months appended are in the summaries, not only the months before.
    assert [row for row in refreshed["service_stages_by_month"] if row[0] == date(2026, 10, 1)] == \
        [row for row in expected["service_stages_by_month"] if row[0] == date(2026, 10, 1)] != []


def test_a_warehouse_generated_at_scale_3_with_months_appended_equals_the_whole_rebuild(sample_db, tmp_path,
                                                                                      monkeypatch):
    from smartisland.tools.bench import generate_scaled

    generate_scaled(sample_db, tmp_path / "scale-3", 3)
    source = tmp_path / "scale-3" / "warehouse.duckdb"
    target = tmp_path / "appended.duckdb"
    append_since(source, target, date(2025, 7, 1),
                 forbid=lambda: monkeypatch.setattr(warehouse, "refresh_summaries", _refuse))
    monkeypatch.undo()
    assert_same_rows(summary_rows(target), summary_rows(source))


def test_a_load_of_service_months_refreshes_from_its_year_and_equals_the_whole_rebuild(sample_db, tmp_path,
                                                                                     whole_rebuild_forbidden):
    from support import FIXTURE_TODAY

    path = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_db, path)
    before = summary_rows(path)
    months = tmp_path / "service_monthly_november.csv"
    months.write_text("service_id,month,regency_code,requests_total,requests_online,completed,median_days,"
                      "satisfaction_ikm,cost_per_transaction_idr\n"
                      "svc-social_aid,2026-11,51,4000,3000,3500,8.5,,20000\n"
                      "svc-social_aid,2026-11,51.01,400,300,350,9.5,,21000\n", encoding="utf-8")
    result = load_files("service_monthly", [months], path, today=FIXTURE_TODAY)
    assert result.ok, [problem.message("en") for problem in result.problems]
    after = summary_rows(path)
    # November's figures for the province and the regency, the service and all services together.
    november = [row[:5] for row in after["service_measures_by_period"]
                if row[0] == "month" and row[2] == date(2026, 11, 1)]
    assert november == [("month", "51", date(2026, 11, 1), "svc-social_aid", date(2026, 11, 1)),
                        ("month", "51", date(2026, 11, 1), None, date(2026, 11, 1)),
                        ("month", "51.01", date(2026, 11, 1), "svc-social_aid", date(2026, 11, 1)),
                        ("month", "51.01", date(2026, 11, 1), None, date(2026, 11, 1))]
    # Summaries reading no service months are as they were; rows of the years before 2026 too.
    assert after["coverage_by_district_quarter"] == before["coverage_by_district_quarter"]
    assert after["wifi_in_service_by_district"] == before["wifi_in_service_by_district"]
    assert [row for row in after["service_measures_by_period"] if row[2] < date(2026, 1, 1)] == \
        [row for row in before["service_measures_by_period"] if row[2] < date(2026, 1, 1)]
    assert_same_rows(after, rebuilt_whole(path, tmp_path))


def test_a_replaced_dataset_rebuilds_the_summaries_reading_it_whole(sample_db, tmp_path):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_db, path)
    with duckdb.connect(str(path), read_only=True) as connection:
        stages = connection.execute("select * from service_stages where maturity_stage < 3").df()
    with warehouse.change(path) as connection:
        warehouse.write_dataset(connection, DATASETS_BY_NAME["service_stages"], stages, replace=True)
    after = summary_rows(path)
    # No service stands at stage 3 or 4 once those stages are gone, in any month.
    assert {row[1] for row in after["service_stages_by_month"] if row[2] > 0} == {1, 2}
    assert_same_rows(after, rebuilt_whole(path, tmp_path))
