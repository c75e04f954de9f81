"""The app and the static site link to each other: the Transparency page links to the site when
SMARTISLAND_SITE_URL is set (and not otherwise); the site's pages link to the app when SMARTISLAND_APP_URL is."""
import html

import pytest
from support import FIXTURE_TODAY
from support.apptest import run_page

from smartisland.i18n import translations
from smartisland.reporting.citizen_reports import report_link

TRANSPARENCY = "app_pages/transparency.py"


def _links(app) -> list[tuple[str, str]]:
    return [(element.proto.label, element.proto.url) for element in app.get("link_button")]


@pytest.mark.parametrize("language, label", [("id", "Versi ringan untuk ponsel dan koneksi lambat"),
                                             ("en", "Light version for phones and slow connections")])
def test_the_transparency_page_links_to_the_static_site_when_its_address_is_set(monkeypatch, sample_db, language,
                                                                                label):
    monkeypatch.setenv("SMARTISLAND_SITE_URL", "https://data.example.org/")
    app = run_page(monkeypatch, sample_db, TRANSPARENCY, language, mode="public")
    assert not app.exception
    assert _links(app) == [(label, "https://data.example.org/")]


def test_without_the_address_there_is_no_link(monkeypatch, sample_db):
    monkeypatch.delenv("SMARTISLAND_SITE_URL", raising=False)
    app = run_page(monkeypatch, sample_db, TRANSPARENCY, "id", mode="public")
    assert not app.exception and _links(app) == []


def _promise_pages(sample_db, app_address: str) -> dict[str, str]:
    import duckdb

    from smartisland.publishing.export import build_site

    with duckdb.connect(str(sample_db), read_only=True) as connection:
        build = build_site(connection, FIXTURE_TODAY, build_id="test", site_address="", app_address=app_address)
    return {path: body.decode("utf-8") for path, body in build.files.items()
            if path.startswith(("promises/", "en/promises/")) and path.endswith(".html")}


def test_every_static_promise_page_links_to_the_report_form_of_its_figure_when_the_app_address_is_set(sample_db):
    pages = _promise_pages(sample_db, "https://dasbor.example/")
    assert len(pages) > 10
    for path, page in pages.items():
        language = "en" if path.startswith("en/") else "id"
        kpi_id = path.rsplit("/", 1)[-1].removesuffix(".html")
        link = html.escape(report_link("https://dasbor.example/", kpi_id, language))
        assert f'<a href="{link}" rel="external">{translations("citizen.report.title")[language]}</a>' in page, path


def test_without_the_app_address_no_static_page_offers_a_report_form(sample_db):
    assert not any("report=1" in page for page in _promise_pages(sample_db, "").values())
