"""The SPBE page: its chart and table builders on tiny frames, and the page itself in AppTest on the sample data."""
import duckdb
import pandas as pd
import pytest
from support.apptest import run_page

from smartisland.db import execute_query
from smartisland.i18n import set_language, t
from smartisland.spbe import charts, sections
from smartisland.spbe import index as spbe
from smartisland.spbe import plan as spbe_plan

PAGE = "app_pages/spbe.py"


@pytest.fixture(autouse=True)
def indonesian():
    set_language("id")
    yield
    set_language("id")


PUBLISHED = pd.DataFrame({
    "year": [2021, 2023, 2023, 2023, 2024, 2021],
    "entity_code": ["51", "51", "51.02", "national", "national", "51.71"],
    "entity_name": ["Provinsi Bali", "Provinsi Bali", "Kabupaten Tabanan", None, None, "Kota Denpasar"],
    "is_national": [False, False, False, True, True, False],
    "index_value": [3.68, 4.07, 3.77, 2.79, 3.12, 3.19],
    "certainty": ["official", "official", "official", "official", "official", "unofficial"],
    "agencies_evaluated": [None, None, None, 621, 615, None],
    "source": ["KepMenPANRB 1503/2021", "KepMenPANRB 13/2024", "KepMenPANRB 13/2024", "KemenPANRB", "KemenPANRB",
               "media"],
})
INDICES = pd.DataFrame({
    "year": [2021, 2022, 2023, 2023, 2023], "entity_code": ["51", "51", "51", "51.02", "51.06"],
    "entity_name": ["Provinsi Bali", "Provinsi Bali", "Provinsi Bali", "Kabupaten Tabanan", "Kabupaten Bangli"],
    "framework_id": ["f"] * 5, "index_value": [3.681, 3.88, 4.069, 3.771, 2.479],
})


def test_trend_frame_puts_computed_published_and_national_side_by_side():
    trend = sections.trend_frame(INDICES, PUBLISHED)
    rows = trend.astype(object).where(trend.notna(), None).values.tolist()
    assert rows == [[2021, 3.681, 3.68, "official", None], [2022, 3.88, None, None, None],
                    [2023, 4.069, 4.07, "official", 2.79], [2024, None, None, None, 3.12]]
    figure = charts.trend_figure(trend)
    assert [trace.name for trace in figure.data] == ["Dihitung dari tingkat indikator", "Indeks resmi yang diumumkan",
                                                     "Rata-rata nasional",
                                                     "Hanya dihitung dari data sampel (tanpa indeks resmi)"]
    # issue 13 item 7: the year with no published index (2022) is marked, hollow and named, not joined unmarked
    sample_only = figure.data[-1]
    assert list(sample_only.x) == [2022] and list(sample_only.text) == ["sampel"]
    assert sample_only.marker.symbol == "circle-open" and figure.data[0].line.dash == "dot"
    assert figure.data[0].marker.size == (9, 0, 9)  # no filled marker under the hollow one
    assert list(charts.trend_table(trend)["Asal angka"]) == ["terbit", "sampel (rekaan)", "terbit", "–"]
    assert len(figure.layout.shapes) == 5 and figure.layout.separators == ",."
    # issue 13 item 6: the band names stand right of the plot, where no value or label of a value can be
    bands = [annotation for annotation in figure.layout.annotations if annotation.xref == "paper"]
    assert len(bands) == 5 and all(band.x > 1 and band.xanchor == "left" for band in bands)
    assert figure.layout.margin.r >= 80
    assert "4,07 · Sangat Baik" in [annotation.text.strip("<b>/") for annotation in figure.layout.annotations]


