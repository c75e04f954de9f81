"""Accessible everywhere (issue 21): axe-core finds no serious or critical WCAG 2.2 A/AA violation on any Streamlit
page, internal or public, in either language; and no public page is wider than a phone's screen."""
from __future__ import annotations

import pytest
from support.axe import axe_violations, settle_streamlit

from smartisland.ui.navigation import pages_for_mode

LANGUAGES = ("id", "en")
WIDTHS = (320, 390, 1440)


@pytest.fixture(scope="module")
def servers(app_url, public_app_url):
    """The session's server of each mode."""
    return {"internal": app_url, "public": public_app_url}


def _pages(mode: str) -> list[str]:
    return [entry.url for entry in pages_for_mode(mode) if not entry.is_hidden]


def _open(browser, url: str, width: int = 1440):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    settle_streamlit(page)
    page.wait_for_timeout(500)  # charts and the map draw after the script has finished
    settle_streamlit(page)
    return page


def _widths(page) -> tuple[int, int]:
    """The page's scroll width and the window's inner width."""
    return tuple(page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]"))


@pytest.fixture(scope="module")
def desktop_widths() -> dict[str, tuple[int, int]]:
    """Widths measured at 1440 pixels by the axe walk, by URL, so that the width check at 1440 reads them instead of
    loading the same pages again (it loads any the walk has not, when run alone)."""
    return {}


def test_the_pages_checked_are_every_page_of_each_mode():
    assert len(_pages("internal")) == 7 and len(_pages("public")) == 4


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["internal", "public"])
def test_axe_finds_no_serious_or_critical_violation_on_any_page(browser, servers, mode, desktop_widths):
    found = {}
    for path in _pages(mode):
        for language in LANGUAGES:
            url = f"{servers[mode]}/{path}" + ("?lang=en" if language == "en" else "")
            page = _open(browser, url)
            violations = axe_violations(page)
            if violations:
                found[url] = violations
            desktop_widths[url] = _widths(page)
            page.close()
    assert found == {}


@pytest.mark.browser
def test_axe_helper_reports_a_serious_violation(browser):
    """The check bites: a caption as faded as Streamlit's own (#76807f on white) and a list holding a div fail."""
    page = browser.new_page()
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><p style="color:#76807f">Faded</p>'
                     "<ul><div>not an item</div></ul></main></body></html>")
    assert sorted(violation["id"] for violation in axe_violations(page)) == ["color-contrast", "list"]
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_no_public_page_is_wider_than_the_screen(browser, servers, width, desktop_widths):
    too_wide = {}
    for path in _pages("public"):
        for language in LANGUAGES if width == 320 else ("id",):
            url = f"{servers['public']}/{path}" + ("?lang=en" if language == "en" else "")
            if width == 1440 and url in desktop_widths:
                scroll_width, inner_width = desktop_widths[url]
            else:
                page = _open(browser, url, width)
                scroll_width, inner_width = _widths(page)
                page.close()
            if scroll_width > inner_width:
                too_wide[url] = scroll_width
    assert too_wide == {}


@pytest.mark.browser
def test_a_phone_reads_every_column_of_the_promises_as_cards(browser, servers):
    """At 390 pixels the table of promises would show two of its seven columns: each promise is a card instead,
    every column in it; no table of promises is left on the phone's screen."""
    page = _open(browser, f"{servers['public']}/?lang=en", 390)
    cards = page.locator('[data-testid="stVerticalBlockBorderWrapper"], [data-testid="stVerticalBlock"]').filter(
        has_text="By when:").filter(has_text="Progress:")
    texts = [text for text in cards.all_inner_texts() if text.count("By when:") == 1]
    assert len(texts) == 11
    assert all(all(column in text for column in ("Latest value:", "Target:", "Area:")) for text in texts)
    assert any("Worsening (target still met) · § official target" in text for text in texts)
    assert page.get_by_role("columnheader", name="By when").count() == 0
    # the open-data table stays a table, with a visible hint that it has more columns to the side
    assert page.get_by_text("This table is wider than the screen: swipe sideways for more columns.").count() >= 1
    page.close()
