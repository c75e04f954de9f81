"""Reporting status and what comes next: the pure rules, and the public page and the Data page saying them."""
from datetime import date, timedelta

import pandas as pd
import pytest
from support.apptest import run_page, visible_texts

from smartisland.kpis.assessment import KpiDefinition
from smartisland.kpis.assessment import is_stale as engine_is_stale
from smartisland.report_context import ReportContext, using
from smartisland.reporting.status import (
    IN_PROGRESS,
    NOT_AVAILABLE,
    REPORTED,
    Contact,
    NextUpdate,
    contact,
    counts_sentence,
    dataset_reporting,
    is_overdue,
    next_update,
    next_update_text,
    promise_reporting,
)

CATALOG = {code: pd.read_csv(f"provinces/{code}/reference/kpis.csv") for code in ("51", "52")}


@pytest.mark.parametrize(("latest", "frequency", "period_end", "expected_by"), [
    (date(2026, 10, 31), "monthly", date(2026, 11, 30), date(2026, 12, 31)),
    (date(2026, 1, 31), "monthly", date(2026, 2, 28), date(2026, 4, 2)),
    (date(2026, 12, 31), "monthly", date(2027, 1, 31), date(2027, 3, 2)),
    (date(2026, 9, 30), "quarterly", date(2026, 12, 31), date(2027, 2, 14)),
    (date(2025, 12, 31), "yearly", date(2026, 12, 31), date(2027, 7, 3)),
    (date(2024, 2, 29), "yearly", date(2025, 2, 28), date(2025, 8, 31)),
])
def test_the_next_update_is_the_next_period_and_the_day_its_figure_is_expected(latest, frequency, period_end,
                                                                                 expected_by):
    assert next_update(latest, frequency) == NextUpdate(period_end, expected_by)
    assert next_update(pd.Timestamp(latest), frequency) == NextUpdate(period_end, expected_by)


def test_without_a_figure_there_is_no_next_update_and_nothing_is_overdue():
    assert next_update(None, "monthly") is None and next_update(float("nan"), "yearly") is None
    assert is_overdue(None, date(2030, 1, 1)) is False


@pytest.mark.parametrize("frequency", ["monthly", "quarterly", "yearly"])
def test_overdue_starts_the_day_after_the_expected_day_as_the_engine_calls_it_stale(frequency):
    latest = date(2025, 6, 30)
    update = next_update(latest, frequency)
    definition = KpiDefinition("k", "higher", 0.0, date(2020, 1, 1), 1.0, date(2030, 1, 1), frequency)
    for today, overdue in ((update.expected_by, False), (update.expected_by + timedelta(days=1), True)):
        assert is_overdue(update, today) is overdue
        assert engine_is_stale(definition, latest, today) is overdue  # one rule, never two answers


def test_reporting_status_of_a_promise_and_of_a_dataset():
    assert promise_reporting(has_figure=True, overdue=False, data_loaded=True) == REPORTED
    assert promise_reporting(has_figure=True, overdue=True, data_loaded=True) == IN_PROGRESS
    assert promise_reporting(has_figure=False, overdue=False, data_loaded=True) == IN_PROGRESS
    assert promise_reporting(has_figure=False, overdue=False, data_loaded=False) == NOT_AVAILABLE
    assert dataset_reporting(120, 0) == REPORTED
    assert dataset_reporting(120, 1) == IN_PROGRESS
    assert dataset_reporting(0, 0) == NOT_AVAILABLE


def test_counts_and_next_update_in_both_languages():
    statuses = pd.Series([REPORTED, REPORTED, IN_PROGRESS, NOT_AVAILABLE])
    with using(ReportContext(language="id")):
        assert counts_sentence("promises", statuses) == \
            "Dari 4 janji publik: 2 dilaporkan, 1 dalam proses, 1 belum tersedia."
    with using(ReportContext(language="en")):
        assert counts_sentence("datasets", statuses) == \
            "Of 4 open datasets: 2 reported, 1 in progress, 1 not yet available."
    update = NextUpdate(date(2026, 12, 31), date(2027, 2, 14))
    with using(ReportContext(language="id")):
        assert next_update_text(update, "quarterly", False) == \
            "Angka Triwulan IV 2026 diharapkan paling lambat 14 Februari 2027"
    with using(ReportContext(language="en")):
        assert next_update_text(update, "quarterly", True) == "Late: the figure for Q4 2026 was due by 14 February 2027"
    with using(ReportContext(language="en")):
        assert next_update_text(None, "monthly", False) == "Not scheduled yet: no first figure"
    with using(ReportContext(language="id")):
        assert next_update_text(update, "quarterly", False, short=True) == "Triwulan IV 2026, paling lambat 14 Februari 2027"
    with using(ReportContext(language="en")):
        assert next_update_text(update, "quarterly", True, short=True) == "⚠ Late: Q4 2026, due by 14 February 2027"


