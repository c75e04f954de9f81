"""Citizens flag a figure: kept in a store of their own, shown to the team, public only once answered, limited per
hour, hostile text inert, and a warehouse rebuild keeps every report."""
import re
from datetime import datetime, timedelta

import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from support import ROOT
from support.apptest import run_page, visible_texts
from support.hostile import FORMULA_PAYLOADS, MARKDOWN_PAYLOADS

from smartisland.config import reports_path, warehouse_path
from smartisland.editing.auth import hash_password
from smartisland.load import build_warehouse
from smartisland.report_context import ReportContext, using
from smartisland.reporting.citizen_reports import (
    PER_CLIENT_PER_HOUR,
    TOTAL_PER_HOUR,
    answer_report,
    answered_reports,
    clean_text,
    close_report,
    public_answer_lines,
    report_link,
    submit_report,
    team_reports,
)
from smartisland.text import markdown_text

NOW = datetime(2026, 11, 28, 10, 0)
# What a reader would see as something else than its text if it reached Markdown unescaped.
LIVE_MARKS = ("**bold**", "<b>html</b>", ":red[red]", "$x^2$", "[x](https://evil.example/a)",
              "![i](http://evil.example/i.png)", "[j](javascript:alert(1))", ":material/thumb_up:", ":streamlit:")
PAGE = "app_pages/transparency.py"


@pytest.fixture
def store(tmp_path, monkeypatch):
    path = tmp_path / "reports.duckdb"
    monkeypatch.setenv("SMARTISLAND_REPORTS_DB", str(path))
    return path


def test_the_store_is_a_file_of_its_own_by_default(monkeypatch):
    monkeypatch.delenv("SMARTISLAND_REPORTS_DB")
    monkeypatch.delenv("SMARTISLAND_DB", raising=False)
    monkeypatch.setenv("SMARTISLAND_PROVINCE", "52")
    assert reports_path() == ROOT / "data" / "citizen-reports-52.duckdb"
    assert reports_path() != warehouse_path()
    assert "data/citizen-reports*.duckdb*" in (ROOT / ".gitignore").read_text().splitlines()


def test_a_report_is_stored_and_shown_to_the_team_but_not_to_the_public(store):
    result = submit_report("imdi", "Angka 2024 berbeda dengan rilis BPS.", "warga@example.org", "id", "10.0.0.1", NOW)
    assert result.ok and result.message_key == "citizen.report.thanks"
    reports = team_reports()
    assert reports[["kpi_id", "report_text", "contact", "language"]].values.tolist() == [
        ["imdi", "Angka 2024 berbeda dengan rilis BPS.", "warga@example.org", "id"]]
    assert reports.loc[0, "created_at"] == NOW and reports["answered_at"].isna().all()
    with using(ReportContext(language="en")):
        assert answered_reports().empty and public_answer_lines(answered_reports(), "imdi") == []
    # the client is kept only as a hash of its address
    with duckdb.connect(str(store), read_only=True) as connection:
        keys = connection.execute("select client_key from citizen_reports").fetchall()
    assert keys[0][0] != "10.0.0.1" and len(keys[0][0]) == 32


def test_an_answer_publishes_the_report_beside_its_figure_in_both_languages_never_the_contact(store):
    report_id = submit_report("imdi", "Angka berbeda.", "warga@example.org", "id", "10.0.0.1", NOW).report_id
    refused = answer_report(report_id, "Sudah kami periksa.", "", "ayu", NOW)
    assert not refused.ok and refused.message_key == "citizen.team.answer_both" and answered_reports().empty
    assert answer_report(report_id, "Sudah kami periksa.", "We have checked it.", "ayu", NOW + timedelta(hours=2)).ok
    answered = answered_reports()
    assert "contact" not in answered.columns and "client_key" not in answered.columns
    report, answer_id, answer_en = (markdown_text(text) for text in
                                    ("Angka berbeda.", "Sudah kami periksa.", "We have checked it."))
    with using(ReportContext(language="id")):
        assert public_answer_lines(answered, "imdi") == [
            f"**Laporan (28 November 2026)**: {report}  \n**Jawaban tim (28 November 2026)**: {answer_id}"]
    with using(ReportContext(language="en")):
        assert public_answer_lines(answered, "imdi") == [
            f"**Report (28 November 2026)**: {report}  \n**The team's answer (28 November 2026)**: {answer_en}"]
    with using(ReportContext(language="en")):
        assert public_answer_lines(answered, "wifi_points_active") == []
    # closing keeps a published answer, and the team sees the report closed
    assert close_report(report_id, "ayu", NOW + timedelta(hours=3)).ok
    assert len(answered_reports()) == 1 and team_reports().loc[0, "closed_by"] == "ayu"


