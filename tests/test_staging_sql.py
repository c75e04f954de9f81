"""No value of the contract reaches the SQL text the stager, the loader or DuckDB alone in the benchmark execute.

tests/test_query_layer.py accepts composed SQL in the loader's modules by its name (`*_sql`); this test is what
makes that honest. It records every text they execute while the sample warehouse is built (every dataset of
the contract), while every dataset is loaded again from its own rows (keys already loaded, stranded keys), while
one bad file per kind of problem is loaded, and while DuckDB alone runs its checks; then DuckDB's own tokenizer
finds the constants in each text. Ranges, allowed values, patterns, zones, days and limits must all be bound as
$parameters: only NULL, true and false (keywords, not constants) and the numbers 0 and 1 may be written.
"""
from __future__ import annotations

import shutil
import types
from pathlib import Path

import duckdb
import pytest
from support import FIXTURE_TODAY, ROOT
from support.bad_inputs import CASES, write_case

from smartisland import load, load_checks
from smartisland.contract import DATASETS
from smartisland.tools import bench

ALLOWED_CONSTANTS = {"0", "1"}
RULE_TEXTS = {text for _, text in load_checks.rule_texts()}
CONSTANT_TOKENS = {duckdb.token_type.string_const, duckdb.token_type.numeric_const}


def constants_in(sql: str) -> list[str]:
    """The string and number constants of an SQL text, as DuckDB's tokenizer finds them."""
    tokens = duckdb.tokenize(sql)
    found = []
    for index, (start, kind) in enumerate(tokens):
        if kind in CONSTANT_TOKENS:
            end = tokens[index + 1][0] if index + 1 < len(tokens) else len(sql)
            found.append(sql[start:end].strip().rstrip(",)"))
    return found


def test_the_tokenizer_finds_a_value_formatted_into_the_text():
    assert constants_in("select count(*) from t where sessions >= 0.5 and kind in ('a', 'b')") == ["0.5", "'a'",
                                                                                                 "'b'"]
    assert constants_in("select * from plain_integer(r.\"x\", $minimum_1, $maximum_1) where x is null") == []


class Recording:
    """A DuckDB connection (or cursor) that writes down every SQL text it is given."""

    def __init__(self, inner, texts: list[str]):
        self._inner, self._texts = inner, texts

    def execute(self, sql, *arguments, **options):
        if sql not in RULE_TEXTS:  # the rule files themselves are SQL written as SQL
            self._texts.append(sql)
        return self._inner.execute(sql, *arguments, **options)

    def sql(self, sql, *arguments, **options):
        self._texts.append(sql)
        return self._inner.sql(sql, *arguments, **options)

    def cursor(self):
        return Recording(self._inner.cursor(), self._texts)

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._inner.close()


@pytest.fixture()
def recorded(monkeypatch) -> list[str]:
    """Every text the stage, the loader's reads of the warehouse for the stage, and DuckDB alone execute."""
    texts: list[str] = []

    def connect(*arguments, **options):
        return Recording(duckdb.connect(*arguments, **options), texts)

    recording_duckdb = types.SimpleNamespace(**{name: getattr(duckdb, name) for name in dir(duckdb)
                                                if not name.startswith("__")})
    recording_duckdb.connect = connect
    monkeypatch.setattr(load_checks, "duckdb", recording_duckdb)
    monkeypatch.setattr(bench, "duckdb", recording_duckdb)
    original_copy_in = load_checks.Stage.copy_in

    def copy_in(self, table, source, select):
        texts.append(select)
        return original_copy_in(self, table, source, select)

    monkeypatch.setattr(load_checks.Stage, "copy_in", copy_in)
    return texts


def assert_no_values(texts: list[str]) -> None:
    offenders = {text: constants for text in texts
                 if (constants := [value for value in constants_in(text) if value not in ALLOWED_CONSTANTS])}
    assert offenders == {}


