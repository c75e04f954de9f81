"""What a regency choice or a section switch no longer rebuilds (issue 25): the Connectivity map kept per warehouse
file, choices and language; its JSON made once per deck; the Wi-Fi and catalog figures handed out as recipes that
the app draws once per arguments and language."""
import json
from datetime import date

import pytest
from pydeck.bindings.json_tools import default_serialize

from smartisland import geo
from smartisland.chart_style import FigureRecipe
from smartisland.connectivity import sections as connectivity_sections
from smartisland.db import execute_query, reading
from smartisland.i18n import set_language
from smartisland.report_context import ReportContext, using
from smartisland.services import sections as services_sections
from smartisland.ui import maps

DATA_MONTH_END = date(2026, 10, 31)  # the sample data run to October 2026
BANGLI = "51.06"


@pytest.fixture
def counted_run(sample_db):
    """A query runner on the sample warehouse that counts the queries it runs."""
    asked: list[str] = []
    with reading(sample_db) as connection:
        def run(name, **params):
            asked.append(name)
            return execute_query(connection, name, **params)
        yield run, asked


def test_the_map_is_built_once_per_warehouse_file_choices_and_language(monkeypatch, counted_run):
    run, asked = counted_run
    maps._view.clear()
    version = ("warehouse.duckdb", 1, 1)
    monkeypatch.setattr(maps, "read_version", lambda: version)
    with using(ReportContext(run, "en")):
        first = maps.connectivity_map_view(BANGLI, DATA_MONTH_END, "village", ["wifi_points", "blank_spots"])
        queries = len(asked)
        assert queries > 0
        again = maps.connectivity_map_view(BANGLI, DATA_MONTH_END, "village", ["wifi_points", "blank_spots"])
        assert again is first and len(asked) == queries  # kept: not a query run, not a layer built
        other_regency = maps.connectivity_map_view("51.01", DATA_MONTH_END, "village", ["wifi_points", "blank_spots"])
        assert other_regency is not first and len(asked) > queries
    with using(ReportContext(run, "id")):
        indonesian = maps.connectivity_map_view(BANGLI, DATA_MONTH_END, "village", ["wifi_points", "blank_spots"])
    assert indonesian is not first and "Titik Wi-Fi" in indonesian.legend and "Wi-Fi point" in first.legend
    # A load swaps in a new warehouse file: the map is built again from it, not served from the old one.
    version = ("warehouse.duckdb", 2, 2)
    with using(ReportContext(run, "en")):
        counted = len(asked)
        reloaded = maps.connectivity_map_view(BANGLI, DATA_MONTH_END, "village", ["wifi_points", "blank_spots"])
    assert reloaded is not first and len(asked) > counted
    assert reloaded.deck.to_json() == first.deck.to_json()  # the same data in both files: the same map
    maps._view.clear()


def test_a_deck_s_json_is_made_once_and_is_what_pydeck_would_make(counted_run):
    run, _ = counted_run
    set_language("en")
    view = connectivity_sections.map_view(ReportContext(run, "en"), BANGLI, DATA_MONTH_END, "village",
                                          ["wifi_points", "blank_spots"])
    made = view.deck.to_json()
    assert view.deck.to_json() is made
    assert made == json.dumps(view.deck, sort_keys=True, default=default_serialize, separators=(",", ":"))
    assert "_DECK_JSON" not in made and json.loads(made)["layers"]  # kept beside the deck, not serialised in it
    assert geo.deck([], view.deck.initial_view_state).to_json() != made  # each deck its own JSON


def test_the_wifi_and_catalog_figures_are_recipes_drawn_in_the_reader_s_language(counted_run):
    run, _ = counted_run
    wifi = connectivity_sections.wifi_view(ReportContext(run, "en"), "51", DATA_MONTH_END, is_public=False)
    figures = [wifi.in_service_figure, wifi.by_area_figure, wifi.capacity_figure, wifi.use_figure]
    assert all(isinstance(figure, FigureRecipe) for figure in figures)
    names = {}
    for language in ("id", "en"):
        with using(ReportContext(run, language)):
            names[language] = [trace.name for trace in wifi.in_service_figure.draw().data]
    assert names == {"id": ["Titik beroperasi", "Target 2019: 1.825 titik", "Angka yang dipublikasikan"],
                     "en": ["Points in service", "2019 target: 1,825 points", "Published figures"]}
    set_language("en")
    catalog = services_sections.catalog_view(ReportContext(run, "en"),
                                             services_sections.choices(ReportContext(run, "en")))
    assert isinstance(catalog.stages_figure, FigureRecipe) and isinstance(catalog.over_time_figure, FigureRecipe)
    assert len(catalog.stages_figure.draw().data) == 2  # integrated or not, per stage
