"""The static export: both languages, every public promise with its chart and numbers, and working relative links."""
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import duckdb
import pandas as pd
import pytest
from support import FIXTURE_TODAY

from smartisland.publishing.export import PAGE_FILES, PLOTLY_FILE, export_site, main
from smartisland.publishing.open_data import DATAPACKAGE_FILE, public_datasets, zip_file_name

PUBLIC_KPIS = list(pd.read_csv("provinces/51/reference/kpis.csv").query("is_public")["kpi_id"])
INTERNAL_KPIS = list(pd.read_csv("provinces/51/reference/kpis.csv").query("not is_public")["kpi_id"])


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.scripts, self.ids, self.headings = [], [], set(), []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        if tag == "script" and "src" in attributes:
            self.scripts.append(attributes["src"])
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


@pytest.fixture(scope="module")
def site(sample_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        export_site(connection, out, today=FIXTURE_TODAY)
    return out


def _parsed(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("language", ["id", "en"])
def test_each_language_has_every_public_promise_and_no_internal_one(site, language):
    page = site / PAGE_FILES[language]
    text = page.read_text(encoding="utf-8")
    assert f'<html lang="{language}">' in text
    parsed = _parsed(page)
    assert {f"kpi-{kpi_id}" for kpi_id in PUBLIC_KPIS} <= parsed.ids
    assert {f"chart-{kpi_id}" for kpi_id in PUBLIC_KPIS} <= parsed.ids
    assert not any(f"kpi-{kpi_id}" in parsed.ids for kpi_id in INTERNAL_KPIS)
    assert text.count("<caption>") >= len(PUBLIC_KPIS)  # every chart has its numbers as a table
    assert ("Janji dalam sekilas" if language == "id" else "Promises at a glance") in text
    # headings in order: one h1, then no level skipped
    assert parsed.headings[0] == 1 and parsed.headings.count(1) == 1
    assert all(after <= before + 1 for before, after in zip(parsed.headings, parsed.headings[1:]))


@pytest.mark.parametrize("language, title, contact", [
    ("id", "Aksesibilitas", "<strong>Kontak.</strong> Menemukan hambatan? Beri tahu Dinas Komunikasi"),
    ("en", "Accessibility", "<strong>Contact.</strong> Found a barrier? Tell the Bali Provincial Office of Communications")])
def test_the_site_ends_with_the_accessibility_statement_of_the_transparency_page(site, language, title, contact):
    text = (site / PAGE_FILES[language]).read_text(encoding="utf-8")
    statement = text[text.index('<section id="accessibility">'):text.index("</main>")]
    assert statement.startswith(f'<section id="accessibility"><h2>{title}</h2>')
    assert statement.count("<p>") == 3 and contact in statement
    known_limits = "<strong>Batasan yang diketahui.</strong>" if language == "id" else "<strong>Known limits.</strong>"
    assert known_limits in statement
    assert f'<a href="#accessibility">{title}</a>' in text  # reachable from the page's contents


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_link_is_relative_and_leads_to_a_file_or_an_anchor(site, language):
    page = site / PAGE_FILES[language]
    parsed = _parsed(page)
    assert parsed.scripts == [("../" if language == "en" else "") + PLOTLY_FILE]  # plotly.js once, locally, no CDN
    assert "cdn" not in page.read_text(encoding="utf-8").lower()
    for link in parsed.links:
        assert not urlparse(link).scheme and not link.startswith("/"), link
        if link.startswith("#"):
            assert link[1:] in parsed.ids, link
        else:
            assert (page.parent / link).resolve().is_file(), link
    targets = {(page.parent / link).resolve() for link in parsed.links if not link.startswith("#")}
    for dataset in public_datasets():
        assert (site / "data" / f"{dataset.name}.csv").resolve() in targets
        assert (site / "data" / f"{dataset.name}.parquet").resolve() in targets
    assert (site / DATAPACKAGE_FILE).resolve() in targets and (site / zip_file_name()).resolve() in targets


def test_the_command_writes_the_site(sample_db, tmp_path, capsys):
    assert main([str(tmp_path / "out"), "--db", str(sample_db)]) == 0
    assert (tmp_path / "out" / "index.html").is_file() and (tmp_path / "out" / "en" / "index.html").is_file()
    assert main([str(tmp_path / "other"), "--db", str(tmp_path / "missing.duckdb")]) == 1


@pytest.mark.browser
def test_the_exported_site_reads_from_the_file_system_in_chromium(browser, site):
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    requested, errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((site / "index.html").as_uri())
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot').length === {len(PUBLIC_KPIS)}",
                           timeout=30000)
    assert page.locator("h1").inner_text().startswith("Transparansi")
    # every chart drew its lines, and every link the browser resolves is a file that exists
    assert page.locator(".js-plotly-plot .scatterlayer .trace").count() >= 2 * len(PUBLIC_KPIS)
    hrefs = page.locator("a[href]").evaluate_all("links => links.map(link => link.href)")
    files = [href for href in hrefs if "#" not in href]
    assert files and all(href.startswith("file://") for href in hrefs)
    missing = [href for href in files if not Path(unquote(urlparse(href).path)).is_file()]
    assert missing == []
    page.get_by_role("link", name="English").click()
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot').length === {len(PUBLIC_KPIS)}",
                           timeout=30000)
    assert page.url.endswith("/en/index.html")
    assert page.locator("h1").inner_text().startswith("Transparency")
    assert page.locator("html").get_attribute("lang") == "en"
    assert errors == []
    assert all(url.startswith(("file://", "data:", "blob:", "about:")) for url in requested), requested
    page.close()
