"""The app and the static site link to each other: the Transparency page links to the site when
SMARTISLAND_SITE_URL is set (and not otherwise); the site's pages link to the app when SMARTISLAND_APP_URL is."""
import pytest
from support.apptest import run_page

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
