"""Refused loads are remembered beside the warehouse, never in it, and the team's digest reports them in each
recipient's language."""
from __future__ import annotations

import hashlib
import json
import shutil
import threading
from datetime import datetime

import pytest
from support import FIXTURE_TODAY, ROOT

from smartisland.intake import refusals
from smartisland.intake.loading import load_with_intake
from smartisland.problems import Problem
from smartisland.report_context import ReportContext, using
from smartisland.reporting import digest

BAD_POINTS = "point_id,name\nWF-1,Balai <b>banjar</b>\n"  # the contract's other columns are missing


@pytest.fixture
def warehouse_copy(sample_db, tmp_path):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy2(sample_db, path)
    return path


def _digest_of(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.calendar
def test_a_refused_load_is_journalled_beside_the_warehouse_which_stays_byte_identical(monkeypatch, warehouse_copy,
                                                                                     tmp_path):
    monkeypatch.setenv("SMARTISLAND_TODAY", "2026-11-28")
    bad = tmp_path / "titik.csv"
    bad.write_text(BAD_POINTS, encoding="utf-8")
    before = _digest_of(warehouse_copy)
    intake = load_with_intake("wifi_points", [bad], warehouse_copy, display_names=["titik.csv"], loaded_by="ayu")
    assert not intake.ok
    assert _digest_of(warehouse_copy) == before
    assert refusals.journal_path(warehouse_copy) == warehouse_copy.with_name("warehouse.refusals.jsonl")
    (refusal,) = refusals.refusals_since(warehouse_copy, None)
    assert (refusal.at.date(), refusal.dataset, refusal.files, refusal.loaded_by) == (
        FIXTURE_TODAY, "wifi_points", ("titik.csv",), "ayu")
    assert refusal.problem_count == intake.total_problems and refusal.problems == tuple(intake.problems[:3])
    assert refusals.refusals_since(warehouse_copy, datetime(2026, 11, 29)) == []


def test_a_successful_load_journals_nothing(warehouse_copy):
    assert load_with_intake("province_indices", [ROOT / "data" / "national" / "province_indices.csv"],
                            warehouse_copy).ok
    assert not refusals.journal_path(warehouse_copy).exists()


def test_a_line_cut_by_a_kill_is_passed_over_and_loaders_at_once_append_whole_lines(tmp_path):
    db_path = tmp_path / "warehouse.duckdb"
    problem = Problem("a.csv", 2, "name", "required", "x" * 5000)
    threads = [threading.Thread(target=refusals.record_refusal, args=(db_path, "wifi_points", [f"{n}.csv"],
                                                                      [problem] * 5, 5)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with refusals.journal_path(db_path).open("a", encoding="utf-8") as journal:
        journal.write('{"at": "2026-11-28T10:00:00", "dataset": "wifi_po')  # a kill in mid-line
    found = refusals.refusals_since(db_path, None)
    assert sorted(refusal.files for refusal in found) == [(f"{n}.csv",) for n in range(8)]
    # three problems kept of five, each value clipped: a refused file may hold anything
    assert all(len(refusal.problems) == 3 and len(refusal.problems[0].value) == 300 for refusal in found)
    lines = refusals.journal_path(db_path).read_text(encoding="utf-8").splitlines()
    assert all(json.loads(line) for line in lines[:-1])


@pytest.mark.calendar
@pytest.mark.parametrize("language, words", [
    ("id", "muatan Titik Wi-Fi publik dari titik.csv DITOLAK oleh pemeriksaan"),
    ("en", "the load of Public Wi-Fi points from titik.csv was REFUSED by the checks")])
def test_the_digest_reports_each_refused_load_with_its_first_problem_in_the_readers_language(
        monkeypatch, warehouse_copy, tmp_path, language, words):
    monkeypatch.setenv("SMARTISLAND_TODAY", "2026-11-28")
    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    bad = tmp_path / "titik.csv"
    bad.write_text(BAD_POINTS, encoding="utf-8")
    intake = load_with_intake("wifi_points", [bad], warehouse_copy, display_names=["titik.csv"], loaded_by="ayu")
    settings = digest.settings_from({
        "host": "127.0.0.1", "port": 2525, "starttls": False, "sender": "dasbor@diskominfo.example",
        "recipients": [{"address": "ayu@example.org", "language": language}]})
    out = tmp_path / "eml"
    with using(ReportContext(language=language)):
        run = digest.run_digest(settings, warehouse_copy, FIXTURE_TODAY, dry_run=True, out_dir=out)
    assert run.code == 0
    (message,) = out.iterdir()
    body = message.read_text(encoding="utf-8").replace("=\n", "")
    assert words in body and intake.problems[0].message(language) in body
