"""Always current, never half-written: each successful load rebuilds the static site into a new folder and switches
`current` to it in one rename; a failed build leaves the previous site served and says why; a reader fetching pages
during 20 rebuilds never gets a 404 or a page from two builds."""
import os
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
import pytest
from support import FIXTURE_DATA

from smartisland import load_command
from smartisland.i18n import translations
from smartisland.publishing import site_refresh
from smartisland.publishing.site_refresh import CURRENT, KEEP_BUILDS, refresh_site, refresh_site_after_load
from smartisland.tools.site_server import serve_with_python

PAGES = ("index.html", "en/index.html", "promises/one.html")


def slow_builder(pause: float = 0.004):
    """A stand-in for the export that writes each page in pieces, pausing between them, with its build id at the top
    and at the bottom, and a stylesheet named by the build (as a hash would change)."""
    def build(folder: Path, build_id: str) -> None:
        style = f"assets/style.{build_id[-6:]}.css"
        (folder / "assets").mkdir(parents=True)
        (folder / style).write_text("body{}", encoding="utf-8")
        for page in PAGES:
            path = folder / page
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(f'<!DOCTYPE html><html><head><meta name="build-id" content="{build_id}">'
                             f'<link rel="stylesheet" href="/{style}"></head><body>')
                for line in range(40):
                    handle.write(f"<p>line {line}</p>")
                    handle.flush()
                    if line % 10 == 0:
                        time.sleep(pause)
                handle.write(f'<footer data-build="{build_id}"></footer></body></html>')
    return build


def test_a_build_is_served_only_once_complete_and_old_builds_are_pruned(tmp_path):
    results = [refresh_site(tmp_path, slow_builder(0)) for _ in range(5)]
    assert all(result.ok for result in results)
    current = tmp_path / CURRENT
    assert current.is_symlink() and os.readlink(current) == f"builds/{results[-1].build_id}"
    assert f'content="{results[-1].build_id}"' in (current / "index.html").read_text(encoding="utf-8")
    kept = sorted(path.name for path in (tmp_path / "builds").iterdir())
    assert kept == sorted(result.build_id for result in results[-KEEP_BUILDS:])
    # the page a reader opened before the switch still finds its stylesheet in the new build
    before = re.search(r'href="/([^"]+)"', (tmp_path / "builds" / results[-2].build_id / "index.html").read_text())[1]
    assert (current / before).is_file()
    # only the builds still kept are carried, so that assets do not pile up
    assert sorted(path.name for path in (current / "assets").iterdir()) == sorted(
        f"style.{result.build_id[-6:]}.css" for result in results[-KEEP_BUILDS:])


def test_a_failed_build_leaves_the_previous_site_served_and_says_why(tmp_path):
    first = refresh_site(tmp_path, slow_builder(0))

    def broken(folder: Path, build_id: str) -> None:
        (folder / "promises").mkdir(parents=True)
        (folder / "promises" / "one.html").write_text("half", encoding="utf-8")
        raise ValueError("the warehouse is locked")

    failed = refresh_site(tmp_path, broken)
    assert not failed.ok and failed.build_id == first.build_id
    assert failed.reason == "ValueError: the warehouse is locked"
    assert failed.message("en") == (f"The public site could not be updated; the previous build ({first.build_id}) "
                                    "stays served: ValueError: the warehouse is locked")
    assert os.readlink(tmp_path / CURRENT) == f"builds/{first.build_id}"
    assert [path.name for path in (tmp_path / "builds").iterdir()] == [first.build_id]  # the half build removed
    empty = refresh_site(tmp_path, lambda folder, build_id: folder.mkdir(parents=True))
    assert not empty.ok and empty.reason == "RuntimeError: pembuatan situs tidak menghasilkan halaman utama"


def test_a_reader_during_20_rebuilds_never_gets_a_404_or_a_page_from_two_builds(tmp_path):
    first = refresh_site(tmp_path, slow_builder())
    builds, problems, fetched = [first.build_id], [], []
    stop = threading.Event()

    def read(base: str) -> None:
        while not stop.is_set():
            for page in PAGES:
                try:
                    with urllib.request.urlopen(f"{base}/{page}", timeout=5) as response:
                        text = response.read().decode("utf-8")
                    top = re.search(r'name="build-id" content="([^"]+)"', text)
                    bottom = re.search(r'<footer data-build="([^"]+)"></footer></body></html>$', text)
                    if not top or not bottom or top[1] != bottom[1]:
                        problems.append((page, "mixed or cut", text[:80], text[-60:]))
                        continue
                    style = re.search(r'href="/([^"]+)"', text)[1]
                    with urllib.request.urlopen(f"{base}/{style}", timeout=5) as response:
                        response.read()
                    fetched.append(top[1])
                except urllib.error.HTTPError as error:
                    problems.append((page, error.code))

    with serve_with_python(tmp_path / CURRENT) as base:
        readers = [threading.Thread(target=read, args=(base,)) for _ in range(2)]
        for reader in readers:
            reader.start()
        for _ in range(20):
            result = refresh_site(tmp_path, slow_builder())
            assert result.ok
            builds.append(result.build_id)
        stop.set()
        for reader in readers:
            reader.join()
    assert problems == []
    assert len(set(builds)) == 21 and set(fetched) <= set(builds)
    assert len(set(fetched)) >= 10  # the readers saw the site change again and again
    assert os.readlink(tmp_path / CURRENT) == f"builds/{builds[-1]}"


def test_without_the_setting_a_load_builds_no_site(monkeypatch, tmp_path):
    monkeypatch.delenv("SMARTISLAND_SITE_DIR", raising=False)
    assert refresh_site_after_load(tmp_path / "any.duckdb", builder=slow_builder(0)) is None


