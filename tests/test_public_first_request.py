"""A public server's very first request may be a deep link to an internal page: it must find nothing internal."""
import pandas as pd
import pytest
from support import ROOT
from support.browser import open_page, start_server

from smartisland.i18n import t
from smartisland.report_context import ReportContext, using
from smartisland.ui.navigation import PAGES

INTERNAL_PAGES = [page for page in PAGES if not page.is_public]
CATALOG = pd.read_csv(ROOT / "provinces" / "51" / "reference" / "kpis.csv")
INTERNAL_KPI_NAMES = [name for _, row in CATALOG[~CATALOG["is_public"]].iterrows()
                      for name in (row["name_id"], row["name_en"])]


@pytest.mark.browser
@pytest.mark.parametrize("entry", INTERNAL_PAGES, ids=lambda page: page.url_path)
def test_the_first_request_to_a_fresh_public_server_for_an_internal_page_finds_nothing_internal(browser, sample_db,
                                                                                               entry):
    assert INTERNAL_KPI_NAMES  # the catalog keeps some KPIs internal, so the check below can fail
    process, url = start_server(sample_db, mode="public")
    try:
        page = open_page(browser, f"{url}/{entry.url_path}")
        headings = page.locator("h1").all_inner_texts()
        text = page.locator('[data-testid="stApp"]').inner_text()
        with using(ReportContext(language="id")):
            assert t(entry.title_key) not in headings
        assert [name for name in INTERNAL_KPI_NAMES if name in text] == []
        assert not page.locator('[data-testid="stFileUploader"]').count()
        # Streamlit says the page does not exist and shows the public default page instead.
        assert page.get_by_text("Page not found").count()
        with using(ReportContext(language="id")):
            assert t("transparency.title") in headings
    finally:
        process.terminate()
        process.wait(timeout=60)  # a busy machine may take a while to stop it
