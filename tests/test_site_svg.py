"""The static site's SVG drawings of the app's own figures and maps (smartisland/publishing/svg.py)."""
import re
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from smartisland.publishing.svg import deck_svg, figure_svg, legend_items, nice_ticks


def test_ticks_are_round_numbers_covering_the_range():
    assert nice_ticks(0, 97) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(2.5, 4.3) == [2.5, 3.0, 3.5, 4.0, 4.5]
    assert nice_ticks(0, 1825, 4) == [0, 500, 1000, 1500, 2000]


def _rects(svg: str) -> list[tuple[float, float, float, float]]:
    return [tuple(float(value) for value in match) for match in
            re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="#', svg)]


def test_bars_are_as_tall_as_their_values_and_keep_their_colours_and_categories():
    figure = go.Figure(go.Bar(x=["Badung", "Gianyar"], y=[10, 20], marker={"color": ["#0072B2", "#E69F00"]}))
    svg = figure_svg(figure, 400, 300, title="Points")
    bars = _rects(svg)
    assert len(bars) == 2 and bars[1][3] == 2 * bars[0][3]  # 20 is twice 10, from the same zero line
    assert bars[0][1] + bars[0][3] == bars[1][1] + bars[1][3]
    assert 'fill="#0072B2"' in svg and 'fill="#E69F00"' in svg
    assert ">Badung</text>" in svg and ">Gianyar</text>" in svg and "<title>Points</title>" in svg


def test_a_line_over_dates_uses_the_figures_own_tick_texts_and_separators():
    figure = go.Figure(go.Scatter(x=[date(2024, 1, 31), date(2025, 1, 31)], y=[1000, 3000], mode="lines",
                                  line={"color": "#0072B2", "dash": "dash"}, name="Diukur"))
    figure.update_layout(separators=",.")
    figure.update_xaxes(tickvals=[date(2024, 1, 1), date(2025, 1, 1)], ticktext=["Jan 2024", "Jan 2025"])
    svg = figure_svg(figure, 400, 300)
    points = re.search(r'<polyline points="([^"]+)" fill="none" stroke="#0072B2" stroke-width="2" '
                       r'stroke-dasharray="6 4"/>', svg)
    (x1, y1), (x2, y2) = [tuple(map(float, pair.split(","))) for pair in points[1].split()]
    assert x2 > x1 and y2 < y1  # later to the right, larger higher up
    assert ">Jan 2024</text>" in svg and ">Jan 2025</text>" in svg
    assert ">3.000</text>" in svg  # Indonesian thousands
    assert legend_items(figure) == [("Diukur", "#0072B2", "dash")]


def test_a_deck_draws_its_polygons_circles_and_names_in_their_colours():
    land = pd.DataFrame({"polygon": [[[115.0, -8.0], [115.5, -8.0], [115.5, -8.5], [115.0, -8.5]]],
                         "fill": [[10, 20, 30, 255]]})
    places = pd.DataFrame({"lon": [115.25], "lat": [-8.25], "fill": [[230, 159, 0]], "line": [[255, 255, 255]],
                           "line_width": [1], "name": ["Desa"]})
    deck = pdk.Deck(layers=[
        pdk.Layer("PolygonLayer", data=land, get_polygon="polygon", get_fill_color="fill"),
        pdk.Layer("ScatterplotLayer", data=places, get_position=["lon", "lat"], get_fill_color="fill",
                  get_line_color="line", get_line_width="line_width", get_radius=300, radius_min_pixels=3,
                  radius_max_pixels=14),
        pdk.Layer("TextLayer", data=places, get_position=["lon", "lat"], get_text="name", get_size=12,
                  get_color=[27, 43, 42, 255])])
    svg = deck_svg(deck, 400, title="Peta")
    assert 'fill="#0A141E"' in svg and 'fill="#E69F00"' in svg
    centre = re.search(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert float(centre[1]) == 200.0  # the middle of a square fitted to the width
    assert ">Desa</text>" in svg and "<title>Peta</title>" in svg
    width, height = map(int, re.search(r'width="(\d+)" height="(\d+)"', svg).groups())
    assert width == 400 and 390 <= height <= 410  # half a degree square, near the equator: about square
