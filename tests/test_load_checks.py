"""The streaming loader: SQL passes only what the pandas checks would pass, with the same typed values, and the
problems it finds are the pandas checker's, value and parameters included, across the corpus of bad files."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from support import FIXTURE_TODAY
from support.bad_inputs import CASES, write_case

from smartisland import load_checks
from smartisland.contract import DATASETS_BY_NAME, Column, Dataset
from smartisland.load import load_files
from smartisland.validate import FileRefused, Lookups, RawTable, check_columns, check_rows, key_set, read_table


def old_problems(case_path: Path, dataset_name: str, db_path: Path) -> tuple[list, int]:
    """The problems of a file as the whole-file pandas checker (validate.read_table + check_rows) finds them."""
    dataset = DATASETS_BY_NAME[dataset_name]
    try:
        table = read_table(case_path, case_path.name)
    except FileRefused as refused:
        return refused.problems, refused.total
    problems = check_columns(table, dataset)
    if problems:
        return problems, len(problems)
    with duckdb.connect(str(db_path), read_only=True) as connection:
        regions = dict(connection.execute("select region_code, level from regions").fetchall())
        keys = {reference.dataset: key_set(connection.execute(
            f"select {', '.join(reference.target_columns)} from {reference.dataset}").df(), reference.target_columns)
            for reference in dataset.references}
        existing = None
        if dataset.load_mode == "append":
            existing = key_set(connection.execute(f"select {', '.join(dataset.key)} from {dataset.name}").df(),
                               dataset.key)
        methods = dict(connection.execute("select kpi_id, method from kpis").fetchall())
    lookups = Lookups(regions, keys, existing, FIXTURE_TODAY, methods)
    _, problems, total = check_rows(table, dataset, lookups)
    return problems, total


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_staged_checks_find_exactly_what_the_pandas_checker_finds(case, corpus_db, corpus_loads):
    loaded = corpus_loads.load(case)  # through the whole loader, once a session (test_bad_inputs.py checks it too)
    expected, total = old_problems(loaded.path, case.dataset, corpus_db)
    assert (loaded.result.problems, loaded.result.total_problems) == (expected, total)


SHARED_ENGINE_PROBES = [next(case for case in CASES if case.dataset == name)
                        for name in sorted({case.dataset for case in CASES})]


@pytest.mark.parametrize("case", SHARED_ENGINE_PROBES, ids=[case.name for case in SHARED_ENGINE_PROBES])
def test_the_shared_staging_engine_finds_what_a_fresh_one_finds(case, corpus_db, corpus_loads, tmp_path):
    """The corpus shares one engine (support.bad_inputs.CorpusLoads); a load of its own, as in the app, agrees."""
    shared = corpus_loads.load(case).result
    path = write_case(case, tmp_path)
    alone = load_files(case.dataset, [path], corpus_db, today=FIXTURE_TODAY, display_names=[path.name])
    assert (alone.problems, alone.total_problems) == (shared.problems, shared.total_problems)
    assert alone.problems


TRICKY_VALUES = {
    "integer": ["5", "05", "+5", "-0", "1.0", "1e3", " 5", "5 ", "٥", "9223372036854775808", "0x10", "1_000", "-3"],
    "number": ["1.5", "1.", ".5", "1e3", "inf", "nan", "1,5", " 2", "1.5.1", "-0.25", "1e308", "٣.٥", "12"],
    "date": ["2026-05-02", "2026-5-02", "02/05/2026", "2026-02-30", "2026-05-02 00:00:00", "20260502", "0999-01-01",
             "2026-05-02T", "+2026-05-02"],
    "month": ["2026-05", "2026-05-01", "2026-05-02", "2026-5", "05/2026", "2026-13", "01/05/2026"],
    "timestamp": ["2026-05-02 10:00:00", "2026-05-02T10:00:00", "2026-05-02 24:00:00", "2026-05-02 10:00",
                  "2026-05-02 10:00:00+08:00", "2026-05-02 10:00:00Z", "2026-05-02 10:00:00.5", "2026-05-02",
                  "2026-05-02 10:00:60", "2026-05-02  10:00:00"],
    "boolean": ["true", "TRUE", "Ya", "no", "0", "1", "yes ", "benar", "maybe", "t"],
    "text": ["Wantilan", " Wantilan", "Wantilan\xa0", "a\x1fb", "a\tb", "a\nb", "\u2003x", "x\x85", "ok ok", "é"],
}


@pytest.mark.parametrize("kind", sorted(TRICKY_VALUES))
@pytest.mark.parametrize("decimal_comma", [False, True])
def test_sql_passes_a_value_only_where_the_pandas_parser_gives_the_same_value(kind, decimal_comma):
    values = TRICKY_VALUES[kind]
    column = Column("value", kind, required=False, minimum=-1e6 if kind in ("integer", "number") else None,
                    maximum=1e6 if kind in ("integer", "number") else None, max_length=20 if kind == "text" else None)
    dataset = Dataset("probe", "fact", "append", (column,), key=("value",))
    lookups = Lookups(today=FIXTURE_TODAY)
    frame = pd.DataFrame({"file_row": range(2, 2 + len(values)), "value": values})
    with duckdb.connect() as connection:
        connection.register("probe_rows", frame)
        load_checks.create_rules(connection)
        sql, parameters = load_checks.plain_rows_sql(dataset, decimal_comma, None, lookups)
        rows = connection.execute(sql.replace("{rows}", "select * from probe_rows"), parameters).fetchall()
    table = RawTable(frame[["value"]].astype(object), "probe.csv", 1, decimal_comma, list(frame["file_row"]))
    typed, problems, _ = check_rows(table, dataset, lookups, keys_and_references=False)
    refused_rows = {problem.row for problem in problems}
    passed = {row[0]: row[1] for row in rows if row[2]}
    assert passed, "some of the values are plainly valid"
    for position, value in enumerate(values):
        file_row = position + 2
        if file_row in passed:
            assert file_row not in refused_rows, value
            assert passed[file_row] == typed["value"].iloc[position], value
    # and the plainly invalid ones are never passed
    assert not refused_rows & set(passed)


def test_only_the_rows_sql_cannot_pass_go_through_the_pandas_checks(fixture_db, tmp_path, monkeypatch):
    judged = []
    original = load_checks.check_rows

    def spy(table, *arguments, **options):
        judged.append(list(table.row_numbers))
        return original(table, *arguments, **options)

    monkeypatch.setattr(load_checks, "check_rows", spy)
    path = tmp_path / "u.csv"
    path.write_text("point_id,month,unique_users,sessions,traffic_gb,uptime_pct\n"
                    "wf-1,2026-08-01,1,2,1.5,99\nwf-2,2026-08-01,1,-2,1.5,99\nwf-3,2026-08,1,2,1.5,\n")
    result = load_files("wifi_usage_monthly", [path], fixture_db, today=FIXTURE_TODAY, display_names=["u.csv"])
    assert [problem.message("en") for problem in result.problems] == [
        "u.csv:3: sessions: must not be negative (value: -2)"]
    assert judged == [[3]]


def rows_of(stage: load_checks.Stage, staged: load_checks.StagedFile) -> list[tuple]:
    return stage.connection.execute(f"{staged.rows_sql()} order by file_row", staged.parameters()).fetchall()


def test_duckdb_and_python_readers_stage_the_same_rows(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text('point_id,site_name,note\nwf-1,"Pura, Besakih",a\nwf-2,,b\nwf-3,"say ""hi""",c\n', encoding="utf-8")
    with load_checks.Stage(tmp_path / "spill") as stage:
        by_duckdb = stage.stage_file(path, "u.csv")
        assert by_duckdb.row_expression == "rowid"  # the file suits DuckDB's reader
        by_python = load_checks.StagedFile("by_python", "u.csv", by_duckdb.header, by_duckdb.columns, "file_row")
        stage._stage_csv_with_python(path, "u.csv", "by_python", by_duckdb.header, ",")
        expected = [(2, "wf-1", "Pura, Besakih", "a"), (3, "wf-2", "", "b"), (4, "wf-3", 'say "hi"', "c")]
        assert rows_of(stage, by_duckdb) == rows_of(stage, by_python) == expected


