"""The Public services page in AppTest: the detail view of one service, and filters that change the figures."""
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import run_page

from smartisland.i18n import catalog

PAGE = "app_pages/services.py"


def run_services_page(monkeypatch, db_path, language: str = "id", query: dict | None = None) -> AppTest:
    app = run_page(monkeypatch, db_path, PAGE, language, query=query)
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
    texts = shown_texts(app)
    assert {"Agency", "**Dinas Sosial**", "Maturity stage", "**3 · Transaction**", "**Yes**"} <= set(texts)
    shown = metrics(app)
    # Social aid surveys satisfaction in June and December only: none in the third quarter, and no zero either.
    assert shown["Satisfaction (IKM)"] == "no data"
    assert any(text.startswith("- To reach Transformation") for text in texts)
    assert "- Report the figures missing in this period: Satisfaction (IKM)." in texts
    assert len(app.get("plotly_chart")) == 7  # the six measures' history and the regency breakdown
    assert raw_keys(app) == []


def test_performance_filters_change_the_figures_and_live_in_the_url(monkeypatch, sample_db):
    app = run_services_page(monkeypatch, sample_db, "id", query={"view": "performance", "area": "51.01"})
    assert app.subheader[0].value == "Sekilas: Kabupaten Jembrana, Triwulan III 2026"
    captions = [caption.value for caption in app.caption]
    # In a regency only the services with a regency breakdown report; the others are not counted as zero.
    assert "8 dari 18 layanan melapor" in captions
    table = app.dataframe[0].value
    assert len(table) == 8 and "tidak ada data" not in set(table["Permohonan"])
    quarter_requests = metrics(app)["Permohonan"]

    unit = next(radio for radio in app.radio if radio.label == "Periode per")
    unit.set_value("month").run()
    assert not app.exception
    assert app.query_params["unit"] in ("month", ["month"])
    assert app.subheader[0].value.endswith("Oktober 2026")
    assert metrics(app)["Permohonan"] != quarter_requests
    assert raw_keys(app) == []


@pytest.mark.parametrize(("language", "q3", "q2"), [
    ("id", ("Sekilas: Seluruh Bali, Triwulan III 2026", ["8.355", "1.868"], ["+0,2%", "-2,0%"]),
     ("Sekilas: Seluruh Bali, Triwulan II 2026", ["8.342", "1.907"], ["-1,1%", "-51,0%"])),
    ("en", ("At a glance: All of Bali, Q3 2026", ["8,355", "1,868"], ["+0.2%", "-2.0%"]),
     ("At a glance: All of Bali, Q2 2026", ["8,342", "1,907"], ["-1.1%", "-51.0%"]))])
def test_performance_shows_the_chosen_periods_figures_with_their_change_against_the_one_before(
        monkeypatch, sample_db, language, q3, q2):
    """The figures of the period asked for (and the one before, for the change), not every period's: Q3's change
    is its requests against Q2's (8,355 against 8,342: +0.2%)."""
    app = run_services_page(monkeypatch, sample_db, language,
                            query={"view": "performance", "unit": "quarter", "period": "2026-07-01"})

    def shown():
        table = app.dataframe[0].value
        return app.subheader[0].value, list(table.iloc[:2, 2]), list(table.iloc[:2, 3])

    assert len(app.dataframe[0].value) == 18 and shown() == q3
    app.selectbox(key=f"url_services_period_{language}").set_value(date(2026, 4, 1)).run()
    assert shown() == q2


@pytest.mark.parametrize("language", ["id", "en"])
def test_past_its_limit_the_service_list_offers_what_a_search_finds_and_keeps_the_chosen_one(
        monkeypatch, sample_db, language):
    """A catalogue longer than the list's limit (24,966 services at the benchmark's scale 100 sent 1.1 MB of names):
    a search box above the list, the first matches only, the service in the URL kept whatever the search. The
    sample's 18 services against a limit of 5."""
    from smartisland.services import sections

    monkeypatch.setattr(sections, "SERVICE_CHOICES", 5)
    app = run_services_page(monkeypatch, sample_db, language, query={"view": "detail", "service": "svc-open_data"})
    search = [box for box in app.text_input if box.key == "service_search"]
    assert len(search) == 1 and search[0].label == ("Cari layanan" if language == "id" else "Search for a service")
    service_list = app.selectbox(key=[box.key for box in app.selectbox if box.key.endswith(f"_service_{language}")][0])
    assert service_list.value == "svc-open_data" and len(service_list.options) == 6  # the five first and the chosen
    more = "Daftar memuat 6 dari 18 yang cocok" if language == "id" else "The list holds 6 of 18 matches"
    assert any(caption.value.startswith(more) for caption in app.caption)
    chosen_label, heading = service_list.options[0], [header.value for header in app.subheader][1]
    assert chosen_label in ("Satu Data Bali: Portal Data Terbuka", "One Data Bali: open data portal")

    search[0].input("REGISTRATION").run()  # the civil registry's service, by its code in Indonesian
    service_list = app.selectbox(key=service_list.key)
    assert service_list.value == "svc-open_data"  # still the one chosen, though the search does not find it
    assert service_list.options == [chosen_label, "Pengurusan Dokumen Kependudukan Daring" if language == "id"
                                    else "Online civil registration documents"]
    assert [header.value for header in app.subheader][1] == heading
    service_list.select_index(1).run()  # picked from the narrowed list: shown, and in the URL
    assert app.selectbox(key=service_list.key).value == "svc-civil_registration"
    assert app.query_params["service"] in (["svc-civil_registration"], "svc-civil_registration")
    assert [header.value for header in app.subheader][1] != heading
    assert not [caption for caption in app.caption if caption.value.startswith(more)]

    # typed text as a hostile reader types it: matched as text, never read as Markdown, HTML or SQL
    app.text_input(key="service_search").input("**[x](javascript:alert(1))** $ :red[a] <script>'; drop table").run()
    assert not app.exception
    assert app.selectbox(key=service_list.key).options == [service_list.options[1]]  # the one chosen, alone
    assert any(caption.value == ("Tidak ada yang cocok dengan pencarian ini." if language == "id"
                                 else "Nothing matches this search.") for caption in app.caption)


def test_with_the_catalogue_within_the_limit_the_list_offers_every_service_and_no_search(monkeypatch, sample_db):
    app = run_services_page(monkeypatch, sample_db, "en", query={"view": "detail"})
    assert not [box for box in app.text_input if box.key == "service_search"]
    service_list = [box for box in app.selectbox if box.key.endswith("_service_en")][0]
    assert len(service_list.options) == 18
