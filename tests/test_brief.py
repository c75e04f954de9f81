"""The Governor's brief: one tagged A4 page per as-of date and language, read back with poppler's pdfinfo and
pdftotext; the sparkline is a pure function with exact output."""
from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest
from support import FIXTURE_TODAY

from smartisland import db
from smartisland.i18n import LANGUAGES
from smartisland.kpis import sections
from smartisland.kpis.display import kpi_name
from smartisland.kpis.scorecard import build_scorecard, late_items
from smartisland.report_context import ReportContext, using
from smartisland.reporting import brief, pdf


def pdf_info(path) -> dict[str, str]:
    output = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return dict(line.split(":", 1) for line in output.splitlines() if ":" in line)


def pdf_words(path) -> str:
    """The PDF's text in drawing order (each table cell whole), whitespace made single spaces; a line broken after
    a word's own hyphen (`Wi-` / `Fi`) joined again."""
    output = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", re.sub(r"-\n", "-", output))


def test_a_sparkline_is_a_polyline_through_the_scaled_points_with_the_last_one_marked():
    svg = brief.sparkline_svg([0.0, 1.0, 0.5], "Tren <3> nilai", "#0072B2")
    assert 'points="2.0,22.0 48.0,2.0 94.0,12.0"' in svg
    assert '<circle cx="94.0" cy="12.0" r="2" fill="#0072B2"/>' in svg
    assert 'aria-label="Tren &lt;3&gt; nilai"' in svg and "<title>Tren &lt;3&gt; nilai</title>" in svg
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="96" height="24" viewBox="0 0 96 24" role="img"')


def test_a_sparkline_keeps_stray_values_inside_its_box_and_draws_nothing_for_one_value():
    assert 'points="2.0,22.0 94.0,2.0"' in brief.sparkline_svg([-0.5, 1.5], "x")
    assert brief.sparkline_svg([0.5], "x") == ""
    assert brief.sparkline_svg([], "x") == ""


def test_the_dates_a_brief_takes_are_the_last_24_month_ends():
    choices = brief.as_of_choices(FIXTURE_TODAY)
    assert (len(choices), choices[0], choices[12], choices[23]) == (24, date(2026, 10, 31), date(2025, 10, 31),
                                                                     date(2024, 11, 30))
    assert brief.latest_month_end(date(2026, 11, 30)) == date(2026, 11, 30)
    assert brief.parse_as_of("2025-10-31", FIXTURE_TODAY) == date(2025, 10, 31)
    for wrong in ("2025-10-30", "2024-10-31", "2026-11-30", "31/10/2025"):
        with pytest.raises(ValueError):
            brief.parse_as_of(wrong, FIXTURE_TODAY)


def _expected(sample_db, as_of: date, language: str) -> tuple[str, list[str]]:
    """The verdict's first sentence and the names of the late promises, as the overview finds them that day."""
    with db.reading(sample_db) as connection:
        def run(name, **params):
            return db.execute_query(connection, name, **params)

        card, _ = build_scorecard(run("kpi_definitions"), run, as_of, as_of)
    with using(ReportContext(language=language)):
        return sections.verdict(card)[0], [kpi_name(row) for _, row in late_items(card).iterrows()]


