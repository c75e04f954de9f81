"""The Connectivity page's sections on the sample warehouse, without Streamlit: each domain call runs the named
queries through a runner and returns what the page lays out (figures checked against the page before the split)."""
import itertools
import re
from datetime import date

import pandas as pd
import pytest
import shapely

from smartisland import geo
from smartisland.connectivity import map as map_module
from smartisland.connectivity import sections
from smartisland.connectivity.labels import (
    CATEGORY_SYMBOLS,
    NO_SITE_COLOUR,
    STAGE_COLOURS,
    TIER_COLOURS,
    category_label,
)
from smartisland.db import execute_query, reading
from smartisland.geo import hex_to_rgba
from smartisland.i18n import set_language
from smartisland.report_context import ReportContext, using

DATA_MONTH_END = date(2026, 10, 31)  # the sample data run to October 2026
BANGLI = "51.06"


@pytest.fixture
def run(sample_db):
    set_language("en")
    with reading(sample_db) as connection:
        yield lambda name, **params: execute_query(connection, name, **params)


def test_places_list_the_regencies_and_each_regency_s_districts(run):
    places = sections.places(ReportContext(run))
    assert len(places.regency_codes) == 9 and places.regency_codes[0] == "51.01"
    assert places.names[BANGLI] == "Kabupaten Bangli"
    districts = places.district_options(BANGLI)
    assert districts[0] == BANGLI and len(districts) == 5  # Bangli's four districts after "all districts"
    assert all(code.startswith(BANGLI + ".") for code in districts[1:])


def test_the_headline_for_bali_and_for_one_regency(run):
    bali = sections.headline(ReportContext(run), "51", DATA_MONTH_END)
    assert (bali.points_in_service, bali.points_down, bali.funding_ended, bali.late_sites, bali.open_sites) == (
        2232, 112, 65, 30, 34)
    assert round(bali.percent_of_target, 1) == 122.3  # 2,232 of the 1,825 points promised for 2019
    assert round(bali.good_signal_percent, 1) == 89.5  # the province survey, the KPI's one source
    assert round(bali.good_signal_any_source_percent, 1) == 93.6
    bangli = sections.headline(ReportContext(run), BANGLI, DATA_MONTH_END)
    assert (bangli.points_in_service, bangli.percent_of_target, bangli.points_down, bangli.funding_ended,
            bangli.late_sites, bangli.open_sites) == (250, None, 9, 4, 0, 0)
    assert round(bangli.good_signal_percent, 1) == 87.5
    assert round(bangli.good_signal_any_source_percent, 1) == 90.3


def test_the_funding_gaps_come_one_page_at_a_time_counted_in_sql_and_whole_only_for_a_download(run):
    asked = []

    def counting(name, **params):
        asked.append((name, params.get("limit"), params.get("offset")))
        return run(name, **params)

    with using(ReportContext(counting, "en")) as context:
        second = sections.wifi_gaps_view(context, BANGLI, DATA_MONTH_END, 12, 1)
        assert (second.funding_ended, second.funding_ending) == (4, 243)
        assert (second.funding_page.number, second.funding_page.total) == (1, 247)
        assert second.funding_page.text() == "Rows 51–100 of 247"
        assert len(second.funding_table) == 50
        assert second.funding_table.iloc[0].tolist() == [
            "Wantilan Desa Adat Buahan Kaja", "Desa adat (hall)", "Active", "Buahan", "Kintamani",
            "Desa adat grant (Dinas PMA)", "31 December 2026", "61 days left"]
        assert ("wifi_points_funding_ending", 50, 50) in asked
        assert not [entry for entry in asked if entry[0] == "wifi_points_funding_ending" and entry[1] != 50]
        every = second.funding_download()  # asked for only now, every point in one list
        assert asked[-1] == ("wifi_points_funding_ending", 247, 0)
        assert len(every) == 247 and every.iloc[50].tolist() == second.funding_table.iloc[0].tolist()
        first = sections.wifi_gaps_view(context, BANGLI, DATA_MONTH_END, 12, 0)
        assert first.funding_table.iloc[-1, 0] == "Wantilan Desa Adat Tembuku" and first.funding_page.has_next
        assert sections.wifi_gaps_view(context, BANGLI, DATA_MONTH_END, 12, 9).funding_page.number == 4  # the last


