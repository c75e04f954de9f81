"""Editing from the app: password hashes, uploaded files and KPI values go through the same checks."""
import hashlib
from datetime import date, datetime

import duckdb
import pytest
from support import FIXTURE_TODAY, ROOT

from smartisland.editing.auth import hash_password, verify_password
from smartisland.editing.uploads import enter_kpi_value, load_uploaded

USAGE = b"point_id,month,unique_users,sessions,traffic_gb,uptime_pct\n"


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_password_hashes_verify_and_refuse():
    stored = hash_password("rahasia-bali")
    assert verify_password("rahasia-bali", stored)
    assert not verify_password("Rahasia-bali", stored)
    assert not verify_password("rahasia-bali", "plain-text")
    assert hash_password("x") != hash_password("x")  # salted


def test_an_uploaded_file_is_loaded_under_its_own_name_by_the_editor(fixture_db):
    result = load_uploaded("wifi_usage_monthly", [("usage Jan.csv", USAGE + b"wf-1,2026-01-01,5,9,1.5,99\n")],
                           fixture_db, "ayu", today=FIXTURE_TODAY)
    assert result.ok
    with duckdb.connect(str(fixture_db), read_only=True) as connection:
        assert connection.execute("select file_name, loaded_by, rows from load_log where action = 'load'").fetchall() \
            == [("usage Jan.csv", "ayu", 1)]


def test_a_bad_upload_names_the_users_file_and_changes_nothing(fixture_db):
    before = digest(fixture_db)
    result = load_uploaded("wifi_usage_monthly", [("usage.csv", USAGE + b"wf-1,2026-01-01,5,-9,1.5,99\n")],
                           fixture_db, "ayu", today=FIXTURE_TODAY)
    assert [problem.message("en") for problem in result.problems] == \
        ["usage.csv:2: sessions: must not be negative (value: -9)"]
    assert digest(fixture_db) == before


@pytest.fixture
def kpi_db(fixture_db, tmp_path):
    kpis = (ROOT / "provinces" / "51" / "reference" / "kpis.csv").read_bytes()
    assert load_uploaded("kpis", [("kpis.csv", kpis)], fixture_db, "ayu", today=FIXTURE_TODAY).ok
    return fixture_db


def test_a_kpi_value_is_entered_with_who_and_when(kpi_db):
    result = enter_kpi_value("imdi", date(2025, 12, 31), 51.2, "IMDI 2025", "provisional", kpi_db, "ayu",
                             now=datetime(2026, 11, 1, 10, 30), today=FIXTURE_TODAY)
    assert result.ok
    with duckdb.connect(str(kpi_db), read_only=True) as connection:
        row = connection.execute("select kpi_id, period_end::varchar, value, source, entered_by, entered_at::varchar, "
                                 "note from kpi_values").fetchone()
    assert row == ("imdi", "2025-12-31", 51.2, "IMDI 2025", "ayu", "2026-11-01 10:30:00", "provisional")


@pytest.mark.calendar
def test_a_kpi_value_in_the_future_or_twice_for_a_period_is_refused(kpi_db, monkeypatch):
    monkeypatch.setenv("SMARTISLAND_TODAY", FIXTURE_TODAY.isoformat())  # `entered_at` comes from the same clock
    future = enter_kpi_value("imdi", date(2027, 12, 31), 51.2, "IMDI", "", kpi_db, "ayu", today=FIXTURE_TODAY)
    assert [problem.code for problem in future.problems] == ["future_date"]
    assert enter_kpi_value("imdi", date(2025, 12, 31), 51.2, "IMDI", "", kpi_db, "ayu", today=FIXTURE_TODAY).ok
    again = enter_kpi_value("imdi", date(2025, 12, 31), 52.0, "IMDI", "", kpi_db, "ayu", today=FIXTURE_TODAY)
    assert [problem.code for problem in again.problems] == ["key_already_loaded"]
    missing_source = enter_kpi_value("imdi", date(2024, 12, 31), 49.0, " ", "", kpi_db, "ayu", today=FIXTURE_TODAY)
    assert [problem.code for problem in missing_source.problems] == ["required"]