def test_entities_frame_prefers_the_published_index_and_keeps_unassessed_governments():
    entities = sections.entities_frame(INDICES, PUBLISHED, 2023)
    assert entities[["entity_code", "computed", "published", "shown", "predicate"]].astype(object).where(
        entities.notna(), None).values.tolist()[0] == ["51.06", 2.479, None, 2.479, "Cukup"]
    assert entities["entity_code"].tolist() == ["51.06", "51.02"]  # lowest first, the province left out
    assert sections.regency_years(INDICES, PUBLISHED) == [2023, 2021]  # Denpasar's published 2021 counts
    assert sections.national_average(PUBLISHED, 2023) == 2.79 and sections.national_average(PUBLISHED, 2021) is None
    figure = charts.entities_figure(entities, national=2.79)
    assert figure.data[0].text == ("2,48 · Cukup", "3,77 · Sangat Baik")
    assert figure.data[-1].name == "Rata-rata nasional 2,79"
    assert not figure.layout.annotations  # no band names to overlap across a phone's narrow plot
    assert figure.data[0].cliponaxis is False  # "3,77 · Sangat Baik" is not cut at the plot's edge


def test_entities_table_says_no_data_for_a_government_without_an_index():
    unassessed = INDICES.assign(index_value=[3.681, 3.88, 4.069, 3.771, float("nan")])  # Bangli incomplete
    table = charts.entities_table(sections.entities_frame(unassessed, PUBLISHED, 2023))
    assert table[t("spbe.predicate_label")].tolist() == ["Sangat Baik", t("common.no_data")]

LEVELS = pd.DataFrame({
    "year": [2023, 2023], "entity_code": ["51", "51"], "entity_name": ["Provinsi Bali"] * 2,
    "framework_id": ["f", "f"], "indicator_no": [1, 2], "indicator_name": ["Arsitektur", "Pengaduan"],
    "aspect": ["Perencanaan", "Layanan Publik"], "indicator_kind": ["process", "service"], "level": [3, 4],
    "owner_agency": ["Bappeda", "Diskominfos"], "evidence_status": ["partial", "missing"]})


@pytest.mark.parametrize("include_evidence", [True, False])
def test_heatmap_shows_levels_names_owners_and_evidence_only_when_internal(include_evidence):
    figure = charts.heatmap_figure(LEVELS, "year", include_evidence=include_evidence)
    heatmap = figure.data[0]
    assert list(heatmap.y) == ["1. Arsitektur", "2. Pengaduan"] and list(heatmap.x) == ["2023"]
    hover = [row[0] for row in heatmap.customdata]
    assert "Tingkat: 3 · Terdefinisi" in hover[0] and "OPD pemilik: Bappeda" in hover[0]
    assert "4 · Kolaborasi*" in hover[1]  # an unsure name is marked
    assert ("Status bukti dukung: belum ada" in hover[1]) == include_evidence
    table = charts.heatmap_table(LEVELS, include_evidence)
    assert ("Status bukti dukung" in table.columns) == include_evidence


def test_plan_table_and_owner_summary_name_the_indicators_and_agencies():
    indicators = {1: spbe.Indicator(1, "Arsitektur", 1, "D", 1, "A", 60.0, "process"),
                  2: spbe.Indicator(2, "Pengaduan", 1, "D", 2, "B", 40.0, "service")}
    plan = spbe_plan.gap_plan({1: 3, 2: 4}, indicators, target=4.2)
    set_language("en")
    table = charts.plan_table(plan, indicators, {1: "Bappeda", 2: "Diskominfos"})
    assert table.values.tolist() == [
        ["1", "1. Arsitektur (60.00%)", "Bappeda", "3 · Defined", "4 · Integrated and measured", "4.00 · Very good"],
        ["2", "1. Arsitektur (60.00%)", "Bappeda", "4 · Integrated and measured", "5 · Optimised", "4.60 · Excellent"],
    ]
    summary = charts.owner_summary(plan, {1: "Bappeda", 2: "Diskominfos"})
    assert summary.values.tolist() == [["Bappeda", "2"]]
    figure = charts.plan_figure(plan, indicators)
    assert list(figure.data[0].x) == ["Start", "1", "2"] and figure.data[0].y[-1] == pytest.approx(4.6)


def sample_levels(sample_db, entity_code: str, year: int) -> dict[int, int]:
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        frame = execute_query(connection, "spbe_indicator_levels", include_internal=False)
    chosen = frame[(frame["entity_code"] == entity_code) & (frame["year"] == year)]
    return dict(zip(chosen["indicator_no"], chosen["level"]))


