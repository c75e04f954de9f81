"""The static site as a phone and a desktop meet it: no page wider than the screen at 320, 390 and 1440 px; tap
targets of 24 px; axe-core's WCAG 2.2 A and AA rules with no serious or critical violation; and no page shows a
path, dataset or column name, or a setting."""
import re
from html.parser import HTMLParser

import duckdb
import pytest
from support import FIXTURE_TODAY
from support.axe import axe_violations
from support.site import page_paths, serve

from smartisland.contract import DATASETS
from smartisland.publishing.export import export_site

WIDTHS = (320, 390, 1440)


@pytest.fixture(scope="module")
def site(sample_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        # with everything a page can carry: the brief's links and each figure's link to the report form
        export_site(connection, out, today=FIXTURE_TODAY, site_address="https://data.example.org/",
                    app_address="https://dasbor.example.org/", with_brief=True)
    return out


class _Shown(HTMLParser):
    """The text a reader meets: text nodes and the attributes read aloud or shown (alt, title, aria-label)."""

    def __init__(self):
        super().__init__()
        self.texts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.texts += [value for name, value in attrs if name in ("alt", "title", "aria-label") and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.texts.append(data)


def _identifiers() -> set[str]:
    """Dataset and column names that read as code (snake_case), which no resident should meet."""
    names = {dataset.name for dataset in DATASETS} | {column.name for dataset in DATASETS for column in dataset.columns}
    return {name for name in names if "_" in name}


def test_no_page_shows_a_path_a_dataset_or_column_name_or_a_setting(site):
    identifiers = _identifiers()
    assert {"province_indices", "region_code", "wifi_points"} <= identifiers
    pages = page_paths(site)
    assert len(pages) > 20
    for path in pages:
        parser = _Shown()
        parser.feed((site / path).read_text(encoding="utf-8"))
        shown = " ".join(parser.texts)
        words = set(re.findall(r"[A-Za-z0-9_]+", shown))
        assert not words & identifiers, (path, sorted(words & identifiers))
        assert "SMARTISLAND_" not in shown, path
        assert not re.search(r"\b[\w-]+/[\w./-]+\.(csv|duckdb|parquet|json|toml|py)\b", shown), path
        assert not re.search(r"python -m|\bmake (export|warehouse|run|test|audit)\b|\.venv", shown), path


@pytest.mark.browser
def test_a_wide_table_scrolls_in_its_own_region_with_a_visible_hint_on_a_phone(browser, site):
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 320, "height": 800})
        page.goto(f"{base}/connectivity.html")
        region = page.locator("div.scroll").last
        assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
        assert region.evaluate("element => element.scrollWidth > element.clientWidth")
        hint = page.locator("div.scroll + p.hint").last
        assert hint.is_visible() and "Geser" in hint.inner_text()
        # the summary table turns into one card per promise: each cell labelled, nothing cut off
        page.goto(f"{base}/index.html")
        assert page.locator("table.stacked thead").evaluate("element => element.getBoundingClientRect().width") <= 1
        assert page.locator("table.stacked td").first.evaluate(
            "cell => getComputedStyle(cell, '::before').content").startswith('"')
        page.set_viewport_size({"width": 1440, "height": 800})
        assert not page.locator("p.hint").first.is_visible()
        page.close()


def _layout(page) -> tuple[int, list]:
    """How far the open page overflows the screen, and the tap targets under 24 x 24 CSS pixels (navigation,
    language switch, buttons and summaries): [text, width, height] each."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    small = page.evaluate("""() => [...document.querySelectorAll(
        'nav a, a.language, button:not([hidden]), summary, .site-name a, .crumb a')]
        .map(element => [element.textContent.trim(), element.getBoundingClientRect()])
        .filter(([, box]) => box.width > 0 && (box.height < 24 || box.width < 24))
        .map(([text, box]) => [text, Math.round(box.width), Math.round(box.height)])""")
    return overflow, small


@pytest.fixture(scope="module")
def layouts() -> dict[tuple[int, str], tuple[int, list]]:
    """Each page's layout (`_layout`) by (width, path), measured by the axe walks at 390 and 1440 pixels so that the
    width check reads them instead of loading every page again at those widths (it loads what is missing)."""
    return {}


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1440])
def test_axe_finds_no_serious_or_critical_violation_on_any_page(browser, site, width, layouts):
    with serve(site) as base:
        page = browser.new_page(viewport={"width": width, "height": 800})
        found = {}
        for path in page_paths(site):
            page.goto(f"{base}/{path}")
            layouts[width, path] = _layout(page)
            violations = axe_violations(page)
            if violations:
                found[path] = violations
        page.close()
    assert found == {}


@pytest.mark.browser
def test_no_page_is_wider_than_the_screen_and_tap_targets_are_24_px(browser, site, layouts):
    with serve(site) as base:
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 800})
            for path in page_paths(site):
                if (width, path) not in layouts:
                    page.goto(f"{base}/{path}")
                    layouts[width, path] = _layout(page)
                overflow, small = layouts[width, path]
                assert overflow <= 0, (width, path, overflow)
                # navigation, language switch, buttons and summaries: at least 24 x 24 CSS pixels
                assert small == [], (width, path, small)
            page.close()
