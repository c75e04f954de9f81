"""The loader refuses every kind of bad input with a row-level message, and then changes nothing."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from support import FIXTURE_DATA, FIXTURE_TODAY

from smartisland import load, warehouse
from smartisland.load import build_warehouse, load_files
from smartisland.load_command import main

USAGE_HEADER = "point_id,month,unique_users,sessions,traffic_gb,uptime_pct\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def refused(result, language="en") -> list[str]:
    assert not result.ok
    return [problem.message(language) for problem in result.problems]


def load_usage(fixture_db, tmp_path, body: str | bytes, name: str = "usage.csv"):
    before = digest(fixture_db)
    data = body if isinstance(body, bytes) else USAGE_HEADER + body
    result = load_files("wifi_usage_monthly", [write(tmp_path, name, data)], fixture_db, today=FIXTURE_TODAY,
                        display_names=[name])
    assert digest(fixture_db) == before, "a refused load must leave the warehouse byte for byte as it was"
    return refused(result)


BAD_USAGE_CASES = [
    ("wf-1,2026-08-01,10,-5,1.0,99\n", "usage.csv:2: sessions: must not be negative (value: -5)"),
    ("wf-1,2026-08-01,10,5,1.0,100.5\n", "usage.csv:2: uptime_pct: above the maximum 100 (value: 100.5)"),
    ("wf-1,2026-08-01,ten,5,1.0,99\n", "usage.csv:2: unique_users: not a whole number (value: ten)"),
    ("wf-1,2026-08-01,10,5,lots,99\n", "usage.csv:2: traffic_gb: not a number (value: lots)"),
    ("wf-1,2026-13-01,10,5,1.0,99\n",
     "usage.csv:2: month: not a month (use YYYY-MM or the 1st of the month) (value: 2026-13-01)"),
    ("wf-1,2027-01-01,10,5,1.0,99\n", "usage.csv:2: month: date in the future (value: 2027-01-01)"),
    ("wf-404,2026-08-01,10,5,1.0,99\n", "usage.csv:2: point_id: not found in wifi_points (value: wf-404)"),
    (",2026-08-01,10,5,1.0,99\n", "usage.csv:2: point_id: a value is required (value: )"),
    ("wf-1,2026-08-01,10,5,1.0,99\nwf-2,2026-08-01,1,1,1,1\nwf-1,2026-08-01,10,5,1.0,99\n",
     "usage.csv:4: month: duplicate key (wf-1, 2026-08-01); first at row 2 (value: 2026-08-01)"),
    ("wf-1,2026-10-01,10,5,1.0,99\n",
     "usage.csv:2: month: key (wf-1, 2026-10-01) is already in the warehouse (value: 2026-10-01)"),
]


@pytest.mark.calendar
@pytest.mark.parametrize("body, expected", BAD_USAGE_CASES)
def test_a_bad_row_is_refused_with_file_row_column_and_problem(fixture_db, tmp_path, body, expected):
    assert expected in load_usage(fixture_db, tmp_path, body)


def test_missing_and_unknown_columns_are_named(fixture_db, tmp_path):
    messages = load_usage(fixture_db, tmp_path, b"point_id,month,unique_users,sessions,traffic_gb,colour\n"
                                                b"wf-1,2026-08-01,1,1,1,red\n")
    assert "usage.csv:1: uptime_pct: required column is missing" in messages
    assert any(message.startswith("usage.csv:1: colour: unknown column (expected columns: point_id, month")
               for message in messages)


def test_a_file_of_another_dataset_is_named_as_such(fixture_db, tmp_path):
    points = (FIXTURE_DATA / "sample" / "wifi_points.csv").read_bytes()
    messages = load_usage(fixture_db, tmp_path, points)
    assert messages == ["usage.csv:1: this file looks like dataset wifi_points, not wifi_usage_monthly"]


def test_wrong_encoding_is_refused_with_its_row(fixture_db, tmp_path):
    latin1 = (USAGE_HEADER + "wf-1,2026-08-01,1,1,1,1\n").encode() + "wf-2,2026-07-01,1,1,1,1 café\n".encode("latin-1")
    messages = load_usage(fixture_db, tmp_path, latin1)
    assert messages == ['usage.csv:3: not UTF-8 text (save as "CSV UTF-8") (value: e9 0a)']


def test_empty_file_is_refused(fixture_db, tmp_path):
    assert load_usage(fixture_db, tmp_path, b"") == ["usage.csv: empty file: no data rows"]
    assert load_usage(fixture_db, tmp_path, USAGE_HEADER.encode()) == ["usage.csv: empty file: no data rows"]


def test_unknown_region_code_and_wrong_level_are_refused(fixture_db, tmp_path):
    before = digest(fixture_db)
    header = "village_code,surveyed_on,source,best_technology,signal_quality\n"
    rows = "51.01.01.2999,2026-01-05,province,4g,good\n51.01,2026-01-05,province,4g,good\n5101,2026-01-05,bakti,4g,good\n"
    result = load_files("signal_surveys", [write(tmp_path, "s.csv", header + rows)], fixture_db,
                        today=FIXTURE_TODAY, display_names=["s.csv"])
    assert refused(result) == [
        "s.csv:2: village_code: region code not in the regions data (value: 51.01.01.2999)",
        "s.csv:3: village_code: region code must be of level village (value: 51.01)",
        "s.csv:4: village_code: badly formed region code (example: 51.01.01.2001) (value: 5101)",
    ]
    assert digest(fixture_db) == before


@pytest.mark.calendar
def test_allowed_values_and_dates_are_checked(fixture_db, tmp_path):
    header = "village_code,surveyed_on,source,best_technology,signal_quality\n"
    rows = "51.01.01.2001,31/02/2026,province,4g,good\n51.01.01.2001,2026-01-05,rumour,4g,good\n"
    result = load_files("signal_surveys", [write(tmp_path, "s.csv", header + rows)], fixture_db,
                        today=FIXTURE_TODAY, display_names=["s.csv"])
    assert refused(result) == [
        "s.csv:2: surveyed_on: not a date (use YYYY-MM-DD or DD/MM/YYYY) (value: 31/02/2026)",
        "s.csv:3: source: value not allowed (allowed: province, bakti, operator, crowd) (value: rumour)",
    ]


def test_messages_speak_indonesian_by_default(fixture_db, tmp_path):
    result = load_files("wifi_usage_monthly", [write(tmp_path, "u.csv", USAGE_HEADER + "wf-1,2026-08-01,1,-1,1,1\n")],
                        fixture_db, today=FIXTURE_TODAY, display_names=["u.csv"])
    assert [problem.message("id") for problem in result.problems] == ["u.csv:2: sessions: tidak boleh negatif (nilai: -1)"]


def test_semicolon_csv_with_bom_and_decimal_comma_loads(fixture_db, tmp_path):
    text = "\ufeffpoint_id;month;unique_users;sessions;traffic_gb;uptime_pct\nwf-1;2026-08;12;30;2,5;99,5\n"
    result = load_files("wifi_usage_monthly", [write(tmp_path, "u.csv", text)], fixture_db, today=FIXTURE_TODAY)
    assert result.ok, refused(result)
    with duckdb.connect(str(fixture_db), read_only=True) as connection:
        row = connection.execute("select sessions, traffic_gb, uptime_pct, month::varchar from wifi_usage_monthly "
                                 "where point_id = 'wf-1' and month = date '2026-08-01'").fetchone()
        log = connection.execute("select dataset, file_name, rows, origin, action, length(file_hash) from load_log "
                                 "where action = 'load'").fetchall()
    assert row == (30, 2.5, 99.5, "2026-08-01")
    assert log == [("wifi_usage_monthly", str(tmp_path / "u.csv"), 1, "file", "load", 64)]


def test_xlsx_and_parquet_load(fixture_db, tmp_path):
    frame = pd.DataFrame({"point_id": ["wf-3"], "month": [pd.Timestamp("2026-07-01")], "unique_users": [5],
                          "sessions": [9], "traffic_gb": [1.25], "uptime_pct": [98.0]})
    frame.to_excel(tmp_path / "u.xlsx", index=False)
    assert load_files("wifi_usage_monthly", [tmp_path / "u.xlsx"], fixture_db, today=FIXTURE_TODAY).ok
    frame.assign(month=pd.Timestamp("2026-06-01")).to_parquet(tmp_path / "u.parquet")
    assert load_files("wifi_usage_monthly", [tmp_path / "u.parquet"], fixture_db, today=FIXTURE_TODAY).ok
    with duckdb.connect(str(fixture_db), read_only=True) as connection:
        months = connection.execute("select month::varchar from wifi_usage_monthly where point_id = 'wf-3' "
                                    "order by month").fetchall()
    assert months == [("2026-06-01",), ("2026-07-01",), ("2026-10-01",)]


def test_a_bad_xlsx_row_is_numbered_as_in_the_spreadsheet(fixture_db, tmp_path):
    frame = pd.DataFrame({"point_id": ["wf-3", "wf-3"], "month": ["2026-05-01", "2026-04-01"], "unique_users": [5, 5],
                          "sessions": [9, -9], "traffic_gb": [1.25, 1], "uptime_pct": [98.0, 98]})
    frame.to_excel(tmp_path / "u.xlsx", index=False)
    result = load_files("wifi_usage_monthly", [tmp_path / "u.xlsx"], fixture_db, today=FIXTURE_TODAY,
                        display_names=["u.xlsx"])
    assert refused(result) == ["u.xlsx:3: sessions: must not be negative (value: -9)"]


def test_a_load_that_fails_half_way_leaves_the_warehouse_unchanged(fixture_db, tmp_path, monkeypatch):
    before = digest(fixture_db)
    original = warehouse.record_loads

    def crash(*args, **kwargs):
        original(*args, **kwargs)
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(warehouse, "record_loads", crash)
    path = write(tmp_path, "u.csv", USAGE_HEADER + "wf-1,2026-08-01,1,1,1,1\n")
    with pytest.raises(OSError):
        load_files("wifi_usage_monthly", [path], fixture_db, today=FIXTURE_TODAY)
    assert digest(fixture_db) == before
    assert list(tmp_path.glob("*.tmp-*")) == []


def test_a_replace_that_would_strand_referencing_rows_is_refused(fixture_db, tmp_path):
    points = (FIXTURE_DATA / "sample" / "wifi_points.csv").read_text().splitlines()
    without_wf1 = "\n".join(line for line in points if not line.startswith("wf-1,")) + "\n"
    result = load_files("wifi_points", [write(tmp_path, "p.csv", without_wf1)], fixture_db, today=FIXTURE_TODAY,
                        display_names=["p.csv"])
    assert refused(result) == ["p.csv: point_id: still referenced by rows of wifi_usage_monthly (column point_id); "
                               "replacing without this key would strand them (value: wf-1)"]


def test_a_replace_counts_every_stranded_key_beyond_those_it_prints(fixture_db, tmp_path, monkeypatch):
    monkeypatch.setattr(load, "MAX_PRINTED_PROBLEMS", 1)
    points = (FIXTURE_DATA / "sample" / "wifi_points.csv").read_text().splitlines()
    only_wf4 = "\n".join(line for line in points if not line.startswith(("wf-1,", "wf-2,", "wf-3,"))) + "\n"
    result = load_files("wifi_points", [write(tmp_path, "p.csv", only_wf4)], fixture_db, today=FIXTURE_TODAY)
    assert (len(result.problems), result.total_problems) == (1, 3)


def test_wifi_sessions_are_rolled_up_into_monthly_use(fixture_db, tmp_path):
    text = ("point_id,started_at,duration_s,bytes\nwf-3,2026-05-02 10:00:00,60,1000000000\n"
            "wf-3,2026-05-20 11:30:00,120,500000000\nwf-1,2026-04-01 08:00:00,30,250000000\n")
    assert load_files("wifi_sessions", [write(tmp_path, "s.csv", text)], fixture_db, today=FIXTURE_TODAY).ok
    with duckdb.connect(str(fixture_db), read_only=True) as connection:
        rows = connection.execute("select point_id, month::varchar, sessions, traffic_gb, unique_users from "
                                  "wifi_usage_monthly where month < date '2026-06-01' order by all").fetchall()
    assert rows == [("wf-1", "2026-04-01", 1, 0.25, None), ("wf-3", "2026-05-01", 2, 1.5, None)]


def test_undo_last_restores_the_state_before_the_last_load(fixture_db, tmp_path):
    before = digest(fixture_db)
    assert load_files("wifi_usage_monthly", [write(tmp_path, "u.csv", USAGE_HEADER + "wf-1,2026-08-01,1,1,1,1\n")],
                      fixture_db, today=FIXTURE_TODAY).ok
    assert digest(fixture_db) != before
    assert main(["--undo-last", "--db", str(fixture_db)]) == 0
    assert digest(fixture_db) == before


def test_cli_prints_problems_and_exits_2(fixture_db, tmp_path, capsys):
    bad = write(tmp_path, "u.csv", USAGE_HEADER + "".join(f"wf-1,2026-0{m}-01,1,-1,1,1\n" for m in range(1, 10))
                + "".join(f"wf-2,2025-{m:02d}-01,1,-1,1,1\n" for m in range(1, 13)) * 5)
    code = main(["--dataset", "wifi_usage_monthly", str(bad), "--db", str(fixture_db), "--lang", "en"])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert err[0] == f"{bad}:2: sessions: must not be negative (value: -1)"
    assert len(err) == 52
    # 69 negative counts, 48 repeated wf-2 keys, and wf-1 2026-09 already in the fixture warehouse
    assert err[-1] == "Nothing was loaded; problems found: 118. The warehouse is unchanged."
    assert err[-2] == "... and 68 more problems"


@pytest.mark.parametrize("arguments, expected", [
    (["--dataset", "nonsense", "x.csv"], "nonsense: unknown dataset (known: regions,"),
    (["--dataset", "wifi_points", "missing.csv"], "missing.csv: file not found"),
    (["--dataset", "wifi_points", "notes.txt"], "notes.txt: unsupported kind of file (use .csv, .xlsx or .parquet)"),
])
def test_cli_one_line_errors_not_tracebacks(fixture_db, tmp_path, capsys, monkeypatch, arguments, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("hello")
    code = main(arguments + ["--db", str(fixture_db), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines()[0].startswith(expected)


def test_corrupt_parquet_is_a_one_line_error(fixture_db, tmp_path):
    path = write(tmp_path, "u.parquet", b"PAR1 this is not parquet")
    messages = refused(load_files("wifi_usage_monthly", [path], fixture_db, today=FIXTURE_TODAY, display_names=["u.parquet"]))
    assert len(messages) == 1 and messages[0].startswith("u.parquet: the file cannot be read:")


def test_build_refuses_a_bad_data_folder_and_keeps_the_old_warehouse(fixture_db, tmp_path):
    before = digest(fixture_db)
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, folder)
    points = folder / "sample" / "wifi_points.csv"
    points.write_text(points.read_text().replace("desa_adat", "temple"))
    result = build_warehouse(folder, fixture_db, today=FIXTURE_TODAY)
    assert any("category: value not allowed" in message and "(value: temple)" in message for message in refused(result))
    assert digest(fixture_db) == before


@pytest.mark.calendar
def test_if_stale_builds_once_then_keeps_manual_loads(tmp_path, capsys):
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, folder)
    db_path = tmp_path / "w.duckdb"
    assert load.needs_build(folder, db_path) == "build"
    assert build_warehouse(folder, db_path, today=FIXTURE_TODAY).ok
    assert load.needs_build(folder, db_path) == "fresh"
    assert load_files("wifi_usage_monthly", [write(tmp_path, "u.csv", USAGE_HEADER + "wf-1,2026-08-01,1,1,1,1\n")],
                      db_path, today=FIXTURE_TODAY).ok
    (folder / "sample" / "wifi_points.csv").touch()
    import os
    import time
    future = time.time() + 60
    os.utime(folder / "sample" / "wifi_points.csv", (future, future))
    assert load.needs_build(folder, db_path) == "keep"


def test_changed_shared_views_are_refreshed_without_a_rebuild(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, folder)
    db_path = tmp_path / "w.duckdb"
    assert build_warehouse(folder, db_path, today=FIXTURE_TODAY).ok
    assert load_files("wifi_usage_monthly", [write(tmp_path, "u.csv", USAGE_HEADER + "wf-1,2026-08-01,1,1,1,1\n")],
                      db_path, today=FIXTURE_TODAY).ok
    views = tmp_path / "views"
    views.mkdir()
    (views / "one_point.sql").write_text("select point_id from wifi_points where point_id = 'wf-1'")
    monkeypatch.setattr(warehouse, "VIEWS_DIR", views)
    assert load.needs_build(folder, db_path) == "refresh_views"
    assert main(["--if-stale", "--data-dir", str(folder), "--db", str(db_path)]) == 0
    with duckdb.connect(str(db_path), read_only=True) as connection:
        assert connection.execute("select * from one_point").fetchall() == [("wf-1",)]
        assert connection.execute("select count(*) from load_log where action = 'load'").fetchone()[0] == 1
    assert load.needs_build(folder, db_path) == "fresh"


def test_real_facts_in_data_facts_replace_the_whole_sample(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, folder)
    (folder / "facts").mkdir()
    shutil.copy(folder / "sample" / "wifi_points.csv", folder / "facts" / "wifi_points.csv")
    db_path = tmp_path / "w.duckdb"
    assert build_warehouse(folder, db_path, today=FIXTURE_TODAY).ok
    with duckdb.connect(str(db_path), read_only=True) as connection:
        origins = dict(connection.execute("select dataset, origin from load_log").fetchall())
        usage_rows = connection.execute("select count(*) from wifi_usage_monthly").fetchone()[0]
    assert origins == {"regions": "reference", "spbe_indicators": "reference", "province_indices": "reference",
                       "wifi_points": "file"}  # national
    assert usage_rows == 0  # no sample rows mixed into real data


def test_every_number_has_a_range_and_every_text_a_length_limit():
    from smartisland.contract import DATASETS

    columns = [(dataset.name, column) for dataset in DATASETS for column in dataset.columns]
    unbounded = [f"{name}.{column.name}" for name, column in columns
                 if column.type in ("number", "integer") and (column.minimum is None or column.maximum is None)]
    uncapped = [f"{name}.{column.name}" for name, column in columns if column.type == "text" and not column.max_length]
    assert unbounded == [] and uncapped == []
