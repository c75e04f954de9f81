"""Charts and maps as static SVG, drawn from the very figures and decks the app shows (no browser, no JavaScript).

The static site must read with JavaScript off and stay light on a phone, so it cannot ship plotly.js on first view.
These builders take the Plotly figure (scatter, bar and funnel traces, vertical lines, annotations, the axes' own
tick labels) or the pydeck Deck (polygons, paths, circles and names) that the app's view builders return, and draw
the same data as SVG: one rule for what a chart shows, two ways to draw it.
"""
from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

FONT = "'Source Sans Pro','Segoe UI',Arial,sans-serif"
TEXT_COLOUR = "#1B2B2A"
MUTED_COLOUR = "#4A5A59"
GRID_COLOUR = "#E6ECEB"
AXIS_COLOUR = "#9AA8A7"
DASHES = {"dash": "6 4", "dot": "2 3", "dashdot": "6 3 2 3", "longdash": "10 4"}
DEFAULT_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def _escape(value) -> str:
    return html.escape(str(value), quote=True)


def _number(value) -> str:
    """A coordinate with one decimal: enough for a screen, and small files."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_position(value) -> float | None:
    """A number for a value on a continuous axis: numbers as they are, dates as days."""
    if _is_missing(value):
        return None
    if isinstance(value, (datetime, pd.Timestamp, np.datetime64)):
        return pd.Timestamp(value).to_pydatetime().toordinal() + pd.Timestamp(value).hour / 24
    if isinstance(value, date):
        return float(value.toordinal())
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            try:
                return float(pd.Timestamp(value).toordinal())
            except (ValueError, TypeError):
                return None
    return float(value)


def _is_category(values: Sequence) -> bool:
    present = [value for value in values if not _is_missing(value)]
    if not present:
        return False
    for value in present:
        if isinstance(value, str):
            try:
                float(value)
                continue
            except ValueError:
                try:
                    pd.Timestamp(value)
                    continue
                except (ValueError, TypeError):
                    return True
    return False


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low..high (1, 2, 2.5 or 5 times a power of ten apart)."""
    if not math.isfinite(low) or not math.isfinite(high):
        return []
    if high == low:
        high = low + 1
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(multiple * power for multiple in (1, 2, 2.5, 5, 10) if multiple * power >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks and ticks[-1] < high - step * 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _tick_text(value: float, separators: str) -> str:
    """A tick number in the language's separators (Plotly's `separators`: decimal then thousands)."""
    decimal, thousands = (separators or ".,")[0], (separators or ".,")[1:2] or ","
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def _colour(value, fallback: str) -> str:
    if isinstance(value, str) and value:
        return value
    return fallback


def _text_of(value) -> str:
    """Plain text of a Plotly label (which may hold <br> and simple tags)."""
    text = str(value or "").replace("<br>", " ").replace("<br />", " ")
    while "<" in text and ">" in text.split("<", 1)[1]:
        before, rest = text.split("<", 1)
        text = before + rest.split(">", 1)[1]
    return text


@dataclass
class _Axis:
    """One axis: continuous (numbers, dates) or categories, mapped onto pixels."""
    categories: list | None
    low: float
    high: float
    start_px: float
    end_px: float

    def position(self, value) -> float | None:
        if self.categories is not None:
            if value not in self.categories:
                return None
            slot = (self.end_px - self.start_px) / len(self.categories)
            return self.start_px + slot * (self.categories.index(value) + 0.5)
        number = _as_position(value)
        if number is None:
            return None
        span = (self.high - self.low) or 1
        return self.start_px + (number - self.low) / span * (self.end_px - self.start_px)

    @property
    def slot(self) -> float:
        return abs(self.end_px - self.start_px) / max(len(self.categories or [1]), 1)


def _list(values) -> list:
    if values is None:
        return []
    return list(values)


def _trace_points(trace) -> tuple[list, list]:
    return _list(trace.x), _list(trace.y)


def figure_svg(figure: go.Figure, width: int = 720, height: int = 400, title: str | None = None) -> str:
    """The figure as an SVG document: axes with the figure's own ticks, lines, markers, bars, text, vertical lines
    and annotations; the legend is left to the page (as HTML, which wraps on a phone). `title` is the SVG's
    accessible name."""
    layout = figure.layout
    separators = layout.separators or ".,"
    traces = [trace for trace in figure.data if trace.type in ("scatter", "bar", "funnel")
              and trace.visible in (None, True)]
    horizontal = any(trace.type == "funnel" or (trace.type == "bar" and trace.orientation == "h") for trace in traces)
    category_values, value_values = [], []
    for trace in traces:
        xs, ys = _trace_points(trace)
        categories, values = (ys, xs) if horizontal else (xs, ys)
        category_values += categories
        value_values += values
    is_category = _is_category(category_values)
    if is_category:
        categories = list(dict.fromkeys(value for value in category_values if not _is_missing(value)))
    else:
        categories = None

    # the value axis: from its numbers, starting at zero for bars and where the figure asks for it
    numbers = [number for number in (_as_position(value) for value in value_values) if number is not None]
    value_axis = layout.xaxis if horizontal else layout.yaxis
    stacked = layout.barmode in ("stack", "relative")
    if stacked and traces:
        sums: dict = {}
        for trace in traces:
            xs, ys = _trace_points(trace)
            keys, values = (ys, xs) if horizontal else (xs, ys)
            for key, value in zip(keys, values):
                if _as_position(value) is not None:
                    sums[key] = sums.get(key, 0.0) + _as_position(value)
        numbers += list(sums.values())
    has_bars = any(trace.type in ("bar", "funnel") for trace in traces)
    if value_axis.range and not any(_is_missing(bound) for bound in value_axis.range):
        low, high = (float(bound) for bound in value_axis.range)
    elif numbers:
        low, high = min(numbers), max(numbers)
        if has_bars or value_axis.rangemode == "tozero":
            low, high = min(low, 0.0), max(high, 0.0)
        padding = (high - low) * 0.08 or 1
        high += padding
        if not (has_bars or value_axis.rangemode == "tozero") or low < 0:
            low -= padding
    else:
        low, high = 0.0, 1.0
    ticks = nice_ticks(low, high)
    if ticks and not value_axis.range:
        low, high = min(low, ticks[0]), max(high, ticks[-1])

    # the continuous category axis (dates, numbers) takes the span of its values and of its own tick values
    tick_values = _list((layout.yaxis if horizontal else layout.xaxis).tickvals)
    tick_texts = _list((layout.yaxis if horizontal else layout.xaxis).ticktext)
    if categories is None:
        positions = [number for number in (_as_position(value) for value in category_values + tick_values)
                     if number is not None]
        for shape in layout.shapes or ():
            if shape.xref not in (None, "x"):
                continue
            for bound in (shape.x0, shape.x1):
                if _as_position(bound) is not None:
                    positions.append(_as_position(bound))
        category_low, category_high = (min(positions), max(positions)) if positions else (0.0, 1.0)
        if category_high == category_low:
            category_low, category_high = category_low - 1, category_high + 1
        margin = (category_high - category_low) * 0.03
        category_low, category_high = category_low - margin, category_high + margin
    else:
        category_low, category_high = 0.0, 1.0

    longest = max((len(_text_of(value)) for value in categories or []), default=0)
    left = 12 + (min(longest, 22) * 6.5 if horizontal and categories else 8 * max(
        (len(_tick_text(tick, separators)) for tick in ticks), default=2))
    top, right = 28, 16
    bottom = 48 if not horizontal and categories and longest > 8 else 30
    plot_left, plot_right, plot_top, plot_bottom = left + 6, width - right, top, height - bottom
    if horizontal:
        category_axis = _Axis(categories, category_low, category_high, plot_top, plot_bottom)
        value_axis_px = _Axis(None, low, high, plot_left, plot_right)
    else:
        category_axis = _Axis(categories, category_low, category_high, plot_left, plot_right)
        value_axis_px = _Axis(None, low, high, plot_bottom, plot_top)

    def point(category, value) -> tuple[float, float] | None:
        along, across = category_axis.position(category), value_axis_px.position(value)
        if along is None or across is None:
            return None
        return (across, along) if horizontal else (along, across)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" font-family="{FONT}" font-size="13" fill="{TEXT_COLOUR}">']
    if title:
        parts.append(f"<title>{_escape(title)}</title>")
    parts.append(f'<rect width="{width}" height="{height}" fill="#fff"/>')
    # value grid and its labels
    for tick in ticks:
        if tick < low - 1e-9 or tick > high + 1e-9:
            continue
        spot = value_axis_px.position(tick)
        label = _escape(_tick_text(tick, separators))
        if horizontal:
            parts.append(f'<line x1="{_number(spot)}" x2="{_number(spot)}" y1="{plot_top}" y2="{plot_bottom}" '
                         f'stroke="{GRID_COLOUR}"/>')
            parts.append(f'<text x="{_number(spot)}" y="{plot_bottom + 18}" text-anchor="middle" '
                         f'fill="{MUTED_COLOUR}">{label}</text>')
        else:
            parts.append(f'<line x1="{plot_left}" x2="{plot_right}" y1="{_number(spot)}" y2="{_number(spot)}" '
                         f'stroke="{GRID_COLOUR}"/>')
            parts.append(f'<text x="{plot_left - 6}" y="{_number(spot + 4)}" text-anchor="end" '
                         f'fill="{MUTED_COLOUR}">{label}</text>')
    # category axis labels: categories, or the figure's own tick values and texts
    if categories is not None:
        labels = [(category, _text_of(category)) for category in categories]
    elif tick_values:
        labels = list(zip(tick_values, tick_texts or [str(value) for value in tick_values]))
    else:
        labels = []
    if labels and not horizontal:
        room = (plot_right - plot_left) / len(labels)
        every = max(1, math.ceil(60 / room)) if categories is None else max(1, math.ceil(
            min(longest, 14) * 6.5 / max(room, 1)))
        for index, (value, text) in enumerate(labels):
            spot = category_axis.position(value)
            if spot is None or index % every:
                continue
            shown = text if len(text) <= 16 else text[:15] + "…"
            parts.append(f'<text x="{_number(spot)}" y="{plot_bottom + 18}" text-anchor="middle" '
                         f'fill="{MUTED_COLOUR}">{_escape(shown)}</text>')
    elif labels:
        for value, text in labels:
            spot = category_axis.position(value)
            if spot is None:
                continue
            shown = text if len(text) <= 22 else text[:21] + "…"
            parts.append(f'<text x="{plot_left - 6}" y="{_number(spot + 4)}" text-anchor="end">{_escape(shown)}</text>')
    axis_line = (f'<line x1="{plot_left}" x2="{plot_left}" y1="{plot_top}" y2="{plot_bottom}" stroke="{AXIS_COLOUR}"/>'
                 if horizontal else
                 f'<line x1="{plot_left}" x2="{plot_right}" y1="{plot_bottom}" y2="{plot_bottom}" stroke="{AXIS_COLOUR}"/>')
    parts.append(axis_line)

    # vertical lines (today) and annotations at a data position
    for shape in layout.shapes or ():
        if shape.type != "line" or horizontal:
            continue
        colour = _colour(shape.line.color, AXIS_COLOUR)
        dash = DASHES.get(shape.line.dash or "", "")
        dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
        if shape.x0 == shape.x1 and shape.xref in (None, "x"):
            spot = category_axis.position(shape.x0)
            if spot is not None:
                parts.append(f'<line x1="{_number(spot)}" x2="{_number(spot)}" y1="{plot_top}" y2="{plot_bottom}" '
                             f'stroke="{colour}"{dash_attribute}/>')
        elif shape.y0 == shape.y1 and shape.yref in (None, "y"):
            spot = value_axis_px.position(shape.y0)
            if spot is not None and plot_top <= spot <= plot_bottom:
                parts.append(f'<line x1="{plot_left}" x2="{plot_right}" y1="{_number(spot)}" y2="{_number(spot)}" '
                             f'stroke="{colour}"{dash_attribute}/>')
    for annotation in layout.annotations or ():
        if annotation.xref in (None, "x") and not horizontal and annotation.text:
            spot = category_axis.position(annotation.x)
            if spot is not None:
                parts.append(f'<text x="{_number(spot)}" y="{plot_top - 6}" text-anchor="middle" font-size="11" '
                             f'fill="{MUTED_COLOUR}">{_escape(_text_of(annotation.text))}</text>')

    bar_traces = [trace for trace in traces if trace.type in ("bar", "funnel")]
    for index, trace in enumerate(traces):
        colour = DEFAULT_COLOURS[index % len(DEFAULT_COLOURS)]
        xs, ys = _trace_points(trace)
        if trace.type in ("bar", "funnel"):
            keys, values = (ys, xs) if horizontal else (xs, ys)
            colours = trace.marker.color
            position = bar_traces.index(trace)
            groups = 1 if stacked or trace.type == "funnel" else len(bar_traces)
            slot = category_axis.slot if categories else 12
            thickness = slot * 0.7 / groups
            for item, (key, value) in enumerate(zip(keys, values)):
                number = _as_position(value)
                centre = category_axis.position(key)
                if number is None or centre is None:
                    continue
                fill = _colour(colours[item] if isinstance(colours, (list, tuple)) else colours, colour)
                offset = centre - slot * 0.35 + thickness * position
                base = 0.0
                if stacked:
                    base = sum(_as_position(value_of) or 0.0 for other in bar_traces[:position]
                               for key_of, value_of in zip(*((_list(other.y), _list(other.x)) if horizontal
                                                              else (_list(other.x), _list(other.y))))
                               if key_of == key)
                start, finish = value_axis_px.position(base), value_axis_px.position(base + number)
                if trace.type == "funnel":
                    middle = (value_axis_px.position(low) + value_axis_px.position(high)) / 2
                    half = abs(finish - value_axis_px.position(0.0)) / 2
                    start, finish = middle - half, middle + half
                if horizontal:
                    parts.append(f'<rect x="{_number(min(start, finish))}" y="{_number(offset)}" '
                                 f'width="{_number(abs(finish - start))}" height="{_number(thickness)}" fill="{fill}"/>')
                else:
                    parts.append(f'<rect x="{_number(offset)}" y="{_number(min(start, finish))}" '
                                 f'width="{_number(thickness)}" height="{_number(abs(finish - start))}" fill="{fill}"/>')
            continue
        mode = trace.mode or "lines+markers"
        line_colour = _colour(trace.line.color, colour)
        marker_colour = _colour(trace.marker.color if isinstance(trace.marker.color, str) else None, line_colour)
        spots = [point(y, x) if horizontal else point(x, y) for x, y in zip(xs, ys)]
        if "lines" in mode:
            runs, current = [], []
            for spot in spots:
                if spot is None:
                    if current:
                        runs.append(current)
                    current = []
                else:
                    current.append(spot)
            if current:
                runs.append(current)
            dash = DASHES.get(trace.line.dash or "", "")
            width_px = trace.line.width or 2
            for run in runs:
                if trace.line.shape == "hv":
                    path = [run[0]] + [spot for before, after in zip(run, run[1:])
                                       for spot in ((after[0], before[1]), after)]
                else:
                    path = run
                points = " ".join(f"{_number(x)},{_number(y)}" for x, y in path)
                parts.append(f'<polyline points="{points}" fill="none" stroke="{line_colour}" '
                             f'stroke-width="{width_px}"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
        if "markers" in mode:
            size = trace.marker.size if isinstance(trace.marker.size, (int, float)) else 6
            radius = max(size / 2, 2)
            for spot in spots:
                if spot is None:
                    continue
                if trace.marker.symbol == "star":
                    parts.append(f'<polygon points="{_star(spot, radius * 1.2)}" fill="{marker_colour}" '
                                 'stroke="#fff" stroke-width="1"/>')
                else:
                    parts.append(f'<circle cx="{_number(spot[0])}" cy="{_number(spot[1])}" r="{_number(radius)}" '
                                 f'fill="{marker_colour}"/>')
        if "text" in mode and trace.text is not None:
            texts = [trace.text] * len(spots) if isinstance(trace.text, str) else _list(trace.text)
            for spot, text in zip(spots, texts):
                if spot is not None and text:
                    parts.append(f'<text x="{_number(spot[0])}" y="{_number(spot[1] - 12)}" text-anchor="middle" '
                                 f'font-weight="700">{_escape(_text_of(text))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _star(centre: tuple[float, float], radius: float) -> str:
    points = []
    for index in range(10):
        angle = math.pi / 2 + index * math.pi / 5
        reach = radius if index % 2 == 0 else radius * 0.45
        points.append(f"{_number(centre[0] + reach * math.cos(angle))},{_number(centre[1] - reach * math.sin(angle))}")
    return " ".join(points)


def legend_items(figure: go.Figure) -> list[tuple[str, str, str]]:
    """Each named trace shown in the legend: its name, colour and kind (line, dash, marker, bar)."""
    items = []
    for index, trace in enumerate(figure.data):
        if trace.type not in ("scatter", "bar", "funnel") or trace.showlegend is False or not trace.name:
            continue
        colour = DEFAULT_COLOURS[index % len(DEFAULT_COLOURS)]
        if trace.type == "scatter":
            colour = _colour(trace.line.color, _colour(trace.marker.color if isinstance(trace.marker.color, str)
                                                       else None, colour))
            kind = "dash" if trace.line.dash else ("line" if "lines" in (trace.mode or "lines") else "marker")
        else:
            colour = _colour(trace.marker.color if isinstance(trace.marker.color, str) else None, colour)
            kind = "bar"
        items.append((_text_of(trace.name), colour, kind))
    return items


# ---------------------------------------------------------------- maps


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(max(min(lat, 85), -85)) / 2))


def _rgba(colour) -> tuple[str, float]:
    """A deck.gl colour ([r, g, b] or [r, g, b, a] in 0..255) as an SVG colour and its opacity."""
    if isinstance(colour, str):
        return colour, 1.0
    values = list(colour)
    alpha = values[3] / 255 if len(values) > 3 else 1.0
    return "#{:02X}{:02X}{:02X}".format(*(int(value) for value in values[:3])), alpha


def _layer_frame(layer: pdk.Layer) -> pd.DataFrame:
    data = layer.data
    if isinstance(data, pd.DataFrame):
        return data
    return pd.DataFrame(data or [])


def _accessor(layer: pdk.Layer, name: str, default=None):
    value = getattr(layer, name, default) if hasattr(layer, name) else layer.__dict__.get(name, default)
    return value.removeprefix("@@=") if isinstance(value, str) else value


def _column_value(row, accessor, default):
    """A deck.gl accessor: a column name (a string, which pydeck writes `@@=name`) or a constant."""
    if isinstance(accessor, str):
        accessor = accessor.removeprefix("@@=")
    if isinstance(accessor, str) and accessor in row:
        return row[accessor]
    if accessor is None or isinstance(accessor, str):
        return default
    return accessor


def _rings(polygon) -> list:
    """A deck polygon as rings of [lon, lat]: a ring, or a list of rings (outer first)."""
    if polygon is None or len(polygon) == 0:
        return []
    first = polygon[0]
    if len(first) and isinstance(first[0], (int, float, np.floating, np.integer)):
        return [polygon]
    return list(polygon)


def deck_svg(deck: pdk.Deck, width: int = 720, title: str | None = None, max_height: int = 560) -> str:
    """The deck as an SVG map: its polygons (land, coverage), paths (borders), circles (places) and names, in
    Web Mercator, fitted to the width; circles sized in pixels as deck.gl bounds them."""
    layers = [layer for layer in deck.layers if getattr(layer, "type", None) in
              ("PolygonLayer", "PathLayer", "ScatterplotLayer", "TextLayer")]
    spots: list[tuple[float, float]] = []
    frames = {}
    for layer in layers:
        frame = _layer_frame(layer)
        frames[id(layer)] = frame
        if layer.type == "PolygonLayer" and "polygon" in frame:
            for polygon in frame["polygon"]:
                for ring in _rings(polygon):
                    spots += [_mercator(lon, lat) for lon, lat in ring]
    if not spots:
        for layer in layers:
            frame = frames[id(layer)]
            if {"lon", "lat"} <= set(frame.columns):
                spots += [_mercator(lon, lat) for lon, lat in zip(frame["lon"], frame["lat"])]
    if not spots:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 100" width="{width}" height="100" '
                f'role="img"><title>{_escape(title or "")}</title></svg>')
    xs, ys = [spot[0] for spot in spots], [spot[1] for spot in spots]
    pad = 12
    scale = (width - 2 * pad) / ((max(xs) - min(xs)) or 1e-6)
    height = int(min(max_height, (max(ys) - min(ys)) * scale + 2 * pad))
    scale = min(scale, (height - 2 * pad) / ((max(ys) - min(ys)) or 1e-6))
    left, top = min(xs), max(ys)
    across = (width - (max(xs) - min(xs)) * scale) / 2  # centred across when the height bounds the scale

    def project(lon: float, lat: float) -> tuple[float, float]:
        x, y = _mercator(lon, lat)
        return across + (x - left) * scale, pad + (top - y) * scale

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" font-family="{FONT}" font-size="12">']
    if title:
        parts.append(f"<title>{_escape(title)}</title>")
    parts.append(f'<rect width="{width}" height="{height}" fill="#F4F8FB"/>')
    metres_per_pixel = 6378137 / scale  # one radian of Mercator is the earth's radius in metres
    for layer in layers:
        frame = frames[id(layer)]
        if frame.empty:
            continue
        if layer.type == "PolygonLayer":
            fill_accessor = _accessor(layer, "get_fill_color")
            groups: dict[tuple[str, float], list[str]] = {}
            for _, row in frame.iterrows():
                colour, opacity = _rgba(_column_value(row, fill_accessor, [200, 200, 200]))
                path = "".join("M" + "L".join(f"{_number(x)} {_number(y)}" for x, y in (project(lon, lat)
                               for lon, lat in ring)) + "Z" for ring in _rings(row["polygon"]))
                groups.setdefault((colour, round(opacity, 2)), []).append(path)
            for (colour, opacity), paths in groups.items():
                # a hair of stroke in the fill's colour closes the seams between neighbouring cells
                parts.append(f'<path d="{"".join(paths)}" fill="{colour}" stroke="{colour}" stroke-width="0.6"'
                             + (f' fill-opacity="{opacity}" stroke-opacity="{opacity}"' if opacity < 1 else "") + "/>")
        elif layer.type == "PathLayer":
            colour, opacity = _rgba(_accessor(layer, "get_color") or [60, 60, 60])
            stroke_width = _accessor(layer, "get_width") or 1
            paths = []
            for path in frame["path"]:
                for line in _rings(path):
                    paths.append("M" + "L".join(f"{_number(x)} {_number(y)}" for x, y in
                                                (project(lon, lat) for lon, lat in line)))
            parts.append(f'<path d="{"".join(paths)}" fill="none" stroke="{colour}" stroke-width="{stroke_width}" '
                         f'stroke-opacity="{round(opacity, 2)}" stroke-linejoin="round"/>')
        elif layer.type == "ScatterplotLayer":
            fill_accessor, line_accessor = _accessor(layer, "get_fill_color"), _accessor(layer, "get_line_color")
            radius_accessor = _accessor(layer, "get_radius") or 300
            low_px, high_px = _accessor(layer, "radius_min_pixels") or 0, _accessor(layer, "radius_max_pixels") or 30
            for _, row in frame.iterrows():
                x, y = project(row["lon"], row["lat"])
                fill, fill_opacity = _rgba(_column_value(row, fill_accessor, [0, 114, 178]))
                radius = float(_column_value(row, radius_accessor, 300)) / metres_per_pixel
                radius = min(max(radius, low_px), high_px)
                stroke, _ = _rgba(_column_value(row, line_accessor, [255, 255, 255]))
                stroke_width = min(float(_column_value(row, _accessor(layer, "get_line_width"), 1) or 1), 3)
                parts.append(f'<circle cx="{_number(x)}" cy="{_number(y)}" r="{_number(radius)}" fill="{fill}" '
                             f'stroke="{stroke}" stroke-width="{_number(stroke_width)}"'
                             + (f' fill-opacity="{round(fill_opacity, 2)}"' if fill_opacity < 1 else "") + "/>")
        elif layer.type == "TextLayer":
            size = _accessor(layer, "get_size") or 12
            colour, _ = _rgba(_accessor(layer, "get_color") or [27, 43, 42])
            halo = colour != "#FFFFFF"
            for _, row in frame.iterrows():
                x, y = project(row["lon"], row["lat"])
                halo_attributes = ' stroke="#fff" stroke-width="3" paint-order="stroke"' if halo else ""
                parts.append(f'<text x="{_number(x)}" y="{_number(y + size / 3)}" text-anchor="middle" '
                             f'font-size="{size}" font-weight="700" fill="{colour}"{halo_attributes}>'
                             f'{_escape(row["name"])}</text>')
    parts.append("</svg>")
    return "".join(parts)