KPI_VALUES_HEADER = "kpi_id,period_end,value,source,entered_by,entered_at,note\n"


def _stored_kpi_values(db_path):
    with duckdb.connect(str(db_path), read_only=True) as connection:
        return connection.execute("select kpi_id, period_end::varchar, value, entered_by, entered_at::varchar "
                                  "from kpi_values order by period_end").fetchall()


@pytest.mark.calendar
def test_an_uploaded_kpi_values_file_is_entered_by_the_signed_in_editor_at_the_clocks_time(kpi_db, monkeypatch):
    monkeypatch.setenv("SMARTISLAND_TODAY", "2026-11-28T09:15:00")
    content = (KPI_VALUES_HEADER + "imdi,2024-12-31,49.5,IMDI 2024,governor,2020-01-01 00:00:00,\n"
               "imdi,2025-12-31,51.2,IMDI 2025,,,\n").encode()
    result = load_uploaded("kpi_values", [("values.csv", content)], kpi_db, "ayu")
    assert result.ok, [problem.message("en") for problem in result.problems]
    assert _stored_kpi_values(kpi_db) == [("imdi", "2024-12-31", 49.5, "ayu", "2026-11-28 09:15:00"),
                                          ("imdi", "2025-12-31", 51.2, "ayu", "2026-11-28 09:15:00")]


def test_entered_by_is_stamped_without_the_columns_and_keeps_a_semicolon_files_decimal_comma(kpi_db):
    content = b"kpi_id;period_end;value;source;note\nimdi;2025-12-31;51,2;IMDI 2025;\n"
    result = load_uploaded("kpi_values", [("nilai.csv", content)], kpi_db, "made", today=FIXTURE_TODAY,
                           now=datetime(2026, 11, 2, 8, 0))
    assert result.ok, [problem.message("en") for problem in result.problems]
    assert _stored_kpi_values(kpi_db) == [("imdi", "2025-12-31", 51.2, "made", "2026-11-02 08:00:00")]


@pytest.mark.parametrize("kind", ["xlsx", "parquet"])
def test_entered_by_is_stamped_in_spreadsheets_and_parquet_with_the_users_row_numbers(kpi_db, tmp_path, kind):
    import pandas as pd

    from smartisland.load import load_files

    frame = pd.DataFrame({"kpi_id": ["imdi", "imdi"], "period_end": ["2024-12-31", "2025-12-31"],
                          "value": [49.5, 51.2], "source": ["IMDI", ""], "entered_by": ["someone", "someone"],
                          "entered_at": ["2020-01-01 00:00:00"] * 2, "note": ["", ""]})
    path = tmp_path / f"values.{kind}"
    frame.to_excel(path, index=False) if kind == "xlsx" else frame.to_parquet(path, index=False)
    refused = load_uploaded("kpi_values", [(path.name, path.read_bytes())], kpi_db, "ayu", today=FIXTURE_TODAY,
                            now=datetime(2026, 11, 2, 8, 0))
    on_the_command_line = load_files("kpi_values", [path], kpi_db, today=FIXTURE_TODAY, display_names=[path.name])
    assert [problem.code for problem in refused.problems] == ["required"]
    assert refused.problems == on_the_command_line.problems
    frame.loc[1, "source"] = "IMDI"
    frame.to_excel(path, index=False) if kind == "xlsx" else frame.to_parquet(path, index=False)
    assert load_uploaded("kpi_values", [(path.name, path.read_bytes())], kpi_db, "ayu", today=FIXTURE_TODAY,
                         now=datetime(2026, 11, 2, 8, 0)).ok
    assert _stored_kpi_values(kpi_db) == [("imdi", "2024-12-31", 49.5, "ayu", "2026-11-02 08:00:00"),
                                          ("imdi", "2025-12-31", 51.2, "ayu", "2026-11-02 08:00:00")]