@pytest.mark.parametrize("months_back", [0, 12, 23])
def test_make_brief_writes_one_tagged_page_per_language_with_the_verdict_and_every_late_promise(
        sample_db, tmp_path, months_back):
    as_of = brief.as_of_choices(FIXTURE_TODAY)[months_back]
    written = brief.write_briefs(tmp_path, as_of, sample_db)
    assert sorted(path.name for path in written) == sorted(
        f"brief-{as_of.isoformat()}-{language}.{kind}" for language in LANGUAGES for kind in ("pdf", "png"))
    for language in LANGUAGES:
        path = tmp_path / f"brief-{as_of.isoformat()}-{language}.pdf"
        info = pdf_info(path)
        assert info["Pages"].strip() == "1"
        assert info["Tagged"].strip() == "yes"
        assert info["Page size"].strip().endswith("(A4)")
        words = pdf_words(path)
        verdict, late_names = _expected(sample_db, as_of, language)
        assert verdict in words
        assert late_names, "the sample has late promises on every date tested"
        assert [name for name in late_names if name not in words] == []
        png = path.with_suffix(".png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        # The PNG's width and height (IHDR): an A4 page at 150 dpi.
        assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (1241, 1754)


def test_the_english_brief_is_in_english_and_the_indonesian_in_indonesian(sample_db, tmp_path):
    as_of = date(2026, 10, 31)
    brief.write_briefs(tmp_path, as_of, sample_db, with_png=False)
    indonesian = pdf_words(tmp_path / "brief-2026-10-31-id.pdf")
    english = pdf_words(tmp_path / "brief-2026-10-31-en.pdf")
    assert "Ringkasan untuk Gubernur" in indonesian and "Keadaan per 31 Oktober 2026" in indonesian
    assert "Brief for the Governor" in english and "As it stood on 31 October 2026" in english
    assert "Brief for the Governor" not in indonesian and "Ringkasan untuk Gubernur" not in english
    # The sample's invented figures are said to be sample, in the reader's language.
    assert "Dibuat dari data sampel" in indonesian and "Made from sample data" in english
    # The sample's SPBE index was last published for 2023: a key figure whose data is stale says so.
    assert "Data usang" in indonesian and "Stale data" in english


@pytest.mark.calendar
def test_a_brief_with_too_many_late_promises_for_a_page_still_makes_one_page_and_says_how_many_are_left_out(
        tmp_path):
    row = ["Janji yang panjang sekali namanya", "▼ Tertinggal", "furthest: Kota Contoh (10,0%)",
           "9,9 poin persen tertinggal dari jalur rencana (seharusnya 88,3%, kini 78,4%)", "Des 2026",
           "≈ target ilustratif (tim), bukan target resmi", "Dinas Contoh"]
    view = brief.BriefView(
        language="id", as_of=date(2026, 10, 31), title="Ringkasan", subtitle="Program", dates=["per 31 Oktober 2026"],
        verdict=["Dari 60 janji: 60 tertinggal."], late_title="Yang terlambat",
        late_headers=["IKU", "Status", "Di mana", "Tertinggal", "Tenggat", "Jenis target", "Penanggung jawab"],
        late_rows=[[f"{row[0]} {number}", *row[1:]] for number in range(1, 61)], late_none=None,
        figures_title="Angka utama", figures=[], notes=[])
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf.one_page_pdf(brief.layouts(view)))
    assert pdf_info(path)["Pages"].strip() == "1"
    words = pdf_words(path)
    kept = [number for number in range(1, 61) if f"namanya {number} " in words]
    assert kept == list(range(1, len(kept) + 1)) and 10 < len(kept) < 60  # the worst first, the rest counted
    assert f"… dan {60 - len(kept)} IKU lain" in words


def test_a_layout_that_never_fits_is_refused_not_cut():
    with pytest.raises(pdf.PageOverflow):
        pdf.one_page_pdf(['<html lang="id"><head><title>x</title></head><body>'
                          + "<p>baris</p>" * 400 + "</body></html>"])


@pytest.mark.calendar
def test_text_from_the_data_is_printed_as_typed_never_read_as_markup(tmp_path):
    hostile = '<img src=x.png> <b>tebal</b> & =SUM(A1)'
    view = brief.BriefView(
        language="id", as_of=date(2026, 10, 31), title="Ringkasan", subtitle="Program", dates=["per 31 Oktober 2026"],
        verdict=["Dari 1 janji: 1 tertinggal."], late_title="Yang terlambat",
        late_headers=["IKU", "Penanggung jawab"], late_rows=[["Titik Wi-Fi", hostile]], late_none=None,
        figures_title="Angka utama", figures=[brief.KeyFigure(hostile, "1", "", "▼", "≈", "Target", "Periode",
                                                              [0.0, 1.0], "#D55E00")], notes=[])
    path = tmp_path / "hostile.pdf"
    path.write_bytes(pdf.one_page_pdf(brief.layouts(view)))
    assert pdf_words(path).count(hostile) == 2
