"""Data is text: hostile text in every free-text column shows as typed on every page (AppTest and Chromium), in the
static export and in the open data; no link, image, formatting or request comes from the data."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from support import ROOT
from support.apptest import run_page
from support.browser import LOCAL, page_exceptions, start_server
from support.hostile import FORMULA_PAYLOADS, MARKDOWN_PAYLOADS, make_hostile_warehouse

from smartisland.text import WORD_JOINER, markdown_code, markdown_text, plain_text, plotly_text
from smartisland.ui.navigation import PAGES

# Extra views of a page that show other data than its default view.
PAGE_VIEWS = {
    "services": [{}, {"view": "performance"}, {"view": "detail"}],
    "connectivity": [{}, {"section": "wifi"}, {"section": "coverage"}, {"section": "left_out"}],
}
MARKDOWN_ELEMENTS = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "success", "error")


@pytest.fixture(scope="module")
def hostile_db(sample_db, tmp_path_factory) -> Path:
    return make_hostile_warehouse(sample_db, tmp_path_factory.mktemp("hostile") / "warehouse.duckdb")


# ---------------------------------------------------------------- the escaping helpers


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS)
def test_markdown_text_escapes_every_significant_character_and_reads_back_as_typed(payload):
    escaped = markdown_text(payload)
    assert plain_text(escaped) == payload
    # no Markdown, HTML, LaTeX or directive character is left unescaped
    assert re.search(r"(?<!\\)[\[\]()<>*_#$!`|~:]", escaped) is None, escaped


def test_markdown_text_exact_forms():
    assert markdown_text("[x](https://a.b/c)") == "\\[x\\]\\(https\\:" + WORD_JOINER + "//a" + WORD_JOINER + "\\.b/c\\)"
    assert markdown_text("me@host") == "me@" + WORD_JOINER + "host"
    assert markdown_text(":red[r]") == "\\:" + WORD_JOINER + "red\\[r\\]"
    assert markdown_text("$x^2$ 5-3+1 a\nb\r\nc") == "\\$x^2\\$ 5\\-3\\+1 a b c"
    assert markdown_text(None) == "" and markdown_text(float("nan")) == ""
    assert markdown_text("Dinas Kominfos Bali") == "Dinas Kominfos Bali"


def test_plotly_text_escapes_tags_and_entities():
    assert plotly_text('<a href="x">y</a> & <br>') == '&lt;a href="x"&gt;y&lt;/a&gt; &amp; &lt;br&gt;'
    assert plotly_text(None) == ""


def test_markdown_code_holds_backticks():
    assert markdown_code("kpi_wifi_uptime") == "`kpi_wifi_uptime`"
    assert markdown_code("a`b") == "`` a`b ``"


# ---------------------------------------------------------------- every page in AppTest


def _markdown_bodies(app) -> list[str]:
    """Every string the page hands to Streamlit's Markdown: bodies, and labels of metrics, widgets and expanders."""
    bodies: list[str] = []

    def walk(node) -> None:
        kind = getattr(node, "type", None)
        proto = getattr(node, "proto", None)
        if kind in MARKDOWN_ELEMENTS or (kind == "alert"):
            body = getattr(proto, "body", None)
            if isinstance(body, str):
                bodies.append(body)
        elif proto is not None and isinstance(getattr(proto, "label", None), str):
            bodies.append(proto.label)
            if kind == "radio":
                bodies.extend(str(option) for option in getattr(proto, "options", []))
        for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else []:
            walk(child)

    walk(app._tree)
    return bodies


def _raw_payloads(bodies: list[str]) -> list[tuple[str, str]]:
    """(payload, body) where a payload reaches Markdown unescaped."""
    return [(payload, body) for body in bodies for payload in MARKDOWN_PAYLOADS
            if re.search(r"(?<!\\)" + re.escape(payload), body)]


@pytest.mark.parametrize("mode", ["internal", "public"])
def test_every_page_hands_data_text_to_markdown_escaped(monkeypatch, hostile_db, mode):
    escaped_seen: set[str] = set()
    for entry in PAGES:
        if mode == "public" and not entry.is_public:
            continue
        for query in PAGE_VIEWS.get(entry.url_path, [{}]):
            for language in ("id", "en"):
                app = run_page(monkeypatch, hostile_db, entry.script, language, mode, query)
                bodies = _markdown_bodies(app)
                assert _raw_payloads(bodies) == [], f"{entry.url_path} {query} {language}"
                escaped_seen |= {payload for payload in MARKDOWN_PAYLOADS
                                 if any(markdown_text(payload) in body for body in bodies)}
    # the data did reach Markdown, escaped: every payload somewhere
    assert escaped_seen == set(MARKDOWN_PAYLOADS)


# ---------------------------------------------------------------- every page in Chromium

# Links the app itself makes to other sites: those written in its code, and none from the data.
CODE_URLS = {match for path in [*ROOT.joinpath("smartisland").rglob("*.py"), *ROOT.joinpath("smartisland").rglob("*.toml"),
                                *ROOT.joinpath("app_pages").glob("*.py")]
             for match in re.findall(r"https?://[^\s\"')>\]]+", path.read_text(encoding="utf-8"))}
# The map library's own attribution link (pydeck draws it under every map).
CODE_URLS.add("https://www.mapbox.com/")
# Requests the app makes by itself, on clean data too: the page icon (st.set_page_config's :material/hub:, which
# Streamlit fetches from Google Fonts) and the optional tile basemap of the map (refused offline).
APP_REQUESTS = ("https://fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/hub/",
                "https://basemaps.cartocdn.com/gl/positron-gl-style/")
HOSTILE_MARKS = ("**bold**", "<b>html</b>", ":red[red]", "$x^2$", "# heading", "[x](https://evil.example/a)",
                 "![i](http://evil.example/i.png)", "[j](javascript:alert(1))", ":material/thumb_up:", ":streamlit:")


