"""Connectivity builders on tiny frames: figures hold the expected series, the map its layers, tables their words."""
import json
from datetime import date

import pandas as pd

from smartisland import geo
from smartisland.connectivity import coverage_charts, labels, tables, wifi_charts
from smartisland.connectivity import map as connectivity_map
from smartisland.i18n import set_language
from smartisland.report_context import ReportContext, using

MONTHLY = pd.DataFrame({"month_end": pd.to_datetime(["2019-03-31", "2019-04-30", "2019-05-31"]),
                        "points_in_service": [1, 2, 1834], "bandwidth_mbps_total": [10.0, 60.0, 91700.0],
                        "bandwidth_mbps_mean": [10.0, 30.0, 50.0]})
POINTS = pd.DataFrame({
    "point_id": ["wf-1", "wf-2"], "site_name": ["Wantilan <Baluk>", "Puskesmas Negara"],
    "category": ["desa_adat", "puskesmas"], "status": ["active", "down"], "bandwidth_mbps": [50.0, 20.0],
    "installed_on": pd.to_datetime(["2019-04-10", "2019-06-01"]), "decommissioned_on": pd.to_datetime([None, None]),
    "funding_source": ["province", "regency"], "funded_until": pd.to_datetime(["2024-12-31", None]),
    "village_code": ["51.01.01.2001", "51.01.01.2002"], "village_name": ["Baluk", "Banyubiru"],
    "district_name": ["Negara", "Negara"], "regency_name": ["Kabupaten Jembrana"] * 2,
    "lat": [-8.33, -8.34], "lon": [114.6, 114.61]})
SITES = pd.DataFrame({
    "site_id": ["bs-1"], "village_code": ["51.01.01.2001"], "village_name": ["Baluk"], "district_name": ["Negara"],
    "regency_name": ["Kabupaten Jembrana"], "stage": ["planned"], "solution": ["bts"], "owner": ["BAKTI Kominfo"],
    "stage_date": pd.to_datetime(["2025-01-01"]), "target_date": pd.to_datetime(["2026-06-30"]), "is_late": [True],
    "lat": [-8.33], "lon": [114.6]})
VILLAGES = pd.DataFrame({
    "village_code": ["51.01.01.2001", "51.01.01.2002"], "village_name": ["Baluk", "Banyubiru"],
    "district_name": ["Negara", "Negara"], "regency_name": ["Kabupaten Jembrana"] * 2, "population": [3000, 2000],
    "lat": [-8.33, -8.34], "lon": [114.6, 114.61], "signal_tier": ["weak", None], "source": ["bakti", None],
    "surveyed_on": pd.to_datetime(["2024-07-01", None]), "best_technology": ["3g", None],
    "signal_quality": ["weak", None]})


def test_points_in_service_shows_the_series_the_target_and_the_published_figures_with_sources():
    with using(ReportContext(language="en")):
        figure = wifi_charts.points_in_service_figure(MONTHLY)
    names = [trace.name for trace in figure.data]
    assert names == ["Points in service", "2019 target: 1,825 points", "Published figures"]
    assert list(figure.data[0].y) == [1, 2, 1834]
    published = figure.data[2]
    assert 2307 in published.y and 1800 in published.y
    assert ["March 2022: points (the article)", "Governor of Bali's meeting with Jakarta Smart City, March 2022 "
            "(the seed article)"] in [list(item) for item in published.customdata]
    assert figure.layout.separators == ".,"
    with using(ReportContext(language="id")):
        assert wifi_charts.points_in_service_figure(MONTHLY).layout.separators == ",."


def test_tiers_by_source_puts_the_latest_view_first_and_each_source_after():
    counts = pd.DataFrame([{"source": source, "signal_tier": tier, "villages": 1}
                           for source in ("province", "bakti", "operator", "crowd")
                           for tier in ("none", "weak", "no_4g", "good", "not_surveyed")])
    latest = pd.DataFrame({"signal_tier": ["none", "weak", "no_4g", "good", "not_surveyed"],
                           "villages": [0, 1, 0, 3, 1], "percent": [0, 20, 0, 60, 20]})
    with using(ReportContext(language="en")):
        figure = coverage_charts.tiers_by_source_figure(counts, latest)
    assert [trace.name for trace in figure.data] == ["No signal", "Weak signal", "Good signal, no 4G",
                                                     "4G or better, good", "Not surveyed"]
    assert list(figure.data[0].y) == ["Latest survey (any source)", "Province", "BAKTI", "Mobile operators",
                                      "Crowd reports"]
    assert list(figure.data[3].x) == [3, 1, 1, 1, 1]


