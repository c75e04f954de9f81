"""The static site: both languages, every public promise on its own page with its chart and numbers, the other public
sections, working relative links, no script that blocks rendering and hashed asset names."""
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import duckdb
import pandas as pd
import pytest
from support import FIXTURE_TODAY
from support.site import page_paths, serve

from smartisland.publishing.export import PAGE_FILES, PAGES, export_site, main
from smartisland.publishing.open_data import DATAPACKAGE_FILE, public_datasets, zip_file_name
from smartisland.reporting.citizen_reports import report_link

PUBLIC_KPIS = list(pd.read_csv("provinces/51/reference/kpis.csv").query("is_public")["kpi_id"])
INTERNAL_KPIS = list(pd.read_csv("provinces/51/reference/kpis.csv").query("not is_public")["kpi_id"])
LANGUAGE_ROOTS = {"id": "", "en": "en/"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.scripts, self.ids, self.headings, self.images, self.sources, self.styles = \
            [], [], set(), [], [], [], []
        self.script_attributes = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        if tag == "script":
            self.scripts.append(attributes.get("src"))
            self.script_attributes.append(attributes)
        if tag == "img":
            self.images.append(attributes)
        if tag == "source":
            self.sources.append(attributes["srcset"])
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.styles.append(attributes["href"])
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


@pytest.fixture(scope="module")
def site(sample_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        export_site(connection, out, today=FIXTURE_TODAY, site_address="https://data.example.org/",
                    app_address="https://app.example.org/")
    return out


def _parsed(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("language", ["id", "en"])
def test_each_language_has_every_public_promise_on_its_own_page_and_no_internal_one(site, language):
    home = site / PAGE_FILES[language]
    text = home.read_text(encoding="utf-8")
    assert f'<html lang="{language}">' in text
    assert ("Janji dalam sekilas" if language == "id" else "Promises at a glance") in text
    parsed = _parsed(home)
    assert {f"promises/{kpi_id}.html" for kpi_id in PUBLIC_KPIS} <= set(parsed.links)
    for kpi_id in PUBLIC_KPIS:
        page = site / LANGUAGE_ROOTS[language] / "promises" / f"{kpi_id}.html"
        promise = _parsed(page)
        # the chart as a picture (wide and narrow SVG) that exists, and its numbers as a table
        assert len(promise.images) == 1 and promise.images[0]["src"].endswith(".svg")
        assert (page.parent / promise.images[0]["src"]).resolve().is_file()
        assert all((page.parent / source).resolve().is_file() for source in promise.sources)
        body = page.read_text(encoding="utf-8")
        assert body.count("<caption>") == 1 and "<figure" in body
        assert ("Jenis target" if language == "id" else "Kind of target") in body
        assert ("Artinya bagi warga" if language == "id" else "What it means for residents") in body
    for kpi_id in INTERNAL_KPIS:
        assert not (site / LANGUAGE_ROOTS[language] / "promises" / f"{kpi_id}.html").exists()
        assert kpi_id not in text


def test_the_maps_table_is_cut_into_pages_of_at_most_300_rows_holding_every_item(site):
    for root in LANGUAGE_ROOTS.values():
        parts = sorted((site / root).glob("connectivity-map-*.html"))
        assert len(parts) > 3
        totals, rows = {}, 0
        for part in parts:
            text = part.read_text(encoding="utf-8")
            count = text.count("<tr>") - 1  # less the header row
            assert 0 < count <= 300, part.name
            rows += count
            layer, total = re.search(r"<h1>[^<]*: ([^<]*), [\d.,]+–[\d.,]+ (?:dari|of) ([\d.,]+)</h1>", text).groups()
            totals[layer] = int(total.replace(".", "").replace(",", ""))
        assert rows == sum(totals.values()) > 1000
        assert all(f'href="{part.name}"' in (site / root / "connectivity.html").read_text(encoding="utf-8")
                   for part in parts)


def test_every_page_has_one_h1_and_skips_no_heading_level(site):
    pages = page_paths(site)
    map_parts = len(list(site.glob("connectivity-map-*.html"))) + len(list(site.glob("en/connectivity-map-*.html")))
    assert len(pages) == 2 * (len(PAGES) + len(PUBLIC_KPIS)) + map_parts
    for path in pages:
        headings = _parsed(site / path).headings
        assert headings[0] == 1 and headings.count(1) == 1, path
        assert all(after <= before + 1 for before, after in zip(headings, headings[1:])), path


@pytest.mark.parametrize("language, title, contact", [
    ("id", "Aksesibilitas", "<strong>Kontak.</strong> Menemukan hambatan? Beri tahu Dinas Komunikasi"),
    ("en", "Accessibility", "<strong>Contact.</strong> Found a barrier? Tell the Bali Provincial Office of Communications")])
def test_the_accessibility_statement_has_its_own_page_linked_from_every_page(site, language, title, contact):
    page = site / LANGUAGE_ROOTS[language] / PAGES["accessibility"]
    text = page.read_text(encoding="utf-8")
    assert f"<h1>{title}</h1>" in text and contact in text
    known_limits = "<strong>Batasan yang diketahui.</strong>" if language == "id" else "<strong>Known limits.</strong>"
    assert known_limits in text
    for path in page_paths(site):
        if path.startswith("en/") == (language == "en"):
            parsed = _parsed(site / path)
            assert any(link.endswith(PAGES["accessibility"]) for link in parsed.links), path


def test_every_link_is_relative_and_leads_to_a_file_and_the_app_is_linked(site):
    targets = set()
    for path in page_paths(site):
        page = site / path
        parsed = _parsed(page)
        external = [link for link in parsed.links if urlparse(link).scheme]
        # the app, from the navigation, and on a promise's page the app's form to report a problem with its figure;
        # nothing else outside
        expected = ["https://app.example.org/"]
        relative = Path(path).as_posix()
        if relative.startswith(("promises/", "en/promises/")):
            language = "en" if relative.startswith("en/") else "id"
            expected.append(report_link("https://app.example.org/", Path(relative).stem, language))
        assert sorted(external) == sorted(expected), path
        for link in parsed.links:
            if link in external:
                continue
            assert not link.startswith("/"), (path, link)
            if link.startswith("#"):
                assert link[1:] in parsed.ids, (path, link)
            else:
                target = (page.parent / link).resolve()
                assert target.is_file(), (path, link)
                targets.add(target)
    for dataset in public_datasets():
        assert (site / "data" / f"{dataset.name}.csv").resolve() in targets
        assert (site / "data" / f"{dataset.name}.parquet").resolve() in targets
    assert (site / DATAPACKAGE_FILE).resolve() in targets and (site / zip_file_name()).resolve() in targets
    assert (site / "feed.xml").resolve() in targets and (site / "en" / "feed.xml").resolve() in targets


def test_no_script_blocks_rendering_and_no_page_loads_plotly(site):
    for path in page_paths(site):
        parsed = _parsed(site / path)
        assert parsed.script_attributes, path
        assert all("defer" in attributes or "async" in attributes for attributes in parsed.script_attributes), path
        assert not any("plotly" in (source or "") for source in parsed.scripts), path
        assert "cdn" not in (site / path).read_text(encoding="utf-8").lower()
    # plotly.js ships once, locally, named by its hash, and only the site's script names it (loaded on request)
    plotly_files = list((site / "assets").glob("plotly.*.min.js"))
    assert len(plotly_files) == 1
    site_script = next((site / "assets").glob("site.*.js")).read_text(encoding="utf-8")
    assert f"assets/{plotly_files[0].name}" in site_script


def test_assets_are_named_by_the_hash_of_their_content(site):
    named = [path for folder in ("assets", "charts") for path in (site / folder).iterdir()]
    assert len(named) > 2 * len(PUBLIC_KPIS)
    for path in named:
        stem_hash = re.fullmatch(r".+\.([0-9a-f]{10})\.(css|js|min\.js|svg|json|png)", path.name)
        assert stem_hash, path.name
        assert hashlib.sha256(path.read_bytes()).hexdigest()[:10] == stem_hash[1], path.name
    style = _parsed(site / "index.html").styles
    assert len(style) == 1 and re.fullmatch(r"assets/style\.[0-9a-f]{10}\.css", style[0])


def test_the_command_writes_the_site(sample_db, tmp_path, capsys):
    assert main([str(tmp_path / "out"), "--db", str(sample_db)]) == 0
    assert (tmp_path / "out" / "index.html").is_file() and (tmp_path / "out" / "en" / "index.html").is_file()
    assert main([str(tmp_path / "other"), "--db", str(tmp_path / "missing.duckdb")]) == 1


@pytest.mark.browser
def test_every_chart_and_the_map_read_with_javascript_off(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    with serve(site) as base:
        for path in ["index.html", "connectivity.html", "spbe.html", "services.html",
                     f"en/promises/{PUBLIC_KPIS[0]}.html"]:
            page.goto(f"{base}/{path}")
            images = page.locator("figure img")
            for index in range(images.count()):
                images.nth(index).scroll_into_view_if_needed()
                page.wait_for_function("image => image.complete && image.naturalWidth > 0",
                                       arg=images.nth(index).element_handle(), timeout=10000)
            assert page.locator("button.interactive:visible").count() == 0  # the button needs JavaScript
        assert page.locator("figure.map img").count() == 0  # (the last page: a promise)
        page.goto(f"{base}/connectivity.html")
        assert page.locator("figure.map img").count() == 1
    assert not any("plotly" in url for url in requested)
    context.close()


@pytest.mark.browser
def test_the_interactive_chart_loads_plotly_only_when_asked(browser, site):
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    requested, errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    with serve(site) as base:
        page.goto(f"{base}/en/promises/{PUBLIC_KPIS[0]}.html")
        page.wait_for_load_state("load")
        assert not any("plotly" in url for url in requested)
        page.get_by_role("button", name="Open the interactive chart").click()
        page.wait_for_selector(".js-plotly-plot .scatterlayer .trace", timeout=30000)
        assert sum("plotly" in url for url in requested) == 1
        assert page.locator("figure.chart picture").count() == 0
    assert errors == []
    page.close()
