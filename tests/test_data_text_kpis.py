"""Target sources and value sources arrive with the data in one language; the overview and the tracker show them
in the reader's (locales/data_text.toml through text.data_text), as the transparency page does."""
import pandas as pd
import pytest
from support import ROOT
from support.apptest import run_page

from smartisland.i18n import catalog
from smartisland.report_context import ReportContext, using
from smartisland.text import data_text

PAIRS = [texts for key, texts in catalog().items() if key.startswith("data_text.") and texts["id"] != texts["en"]]
ONLY_IN = {"id": [texts["id"] for texts in PAIRS], "en": [texts["en"] for texts in PAIRS]}
OTHER = {"id": "en", "en": "id"}


def _page_text(app) -> str:
    """Everything the page says, with Markdown's escapes (and the word joiners around dots and colons) undone,
    so data texts compare as typed."""
    blocks = [block.value for block in [*app.markdown, *app.caption]]
    return " ".join(blocks).replace("\\", "").replace("\u2060", "")


def test_every_target_source_of_the_catalogue_is_held_in_both_languages():
    sources = pd.read_csv(ROOT / "provinces" / "51" / "reference" / "kpis.csv")["target_source"]
    with using(ReportContext(language="en")):
        untranslated = [source for source in sources if data_text(source) == source]
    assert untranslated == []
    with using(ReportContext(language="id")):
        assert all(data_text(source) == source for source in sources)  # the catalogue is in Indonesian


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("script, kpi", [("app_pages/overview.py", "villages_good_4g"),
                                         ("app_pages/overview.py", "wifi_points_active"),
                                         ("app_pages/tracker.py", "blank_spot_villages"),
                                         ("app_pages/tracker.py", "imdi")])
def test_sources_on_the_overview_and_tracker_are_in_the_readers_language(monkeypatch, sample_db, script, kpi,
                                                                          language):
    app = run_page(monkeypatch, sample_db, script, language, query={"kpi": kpi})
    text = _page_text(app)
    source = pd.read_csv(ROOT / "provinces" / "51" / "reference" / "kpis.csv").set_index("kpi_id").at[kpi, "target_source"]
    with using(ReportContext(language=language)):
        assert data_text(source) in text
    assert [other for other in ONLY_IN[OTHER[language]] if other in text] == []
