"""Text columns refuse what is invisible or reorders what a reader sees (issue 22): every control character
(Unicode category Cc: C0, DEL and C1 such as \\x85 and \\x9b, tabs inside text) and the bidirectional controls
U+202A-U+202E and U+2066-U+2069, named by column and row in both languages, with the warehouse unchanged. On
904de23 the C1 controls, the right-to-left override and tabs inside text were accepted into text columns."""
from __future__ import annotations

import unicodedata

import pytest
from support.bad_inputs import Case
from support.hostile import INVISIBLE_PAYLOADS

from smartisland.validate import CONTROL_PATTERN, shown_value

# Loadable free-text columns, one per dataset that has one.
TEXT_COLUMNS = (("wifi_points", "site_name"), ("blank_spot_sites", "owner"), ("base_stations_yearly", "source"),
                ("spbe_published", "source"), ("kpi_values", "note"), ("wifi_usage_monthly", "point_id"))
# An XLSX cell cannot hold C0 controls but tab (openpyxl refuses them, as Excel does).
XLSX_SAFE = tuple(payload for payload in INVISIBLE_PAYLOADS if not any(ord(character) < 0x20 and character != "\t"
                                                                    for character in payload))


def test_the_pattern_is_exactly_category_cc_and_the_bidi_controls():
    refused = {code for code in range(0x3000) if CONTROL_PATTERN.search(chr(code))}
    category_cc = {code for code in range(0x3000) if unicodedata.category(chr(code)) == "Cc"}
    assert refused == category_cc | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def test_a_refused_value_shows_its_invisible_characters_spelled_out():
    assert shown_value("laporan\u202efdp.exe\x85\t") == "laporan\\u202efdp.exe\\x85\\x09"


CASES = [Case(f"{dataset}-{column}-{index}-{kind}", dataset, kind, ((column, payload),), "control_character", column)
         for dataset, column in TEXT_COLUMNS for index, payload in enumerate(INVISIBLE_PAYLOADS)
         for kind in (("csv", "parquet", "xlsx") if payload in XLSX_SAFE else ("csv", "parquet"))]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_invisible_text_is_refused_by_column_and_row(case, corpus_loads):
    # through the whole loader into a copy of the corpus warehouse, in the session's one staging engine
    # (support.bad_inputs.CorpusLoads; test_load_checks.py proves it finds what a fresh engine finds)
    loaded = corpus_loads.load(case)
    path, result = loaded.path, loaded.result
    assert loaded.after == loaded.before
    assert [(problem.code, problem.column, problem.row) for problem in result.problems] == [
        ("control_character", case.column, case.expected_row())]
    where = f"{path.name}:{case.expected_row()}: {case.column}: "
    assert result.problems[0].message("en").startswith(
        where + "text holds a control or invisible direction character")
    assert result.problems[0].message("id").startswith(
        where + "teks berisi karakter kontrol atau karakter arah tak terlihat")
