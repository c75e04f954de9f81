"""The Connectivity page on the sample data: AppTest in both languages, and the offline map drawn in Chromium."""
import base64
import json

import numpy
import pytest
from support.apptest import run_page
from support.browser import open_page, page_exceptions

SCRIPT = "app_pages/connectivity.py"


def _deck(app) -> dict:
    return json.loads(app.get("deck_gl_json_chart")[0].proto.json)


def _layer(spec: dict, layer_id: str) -> list:
    return next(layer["data"] for layer in spec["layers"] if layer["id"] == layer_id)


def _figures(app) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def _values(array) -> list:
    """A trace's values, decoded when Plotly sent them as typed binary data."""
    if isinstance(array, dict) and "bdata" in array:
        return numpy.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def test_the_page_shows_the_map_charts_and_tables_in_indonesian(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, SCRIPT)
    assert app.title[0].value == "Konektivitas"
    spec = _deck(app)
    # by village by default: the villages' official boundaries are the land (no land cells under them)
    assert [layer["id"] for layer in spec["layers"]] == [
        "coverage_village_polygons", "district_borders", "regency_borders", "blank_spots", "blank_spot_stages",
        "wifi_districts", "wifi_district_counts", "place_names"]
    assert "mapStyle" not in spec  # no tile basemap of our own: the drawn layers are the map
    # the whole province: one labelled count per district, not some 2,400 dots on top of each other
    assert len(_layer(spec, "wifi_districts")) == 57
    wifi = run_page(monkeypatch, sample_db, SCRIPT, query={"section": "wifi"})
    figures = _figures(wifi)
    assert [trace["name"] for trace in figures[0]["data"]] == ["Titik beroperasi", "Target 2019: 1.825 titik",
                                                       "Angka yang dipublikasikan"]
    assert len(figures) == 4
    assert len(_figures(run_page(monkeypatch, sample_db, SCRIPT, query={"section": "coverage"}))) == 3
    assert any("sampel" in caption.value for caption in app.caption)
    # the province map joins villages and counts points, so it says where a single one can be selected
    assert any(caption.value.endswith("pilih kabupaten/kota untuk memilih satu titik atau desa di peta, atau cari "
                                      "di bawah.") for caption in app.caption)


def test_a_regency_filter_zooms_the_map_and_narrows_the_data_in_english(monkeypatch, sample_db):
    bali = run_page(monkeypatch, sample_db, SCRIPT, "en", query={"coverage": "village", "layers": "wifi_points"})
    bangli = run_page(monkeypatch, sample_db, SCRIPT, "en",
                      query={"regency": "51.06", "coverage": "village", "layers": "wifi_points"})
    bali_spec, bangli_spec = _deck(bali), _deck(bangli)
    assert [layer["id"] for layer in bangli_spec["layers"]] == [
        "base", "coverage_village_polygons", "district_borders", "regency_borders", "wifi_points",
        "wifi_point_symbols", "place_names"]
    assert bangli_spec["initialViewState"]["zoom"] > bali_spec["initialViewState"]["zoom"] + 1
    assert len(_layer(bangli_spec, "wifi_points")) == 267  # every point of Bangli, decommissioned ones faded
    villages = {row["item"] for row in _layer(bangli_spec, "coverage_village_polygons")}
    assert len(villages) == 72  # Bangli's 68 desa and 4 kelurahan, each its own boundary
    assert bangli.selectbox[0].value == "51.06" and bangli.selectbox[0].format_func("51.06") == "Kabupaten Bangli"
    bali_wifi = run_page(monkeypatch, sample_db, SCRIPT, "en", query={"section": "wifi"})
    bangli_wifi = run_page(monkeypatch, sample_db, SCRIPT, "en", query={"regency": "51.06", "section": "wifi"})
    assert 0 < max(_values(_figures(bangli_wifi)[0]["data"][0]["y"])) < max(
        _values(_figures(bali_wifi)[0]["data"][0]["y"]))
    assert bangli.title[0].value == "Connectivity"
    assert any(caption.value.endswith("Select a point, blank spot or village on the map to see its details, or "
                                      "search for it below.") for caption in bangli.caption)
    assert not any("choose a regency to select" in caption.value for caption in bangli.caption)


@pytest.mark.parametrize(("language", "first", "second", "first_site", "second_site"), [
    ("id", "Baris 1–50 dari 2.220", "Baris 51–100 dari 2.220", "Wantilan Desa Adat Lodtunduh",
     "Wantilan Desa Adat Ungasan"),
    ("en", "Rows 1–50 of 2,220", "Rows 51–100 of 2,220", "Wantilan Desa Adat Lodtunduh",
     "Wantilan Desa Adat Ungasan")])