def test_the_real_site_is_built_from_the_warehouse_and_served(monkeypatch, sample_db, tmp_path):
    monkeypatch.setenv("SMARTISLAND_SITE_DIR", str(tmp_path / "site"))
    said = []
    result = refresh_site_after_load(sample_db, announce=said.append)
    assert result.ok and said == [f"Situs publik diperbarui (versi {result.build_id})."]
    home = (tmp_path / "site" / CURRENT / "index.html").read_text(encoding="utf-8")
    assert f'<meta name="build-id" content="{result.build_id}">' in home
    pages = list((tmp_path / "site" / CURRENT).rglob("*.html"))
    assert len(pages) > 20 and all(f'content="{result.build_id}"' in page.read_text(encoding="utf-8")
                                   for page in pages)
    # the Governor's brief of this data is in the site, one page per language, linked from each home page
    served = tmp_path / "site" / CURRENT
    for language, home_path, prefix in (("id", "index.html", ""), ("en", "en/index.html", "../")):
        (brief_pdf,) = (served / "brief").glob(f"brief-*-{language}.pdf")
        assert brief_pdf.with_suffix(".png").read_bytes().startswith(b"\x89PNG")
        info = subprocess.run(["pdfinfo", str(brief_pdf)], check=True, capture_output=True, text=True).stdout
        assert re.search(r"^Pages:\s+1$", info, re.MULTILINE) and re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
        words = subprocess.run(["pdftotext", str(brief_pdf), "-"], check=True, capture_output=True, text=True).stdout
        assert translations("brief.title")[language] in words
        page = (served / home_path).read_text(encoding="utf-8")
        assert f'href="{prefix}brief/{brief_pdf.name}"' in page
        assert f'href="{prefix}brief/{brief_pdf.with_suffix(".png").name}"' in page


def test_the_load_command_refreshes_the_site_after_a_successful_load_only(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(site_refresh, "refresh_site_after_load",
                        lambda db_path, announce=None: calls.append(db_path))
    db_path = tmp_path / "warehouse.duckdb"
    assert load_command.main(["--data-dir", str(FIXTURE_DATA), "--db", str(db_path), "--lang", "en"]) == 0
    assert calls == [db_path]
    bad = tmp_path / "bad.csv"
    bad.write_text("not,a,dataset\n1,2,3\n", encoding="utf-8")
    assert load_command.main(["--db", str(db_path), "--dataset", "wifi_points", str(bad), "--lang", "en"]) != 0
    assert calls == [db_path]  # a refused load changes nothing, so the site is not rebuilt
    with duckdb.connect(str(db_path), read_only=True) as connection:
        assert connection.execute("select count(*) from wifi_points").fetchone()[0] > 0


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_data_page_refreshes_the_site_after_a_load(monkeypatch, tmp_path, language):
    """The Data page's loads all end in show_load_result: a successful one rebuilds the site and says so."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("SMARTISLAND_SITE_DIR", str(tmp_path / "site"))
    monkeypatch.setattr(site_refresh, "export_builder", lambda db_path: slow_builder(0))

    def script(language: str) -> None:
        from types import SimpleNamespace

        from smartisland.i18n import set_language
        from smartisland.ui.load_result import show_load_result

        set_language(language)
        show_load_result(SimpleNamespace(ok=True, loaded=[]))

    app = AppTest.from_function(script, kwargs={"language": language}).run(timeout=30)
    assert not app.exception
    build = os.readlink(tmp_path / "site" / CURRENT).split("/")[-1]
    expected = (f"Situs publik diperbarui (versi {build})." if language == "id"
                else f"The public site was updated (build {build}).")
    assert [success.value for success in app.success][-1] == expected


def test_an_undo_from_the_command_line_takes_the_public_site_back_with_the_data(monkeypatch, tmp_path):
    db_path = tmp_path / "warehouse.duckdb"
    assert load_command.main(["--data-dir", str(FIXTURE_DATA), "--db", str(db_path), "--lang", "en"]) == 0
    calls = []
    monkeypatch.setattr(site_refresh, "refresh_site_after_load",
                        lambda db_path, announce=None: calls.append(db_path))
    assert load_command.main(["--db", str(db_path), "--undo-last", "--lang", "en"]) == 1  # nothing loaded yet
    assert calls == []
    points = tmp_path / "points.csv"
    with duckdb.connect(str(db_path), read_only=True) as connection:
        connection.execute("copy (select * from wifi_points) to ? (header)", [str(points)])
    assert load_command.main(["--db", str(db_path), "--dataset", "wifi_points", str(points), "--lang", "en"]) == 0
    assert load_command.main(["--db", str(db_path), "--undo-last", "--lang", "en"]) == 0
    assert calls == [db_path, db_path]  # the load, then the undo


def test_an_undo_on_the_data_page_takes_the_public_site_back_with_the_data(monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("SMARTISLAND_SITE_DIR", str(tmp_path / "site"))
    monkeypatch.setattr(site_refresh, "export_builder", lambda db_path: slow_builder(0))
    monkeypatch.setattr("smartisland.ui.load_result.undo_last", lambda db_path: True)

    def script() -> None:
        from smartisland.i18n import set_language
        from smartisland.ui import undo_button

        set_language("en")
        undo_button("warehouse.duckdb")

    app = AppTest.from_function(script).run(timeout=30)
    assert not (tmp_path / "site" / CURRENT).exists()  # nothing before the button
    app.button[0].click().run(timeout=30)
    assert not app.exception
    build = os.readlink(tmp_path / "site" / CURRENT).split("/")[-1]
    assert [success.value for success in app.success] == [
        "The last load was undone.", f"The public site was updated (build {build})."]
