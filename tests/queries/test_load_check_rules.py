"""Every check rule of queries/load_checks/ on tiny inputs, with exact outputs: the values of the contract bound."""
from __future__ import annotations

from datetime import UTC, date, datetime

import duckdb
import pytest

from smartisland import load_checks

EARLY, LATE = date(2000, 1, 1), date(2026, 11, 28)

# (rule, SQL over the rule, parameters, exact result rows)
SCALAR_CASES = [
    ("cell", "select cell(v) from (values ('a'), (null), ('')) as t(v)", {}, [("a",), ("",), ("",)]),
    ("non_empty", "select non_empty(v) from (values ('a'), ('')) as t(v)", {}, [("a",), (None,)]),
    ("is_blank", "select is_blank(v) from (values ('  '), (null), ('x ')) as t(v)", {}, [(True,), (True,), (False,)]),
    ("has_line_break", "select has_line_break(v) from (values ('a\nb'), ('a\rb'), ('ab')) as t(v)", {},
     [(True,), (True,), (False,)]),
    ("value_kept", "select value_kept(v, $required, v = $good) from (values (''), ('x'), ('y')) as t(v)",
     {"required": True, "good": "x"}, [(False,), (True,), (False,)]),
    ("value_kept", "select value_kept(v, $required, v = $good) from (values (''), ('y')) as t(v)",
     {"required": False, "good": "x"}, [(True,), (False,)]),
    ("plain_integer", "select plain_integer(v, $minimum, $maximum) from (values ('5'), ('05'), ('+5'), ('-1'), "
     "('11'), ('1.0')) as t(v)", {"minimum": 0.0, "maximum": 10.0},
     [(True,), (False,), (False,), (False,), (False,), (False,)]),
    ("plain_integer", "select plain_integer(v, $minimum, $maximum) from (values ('-7')) as t(v)",
     {"minimum": None, "maximum": None}, [(True,)]),
    ("typed_number", "select typed_number(v, $decimal_comma) from (values ('1,5'), ('2')) as t(v)",
     {"decimal_comma": True}, [(1.5,), (2.0,)]),
    ("typed_number", "select typed_number(v, $decimal_comma) from (values ('1,5'), ('1.5')) as t(v)",
     {"decimal_comma": False}, [(None,), (1.5,)]),
    ("plain_number", "select plain_number(v, $decimal_comma, $minimum, $maximum) from (values ('1.5'), ('1,5'), "
     "('1e3'), ('100.5'), ('.5')) as t(v)", {"decimal_comma": False, "minimum": 0.0, "maximum": 100.0},
     [(True,), (False,), (False,), (False,), (False,)]),
    ("plain_number", "select plain_number(v, $decimal_comma, $minimum, $maximum) from (values ('1,5'), ('1.5'))"
     " as t(v)", {"decimal_comma": True, "minimum": None, "maximum": None}, [(True,), (False,)]),
    ("plain_date", "select plain_date(v, $earliest, $latest) from (values ('2026-05-02'), ('2026-5-02'), "
     "('1999-12-31'), ('2026-11-29'), ('2026-02-30')) as t(v)", {"earliest": EARLY, "latest": LATE},
     [(True,), (False,), (False,), (False,), (None,)]),  # not a day at all: NULL, refused by value_kept
    ("typed_month", "select typed_month(v) from (values ('2026-05'), ('2026-05-01'), ('05/2026')) as t(v)", {},
     [(date(2026, 5, 1),), (date(2026, 5, 1),), (None,)]),
    ("plain_month", "select plain_month(v, $earliest, $latest) from (values ('2026-05'), ('2026-05-01'), "
     "('2026-05-02'), ('2026-12'), ('1999-12')) as t(v)", {"earliest": EARLY, "latest": LATE},
     [(True,), (True,), (False,), (False,), (False,)]),
    ("plain_timestamp", "select plain_timestamp(v, $earliest, $latest) from (values ('2026-05-02 10:00:00'), "
     "('2026-05-02T10:00:00'), ('2026-05-02 10:00'), ('2026-11-29 00:00:00')) as t(v)",
     {"earliest": EARLY, "latest": LATE}, [(True,), (False,), (False,), (False,)]),
    ("plain_boolean", "select plain_boolean(v, $words) from (values ('Ya'), ('no'), ('maybe')) as t(v)",
     {"words": ["no", "ya"]}, [(True,), (True,), (False,)]),
    ("plain_text", "select plain_text(v) from (values ('Wantilan'), (' Wantilan'), ('Wantilan\u00a0'), ('a\tb'), "
     "('a b'), ('x\u0085')) as t(v)", {}, [(True,), (False,), (False,), (False,), (True,), (False,)]),  # a tab is refused
    ("within_length", "select within_length(v, $max_length) from (values ('abc'), ('abcd')) as t(v)",
     {"max_length": 3}, [(True,), (False,)]),
    ("within_length", "select within_length(v, $max_length) from (values ('abcd')) as t(v)",
     {"max_length": None}, [(True,)]),
    ("allowed_value", "select allowed_value(v, $allowed) from (values ('fiber'), ('Fiber')) as t(v)",
     {"allowed": ["fiber", "vsat"]}, [(True,), (False,)]),
    ("allowed_value", "select allowed_value(v, $allowed) from (values ('x')) as t(v)", {"allowed": None}, [(True,)]),
    ("text_pattern", "select text_pattern(v, $pattern, $extra_codes) from (values ('51.01'), ('51.1'), ('bali'))"
     " as t(v)", {"pattern": r"[0-9]{2}\.[0-9]{2}", "extra_codes": ["bali"]}, [(True,), (False,), (True,)]),
    ("region_level", "select region_level(v, $levels) from (values ('village'), ('regency'), (null)) as t(v)",
     {"levels": ["village"]}, [(True,), (False,), (False,)]),
    ("in_order", "select in_order(a, b, $not_before) from (values (2, 1), (1, 2), (null, 1)) as t(a, b)",
     {"not_before": True}, [(True,), (False,), (True,)]),
    ("in_order", "select in_order(a, b, $not_before) from (values (2, 1), (1, 2)) as t(a, b)",
     {"not_before": False}, [(False,), (True,)]),
    ("date_text", "select date_text(date '2026-05-02')", {}, [("2026-05-02",)]),
    ("timestamp_text", "select timestamp_text(v) from (values (timestamp '2026-05-02 00:00:00'), "
     "(timestamp '2026-05-02 10:30:00'), (timestamp '2026-05-02 10:30:00.5')) as t(v)", {},
     [("2026-05-02",), ("2026-05-02 10:30:00",), ("2026-05-02 10:30:00.500000",)]),
    ("boolean_text", "select boolean_text(v) from (values (true), (false), (null)) as t(v)", {},
     [("true",), ("false",), (None,)]),
    ("number_text", "select number_text(v) from (values (1.0::double), (1.5), (1e20)) as t(v)", {},
     [("1",), ("1.5",), ("1e+20",)]),
    ("zoned_text", "select zoned_text($instant, $zone)",
     {"instant": datetime(2026, 5, 2, 2, 0, tzinfo=UTC), "zone": "Asia/Makassar"},
     [("2026-05-02 10:00:00+08:00",)]),
    ("zoned_text", "select zoned_text($instant, $zone)",
     {"instant": datetime(2026, 5, 2, 12, 0, 0, 250000, tzinfo=UTC), "zone": "America/St_Johns"},
     [("2026-05-02 09:30:00.250000-02:30",)]),
]