def test_the_eleventh_report_in_an_hour_from_one_client_is_refused_with_a_message(store):
    for minute in range(PER_CLIENT_PER_HOUR):
        assert submit_report("imdi", f"laporan {minute}", None, "id", "10.0.0.1", NOW + timedelta(minutes=minute)).ok
    eleventh = submit_report("imdi", "satu lagi", None, "id", "10.0.0.1", NOW + timedelta(minutes=30))
    assert not eleventh.ok and eleventh.message_key == "citizen.report.client_limit"
    assert len(team_reports()) == PER_CLIENT_PER_HOUR
    # another client still may; the same client again once the first report is an hour old
    assert submit_report("imdi", "dari tempat lain", None, "id", "10.0.0.2", NOW + timedelta(minutes=30)).ok
    assert submit_report("imdi", "sejam kemudian", None, "id", "10.0.0.1", NOW + timedelta(minutes=61)).ok


def test_the_eleventh_report_is_refused_on_the_public_page_in_words(monkeypatch, sample_db, store):
    # AppTest has no client address: the browser session stands in, so the page's session is the client
    app = run_page(monkeypatch, sample_db, PAGE, "en", "public", {"kpi": "imdi", "report": "1"})
    expander = next(item for item in app.expander if item.label == "Report a problem with this figure")
    assert expander.proto.expanded
    figure = next(item for item in app.text_input if item.label == "Figure")
    assert figure.value == "Bali's Indonesian Digital Society Index (IMDI)" and figure.disabled
    area = next(item for item in app.text_area if item.label.startswith("What is the problem?"))
    assert area.max_chars == 1000
    for number in range(PER_CLIENT_PER_HOUR + 1):
        area = next(item for item in app.text_area if item.label.startswith("What is the problem?"))
        area.input(f"report {number}")
        next(item for item in app.button if item.label == "Send the report").click()
        app.run()
    assert [item.value for item in app.error] == [
        "You have sent 10 reports in the last hour. Please try again later."]
    assert len(team_reports()) == PER_CLIENT_PER_HOUR
    # nothing written is shown publicly before an answer
    assert not any("report 3" in text for text in visible_texts(app))


def test_the_total_in_an_hour_is_limited_too(store):
    for number in range(TOTAL_PER_HOUR):
        assert submit_report("imdi", "x", None, "id", f"10.1.{number // 250}.{number % 250}", NOW).ok
    refused = submit_report("imdi", "x", None, "id", "10.9.9.9", NOW)
    assert not refused.ok and refused.message_key == "citizen.report.total_limit"


def test_text_is_kept_as_text_within_its_limits(store):
    assert clean_text("a\x00b\x1bc\u2028d\r\ne\tf\x85g") == "abcd\ne fg"
    assert clean_text("nama\nbaris", keep_line_breaks=False) == "nama baris"
    assert submit_report("imdi", " \x07 ", None, "id", "c", NOW).message_key == "citizen.report.empty"
    assert submit_report("imdi", "x" * 1001, None, "id", "c", NOW).message_key == "citizen.report.too_long"
    assert submit_report("imdi", "x" * 1000, None, "id", "c", NOW).ok
    assert team_reports()["report_text"].str.len().tolist() == [1000]


def test_hostile_text_is_stored_as_typed_and_shown_inert(monkeypatch, sample_db, store):
    payloads = [*MARKDOWN_PAYLOADS, *FORMULA_PAYLOADS]
    for number, payload in enumerate(payloads):
        report_id = submit_report("imdi", payload + "\x1b[31m", payload, "en", f"client {number}", NOW).report_id
        answer_report(report_id, payload, payload, "ayu", NOW)
    stored = team_reports()["report_text"].tolist()
    assert sorted(stored) == sorted(clean_text(payload) + "[31m" for payload in payloads)
    app = run_page(monkeypatch, sample_db, PAGE, "en", "public", {"kpi": "imdi"})
    bodies = [item.value for item in app.info if item.value.startswith("**Report (")]  # beside the figure
    assert len(bodies) == len(payloads)
    for payload in MARKDOWN_PAYLOADS:  # shown, escaped, both as the report and as the answer
        assert sum(body.count(markdown_text(payload)) for body in bodies) == 2, payload
    assert [mark for mark in LIVE_MARKS for body in bodies if re.search(r"(?<!\\)" + re.escape(mark), body)] == []


