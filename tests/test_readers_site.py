"""Issue 13, items 6-9, as its readers meet them: the phone (390 px), provenance, the map and language and
accessibility. AppTest where the page's elements tell; Chromium where only a browser can (viewport, <html lang>,
<title>)."""
import pytest
from support.apptest import run_page, visible_texts
from support.browser import kept_tab, page_exceptions

from smartisland.i18n import t
from smartisland.report_context import ReportContext, using
from smartisland.ui.frame import page_title
from smartisland.ui.navigation import PAGES

PAGE_IDS = [page.url_path for page in PAGES]
TRANSPARENCY = "app_pages/transparency.py"


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_public_summary_puts_the_status_right_after_the_promise(monkeypatch, sample_db, language):
    """Item 6: the status right after the promise. A phone (under 640 pixels) gets a card per promise instead of the
    table (issue 21, tests/test_app_accessibility.py); the table's pinned promise and its status fit a narrow
    window's width beside each other."""
    app = run_page(monkeypatch, sample_db, TRANSPARENCY, language)
    columns = list(app.dataframe[0].value.columns)
    with using(ReportContext(language=language)):
        promise, status = t("transparency.column_promise"), t("transparency.column_status")
    assert columns[:2] == [promise, status]
    import json

    config = json.loads(app.dataframe[0].proto.columns)
    assert config[promise]["pinned"] is True
    assert config[promise]["width"] + config[status]["width"] <= 640 - 32  # the narrowest table, less the padding


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_public_site_has_an_accessibility_statement(monkeypatch, sample_db, language):
    """Item 9: what was done, known limits, a contact, in the page's language."""
    app = run_page(monkeypatch, sample_db, TRANSPARENCY, language)
    with using(ReportContext(language=language)):
        assert t("transparency.accessibility_title") in [header.value for header in app.subheader]
    texts = visible_texts(app)
    for key in ("transparency.accessibility_done", "transparency.accessibility_limits",
                "transparency.accessibility_contact"):
        with using(ReportContext(language=language)):
            assert t(key) in texts
    assert any("diskominfos.baliprov.go.id" in text for text in texts)


def test_target_sources_are_in_english_on_english_pages(monkeypatch, sample_db):
    """Item 9: a target source stored in Indonesian reads in English on the English page, and back."""
    english = run_page(monkeypatch, sample_db, TRANSPARENCY, "en", query={"kpi": "villages_with_wifi"})
    english_texts = "\n".join(visible_texts(english))
    assert "illustrative, set by the team" in english_texts and "ditetapkan oleh tim" not in english_texts
    indonesian = run_page(monkeypatch, sample_db, TRANSPARENCY, "id", query={"kpi": "villages_with_wifi"})
    assert "ilustratif, ditetapkan oleh tim" in "\n".join(visible_texts(indonesian))


def test_the_indonesian_spbe_page_gives_its_sources_in_indonesian(monkeypatch, sample_db):
    """Item 9: the sources stored in English ("national average") read in Indonesian on the Indonesian page."""
    indonesian = "\n".join(visible_texts(run_page(monkeypatch, sample_db, "app_pages/spbe.py", "id")))
    unescaped = indonesian.replace("\\", "").replace("\u2060", "")  # the caption escapes Markdown: rata\-rata
    assert "KemenPANRB, evaluasi SPBE 2023: rata-rata nasional" in unescaped
    assert "national average" not in unescaped
    english = "\n".join(visible_texts(run_page(monkeypatch, sample_db, "app_pages/spbe.py", "en")))
    assert "KemenPANRB, SPBE evaluation 2023: national average" in english.replace("\\", "").replace("\u2060", "")


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_connectivity_page_shows_the_published_facts(monkeypatch, sample_db, language):
    """Item 7: Karangasem's December 2022 survey, Bangli's Kintamani villages, base stations, 4.3 million."""
    app = run_page(monkeypatch, sample_db, "app_pages/connectivity.py", language, query={"section": "coverage"})
    tables = [frame.value for frame in app.dataframe]
    with using(ReportContext(language=language)):
        published = next(frame for frame in tables if t("connectivity.published.provenance") in frame.columns)
    with using(ReportContext(language=language)):
        figures = published[t("connectivity.column.figure")].tolist()
    with using(ReportContext(language=language)):
        values = dict(zip(figures, published[t("connectivity.column.value")]))
    with using(ReportContext(language=language)):
        assert values[t("connectivity.published.karangasem_none")] == "6"
    with using(ReportContext(language=language)):
        assert values[t("connectivity.published.karangasem_weak")] == "56"
    with using(ReportContext(language=language)):
        assert values[t("connectivity.published.karangasem_villages")] == "78"
    with using(ReportContext(language=language)):
        assert values[t("connectivity.published.kintamani_blank_spots")] == "8"
    with using(ReportContext(language=language)):
        assert values[t("connectivity.published.residents_article")] == ("4.300.000" if language == "id"
                                                                                    else "4,300,000")
    with using(ReportContext(language=language)):
        assert figures.count(t("connectivity.published.base_stations")) == 8


# ---------------------------------------------------------------- in Chromium, at a phone's width

PHONE = {"width": 390, "height": 844}


def _open_phone(browser, url: str):
    page = kept_tab(browser, PHONE["width"], PHONE["height"])
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60000)
    page.wait_for_timeout(1500)
    return page


@pytest.mark.browser
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("entry", PAGES, ids=PAGE_IDS)
def test_on_a_phone_every_page_has_its_language_title_switch_and_badge(browser, app_url, entry, language):
    """Items 6 and 9: <html lang> is the page's language (Streamlit writes `en`), the page has its own <title>, and
    the language switch and data badge are on screen with the sidebar collapsed. One test per page and language, so
    that the suite's workers share them."""
    page = _open_phone(browser, f"{app_url}/{entry.url}?lang={language}")
    assert page_exceptions(page) == []
    assert page.locator("h1").first.inner_text().strip(), entry.url_path  # moved from test_every_page.py
    # The frame sets <html lang> from a script the page draws after its heading: on a busy machine, a moment later.
    page.wait_for_function("language => document.documentElement.lang === language", arg=language, timeout=30000)
    with using(ReportContext(language=language)):
        expected = page_title(t(entry.title_key))
    page.wait_for_function("title => document.title === title", arg=expected, timeout=30000)
    assert page.locator('[data-testid="stSidebar"]').get_attribute("aria-expanded") != "true"
    with using(ReportContext(language=language)):
        for text in ("Bahasa Indonesia", "English", t("common.sample_badge")):
            # a busy machine may still be drawing a phone's rerun (is_narrow) when this asks
            box = page.locator('[data-testid="stMain"]').get_by_text(text).first.bounding_box(timeout=30000)
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (entry.url_path, text)
            assert box["y"] < PHONE["height"], (entry.url_path, text)


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_page_has_a_title_of_its_own(language):
    """Item 9: no two pages share a <title> (each page's title is checked in Chromium above)."""
    with using(ReportContext(language=language)):
        titles = {page_title(t(entry.title_key)) for entry in PAGES}
    assert len(titles) == len(PAGES)