def test_the_map_view_holds_the_deck_its_items_and_their_details(run):
    with using(ReportContext(language="en")):
        shown = sections.map_view(ReportContext(run), BANGLI, DATA_MONTH_END, "village", ["wifi_points"])
    assert [layer.id for layer in shown.deck.layers] == ["base", "coverage_village_polygons", "district_borders",
                                                        "regency_borders", "wifi_points", "wifi_point_symbols",
                                                        "place_names"]
    names = pd.DataFrame(next(layer for layer in shown.deck.layers if layer.id == "place_names").data)
    assert sorted(names["name"]) == ["Bangli", "Kintamani", "Susut", "Tembuku"]  # Bangli's four districts
    assert len(shown.village_tiers) == 72  # Bangli's 68 desa and 4 kelurahan
    assert not shown.clustered  # Bangli's 250 points are drawn one by one
    with using(ReportContext(run, "en")) as context:
        assert sections.item_details(context, "", shown) is None
        assert sections.item_details(context, "site:nothing", shown) is None
        title, table = sections.item_details(context, "site:bs-0001", shown)
        assert title.startswith("Blank spot in") and dict(zip(table["Field"], table["Value"]))["Stage"] == "Verified"
        # a point's details from its own row, a village's count of points from its own points
        title, table = sections.item_details(context, "point:wifi-0002", shown)
        assert (title, dict(zip(table["Field"], table["Value"]))["Village"]) == ("Wantilan Desa Adat Pengotan",
                                                                                "Pengotan")
        village = shown.village_tiers["village_code"].iloc[0]
        _, table = sections.item_details(context, "village:" + village, shown)
        assert dict(zip(table["Field"], table["Value"]))["Wi-Fi points (not decommissioned)"] == "2"
        # the table alternative lists what the map shows, the points and the villages (not the blank spots), a
        # page at a time: 250 points and 72 villages plus the 17 decommissioned points, 339 in all
        first = sections.map_items(context, BANGLI, DATA_MONTH_END, "village", ["wifi_points"], 0)
        assert (first.page.total, first.page.text(), len(first.table)) == (339, "Rows 1–50 of 339", 50)
        assert first.table.iloc[0].tolist() == ["Wi-Fi points", "Wantilan Desa Adat Pengotan", "Pengotan",
                                                "Desa adat (hall) · Active"]
        assert first.labels["point:wifi-0002"] == "Wantilan Desa Adat Pengotan (Pengotan)"
        second = sections.map_items(context, BANGLI, DATA_MONTH_END, "village", ["wifi_points"], 1)
        assert second.page.text() == "Rows 51–100 of 339" and not set(second.labels) & set(first.labels)
        last = sections.map_items(context, BANGLI, DATA_MONTH_END, "village", ["wifi_points"], 6)
        assert len(last.table) == 39 and set(last.table["Layer"]) == {"Signal coverage"}
        assert last.table.iloc[-1]["Shown as"] in {"No signal", "Weak signal", "Good signal, no 4G",
                                                   "4G or better, good", "Not surveyed"}


def test_the_province_map_counts_points_per_district_names_the_regencies_and_fits_a_phone(run):
    """Issue 13 item 8: about 2,400 dots at province zoom become one labelled count per district; the nine
    regencies are named; the view fits Bali in the width the map has (item 6)."""
    with using(ReportContext(language="en")):
        wide = sections.map_view(ReportContext(run), "51", DATA_MONTH_END, "hexagon", ["wifi_points", "blank_spots"])
    layers = {layer.id: pd.DataFrame(layer.data) for layer in wide.deck.layers if layer.id != "base"}
    assert "wifi_points" not in layers
    counts = layers["wifi_districts"]
    assert len(counts) == 57 and int(counts["count"].sum()) == 2232  # in service, the 112 down included
    assert sorted(layers["place_names"]["name"]) == sorted(
        ["Jembrana", "Tabanan", "Badung", "Gianyar", "Klungkung", "Bangli", "Karangasem", "Buleleng", "Denpasar"])
    assert set(layers["blank_spot_stages"]["name"]) <= {"1", "2", "3", "4", "5"}
    assert "Wi-Fi points per district" in wide.legend and "**5** Verified" in wide.legend
    with using(ReportContext(language="en")):
        phone = sections.map_view(ReportContext(run), "51", DATA_MONTH_END, "off", ["wifi_points"], width_px=360)
    assert phone.deck.initial_view_state.zoom < wide.deck.initial_view_state.zoom - 0.7
    # at the phone's zoom Bali's 1.28 degrees of longitude fit in 360 pixels (deck.gl: 512 px wide world at zoom 0)
    assert 512 * 2 ** phone.deck.initial_view_state.zoom * 1.28 / 360 <= 360