def _check_page(page, base: str, label: str) -> str:
    """Assert that nothing on the page comes from the data as markup; return its visible text."""
    assert page_exceptions(page) == [], label
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    foreign = [href for href in hrefs if not href.startswith(base) and href not in CODE_URLS]
    assert foreign == [], f"{label}: links not made by the code: {foreign}"
    sources = page.eval_on_selector_all("img[src]", "images => images.map(image => image.src)")
    assert [src for src in sources if not src.startswith((base, "data:", "blob:"))] == [], label
    # formatting that could only come from the data
    for selector in ("strong:has-text('bold')", "b:has-text('html')", "h1:has-text('heading')",
                     "h2:has-text('heading')", ".katex", "img[alt='i']", "img[alt='Streamlit logo']",
                     "[data-testid='stMarkdownContainer'] span[style*='color']:text-is('red')"):
        assert page.locator(selector).count() == 0, f"{label}: {selector}"
    assert page.locator("a:has-text('evil')").count() == 0, label
    return page.locator("body").inner_text().replace(WORD_JOINER, "")


def _browse(browser, url: str, paths: list[str]) -> tuple[str, list[str]]:
    """Every path on one page object (one server, one tab); the visible text of all and the foreign requests (which
    fail: no outside address resolves in the tests' browser)."""
    requests: list[str] = []
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.on("request", lambda request: None if request.url.startswith(LOCAL) else requests.append(request.url))
    texts = []
    try:
        for path in paths:
            page.goto(f"{url}/{path}")
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60000)
            page.wait_for_timeout(1500)
            texts.append(_check_page(page, url, path))
            # the tabs of a page (connectivity) show their panels only when chosen
            for tab in page.locator('[data-baseweb="tab"]').all()[1:]:
                tab.click()
                page.wait_for_timeout(800)
                texts.append(_check_page(page, url, f"{path} tab"))
    finally:
        page.close()
    return "\n".join(texts), requests


def _paths(mode: str) -> list[str]:
    paths = []
    for entry in PAGES:
        if mode == "public" and not entry.is_public:
            continue
        url = "" if (entry.is_default and mode == "internal") or (entry.is_public_default and mode == "public") \
            else entry.url_path
        for query in PAGE_VIEWS.get(entry.url_path, [{}]):
            paths.append(url + "?" + "&".join(f"{key}={value}" for key, value in {**query, "lang": "en"}.items()))
    return paths


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["internal", "public"])
def test_hostile_text_shows_as_typed_in_chromium(browser, hostile_db, mode):
    process, url = start_server(hostile_db, mode)
    try:
        text, requests = _browse(browser, url, _paths(mode))
    finally:
        process.terminate()
        process.wait(timeout=60)  # a busy machine may take a while to stop it
    assert [request for request in requests if not request.startswith(APP_REQUESTS)] == [], requests
    # the literal text is what a visitor reads
    assert [mark for mark in HOSTILE_MARKS if mark not in text] == []


# ---------------------------------------------------------------- the static export and the open data


@pytest.mark.calendar
def test_static_export_escapes_hostile_text(hostile_db, tmp_path):
    import duckdb

    from smartisland.publishing.export import export_site

    with duckdb.connect(str(hostile_db), read_only=True) as connection:
        export_site(connection, tmp_path, today=pd.Timestamp("2026-11-28").date())
    pages = sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*.html"))
    assert {"index.html", "en/index.html"} <= set(pages)
    shown = ""
    for page in pages:
        text = (tmp_path / page).read_text(encoding="utf-8")
        shown += text
        assert "<b>html</b>" not in text
        hrefs = re.findall(r'href="([^"]*)"', text)
        assert [href for href in hrefs if "evil" in href or href.startswith(("javascript:", "http"))
                and href not in CODE_URLS] == []
        # the only script is the site's own, the only pictures its own charts, never an address from the data
        assert [re.sub(r"[0-9a-f]{10}", "HASH", source) for source in re.findall(r'<script src="([^"]*)"', text)] \
            == ["../" * page.count("/") + "assets/site.HASH.js"]
        assert all(re.fullmatch(r"(\.\./)*charts/[\w-]+\.[0-9a-f]{10}\.svg", source)
                   for source in re.findall(r'(?:src|srcset)="([^"]*)"', text) if "/assets/" not in source
                   and not source.endswith(".js")), page
    assert "evil.example/a)" in shown.replace("&#x27;", "'")  # the data is there, as text
    assert "&lt;b&gt;html&lt;/b&gt;" in shown
    for picture in (tmp_path / "charts").glob("*.svg"):
        drawing = picture.read_text(encoding="utf-8")
        assert "<b>html</b>" not in drawing and "<script" not in drawing and "href" not in drawing, picture.name


def test_open_data_keeps_hostile_text_as_typed(hostile_db):
    """Text files carry text: the CSV and Parquet hold the values (CSV cells neutralised where formula-like)."""
    import io

    import duckdb

    from smartisland.publishing.open_data import build_open_data

    with duckdb.connect(str(hostile_db), read_only=True) as connection:
        open_data = build_open_data(connection)
        regions = connection.execute("select name from regions order by rowid").fetchall()
    csv = pd.read_csv(io.BytesIO(open_data.files["data/regions.csv"]), keep_default_na=False)
    parquet = pd.read_parquet(io.BytesIO(open_data.files["data/regions.parquet"]))
    assert list(parquet["name"]) == [name for (name,) in regions]
    for typed, written in zip(parquet["name"], csv["name"]):
        if typed.startswith(tuple(payload[0] for payload in FORMULA_PAYLOADS)):
            assert written == "'" + typed
        else:
            assert written == typed
