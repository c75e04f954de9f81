"""Public mode: only the public pages exist, internal URLs do not resolve, and no internal-only column reaches the
browser or a download."""
import io
import json
import zipfile
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest
from support import ROOT
from support.apptest import request_url_path, run_page, visible_texts
from support.browser import open_page

from smartisland.contract import DATASETS
from smartisland.i18n import t, translations
from smartisland.report_context import ReportContext, using
from smartisland.ui.navigation import PAGES, pages_for_mode

PUBLIC_PAGES = [page for page in PAGES if page.is_public]
INTERNAL_PAGES = [page for page in PAGES if not page.is_public]
INTERNAL_COLUMNS = {column.name for dataset in DATASETS for column in dataset.columns if column.is_internal}


def internal_values(db_path: Path) -> set[str]:
    """What the internal-only columns hold that could give them away: who entered a value and the team's notes."""
    with duckdb.connect(str(db_path), read_only=True) as connection:
        rows = connection.execute("select entered_by, note from kpi_values").fetchall()
    return {str(value) for row in rows for value in row if value}


def test_public_mode_registers_only_the_public_pages_with_the_transparency_page_as_default():
    public = pages_for_mode("public")
    assert [page.script for page in public if not page.is_hidden] == [page.script for page in PUBLIC_PAGES]
    assert [page.script for page in public if page.is_default] == ["app_pages/transparency.py"]
    assert next(page for page in public if page.is_default).url == ""
    # the transparency page's own URL, as the internal site and shared links have it, stays valid
    assert [(page.script, page.url) for page in public if page.is_hidden] == [("app_pages/transparency.py",
                                                                              "transparency")]
    internal = pages_for_mode("internal")
    assert internal == PAGES and [page.script for page in internal if page.is_default] == ["app_pages/overview.py"]
    assert next(page for page in PAGES if page.script == "app_pages/transparency.py").url == "transparency"


def test_internal_pages_do_not_resolve_in_public_mode(monkeypatch, sample_db):
    monkeypatch.setenv("SMARTISLAND_DB", str(sample_db))
    monkeypatch.setenv("SMARTISLAND_MODE", "public")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    with using(ReportContext(language="id")):
        transparency_title = t("transparency.title")
    assert [title.value for title in app.title] == [transparency_title]
    for page in INTERNAL_PAGES:
        request_url_path(app, page.url_path)
        app.run()
        assert not app.exception
        assert [title.value for title in app.title] == [transparency_title], page.script


@pytest.mark.parametrize("entry", PUBLIC_PAGES, ids=[page.url_path for page in PUBLIC_PAGES])
def test_no_internal_column_reaches_a_public_page(monkeypatch, sample_db, entry):
    app = run_page(monkeypatch, sample_db, entry.script, "en", mode="public")
    texts = visible_texts(app) + [chart.proto.spec for chart in app.get("plotly_chart")]
    labels = set(translations("spbe.evidence_status").values())
    secrets = internal_values(sample_db)
    assert secrets
    leaks = [text for text in texts if any(name in text for name in INTERNAL_COLUMNS | labels | secrets)]
    assert leaks == []
    headers = {str(column) for frame in app.dataframe for column in frame.value.columns}
    assert not headers & ({"note"} | INTERNAL_COLUMNS)
    assert not app.get("file_uploader")  # no upload or edit control in public mode


@pytest.fixture(scope="module")
def public_url(public_app_url):
    return public_app_url


@pytest.mark.browser
def test_chromium_finds_only_the_public_pages(browser, public_url):
    page = open_page(browser, public_url)
    with using(ReportContext(language="id")):
        assert page.locator("h1").first.inner_text() == t("transparency.title")
    # the site's own navigation (smartisland/ui/frame.py build_navigation): page links in the sidebar
    page.locator('.st-key-site_navigation [data-testid="stPageLink-NavLink"]').first.wait_for(timeout=30000)
    links = page.locator('.st-key-site_navigation [data-testid="stPageLink-NavLink"]').evaluate_all(
        "links => links.map(link => new URL(link.href).pathname)")
    assert sorted(links) == sorted(f"/{page.url}" for page in pages_for_mode("public") if not page.is_hidden)
    # a link to the transparency page shared from the internal site opens it, with no "Page not found"
    page = open_page(browser, f"{public_url}/transparency?lang=en")
    with using(ReportContext(language="en")):
        assert page.locator("h1").first.inner_text() == t("transparency.title")
    assert page.get_by_text("Page not found").count() == 0
    for entry in INTERNAL_PAGES:
        page = open_page(browser, f"{public_url}/{entry.url_path}")
        page.locator("h1").first.wait_for()  # a busy machine draws the page a while after its script has run
        headings = page.locator("h1").all_inner_texts()
        with using(ReportContext(language="id")):
            assert t(entry.title_key) not in headings and t("transparency.title") in headings, entry.url_path
        assert page.get_by_text("Page not found").count(), entry.url_path


@pytest.mark.browser
def test_chromium_downloads_hold_no_internal_column(browser, public_url, sample_db):
    page = open_page(browser, f"{public_url}/?lang=en&kpi=imdi&dataset=kpi_values")
    secrets = internal_values(sample_db)
    downloaded = {}
    for label in ("Download all the data (ZIP)", "Download CSV", "Download Parquet", "KPI values (CSV)"):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).click()
        downloaded[label] = Path(download.value.path()).read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(downloaded["Download all the data (ZIP)"]))
    package = json.loads(archive.read("datapackage.json"))
    fields = {field["name"] for resource in package["resources"] for field in resource["schema"]["fields"]}
    assert not fields & INTERNAL_COLUMNS
    contents = [archive.read(name) for name in archive.namelist()] + list(downloaded.values())
    assert not [secret for secret in secrets for data in contents if secret.encode() in data]
    assert downloaded["Download CSV"].decode().splitlines()[0] == "kpi_id,period_end,value,source,entered_at,provenance"
    assert downloaded["KPI values (CSV)"] == downloaded["Download CSV"]
    assert pq.read_schema(io.BytesIO(downloaded["Download Parquet"])).names == \
        ["kpi_id", "period_end", "value", "source", "entered_at", "provenance"]