def test_wifi_category_colours_never_clash_with_the_coverage_fill():
    """A point must stand out on any village colour under it: no category near a tier colour."""
    from smartisland.connectivity import labels
    from smartisland.geo import hex_to_rgba

    def distance(first, second):
        return sum((a - b) ** 2 for a, b in zip(hex_to_rgba(first)[:3], hex_to_rgba(second)[:3])) ** 0.5

    closest = min(distance(category, tier) for category in labels.CATEGORY_COLOURS.values()
                  for tier in labels.TIER_COLOURS.values())
    assert closest > 95


def test_the_wifi_view_leaves_out_withheld_use_figures_in_public_mode(run):
    internal = sections.wifi_view(ReportContext(run), "51", DATA_MONTH_END, is_public=False)
    public = sections.wifi_view(ReportContext(run), "51", DATA_MONTH_END, is_public=True)
    assert [trace.name for trace in internal.in_service_figure.draw().data] == [
        "Points in service", "2019 target: 1,825 points", "Published figures"]
    assert "Mean uptime (%)" in internal.use_table.columns and "Mean uptime (%)" not in public.use_table.columns
    assert len(internal.use_figure.draw().layout.annotations) == 3
    assert len(public.use_figure.draw().layout.annotations) == 2
    regency = sections.wifi_view(ReportContext(run), BANGLI, DATA_MONTH_END, is_public=False)
    assert len(regency.in_service_figure.draw().data) == 2  # the published figures are for all of Bali only


def test_the_left_out_view_ranks_the_sites_to_visit_first(run):
    with using(ReportContext(language="en")):
        left_out = sections.left_out_view(ReportContext(run), BANGLI, DATA_MONTH_END)
    assert (left_out.sites, left_out.down, left_out.poor_signal) == (23, 7, 16)
    first = left_out.table.iloc[0]
    assert (first["Priority"], first["Site"], first["Reason"]) == (1, "Wantilan Desa Adat Kawan Kaja",
                                                                   "Wi-Fi point down")


def test_progress_and_blank_spots(run):
    with using(ReportContext(language="en")):
        progress = sections.progress_view(ReportContext(run), "51", "percent_good")
    assert list(progress.table.columns) == ["Source", "Quarter end", "Villages surveyed", "Percent", "Reaches 100%"]
    assert len(progress.table) == len({trace.name for trace in progress.figure.data if trace.showlegend is not False})
    with using(ReportContext(language="en")):
        blank = sections.blank_spot_view(ReportContext(run), "51", DATA_MONTH_END)
    assert (blank.late_sites, blank.open_sites) == (30, 34)
    assert len(blank.sites_table) == blank.pipeline_figure.data[0].x[0]  # every site reached "identified"


