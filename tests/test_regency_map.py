"""The overview's small regency map: each regency filled by its status on the chosen KPI, and named with the
status's symbol and value, so status never rests on colour alone (pure builder, and the page in both languages)."""
import json

import pandas as pd
import pytest
from support.apptest import run_page

from smartisland import geo
from smartisland.kpis import regency_map
from smartisland.report_context import ReportContext, using

VALUES = pd.DataFrame({"region_code": ["51.01", "51.02"], "name": ["Kabupaten Jembrana", "Kabupaten Tabanan"],
                       "value": [49.28, 100.0], "status": ["off_track", "achieved"]})


def _shapes():
    return regency_map.regency_shapes()


def test_each_regency_is_filled_by_its_status_and_a_regency_without_a_value_says_so():
    outlines, _ = _shapes()
    with using(ReportContext(language="en")):
        fills = regency_map.regency_fills(VALUES, outlines, "percent", "official")
    by_code = fills.drop_duplicates("code").set_index("code")
    assert by_code.loc["51.01", "fill"] == [213, 94, 0, 190]  # off track, official: the status's orange-red
    assert by_code.loc["51.02", "fill"] == [0, 158, 115, 190]  # achieved: green
    assert by_code.loc["51.03", "status"] == "no_data"
    assert by_code.loc["51.03", "tooltip"] == "<b>51.03</b><br/>no data<br/>○ No data"
    assert by_code.loc["51.01", "tooltip"] == "<b>Kabupaten Jembrana</b><br/>49.3%<br/>▼ Off track"
    assert sorted(by_code.index) == ["51.01", "51.02", "51.03", "51.04", "51.05", "51.06", "51.07", "51.08", "51.71"]


def test_bad_news_against_an_illustrative_target_is_neutral_grey():
    outlines, _ = _shapes()
    with using(ReportContext(language="en")):
        fills = regency_map.regency_fills(VALUES, outlines, "percent", "illustrative")
    assert fills.drop_duplicates("code").set_index("code").loc["51.01", "fill"] == [140, 154, 153, 190]


@pytest.mark.parametrize("language, expected", [("id", ["Jembrana\n▼ 49,3%", "Tabanan\n✔ 100,0%"]),
                                                ("en", ["Jembrana\n▼ 49.3%", "Tabanan\n✔ 100.0%"])])
def test_a_label_names_the_regency_with_the_symbol_and_the_value(language, expected):
    _, centres = _shapes()
    with using(ReportContext(language=language)):
        labels = regency_map.regency_labels(VALUES, centres, "percent")
    assert list(labels["name"]) == expected
    assert list(labels["code"]) == ["51.01", "51.02"]


@pytest.mark.parametrize("width", [350, 580])
def test_the_whole_island_fits_the_maps_width(width):
    outlines, centres = _shapes()
    with using(ReportContext(language="en")):
        spec = json.loads(regency_map.regency_status_map(VALUES, outlines, centres, "percent", "official", width).to_json())
    assert [layer["id"] for layer in spec["layers"]] == ["regency_status", "regency_labels"]
    zoom = spec["initialViewState"]["zoom"]
    south, west, north, east = geo.province_bounds()
    assert 512 * 2 ** zoom * (east - west) / 360 <= width  # deck.gl's world is 512 pixels wide at zoom 0
    # deck.gl draws only the characters it is given: the status symbols must be among them (pydeck unquotes the
    # string literal; a quote inside would break deck.gl's parse and the map with it)
    characters = spec["layers"][1]["characterSet"]
    assert '"' not in characters and characters.startswith(" !#$%")
    assert all(symbol in characters for symbol in "✔☑▲↘◆▼✖○")


def test_the_legend_gives_each_status_shown_its_symbol_and_word_and_says_what_grey_means():
    with using(ReportContext(language="en")):
        legend = regency_map.legend_markdown(VALUES, "illustrative")
    assert legend == ("**Map of status by regency**: <span style='color:#009E73;font-size:1.15em'>■</span> ✔ Achieved"
                      " · <span style='color:#8C9A99;font-size:1.15em'>■</span> ▼ Off track  \n"
                      "Grey: behind an illustrative target the team set, not behind an official promise.")
    with using(ReportContext(language="en")):
        assert "Grey" not in regency_map.legend_markdown(VALUES, "official")


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_overview_shows_the_regency_map_of_the_chosen_kpi(monkeypatch, sample_db, language):
    app = run_page(monkeypatch, sample_db, "app_pages/overview.py", language, query={"regional": "digital_takeup"})
    spec = json.loads(app.get("deck_gl_json_chart")[-1].proto.json)
    labels = next(layer["data"] for layer in spec["layers"] if layer["id"] == "regency_labels")
    gianyar = next(label["name"] for label in labels if label["code"] == "51.04")
    assert gianyar == ("Gianyar\n▼ 49,1%" if language == "id" else "Gianyar\n▼ 49.1%")
    assert len(labels) == 9
    legend = next(item.value for item in app.markdown if "regency_map" not in item.value and "■" in item.value)
    off_track = "▼ Tertinggal" if language == "id" else "▼ Off track"
    assert legend.startswith("**Peta status per kabupaten/kota**" if language == "id" else "**Map of status by regency**")
    assert off_track in legend


def test_on_a_phone_the_map_is_lower_and_marks_each_regency_by_its_symbol_alone():
    """At about 350 pixels names and values overlapped in eastern Bali; the chart above names them."""
    outlines, centres = _shapes()
    with using(ReportContext(language="en")):
        phone = json.loads(regency_map.regency_status_map(VALUES, outlines, centres, "percent", "official", 350).to_json())
    with using(ReportContext(language="en")):
        wide = json.loads(regency_map.regency_status_map(VALUES, outlines, centres, "percent", "official").to_json())
    assert [label["name"] for label in phone["layers"][1]["data"]] == ["▼", "✔"]
    assert [label["name"] for label in wide["layers"][1]["data"]] == ["Jembrana\n▼ 49.3%", "Tabanan\n✔ 100.0%"]
    assert (regency_map.map_height(350), regency_map.map_height(None)) == (260, 420)
    south, west, north, east = geo.province_bounds()
    assert 512 * 2 ** phone["initialViewState"]["zoom"] * (east - west) / 360 <= 350