@pytest.mark.parametrize("body, expected", [
    # A blank line is counted as a row (as a spreadsheet shows it) but not read.
    ("wf-1,2026-08-01,1,2,1,1\n\nwf-2,2026-08-01,1,-2,1,1\n", "u.csv:4: sessions: must not be negative (value: -2)"),
    (",,,,,\nwf-2,2026-08-01,1,-2,1,1\n", "u.csv:3: sessions: must not be negative (value: -2)"),
    # A line break inside a quoted value: records, not lines, are numbered.
    ('"wf\n1",2026-08-01,1,2,1,1\nwf-2,2026-08-01,1,-2,1,1\n',
     "u.csv:3: sessions: must not be negative (value: -2)"),
])
def test_rows_are_numbered_as_records_whatever_reader_stages_them(fixture_db, tmp_path, body, expected):
    path = tmp_path / "u.csv"
    path.write_text("point_id,month,unique_users,sessions,traffic_gb,uptime_pct\n" + body)
    result = load_files("wifi_usage_monthly", [path], fixture_db, today=FIXTURE_TODAY, display_names=["u.csv"])
    assert expected in [problem.message("en") for problem in result.problems]


def test_the_engine_is_limited_and_spills_next_to_the_warehouse(tmp_path):
    with load_checks.Stage(tmp_path / "spill") as stage:
        limit, folder = stage.connection.execute(
            "select current_setting('memory_limit'), current_setting('temp_directory')").fetchone()
    assert limit == "488.2 MiB"  # STAGE_MEMORY_LIMIT, 512 MB, as DuckDB shows it
    assert folder == str(tmp_path / "spill")