def test_every_village_is_drawn_as_its_boundary_within_the_province_views_payload(run):
    """Issue 23: 716 village polygons coloured by their latest tier, regency and district borders, one label per
    regency, the boundaries' source in the legend, and at most 600 KB of map data at province zoom."""
    for language in ("en", "id"):
        with using(ReportContext(run, language)) as context:
            shown = sections.map_view(context, "51", DATA_MONTH_END, "village", ["wifi_points", "blank_spots"])
        size = len(shown.deck.to_json().encode("utf-8"))
        assert size <= 250_000, size  # issue 25: the whole page within 300 KB (461 KB of village shapes before)
    layers = {layer.id: pd.DataFrame(layer.data) for layer in shown.deck.layers}
    assert "base" not in layers  # the villages are the land
    villages = layers["coverage_village_polygons"]
    # The villages of a district sharing a tier are one shape at province zoom, their common borders dropped: one
    # shape group per district and tier, telling how many villages it holds, 716 in all
    tiers = shown.village_tiers.set_index("village_code")["signal_tier"].fillna("not_surveyed")
    groups = {(code[:8], tier) for code, tier in tiers.items()}
    counts = {tooltip: int(re.search(r": (\d+) desa", tooltip)[1]) for tooltip in villages["tooltip"]}
    assert len(counts) == len(groups) and sum(counts.values()) == 716
    assert set(villages["item"]) == {""}  # a village is picked from the list, or on a regency's map
    # the same land as the 716 villages drawn one by one, each coloured by its tier
    one_by_one = map_module.village_shapes(geo.official_of_level(run("boundaries", region_code="51"), "village"),
                                           "51", geo.land_cells())
    area = sum(shapely.Polygon(rings[0], rings[1:]).area for rings in villages["polygon"])
    assert area == pytest.approx(sum(shapely.Polygon(rings[0], rings[1:]).area
                                     for rings in one_by_one["polygon"]), rel=0.005)
    good_village = one_by_one[one_by_one["code"] == tiers[tiers == "good"].index[0]]["polygon"].iloc[0]
    inside = shapely.Polygon(good_village[0], good_village[1:]).representative_point()
    holding = villages[[shapely.Polygon(rings[0], rings[1:]).contains(inside) for rings in villages["polygon"]]]
    assert holding["fill"].tolist() == [hex_to_rgba(TIER_COLOURS["good"], 220)]
    assert {"district_borders", "regency_borders"} <= set(layers)
    assert len(layers["place_names"]) == 9 and layers["place_names"]["name"].is_unique
    for width in (620, 360):  # the wide map and a phone's: one label per regency, none over another
        with using(ReportContext(run, "en")) as context:
            fitted = sections.map_view(context, "51", DATA_MONTH_END, "village", [], width_px=width)
        names = pd.DataFrame(next(layer for layer in fitted.deck.layers if layer.id == "place_names").data)
        zoom = fitted.deck.initial_view_state.zoom
        boxes = geo.label_boxes(names, zoom)
        assert len(boxes) == 9 and not any(geo._overlap(first, second) for first, second in
                                           itertools.combinations(boxes, 2))
    # the boundaries' source, in the legend (as Markdown text)
    assert "batas resmi (Kepmendagri 100\u2060\\.1\u2060\\.1\\-6117/2022 · cahyadsn/wilayah\\_boundaries \\(MIT\\))" in \
        shown.legend