def test_contact_is_the_catalogue_s_unit_and_public_address_else_the_owner_and_the_province_s_address():
    row = {"owner_agency": "Biro Organisasi", "contact_unit": "Bagian Tata Laksana", "contact_address": "biro.example"}
    assert contact(row, "agency.example") == Contact("Bagian Tata Laksana", "biro.example")
    assert contact({"owner_agency": "Biro Organisasi", "contact_unit": float("nan"), "contact_address": " "},
                   "agency.example") == Contact("Biro Organisasi", "agency.example")


@pytest.mark.parametrize("code", ["51", "52"])
def test_every_kpi_of_both_catalogues_names_a_contact_unit_and_the_agency_s_public_address(code):
    import tomllib

    with open(f"provinces/{code}/province.toml", "rb") as handle:
        website = tomllib.load(handle)["agency_website"]
    catalog = CATALOG[code]
    assert catalog["contact_unit"].notna().all() and (catalog["contact_unit"] == catalog["owner_agency"]).all()
    # the agency's public address, never a person's
    assert (catalog["contact_address"] == website).all() and not catalog["contact_address"].str.contains("@").any()


# ---------------------------------------------------------------- the pages (sample data, on 2026-11-28)

PUBLIC_COUNT = int(CATALOG["51"]["is_public"].sum())
WORDS = {
    "id": {"counts": f"Dari {PUBLIC_COUNT} janji publik: 9 dilaporkan, 2 dalam proses, 0 belum tersedia.",
           "datasets": "Dari 16 set data terbuka: 14 dilaporkan, 2 dalam proses, 0 belum tersedia.",
           "next": "Pembaruan berikutnya", "contact": "Kontak",
           "late": "⚠ Terlambat: 2025, paling lambat 3 Juli 2026",
           "overdue": "Pembaruan yang terlambat", "imdi": "Indeks Masyarakat Digital Indonesia"},
    "en": {"counts": f"Of {PUBLIC_COUNT} public promises: 9 reported, 2 in progress, 0 not yet available.",
           "datasets": "Of 16 open datasets: 14 reported, 2 in progress, 0 not yet available.",
           "next": "Next update", "contact": "Contact",
           "late": "⚠ Late: 2025, due by 3 July 2026",
           "overdue": "Updates that are late", "imdi": "Indonesian Digital Society Index"},
}


@pytest.mark.parametrize("language", ["id", "en"])
def test_public_page_counts_reporting_status_and_every_figure_shows_its_next_update_and_contact(
        monkeypatch, sample_db, language):
    words = WORDS[language]
    app = run_page(monkeypatch, sample_db, "app_pages/transparency.py", language, "public")
    markdown = [item.value for item in app.markdown]
    assert f"{words['counts']}  \n{words['datasets']}" in markdown
    table = next(frame.value for frame in app.dataframe if words["next"] in frame.value.columns)
    assert len(table) == PUBLIC_COUNT
    assert table[words["next"]].str.len().gt(0).all() and table[words["contact"]].str.len().gt(0).all()
    assert table[words["contact"]].str.contains("diskominfos.baliprov.go.id").all()
    # the overdue figures said plainly, in the table and above it
    imdi = table[table.iloc[:, 0].str.contains(words["imdi"])]
    assert list(imdi[words["next"]]) == [words["late"]]
    warning = next(item.value for item in app.warning if words["overdue"] in item.value)
    assert words["imdi"] in warning
    # the chosen figure says its own next update and contact beside it
    texts = visible_texts(app)
    assert any(text.startswith(f"**{words['next']}**: ") and f"**{words['contact']}**: " in text for text in texts)


def test_an_overdue_figure_is_said_plainly_beside_it_on_the_public_page(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, "app_pages/transparency.py", "en", "public", {"kpi": "imdi"})
    assert "We are late updating this figure. The figure shown is the latest there is." in [
        item.value for item in app.warning]
    assert any(text.startswith("**Next update**: Late: the figure for 2025 was due by 3 July 2026")
               for text in visible_texts(app))


def test_the_data_page_flags_overdue_figures_to_the_team(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, "app_pages/data.py", "en", "internal")
    warning = next(item.value for item in app.warning if "the figure for" in item.value)
    assert warning.count("was due by") == 2
    assert "2025 was due by 3 July 2026 (Diskominfos Bali)" in warning