def test_the_funding_list_pages_through_its_points(monkeypatch, sample_db, language, first, second, first_site,
                                                   second_site):
    app = run_page(monkeypatch, sample_db, SCRIPT, language, query={"section": "wifi", "funding_months": "12"})

    def shown():
        table = next(frame.value for frame in app.dataframe if len(frame.value) == 50)
        return [caption.value for caption in app.caption if caption.value in (first, second)], table.iloc[0, 0]

    assert shown() == ([first], first_site)
    assert app.button(key="funding_previous").disabled
    app.button(key="funding_next").click().run()
    assert shown() == ([second], second_site)
    app.button(key="funding_previous").click().run()
    assert shown() == ([first], first_site)


def test_an_item_in_the_url_shows_its_details(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, SCRIPT, "en", query={"regency": "51.06", "item": "site:bs-0001"})
    details = next(frame.value for frame in app.dataframe if list(frame.value.columns) == ["Field", "Value"])
    assert dict(zip(details["Field"], details["Value"]))["Stage"] == "Verified"
    assert any("Blank spot in" in markdown.value for markdown in app.markdown)


@pytest.mark.parametrize(("language", "caption", "first", "second", "layer"), [
    ("id", "Semua 3.169 item yang digambar peta, 50 per halaman.", "Baris 1–50 dari 3.169",
     "Baris 51–100 dari 3.169", "Titik Wi-Fi"),
    ("en", "Every one of the 3,169 items the map draws, 50 a page.", "Rows 1–50 of 3,169", "Rows 51–100 of 3,169",
     "Wi-Fi points")])
def test_the_map_as_a_table_pages_through_every_item(monkeypatch, sample_db, language, caption, first, second,
                                                     layer):
    app = run_page(monkeypatch, sample_db, SCRIPT, language)
    captions = [element.value for element in app.caption]
    assert caption in captions and first in captions
    table = app.dataframe[-1].value
    assert len(table) == 50 and set(table.iloc[:, 0]) == {layer}  # the points come first
    first_names = list(table.iloc[:, 1])
    app.button(key="map_items_next").click().run()
    captions = [element.value for element in app.caption]
    assert second in captions and first not in captions
    following = list(app.dataframe[-1].value.iloc[:, 1])
    assert len(following) == 50 and not set(following) & set(first_names)


def test_the_picker_offers_a_few_items_and_finds_the_rest_by_a_search_in_sql(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, SCRIPT, "en")
    picker = app.selectbox(key="connectivity_item")
    assert len(picker.options) == 31  # "pick" and 30 items, not 3,169
    assert "The list holds 30 of 3,169 matches; type to narrow it." in [caption.value for caption in app.caption]
    app.text_input(key="connectivity_search").input("kintamani").run()
    picker = app.selectbox(key="connectivity_item")
    assert len(picker.options) == 31 and "Village Kintamani (Kintamani)" in picker.options
    assert "The list holds 30 of 208 matches; type to narrow it." in [caption.value for caption in app.caption]
    picker.select("Village Kintamani (Kintamani)").run()
    details = next(frame.value for frame in app.dataframe if list(frame.value.columns) == ["Field", "Value"])
    assert dict(zip(details["Field"], details["Value"]))["District"] == "Kintamani"
    assert app.query_params["item"] == "village:51.06.04.2029"
    app.text_input(key="connectivity_search").input("no such place").run()
    # the item picked stays offered (and shown) whatever the search
    assert app.selectbox(key="connectivity_item").value == "village:51.06.04.2029"
    assert "Nothing matches this search." in [caption.value for caption in app.caption]


@pytest.mark.browser
def test_the_map_draws_offline_in_chromium(browser, app_url):
    """External requests are refused (no tiles): the deck.gl canvas must still draw Bali's own base and layers."""
    for query in ("", "?regency=51.06&lang=en"):
        page = open_page(browser, f"{app_url}/connectivity{query}")
        assert page_exceptions(page) == []
        chart = page.locator('[data-testid="stDeckGlJsonChart"]')
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(1500)
        canvas = chart.locator("canvas").first
        box = canvas.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 300
        image = chart.screenshot()
        coloured = _coloured_share(image)
        assert coloured > 0.1, f"the map looks blank ({coloured:.1%} coloured pixels)"


def _coloured_share(png: bytes) -> float:
    """The share of pixels that are neither white nor near-white: drawn land, coverage and points."""
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png)).convert("RGB").resize((200, 140))
    pixels = list(image.getdata())
    return sum(1 for red, green, blue in pixels if min(red, green, blue) < 235) / len(pixels)