def test_a_regency_draws_its_villages_simplified_for_its_zoom_and_the_stage_shading_colours_them_by_stage(run):
    with using(ReportContext(language="en")):
        shown = sections.map_view(ReportContext(run), BANGLI, DATA_MONTH_END, "stage", ["blank_spots"])
    villages = pd.DataFrame(next(layer for layer in shown.deck.layers if layer.id == "coverage_village_polygons").data)
    # inside a regency, positions to 4 decimals (the province view's are 3, as loaded 5), and every village within
    # a pixel of the map it opens on of its boundary as loaded: two tolerances (the coverage simplification's
    # measure is not a distance; 0.00061 degree at most here) and the rounding's half of 0.0001 degree
    decimals = {len(str(position[0]).split(".")[1]) for polygon in villages["polygon"] for position in polygon[0]}
    assert max(decimals) == 4
    loaded = geo.official_of_level(run("boundaries", region_code="51"), "village", BANGLI)
    tolerance = geo.region_tolerance(BANGLI)
    assert 0.0001 < tolerance < 0.001  # Bangli is some 40 km across: a pixel is some tens of metres
    as_loaded = dict(zip(loaded["region_code"], shapely.from_geojson(list(loaded["geometry"]))))
    drawn = {}
    for item, polygon in zip(villages["item"], villages["polygon"]):
        drawn.setdefault(item.removeprefix("village:"), []).append(shapely.Polygon(polygon[0], polygon[1:]))
    assert set(drawn) == set(as_loaded)
    assert max(shapely.hausdorff_distance(shapely.MultiPolygon(parts), as_loaded[code])
               for code, parts in drawn.items()) <= 2 * tolerance + 0.00005 + 1e-9
    drawn_positions = sum(len(polygon[0]) for polygon in villages["polygon"])
    loaded_positions = sum(len(ring) for geometry in loaded["geometry"] for polygon in geo.geometry_polygons(geometry)
                           for ring in polygon[:1])
    assert drawn_positions < loaded_positions  # 8,712 of 9,985 in Bangli (Buleleng loses more: 578 KB to 351)
    stages = map_module.village_stages(shown.sites)
    staged = next(iter(stages))
    assert villages.loc[villages["item"] == "village:" + staged, "fill"].iloc[0] == \
        hex_to_rgba(STAGE_COLOURS[stages[staged]], 220)
    unstaged = next(code for code in shown.village_tiers["village_code"] if code not in stages)
    assert villages.loc[villages["item"] == "village:" + unstaged, "fill"].iloc[0] == hex_to_rgba(NO_SITE_COLOUR, 220)
    assert "No blank-spot site" in shown.legend and "*Blank-spot stage by village*" in shown.legend
    with using(ReportContext(run, "en")) as context:
        items = sections.map_items(context, BANGLI, DATA_MONTH_END, "stage", ["blank_spots"], 0, rows_per_page=100)
    # Bangli's sites first, then its 72 villages each with the stage of its least advanced site, if it has one
    sites = len(shown.sites)
    assert items.page.total == sites + 72 and list(items.table["Layer"]) == (
        ["Blank-spot sites"] * sites + ["Blank-spot stage by village"] * 72)
    village_rows = items.table.iloc[sites:]
    assert (village_rows["Shown as"] == "No blank-spot site").sum() == 72 - len(stages)


def test_point_categories_are_told_apart_by_symbol_as_well_as_colour(run):
    with using(ReportContext(language="en")):
        shown = sections.map_view(ReportContext(run), BANGLI, DATA_MONTH_END, "off", ["wifi_points"])
    symbols = pd.DataFrame(next(layer for layer in shown.deck.layers if layer.id == "wifi_point_symbols").data)
    points = run("wifi_points_list", region_code=BANGLI)
    in_service = points[points["status"] != "decommissioned"]
    assert symbols["name"].tolist() == [CATEGORY_SYMBOLS[category] for category in in_service["category"]]
    assert len(set(CATEGORY_SYMBOLS.values())) == len(CATEGORY_SYMBOLS)
    for category, symbol in CATEGORY_SYMBOLS.items():
        with using(ReportContext(language="en")):
            assert f">{symbol}</span> {category_label(category)}" in shown.legend


def test_another_province_draws_its_own_villages_within_the_payload_too(monkeypatch, tmp_path):
    """NTB with its own files: 1,150 of its 1,166 villages have a boundary, the 16 others stay dots."""
    from support import ROOT

    from smartisland.load import build_warehouse

    monkeypatch.setenv("SMARTISLAND_PROVINCE", "52")
    db = tmp_path / "ntb.duckdb"
    assert build_warehouse(ROOT / "provinces" / "52", db).ok
    with reading(db) as connection:
        with using(ReportContext(lambda name, **params: execute_query(connection, name, **params), "id")) as context:
            shown = sections.map_view(context, "52", DATA_MONTH_END, "village", ["wifi_points", "blank_spots"])
    assert len(shown.deck.to_json().encode("utf-8")) <= 300_000
    layers = {layer.id: pd.DataFrame(layer.data) for layer in shown.deck.layers}
    # drawn per district and tier at province zoom (as Bali's), the 16 without a boundary as dots
    counts = {tooltip: int(re.search(r"(\d+) desa", tooltip)[1])
              for tooltip in layers["coverage_village_polygons"]["tooltip"]}
    assert sum(counts.values()) == 1150 and len(layers["coverage_villages"]) == 16
    assert "base" not in layers