def shown_texts(app) -> list[str]:
    """Texts, labels, options and table cells of the page (plotly charts apart: their specs are read separately)."""
    texts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "success", "warning", "info", "error"):
        texts += [element.value for element in getattr(app, kind)]
    for kind in ("selectbox", "radio", "number_input", "metric", "expander", "button"):
        for element in getattr(app, kind):
            texts.append(element.label)
            texts += [str(option) for option in getattr(element, "options", [])]
    for metric in app.metric:
        texts.append(metric.value)
    for table in app.dataframe:
        texts += [str(column) for column in table.value.columns] + table.value.astype(str).to_numpy().ravel().tolist()
    return texts


def selectbox(app, label: str):
    """A selectbox found by its label (ui.url_choice owns the widget keys)."""
    return next(element for element in app.selectbox if element.label == label)


def metric_values(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_what_if_moves_the_shown_index_and_keeps_changes_across_aspects(monkeypatch, sample_db):
    levels = sample_levels(sample_db, "51", 2023)
    app = run_page(monkeypatch, sample_db, PAGE)
    key = "spbe_what_if_51_2023_0_{}"
    assert metric_values(app)["Indeks bagaimana-jika"] == "4,07"
    heatmap_spec = app.get("plotly_chart")[4].proto.spec  # after the trend, the provinces, the regencies, the breakdown
    assert "Status bukti dukung" in heatmap_spec  # internal mode shows evidence status

    app.number_input(key=key.format(1)).set_value(5).run()
    raised = spbe_plan.what_if(levels, {1: 5}, spbe.load_framework())
    assert metric_values(app)["Indeks bagaimana-jika"] == f"{raised.index_after:.2f}".replace(".", ",") != "4,07"

    selectbox(app, "Aspek yang diubah").set_value(7).run()
    aspect_seven = [number for number, indicator in spbe.load_framework().items() if indicator.aspect_no == 7]
    for number in aspect_seven:
        app.number_input(key=key.format(number)).set_value(5)
    app.run()
    changes = {1: 5, **{number: 5 for number in aspect_seven}}
    outcome = spbe_plan.what_if(levels, changes, spbe.load_framework())
    shown = metric_values(app)
    assert shown["Indeks bagaimana-jika"] == f"{outcome.index_after:.2f}".replace(".", ",")
    assert shown["Predikat bagaimana-jika"] == outcome.predicate_after == "Memuaskan"
    assert any(f"Indikator yang diubah: {len(outcome.changed)}" in caption.value for caption in app.caption)

    app.button[0].click().run()
    assert metric_values(app)["Indeks bagaimana-jika"] == "4,07"
    assert not app.exception


def test_public_english_page_hides_evidence_and_follows_the_url(monkeypatch, sample_db):
    set_language("en")  # AppTest calls the widgets' format functions in this thread, in this thread's language
    app = run_page(monkeypatch, sample_db, PAGE, language="en", mode="public",
                   query={"entity": "51.71", "year": "2021", "compare_year": "2021"})
    texts = shown_texts(app)
    specs = " ".join(chart.proto.spec for chart in app.get("plotly_chart"))
    assert not any("Evidence status" in text or "evidence" in text.lower() for text in texts)
    assert "Evidence status" not in specs
    # Denpasar's 2021 figure, in the regencies' table (the team's computed-against-published check is internal)
    assert "unofficial (unsure)" in texts
    assert metric_values(app)["Index"] == "3.19 · Good"
    assert selectbox(app, "Target").value == 3.5  # the next band for a Baik index
    assert any("one-level raises take the index from 3.19" in text for text in texts)
    assert not [text for text in texts if "spbe." in text]  # no raw translation key
    assert "Rintisan" not in " ".join(texts + [specs])  # level names in English


def test_a_province_with_no_published_index_labels_its_latest_computed_one():
    unpublished = sections.trend_frame(INDICES, PUBLISHED[PUBLISHED["entity_code"] == "national"])
    figure = charts.trend_figure(unpublished)
    labels = [annotation.text for annotation in figure.layout.annotations if annotation.xref != "paper"]
    assert labels == ["<b>4,07 · Sangat Baik</b>"] and figure.layout.annotations[-1].x == 2023