KEYED = """
    create table keyed as select * from (values
        (2, row('wf-1'), ['wf-1']), (3, row('wf-2'), ['wf-2']), (4, row('wf-1'), ['wf-1']), (5, row('wf-1'), ['wf-1'])
    ) as t(file_row, key, key_parts);
    create table other as select * from (values (null, row('wf-2'), ['wf-2']), (null, row('wf-9'), ['wf-9'])
    ) as t(file_row, key, key_parts);
    create table sessions as select * from (values
        ('wf-1', timestamp '2026-05-02 10:00:00', 1000000000),
        ('wf-1', timestamp '2026-05-31 23:59:59', 500000000),
        ('wf-2', timestamp '2026-06-01 00:00:00', 1)
    ) as t(point_id, started_at, bytes);
"""
TABLE_CASES = [
    ("key_repeats_at_all", "select * from key_repeats_at_all($keyed)", {"keyed": "keyed"}, [(True,)]),
    ("key_repeats_at_all", "select * from key_repeats_at_all($keyed)", {"keyed": "other"}, [(False,)]),
    ("repeated_keys", "select * from repeated_keys($keyed) order by file_row", {"keyed": "keyed"},
     [(4, ["wf-1"], 2), (5, ["wf-1"], 2)]),
    ("keys_already_loaded", "select * from keys_already_loaded($keyed, $loaded) order by file_row",
     {"keyed": "keyed", "loaded": "other"}, [(3, ["wf-2"])]),
    ("missing_references", "select * from missing_references($keyed, $known) order by file_row",
     {"keyed": "keyed", "known": "other"}, [(2, ["wf-1"]), (4, ["wf-1"]), (5, ["wf-1"])]),
    ("stranded_keys", "select * from stranded_keys($used, $replacement)", {"used": "other", "replacement": "keyed"},
     [(["wf-9"],)]),
    ("sessions_by_month", "select * from sessions_by_month($sessions) order by point_id", {"sessions": "sessions"},
     [("wf-1", date(2026, 5, 1), None, 2, 1.5, None), ("wf-2", date(2026, 6, 1), None, 1, 1e-9, None)]),
]


@pytest.fixture(scope="module")
def connection():
    with duckdb.connect() as connection:
        load_checks.create_rules(connection)
        connection.execute(KEYED)
        yield connection


@pytest.mark.parametrize("rule, sql, parameters, expected", SCALAR_CASES + TABLE_CASES,
                         ids=[f"{case[0]}-{number}" for number, case in enumerate(SCALAR_CASES + TABLE_CASES)])
def test_rule(connection, rule, sql, parameters, expected):
    assert f"{rule}(" in sql
    assert connection.execute(sql, parameters).fetchall() == expected


def test_every_rule_file_holds_one_macro_of_its_name_with_a_header_and_has_cases_here():
    tested = {case[0] for case in SCALAR_CASES + TABLE_CASES}
    for name, text in load_checks.rule_texts():
        assert text.startswith("-- Rule:") and "-- Grain:" in text and "Parameters:" in text, name
        assert f"create or replace macro {name}(" in text and text.count("create or replace macro") == 1, name
        assert name in tested, f"queries/load_checks/{name}.sql has no case in this file"