def test_the_map_stacks_base_coverage_blank_spots_and_points_and_escapes_tooltips():
    cells = geo.land_cells()
    with using(ReportContext(language="en")):
        deck = connectivity_map.connectivity_map(cells, "51.01", "village", ["wifi_points", "blank_spots"], POINTS, SITES,
                                                 VILLAGES)
    spec = json.loads(deck.to_json())
    # without official village boundaries the villages stay dots; each point's category also as a letter
    assert [layer["id"] for layer in spec["layers"]] == ["base", "coverage_villages", "district_borders",
                                                         "regency_borders", "blank_spots", "blank_spot_stages",
                                                         "wifi_points", "wifi_point_symbols", "place_names"]
    by_id = {layer["id"]: layer for layer in spec["layers"]}
    points = by_id["wifi_points"]["data"]
    assert [point["item"] for point in points] == ["point:wf-1", "point:wf-2"]
    assert "Wantilan &lt;Baluk&gt;" in points[0]["tooltip"] and "Funded until: 31 December 2024" in points[0]["tooltip"]
    assert points[1]["line_width"] == 3  # down: a thick dark ring
    assert by_id["blank_spots"]["data"][0]["line"][:3] == [213, 94, 0]  # late: an orange ring
    assert spec["initialViewState"]["zoom"] > 9
    without_points = connectivity_map.connectivity_map(cells, "51", "off", ["blank_spots"], POINTS, SITES, VILLAGES)
    assert [layer.id for layer in without_points.layers] == ["base", "district_borders", "regency_borders",
                                                             "blank_spots", "blank_spot_stages", "place_names"]


def test_the_legend_uses_the_map_colours_and_words_of_the_language():
    with using(ReportContext(language="id")):
        legend = connectivity_map.legend_markdown("hexagon", ["wifi_points"])
    assert labels.CATEGORY_COLOURS["puskesmas"] in legend and "Puskesmas" in legend
    assert labels.TIER_COLOURS["weak"] in legend and "Sinyal lemah" in legend
    assert "Lokasi blank spot" not in legend


def test_item_details_describe_a_point_a_site_and_a_village():
    set_language("en")
    with using(ReportContext(language="en")):
        title, table = connectivity_map.item_details("point:wf-2", POINTS, SITES, VILLAGES)
    assert title == "Puskesmas Negara"
    assert dict(zip(table["Field"], table["Value"]))["Status"] == "Down"
    with using(ReportContext(language="en")):
        title, table = connectivity_map.item_details("village:51.01.01.2002", POINTS, SITES, VILLAGES)
    details = dict(zip(table["Field"], table["Value"]))
    assert (title, details["Signal tier"], details["Latest survey"]) == ("Banyubiru", "Not surveyed", "no data")
    assert details["Points down"] == "1"
    with using(ReportContext(language="en")):
        title, _ = connectivity_map.item_details("site:bs-1", POINTS, SITES, VILLAGES)
    assert title == "Blank spot in Baluk"
    with using(ReportContext(language="en")):
        assert connectivity_map.item_details("point:missing", POINTS, SITES, VILLAGES) is None


def test_tables_show_words_and_formatted_numbers_not_codes():
    funding = pd.DataFrame({"site_name": ["Wantilan Baluk"], "category": ["desa_adat"], "status": ["active"],
                            "village_name": ["Baluk"], "district_name": ["Negara"], "funding_source": ["province"],
                            "funded_until": [date(2024, 12, 31)], "days_left": [-669], "is_funding_ended": [True]})
    with using(ReportContext(language="id")):
        row = tables.funding_table(funding).iloc[0].tolist()
    assert row == ["Wantilan Baluk", "Desa adat (wantilan)", "Aktif", "Baluk", "Negara", "Pemprov Bali",
                   "31 Desember 2024", "Sudah berakhir"]
    # a page of the map's items as the query connectivity_map_items gives them
    items = pd.DataFrame({
        "item": ["point:wf-1", "point:wf-2", "site:bs-1", "village:51.01.01.2001", "village:51.01.01.2002"],
        "kind": ["wifi_point", "wifi_point", "blank_spot", "village", "village"],
        "name": ["Wantilan <Baluk>", "Puskesmas Negara", "bs-1", "Baluk", "Banyubiru"],
        "village_name": ["Baluk", "Banyubiru", "Baluk", "Baluk", "Banyubiru"], "district_name": ["Negara"] * 5,
        "category": ["desa_adat", "puskesmas", None, None, None], "status": ["active", "down", None, None, None],
        "stage": [None, None, "planned", "planned", None], "is_late": [False, False, True, False, False],
        "signal_tier": [None, None, None, "weak", None], "total_rows": [5] * 5})
    with using(ReportContext(language="en")):
        table = connectivity_map.map_items_table(items, "village")
        staged = connectivity_map.map_items_table(items[items["kind"] != "wifi_point"], "stage")
        labels = connectivity_map.item_labels(items)
    assert table.to_dict("list") == {
        "Layer": ["Wi-Fi points", "Wi-Fi points", "Blank-spot sites", "Signal coverage", "Signal coverage"],
        "Name": ["Wantilan <Baluk>", "Puskesmas Negara", "bs-1", "Baluk", "Banyubiru"],
        "Village": ["Baluk", "Banyubiru", "Baluk", "Baluk", "Banyubiru"],
        "Shown as": ["Desa adat (hall) · Active", "Health centre (puskesmas) · Down", "Planned · late", "Weak signal",
                     "Not surveyed"]}
    assert list(staged["Shown as"]) == ["Planned · late", "Planned", "No blank-spot site"]
    assert list(staged["Layer"])[1:] == ["Blank-spot stage by village"] * 2
    assert labels == {"point:wf-1": "Wantilan <Baluk> (Baluk)", "point:wf-2": "Puskesmas Negara (Banyubiru)",
                      "site:bs-1": "Blank spot in Baluk · bs-1", "village:51.01.01.2001": "Village Baluk (Negara)",
                      "village:51.01.01.2002": "Village Banyubiru (Negara)"}
