"""Accessible everywhere (issue 21): axe-core finds no serious or critical WCAG 2.2 A/AA violation on any Streamlit
page, internal or public, in either language; and no public page is wider than a phone's screen.

One test per page, language and width (not one walking them all), so that the suite's workers share the pages
(tests/conftest.py lets this file's tests go to any worker)."""
from __future__ import annotations

import pytest
from support.axe import axe_violations, settle_streamlit
from support.browser import kept_tab

from smartisland.ui.navigation import pages_for_mode

LANGUAGES = ("id", "en")
PHONE_WIDTHS = (320, 390)


def _pages(mode: str) -> list[str]:
    return [entry.url for entry in pages_for_mode(mode) if not entry.is_hidden]


def _url(base: str, path: str, language: str) -> str:
    return f"{base}/{path}" + ("?lang=en" if language == "en" else "")


def _open(browser, url: str, width: int = 1440):
    page = kept_tab(browser, width, 900)
    page.goto(url)
    settle_streamlit(page)
    page.wait_for_timeout(500)  # charts and the map draw after the script has finished
    settle_streamlit(page)
    return page


def _overflow(page) -> int | None:
    """How much wider than the window the page scrolls, in pixels; None when it fits."""
    scroll_width, inner_width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    return scroll_width - inner_width if scroll_width > inner_width else None


def _cases(mode: str) -> list:
    return [pytest.param(mode, path, language, id=f"{mode}-{path or 'overview'}-{language}")
            for path in _pages(mode) for language in LANGUAGES]


def _phone_cases() -> list:
    # Indonesian at every phone width, English at the narrowest (its words are the longer ones on these pages).
    return [pytest.param(width, path, language, id=f"{width}-{path or 'overview'}-{language}")
            for width in PHONE_WIDTHS for path in _pages("public")
            for language in (LANGUAGES if width == 320 else ("id",))]


def test_the_pages_checked_are_every_page_of_each_mode():
    assert len(_pages("internal")) == 7 and len(_pages("public")) == 4
    assert len(_cases("internal")) == 14 and len(_cases("public")) == 8 and len(_phone_cases()) == 12


@pytest.mark.browser
@pytest.mark.parametrize("mode, path, language", _cases("internal") + _cases("public"))
def test_axe_finds_no_serious_or_critical_violation(browser, app_url, public_app_url, mode, path, language):
    """At a desktop's 1440 pixels; a public page must also fit that window's width."""
    page = _open(browser, _url(app_url if mode == "internal" else public_app_url, path, language))
    violations = axe_violations(page)
    overflow = _overflow(page) if mode == "public" else None
    assert violations == []
    assert overflow is None


@pytest.mark.browser
def test_axe_helper_reports_a_serious_violation(browser):
    """The check bites: a caption as faded as Streamlit's own (#76807f on white) and a list holding a div fail."""
    page = browser.new_page()
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><p style="color:#76807f">Faded</p>'
                     "<ul><div>not an item</div></ul></main></body></html>")
    assert sorted(violation["id"] for violation in axe_violations(page)) == ["color-contrast", "list"]
    page.close()


@pytest.mark.browser
def test_the_width_check_bites(browser):
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><div style="width:600px">wide</div>'
                     "</main></body></html>")
    assert _overflow(page) == 600 + 8 - 390  # the body's default margin of 8 pixels on its left
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width, path, language", _phone_cases())
def test_no_public_page_is_wider_than_a_phone(browser, public_app_url, width, path, language):
    page = _open(browser, _url(public_app_url, path, language), width)
    overflow = _overflow(page)
    assert overflow is None


@pytest.mark.browser
def test_a_phone_reads_every_column_of_the_promises_as_cards(browser, public_app_url):
    """At 390 pixels the table of promises would show two of its seven columns: each promise is a card instead,
    every column in it; no table of promises is left on the phone's screen."""
    page = _open(browser, f"{public_app_url}/?lang=en", 390)
    cards = page.locator('[data-testid="stVerticalBlockBorderWrapper"], [data-testid="stVerticalBlock"]').filter(
        has_text="By when:").filter(has_text="Progress:")
    texts = [text for text in cards.all_inner_texts() if text.count("By when:") == 1]
    assert len(texts) == 11
    assert all(all(column in text for column in ("Latest value:", "Target:", "Area:")) for text in texts)
    assert any("Worsening (target still met) · § official target" in text for text in texts)
    assert page.get_by_role("columnheader", name="By when").count() == 0
    # the open-data table stays a table, with a visible hint that it has more columns to the side
    assert page.get_by_text("This table is wider than the screen: swipe sideways for more columns.").count() >= 1