def test_a_load_leaves_no_spill_folder_behind(fixture_db, tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("point_id,month,unique_users,sessions,traffic_gb,uptime_pct\nwf-1,2026-08-01,1,2,1,1\n")
    assert load_files("wifi_usage_monthly", [path], fixture_db, today=FIXTURE_TODAY).ok
    assert [item.name for item in fixture_db.parent.iterdir() if "staging" in item.name] == []


def test_an_invalid_utf8_byte_past_the_first_block_is_found_with_its_row(fixture_db, tmp_path, monkeypatch):
    monkeypatch.setattr(load_checks, "READ_BLOCK_BYTES", 64)
    rows = "".join(f"wf-1,20{year:02d}-01-01,1,2,1,1\n" for year in range(10, 20))
    data = ("point_id,month,unique_users,sessions,traffic_gb,uptime_pct\n" + rows).encode() + b"wf-2,caf\xe9\n"
    path = tmp_path / "u.csv"
    path.write_bytes(data)
    result = load_files("wifi_usage_monthly", [path], fixture_db, today=FIXTURE_TODAY, display_names=["u.csv"])
    assert [(problem.code, problem.row, problem.value) for problem in result.problems] == [("encoding", 12, "e9 0a")]


def test_spreadsheet_cells_become_the_text_the_checks_always_saw():
    from datetime import date, datetime, time

    from smartisland.validate import cell_text

    values = [" Wantilan ", "", 1.0, 1.5, 1e20, float("nan"), float("inf"), 0.1, 42, True, False, date(2026, 5, 2),
              datetime(2026, 5, 2), datetime(2026, 5, 2, 10, 30), time(10, 30), None]
    assert [load_checks.sheet_text(value) for value in values] == [cell_text(value) for value in values]
    assert load_checks.sheet_text(1e20) == "100000000000000000000" and load_checks.sheet_text(1.5) == "1.5"
