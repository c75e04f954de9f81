"""The Public services page in AppTest: the detail view of one service, and filters that change the figures."""
from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_md5

from smartisland.i18n import catalog

ROOT = Path(__file__).resolve().parent.parent
URL_PATH = "layanan"


def run_services_page(monkeypatch, db_path: Path, language: str = "id", query: dict | None = None) -> AppTest:
    """Open the page by its URL, as a link would. (AppTest.switch_page hashes the file name, `services`, but
    st.Page hashes the URL path, `layanan`: switching by file would silently run the default page.)"""
    monkeypatch.setenv("SMARTISLAND_DB", str(db_path))
    monkeypatch.setenv("SMARTISLAND_MODE", "internal")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if language != "id":
        app.query_params["lang"] = language
    for name, value in (query or {}).items():
        app.query_params[name] = value
    app._page_hash = calc_md5(URL_PATH)
    app.run()
    assert not app.exception, [item.value for item in app.exception]
    assert app.title[0].value == ("Layanan publik" if language == "id" else "Public services")
    return app


def shown_texts(app: AppTest) -> list[str]:
    """The texts of the page's text elements, metrics and tables. (Widgets are left out: AppTest formats their
    options in the test's language, and plotly charts have no readable state in AppTest.)"""
    texts = [element.value for kind in ("title", "subheader", "markdown", "caption", "info", "warning")
             for element in getattr(app, kind)]
    texts += [text for metric in app.metric for text in (metric.label, metric.value)]
    for frame in (element.value for element in app.dataframe):
        texts += [str(column) for column in frame.columns] + frame.astype(str).to_numpy().ravel().tolist()
    return texts


def raw_keys(app: AppTest) -> list[str]:
    keys = set(catalog())
    return sorted({word.strip(".,:") for text in shown_texts(app) for word in text.split()
                   if word.strip(".,:") in keys})


def metrics(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_detail_view_shows_one_service_its_stage_next_steps_and_no_data_for_a_missing_figure(monkeypatch, sample_db):
    app = run_services_page(monkeypatch, sample_db, "en", query={
        "view": "detail", "service": "svc-social_aid", "unit": "quarter", "period": "2026-07-01"})
    assert [header.value for header in app.subheader][:2] == ["At a glance: All of Bali, Q3 2026",
                                                             "Social aid relations"]
    shown = metrics(app)
    assert shown["Agency"] == "Dinas Sosial" and shown["Maturity stage"] == "3 · Transaction"
    assert shown["Single portal & sign-on"] == "Yes"
    # Social aid surveys satisfaction in June and December only: none in the third quarter, and no zero either.
    assert shown["Satisfaction (IKM)"] == "no data"
    texts = shown_texts(app)
    assert any(text.startswith("- To reach Transformation") for text in texts)
    assert "- Report the figures missing in this period: Satisfaction (IKM)." in texts
    assert len(app.get("plotly_chart")) == 7  # the six measures' history and the regency breakdown
    assert raw_keys(app) == []


def test_performance_filters_change_the_figures_and_live_in_the_url(monkeypatch, sample_db):
    app = run_services_page(monkeypatch, sample_db, "id", query={"view": "performance", "area": "51.01"})
    assert app.subheader[0].value == "Sekilas: Kabupaten Jembrana (8 layanan melapor), Triwulan III 2026"
    captions = [caption.value for caption in app.caption]
    # In a regency only the services with a regency breakdown report; the others are not counted as zero.
    assert "8 dari 18 layanan melapor" in captions
    table = app.dataframe[0].value
    assert len(table) == 8 and "tidak ada data" not in set(table["Permohonan"])
    quarter_requests = metrics(app)["Permohonan"]

    app.radio(key="url_unit").set_value("month").run()
    assert not app.exception
    assert app.query_params["unit"] in ("month", ["month"])
    assert app.subheader[0].value.endswith("Oktober 2026")
    assert metrics(app)["Permohonan"] != quarter_requests
    assert raw_keys(app) == []
