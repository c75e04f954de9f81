"""Choices survive everything (issue 13, item 1): a choice made on a page stays through a language switch there and
back, a trip through the sidebar to other pages, and a reload; and `lang` stays in the URL all along."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from support.browser import open_page, page_exceptions

from smartisland.i18n import t, translations
from smartisland.kpis import sections
from smartisland.report_context import ReportContext, using

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}

# page URL path, the choice's label key, its widget, its URL parameter, the value chosen, its label by language
CHOICES = [
    ("", "overview.choose_kpi", "selectbox", "kpi", "services_transaction",
     {"id": "Layanan daring hingga tahap transaksi", "en": "Services online up to transaction"}),
    ("spbe", "spbe.compare.year", "selectbox", "compare_year", "2021", {"id": "2021", "en": "2021"}),
    ("services", "services.filter.unit", "radio", "unit", "month",
     translations("services.period.month")),
    ("connectivity", "connectivity.filter.regency", "selectbox", "regency", "51.06",
     {"id": "Kabupaten Bangli", "en": "Kabupaten Bangli"}),
    ("tracker", "tracker.filter_public", "selectbox", "visibility", "internal",
     translations(sections.VISIBILITY_LABELS["internal"])),
    ("transparency", "open_data.choose_dataset", "selectbox", "dataset", "wifi_points",
     translations("dataset.wifi_points")),
]


def _settle(page) -> None:
    page.wait_for_timeout(600)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60000)
    page.wait_for_timeout(900)


def _query(page) -> dict[str, str]:
    return {name: values[-1] for name, values in parse_qs(urlparse(page.url).query).items()}


def _path(page) -> str:
    return urlparse(page.url).path.strip("/")


def _widget(page, kind: str, label: str):
    return page.locator(f'[data-testid="st{kind.capitalize()}"]').filter(has_text=label).first


def _choose(page, kind: str, label: str, option: str) -> None:
    widget = _widget(page, kind, label)
    widget.scroll_into_view_if_needed()
    if kind == "radio":
        widget.get_by_text(option, exact=True).click()
    else:
        widget.click()
        page.get_by_role("option", name=option, exact=True).first.click()
    _settle(page)


def _shown(page, kind: str, label: str, option: str) -> bool:
    widget = _widget(page, kind, label)
    if kind == "radio":
        return widget.get_by_role("radio", name=option, exact=True).is_checked()
    return widget.locator("input").first.input_value() == option


def _switch_language(page, language: str) -> None:
    page.locator('[data-testid="stMain"]').get_by_text(LANGUAGE_NAMES[language], exact=True).click()
    _settle(page)


def _go_by_sidebar(page, app_url: str, url_path: str) -> None:
    # the site's own navigation (smartisland/ui/frame.py build_navigation); the current page's link keeps the query
    links = page.locator('.st-key-site_navigation a[data-testid="stPageLink-NavLink"]')
    links.first.wait_for()
    path = f"/{url_path}"
    link = next(links.nth(index) for index in range(links.count())
                if links.nth(index).evaluate("a => new URL(a.href).pathname") == path)
    # On a busy machine a click that lands while the page is still drawing a rerun can go unheeded: the link is
    # clicked again until the address says the page changed (three tries; the check after it says what is wrong).
    for _ in range(3):
        link.click()
        try:
            page.wait_for_url(lambda address: urlparse(address).path == path, timeout=15000)
            break
        except PlaywrightTimeout:
            _settle(page)
    _settle(page)


def _check(page, url_path: str, label_key: str, kind: str, param: str, value: str, labels: dict, language: str):
    where = f"{url_path or 'overview'} in {language}: {page.url}"
    assert page_exceptions(page) == [], where
    assert _path(page) == url_path, where
    query = _query(page)
    assert query.get(param) == value, where
    assert query.get("lang") == (None if language == "id" else language), where
    with using(ReportContext(language=language)):
        assert _shown(page, kind, t(label_key), labels[language]), where


@pytest.mark.browser
def test_every_choice_survives_language_switches_the_sidebar_and_a_reload(browser, app_url):
    page = open_page(browser, f"{app_url}/?lang=en")
    for url_path, label_key, kind, param, value, labels in CHOICES:
        _go_by_sidebar(page, app_url, url_path)
        assert _path(page) == url_path and _query(page).get("lang") == "en", page.url
        with using(ReportContext(language="en")):
            _choose(page, kind, t(label_key), labels["en"])
        _check(page, url_path, label_key, kind, param, value, labels, "en")
        _switch_language(page, "id")
        _check(page, url_path, label_key, kind, param, value, labels, "id")
        _switch_language(page, "en")
        _check(page, url_path, label_key, kind, param, value, labels, "en")
    # Back to every page through the sidebar: each still shows what was chosen there, and says so in its URL.
    for url_path, label_key, kind, param, value, labels in CHOICES:
        _go_by_sidebar(page, app_url, url_path)
        _check(page, url_path, label_key, kind, param, value, labels, "en")
    page.reload()
    _settle(page)
    url_path, label_key, kind, param, value, labels = CHOICES[-1]
    _check(page, url_path, label_key, kind, param, value, labels, "en")