def test_every_text_of_a_build_and_of_every_dataset_loaded_again_binds_its_values(recorded, tmp_path):
    db_path = tmp_path / "warehouse.duckdb"
    assert load.build_warehouse(ROOT / "provinces" / "51", db_path).ok
    with duckdb.connect(str(db_path), read_only=True) as connection:
        for dataset in DATASETS:
            connection.table(dataset.name).write_csv(str(tmp_path / f"{dataset.name}.csv"), header=True)
    for dataset in DATASETS:
        path = tmp_path / f"{dataset.name}.csv"
        load.load_files(dataset.name, [path], db_path, display_names=[path.name])
    texts = list(recorded)
    used_rules = {name for name, _ in load_checks.rule_texts() if any(f"{name}(" in text for text in texts)}
    assert {"plain_integer", "plain_number", "plain_date", "plain_month", "plain_boolean", "plain_text",
            "within_length", "allowed_value", "text_pattern", "region_level", "in_order", "value_kept",
            "keys_already_loaded", "missing_references", "stranded_keys"} <= used_rules
    assert len(texts) > 500
    assert_no_values(texts)


FIRST_CASE_OF_EACH_PROBLEM = list({(case.code, case.kind): case for case in reversed(CASES)}.values())


def test_every_text_of_a_load_of_bad_files_binds_its_values(recorded, corpus_db, tmp_path):  # noqa: F811
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(corpus_db, copy)
    for case in FIRST_CASE_OF_EACH_PROBLEM:
        path = write_case(case, tmp_path)
        load.load_files(case.dataset, [path], copy, today=FIXTURE_TODAY, display_names=[path.name])
    sessions = tmp_path / "sessions.csv"
    sessions.write_text("point_id,started_at,duration_s,bytes\nwf-1,2026-05-02 10:00:00,60,1000\n"
                        "wf-1,2026-05-02 10:00:00,60,1000\n")
    load.load_files("wifi_sessions", [sessions], copy, today=FIXTURE_TODAY)
    sessions.write_text("point_id,started_at,duration_s,bytes\nwf-1,2026-05-02 10:00:00,60,1000\n")
    load.load_files("wifi_sessions", [sessions], copy, today=FIXTURE_TODAY)
    texts = list(recorded)
    assert any("repeated_keys(" in text for text in texts) and any("sessions_by_month(" in text for text in texts)
    assert any("zoned_text(" in text for text in texts)  # a Parquet time with a zone
    assert any("plain_timestamp(" in text for text in texts)
    assert_no_values(recorded)


def test_duckdb_alone_in_the_benchmark_binds_its_values(recorded, fixture_db, tmp_path):
    bench.generate_usage(tmp_path / "u.csv", 50, 3)
    bench.plain_duckdb_load("wifi_usage_monthly", tmp_path / "u.csv", fixture_db)
    texts = [text for text in recorded if "staged" in text]
    assert len(texts) >= 3
    assert_no_values(texts)


def test_the_recording_would_catch_a_range_formatted_into_a_check(recorded, fixture_db, tmp_path, monkeypatch):
    def formatted(dataset):
        return "select count(*) from staged where try_cast(sessions as bigint) < 0.0", {}

    monkeypatch.setattr(bench, "plain_checks_sql", formatted)
    bench.generate_usage(tmp_path / "u.csv", 5, 1)
    bench.plain_duckdb_load("wifi_usage_monthly", tmp_path / "u.csv", fixture_db)
    with pytest.raises(AssertionError):
        assert_no_values([text for text in recorded if "staged" in text])


def test_the_rule_files_are_what_the_stage_creates(tmp_path):
    with load_checks.Stage(tmp_path / "spill") as stage:
        macros = {row[0] for row in stage.connection.execute(
            "select function_name from duckdb_functions() where function_type in ('macro', 'table_macro') "
            "and not internal").fetchall()}
    assert macros == {path.stem for path in Path(load_checks.RULES_DIR).glob("*.sql")}
