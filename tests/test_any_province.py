"""Every province with a folder and a sample is served whole: every page in both languages and both modes
(AppTest), the static export and a real Chromium load, each on the province's own data, with no name of
another province anywhere: text, tables, chart and map specifications, files."""
from __future__ import annotations

import duckdb
import pytest
from support import FIXTURE_TODAY
from support.apptest import raw_keys_shown, run_page
from support.browser import open_page, page_exceptions, start_server
from support.provinces import foreign_names, provinces_with_sample

from smartisland import config, province
from smartisland.publishing.export import export_site
from smartisland.ui.navigation import PAGES

PROVINCES = provinces_with_sample()


def test_the_default_and_a_second_province_are_served():
    assert config.DEFAULT_PROVINCE in PROVINCES
    assert len(PROVINCES) >= 2, PROVINCES


@pytest.fixture(scope="module", params=PROVINCES)
def served(request):
    """(code, warehouse) of one province, built by the loader from its own folder (once a session: conftest's
    province_builds)."""
    code = request.param
    path, result = request.getfixturevalue("province_builds")(code)
    assert result.ok, [problem.message("en") for problem in result.problems[:10]]
    return code, path


def shown_everywhere(app) -> str:
    """All the page holds: every element's message, chart and map specifications included."""
    parts = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        children = getattr(node, "children", None)
        for child in children.values() if isinstance(children, dict) else []:
            walk(child)

    walk(app._tree)
    return "\n".join(parts)


def _foreign_in(text: str, code: str) -> list[str]:
    return [name for name in foreign_names(code) if name in text]


@pytest.mark.parametrize("mode", ["internal", "public"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_every_page_serves_the_province_alone(monkeypatch, served, language, mode):
    code, path = served
    monkeypatch.setenv("SMARTISLAND_PROVINCE", code)
    own = province.load(code)
    for entry in PAGES:
        if mode == "public" and not entry.is_public:
            continue
        app = run_page(monkeypatch, path, entry.script, language, mode)
        assert app.title, f"{entry.script} has no title"
        assert raw_keys_shown(app) == [], entry.script
        everything = shown_everywhere(app)
        assert _foreign_in(everything, code) == [], f"{entry.script} ({language}, {mode})"
        # the frame says which province the page serves
        assert any(name in everything for name in (own.short_name, own.name, own.name_en)), \
            f"{entry.script} does not name {own.name}"
        # and which data it runs on (moved here from test_every_page.py, which ran the default province only)
        badge = "Data sampel (ilustratif)" if language == "id" else "Sample data (illustrative)"
        if mode == "internal":
            assert any(badge in warning.value for warning in app.sidebar.warning), entry.script
        # on a phone the sidebar is collapsed: the language switch and the data badge head the main area (issue 13,
        # item 6; moved here from test_readers_site.py, which ran the same pages again for it)
        switch = [radio for radio in app.main.radio if radio.key == "language_choice"]
        assert len(switch) == 1 and switch[0].value == language, entry.script
        assert not [radio for radio in app.sidebar.radio if radio.key == "language_choice"], entry.script
        assert f":orange-badge[:material/science: {badge}]" in [markdown.value for markdown in app.main.markdown], \
            entry.script


def test_the_static_export_is_the_provinces_own(monkeypatch, served, tmp_path):
    code, path = served
    monkeypatch.setenv("SMARTISLAND_PROVINCE", code)
    with duckdb.connect(str(path), read_only=True) as connection:
        written = export_site(connection, tmp_path, today=FIXTURE_TODAY)
    texts = {file.name: file.read_text(encoding="utf-8") for file in written
             if file.suffix in (".html", ".csv", ".json", ".md")}
    assert texts, "the export wrote no text file"
    assert {name: _foreign_in(text, code) for name, text in texts.items() if _foreign_in(text, code)} == {}
    assert any(province.load(code).short_name in text for text in texts.values())


@pytest.mark.browser
@pytest.mark.parametrize("code", [code for code in PROVINCES if code != config.DEFAULT_PROVINCE])
def test_every_page_loads_in_chromium_for_another_province(browser, province_builds, code):
    """What a browser alone shows, for a province other than the default: each page found by its link and drawn
    with its heading, no exception, no other province's name, the languages taking turns page by page. Every text
    of every province in both languages and modes is checked by AppTest above (test_every_page_serves_the_province
    _alone); every page of the default province, in both languages, in Chromium on a phone (test_readers_site.py)."""
    path, _ = province_builds(code)
    process, url = start_server(path, environment={"SMARTISLAND_PROVINCE": code})
    try:
        for number, entry in enumerate(PAGES):
            language = ("id", "en")[number % 2]
            page = open_page(browser, f"{url}/{entry.url}?lang={language}")
            assert page_exceptions(page) == [], f"{entry.url_path} ({language})"
            assert page.locator("h1").first.inner_text().strip(), f"{entry.url_path} ({language}) has no heading"
            body = page.locator("body").inner_text()
            assert _foreign_in(body, code) == [], f"{entry.url_path} ({language})"
    finally:
        process.terminate()
        process.wait(timeout=60)  # a busy machine may take a while to stop it