def test_the_team_sees_answers_and_closes_reports_on_the_data_page(monkeypatch, sample_db, store):
    submit_report("imdi", "**Angka** [ini](https://evil.example) keliru", "warga@example.org", "id", "c", NOW)
    monkeypatch.setenv("SMARTISLAND_DB", str(sample_db))
    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.secrets["editors"] = {"ayu": hash_password("rahasia")}
    app.query_params["lang"] = "en"
    app.run()
    app.switch_page("app_pages/data.py")
    app.run()
    assert not any("keliru" in text for text in visible_texts(app))  # not before signing in
    app.text_input[0].input("ayu")
    app.text_input[1].input("rahasia")
    app.button[0].click().run()
    table = next(frame.value for frame in app.dataframe if "Report" in frame.value.columns)
    assert table[["Report", "Contact", "State"]].values.tolist() == [
        ["**Angka** [ini](https://evil.example) keliru", "warga@example.org", "open"]]
    next(item for item in app.text_area if item.label == "Answer in Indonesian").input("Sudah diperbaiki.")
    next(item for item in app.text_area if item.label == "Answer in English").input("Corrected.")
    next(item for item in app.button if item.label == "Publish the answer").click()
    app.run()
    assert "The answer is published beside its figure." in [item.value for item in app.success]
    table = next(frame.value for frame in app.dataframe if "Report" in frame.value.columns)
    assert table[["State", "Answer"]].values.tolist() == [["answered", "Corrected."]]
    next(item for item in app.button if item.label == "Close the report").click()
    app.run()
    assert "The report is closed." in [item.value for item in app.success]
    assert team_reports().loc[0, ["answered_by", "closed_by"]].tolist() == ["ayu", "ayu"]
    public = run_page(monkeypatch, sample_db, PAGE, "id", "public", {"kpi": "imdi"})
    assert any("Sudah diperbaiki" in item.value and "keliru" in item.value for item in public.info)


def test_a_warehouse_rebuild_keeps_every_report(monkeypatch, tmp_path, store):
    warehouse = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("SMARTISLAND_DB", str(warehouse))
    assert build_warehouse(ROOT / "tests" / "fixtures" / "data", warehouse).ok
    for number in range(3):
        submit_report("imdi", f"laporan {number}", None, "id", "c", NOW)
    assert build_warehouse(ROOT / "tests" / "fixtures" / "data", warehouse).ok
    assert sorted(team_reports()["report_text"]) == ["laporan 0", "laporan 1", "laporan 2"]
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = {row[0] for row in connection.execute("select table_name from information_schema.tables").fetchall()}
    assert "citizen_reports" not in tables and store.exists() and store != warehouse


def test_the_static_site_links_to_the_form_of_one_figure_pre_filled():
    assert report_link("https://dasbor.example/", "imdi", "en") == \
        "https://dasbor.example/transparency?kpi=imdi&lang=en&report=1"


@pytest.mark.browser
def test_a_citizen_reports_a_figure_from_the_link_in_chromium(browser, sample_db, tmp_path):
    """The real page in public mode, a real client address: the link opens the form, the report is kept, the
    eleventh from that address in the hour is refused in words."""
    from playwright.sync_api import expect
    from support.browser import open_page, page_exceptions, start_server

    path = tmp_path / "reports.duckdb"
    process, url = start_server(sample_db, "public", {"SMARTISLAND_REPORTS_DB": str(path)})
    try:
        page = open_page(browser, f"{url}/transparency?kpi=wifi_points_active&lang=en&report=1")
        assert page_exceptions(page) == []
        assert page.get_by_label("Figure").input_value() == "Public Wi-Fi points installed"
        for number in range(PER_CLIENT_PER_HOUR + 1):
            text = page.get_by_label("What is the problem?", exact=False)
            text.fill(f"<b>report</b> {number}")
            page.get_by_role("button", name="Send the report").click()
            expect(text).to_have_value("", timeout=60000)  # the form was taken in and cleared
            # the run that keeps it may still be going: wait for the store (a minute at most)
            for _ in range(120):
                if len(team_reports(path)) == min(number + 1, PER_CLIENT_PER_HOUR):
                    break
                page.wait_for_timeout(500)
            assert len(team_reports(path)) == min(number + 1, PER_CLIENT_PER_HOUR)
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60000)
        page.get_by_text("You have sent 10 reports in the last hour. Please try again later.").wait_for(timeout=60000)
        assert page.get_by_text("Thank you. We have received your report").count() == 0
    finally:
        process.terminate()
        process.wait(timeout=60)  # a busy machine may take a while to stop it
    reports = team_reports(path)
    assert len(reports) == PER_CLIENT_PER_HOUR and set(reports["kpi_id"]) == {"wifi_points_active"}
    assert "<b>report</b> 0" in set(reports["report_text"])
