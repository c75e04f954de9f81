"""The Connectivity map: the province's own base with coverage, blank spots and Wi-Fi points as a pydeck Deck, its legend,
the details of a picked item and the table alternative (no Streamlit)."""
from __future__ import annotations

import hashlib
import math
from functools import lru_cache
from html import escape

import h3
import pandas as pd
import pydeck as pdk

from smartisland import geo
from smartisland.config import province_code
from smartisland.connectivity.labels import (
    CATEGORY_COLOURS,
    CATEGORY_SYMBOLS,
    DOWN_RING,
    LATE_COLOUR,
    NO_SITE_COLOUR,
    STAGE_COLOURS,
    TIER_COLOURS,
    category_label,
    funding_label,
    solution_label,
    source_label,
    stage_label,
    status_label,
    technology_label,
    tier_label,
)
from smartisland.connectivity.logic import CATEGORIES, NOT_SURVEYED, SIGNAL_TIERS, STAGES
from smartisland.i18n import format_date, format_number, t
from smartisland.place_names import short_place_name

MAP_LAYERS = ("wifi_points", "blank_spots")
CLUSTER_COLOUR = "#1F3A5F"
# The map takes three fifths of a wide page beside the details: about 620 pixels, not geo.MAP_WIDTH_PX.
WIDE_MAP_WIDTH_PX = 620  # the per-district totals of Wi-Fi points at province zoom
# By village first: each village drawn as its official boundary where loaded (else a dot at its centre), coloured
# by its latest signal tier, or by the stage of its blank-spot site.
COVERAGE_SHADINGS = ("village", "stage", "hexagon", "off")

def _tooltip_html(title: str, lines: list[tuple[str, str]]) -> str:
    body = "".join(f"<br/>{escape(label)}: {escape(str(value))}" for label, value in lines)
    return f"<b>{escape(str(title))}</b>{body}"


def point_map_data(points: pd.DataFrame) -> pd.DataFrame:
    """Wi-Fi points for the map: colour by category; a dark ring when down; faded when decommissioned."""
    frame = points[["point_id", "site_name", "village_code", "lat", "lon", "category", "status"]].copy()
    frame["fill"] = [geo.hex_to_rgba(CATEGORY_COLOURS[category], 70 if status == "decommissioned" else 230)
                     for category, status in zip(points["category"], points["status"])]
    frame["line"] = [geo.hex_to_rgba(DOWN_RING if status == "down" else ("#8C9A99" if status == "decommissioned"
                                                                         else "#FFFFFF"))
                     for status in points["status"]]
    frame["line_width"] = [3 if status == "down" else 1 for status in points["status"]]
    frame["tooltip"] = [
        _tooltip_html(row.site_name, [
            (t("connectivity.column.village"), row.village_name),
            (t("connectivity.column.category"), category_label(row.category)),
            (t("connectivity.column.status"), status_label(row.status)),
            (t("connectivity.column.bandwidth"), f"{format_number(row.bandwidth_mbps, 0)} Mbps"),
            (t("connectivity.column.funding_source"), funding_label(row.funding_source)),
            (t("connectivity.column.funded_until"), format_date(row.funded_until)),
        ]) for row in points.itertuples()]
    frame["item"] = "point:" + frame["point_id"]
    return frame.drop(columns=["point_id", "site_name", "village_code", "category", "status"])


def site_map_data(sites: pd.DataFrame) -> pd.DataFrame:
    frame = sites[["site_id", "village_code", "lat", "lon"]].copy()
    frame["fill"] = [geo.hex_to_rgba(STAGE_COLOURS[stage], 235) for stage in sites["stage"]]
    frame["line"] = [geo.hex_to_rgba(LATE_COLOUR if late else "#FFFFFF") for late in sites["is_late"]]
    frame["line_width"] = [3 if late else 1 for late in sites["is_late"]]
    frame["tooltip"] = [
        _tooltip_html(t("connectivity.blank.site_title", village=row.village_name), [
            (t("connectivity.column.stage"), stage_label(row.stage)
             + (f" ({t('connectivity.blank.late')})" if row.is_late else "")),
            (t("connectivity.column.solution"), solution_label(row.solution)),
            (t("connectivity.column.owner"), row.owner),
            (t("connectivity.column.target_date"), format_date(row.target_date)),
        ]) for row in sites.itertuples()]
    frame["item"] = "site:" + frame["site_id"]
    return frame.drop(columns=["site_id", "village_code"])


def _village_tooltip(row) -> str:
    return _tooltip_html(row.village_name, [
        (t("connectivity.column.district"), row.district_name),
        (t("connectivity.column.tier"), tier_label(row.signal_tier)),
        (t("connectivity.column.survey"),
         f"{source_label(row.source)}, {format_date(row.surveyed_on, 'short_month')}"
         if isinstance(row.source, str) else t("common.no_data")),
    ])


def village_map_data(village_tiers: pd.DataFrame) -> pd.DataFrame:
    frame = village_tiers[["village_code", "lat", "lon"]].copy()
    frame["fill"] = [geo.hex_to_rgba(TIER_COLOURS[tier if isinstance(tier, str) else NOT_SURVEYED], 220)
                     for tier in village_tiers["signal_tier"]]
    frame["line"] = [geo.hex_to_rgba("#FFFFFF")] * len(frame)
    frame["line_width"] = 1
    frame["tooltip"] = [_village_tooltip(row) for row in village_tiers.itertuples()]
    frame["item"] = "village:" + frame["village_code"]
    return frame.drop(columns=["village_code"])


def village_stages(sites: pd.DataFrame) -> dict[str, str]:
    """Each village's blank-spot stage: the least advanced of its sites (what is still to do there)."""
    if sites is None or sites.empty:
        return {}
    order = sites.assign(rank=sites["stage"].map(STAGES.index)).sort_values("rank", kind="stable")
    return dict(order.drop_duplicates("village_code")[["village_code", "stage"]].to_numpy())


def village_polygon_data(shapes: pd.DataFrame, village_tiers: pd.DataFrame, colour_by: str,
                         sites: pd.DataFrame | None = None, brief: bool = False) -> pd.DataFrame:
    """Each village's official boundary (`shapes`: code, polygon) coloured by its latest signal tier (`colour_by`
    village) or its blank-spot stage (stage; no site: a pale fill), with the village's details on hover."""
    columns = ["polygon", "fill", "tooltip", "item"]
    villages = village_tiers.set_index("village_code")
    shown = shapes[shapes["code"].isin(villages.index)]
    if shown.empty:
        return pd.DataFrame(columns=columns)
    rows = villages.loc[shown["code"]]
    stages = village_stages(sites)
    if colour_by == "stage":
        fills = [geo.hex_to_rgba(STAGE_COLOURS[stages[code]] if code in stages else NO_SITE_COLOUR, 220)
                 for code in shown["code"]]
        tooltips = {code: _tooltip_html(row.village_name, [
            *([] if brief else [(t("connectivity.column.district"), row.district_name)]),
            (t("connectivity.column.stage"),
             stage_label(stages[code]) if code in stages else t("connectivity.map.no_site"))])
            for code, row in zip(rows.index, rows.itertuples())}
    else:
        fills = [geo.hex_to_rgba(TIER_COLOURS[tier if isinstance(tier, str) else NOT_SURVEYED], 220)
                 for tier in rows["signal_tier"]]
        # Brief at province zoom (the name and the tier: every village's full details would weigh more than its
        # shape); picking a village shows the rest beside the map.
        tooltips = {code: _tooltip_html(row.village_name, [(t("connectivity.column.tier"),
                                                            tier_label(row.signal_tier))])
                    if brief else _village_tooltip(row) for code, row in zip(rows.index, rows.itertuples())}
    return pd.DataFrame({"polygon": shown["polygon"].to_numpy(), "fill": fills,
                         "tooltip": [tooltips[code] for code in shown["code"]],
                         "item": ["village:" + code for code in shown["code"]]}, columns=columns)


def _polygonal_parts(shape):
    """Only the polygons of a union (a collapsed sliver can leave a line or a point in it)."""
    import shapely

    if shape.geom_type in ("Polygon", "MultiPolygon"):
        return shape
    return shapely.MultiPolygon([part for part in shapely.get_parts(shape) if part.geom_type == "Polygon"])


class _Unhashed:
    """A value handed to a cached function without being part of its key (the key holds its digest)."""

    def __init__(self, value) -> None:
        self.value = value

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other) -> bool:
        return isinstance(other, _Unhashed)


@lru_cache(maxsize=16)
def _joined_shapes(digest: str, codes: tuple[str, ...], colours: tuple[str, ...], decimals: int,
                   polygons: _Unhashed) -> dict[tuple[str, str], tuple[int, list]]:
    """Per district and colour (in that order): how many villages and the rings of their joined polygons."""
    import shapely

    groups: dict[tuple[str, str], list] = {}
    counts: dict[tuple[str, str], set] = {}
    for code, colour, rings in zip(codes, colours, polygons.value):
        key = (code[:8], colour)
        groups.setdefault(key, []).append(shapely.Polygon(rings[0], rings[1:]))
        counts.setdefault(key, set()).add(code)
    joined = {}
    for key, shapes in sorted(groups.items()):
        # The shapes were simplified as one coverage (neighbours share their edges) and rounded: made valid and
        # joined on the grid of that rounding, so no sliver opens between two neighbours.
        union = shapely.union_all(shapely.make_valid(shapes), grid_size=10 ** -decimals)
        parts = [part for part in shapely.get_parts(_polygonal_parts(union)) if not part.is_empty]
        if not parts:  # a village smaller than the grid vanishes in the union: drawn as it was given
            parts = shapes
        joined[key] = (len(counts[key]), [[[[round(x, decimals), round(y, decimals)] for x, y in ring.coords]
                                           for ring in [part.exterior, *part.interiors]] for part in parts])
    return joined


def dissolved_village_polygon_data(shapes: pd.DataFrame, village_tiers: pd.DataFrame, colour_by: str,
                                   sites: pd.DataFrame | None = None, decimals: int = geo.PROVINCE_DECIMALS
                                   ) -> pd.DataFrame:
    """At province zoom: the villages of each district that share a colour (their tier, or their blank-spot stage)
    drawn as one shape, their common borders dropped, each telling its district, its colour's meaning and how many
    villages it holds. The map looks the same (a village's own border is a pixel's faint line there) and sends a
    fraction of the vertices (the sample province: 716 villages, about 460 KB as one shape each); a chosen regency draws each
    village again (village_polygon_data)."""
    columns = ["polygon", "fill", "tooltip", "item"]
    villages = village_tiers.set_index("village_code")
    shown = shapes[shapes["code"].isin(villages.index)]
    if shown.empty:
        return pd.DataFrame(columns=columns)
    stages = village_stages(sites)
    codes = list(dict.fromkeys(shown["code"]))
    if colour_by == "stage":
        colours = {code: stages.get(code, NO_SITE_COLOUR) for code in codes}
        fills = {key: STAGE_COLOURS.get(key, NO_SITE_COLOUR) for key in set(colours.values())}
        meanings = {key: stage_label(key) if key in STAGE_COLOURS else t("connectivity.map.no_site") for key in fills}
    else:
        colours = {code: tier if isinstance(tier, str) else NOT_SURVEYED
                   for code, tier in zip(codes, villages.loc[codes, "signal_tier"])}
        fills = {key: TIER_COLOURS[key] for key in set(colours.values())}
        meanings = {key: tier_label(key) for key in fills}
    district_names = dict(zip(villages.index.str[:8], villages["district_name"]))
    codes_shown = tuple(shown["code"])
    # The joined shapes hang on the shapes and the colours only, not on the language or the map's width: kept
    # (about 0.2 s for the sample province's 716 villages), so a language switch or a phone's width builds only the tooltips.
    digest = hashlib.blake2b(repr((codes_shown, shown["polygon"].tolist())).encode(), digest_size=16).hexdigest()
    joined = _joined_shapes(digest, codes_shown, tuple(colours[code] for code in codes_shown), decimals,
                            _Unhashed(shown["polygon"].tolist()))
    hint = escape(t("large_province.area_hint"))
    rows = []
    for (district, colour), (villages_in, polygons) in joined.items():
        tooltip = (_tooltip_html(district_names.get(district, district),
                                 [(meanings[colour], t("connectivity.map.villages_count",
                                                       count=format_number(villages_in, 0)))])
                   + f"<br/><i>{hint}</i>")
        rows += [{"polygon": rings, "fill": geo.hex_to_rgba(fills[colour], 220), "tooltip": tooltip, "item": ""}
                 for rings in polygons]
    return pd.DataFrame(rows, columns=columns)


def point_symbol_data(points: pd.DataFrame) -> pd.DataFrame:
    """The symbol of each point's category in its colour, drawn over its dot on a white halo (decommissioned points
    have none: they fade)."""
    shown = points[points["status"] != "decommissioned"]
    return pd.DataFrame({"lat": shown["lat"].to_numpy(), "lon": shown["lon"].to_numpy(),
                         "name": [CATEGORY_SYMBOLS[category] for category in shown["category"]],
                         "colour": [geo.hex_to_rgba(CATEGORY_COLOURS[category]) for category in shown["category"]]},
                        columns=["lat", "lon", "name", "colour"])


def hexagon_map_data(hexagons: pd.DataFrame) -> pd.DataFrame:
    """Land cells shaded by the tier of the village that stands for them (connectivity.hexagon_tiers)."""
    frame = hexagons[["polygon", "village_code"]].copy()
    frame["fill"] = [geo.hex_to_rgba(TIER_COLOURS[tier if isinstance(tier, str) else NOT_SURVEYED], 200)
                     for tier in hexagons["signal_tier"]]
    frame["tooltip"] = [_village_tooltip(row) for row in hexagons.itertuples()]
    frame["item"] = "village:" + frame["village_code"]
    return frame.drop(columns=["village_code"])


def area_hexagon_map_data(hexagons: pd.DataFrame) -> pd.DataFrame:
    """Land cells gathered into their H3 parents (seven cells to one), each coloured by the tier most of its villages
    have and telling the share of its villages per tier: a large province's whole map in a fifth of the polygons."""
    columns = ["polygon", "fill", "tooltip", "item"]
    if hexagons.empty:
        return pd.DataFrame(columns=columns)
    resolution = h3.get_resolution(hexagons["h3_cell"].iloc[0])
    tiers = hexagons["signal_tier"].where(hexagons["signal_tier"].isin(SIGNAL_TIERS), NOT_SURVEYED)
    villages = pd.DataFrame({"area": [h3.cell_to_parent(cell, resolution - 1) for cell in hexagons["h3_cell"]],
                             "village_code": hexagons["village_code"], "tier": tiers}).drop_duplicates(
        ["area", "village_code"])
    order = [*reversed(SIGNAL_TIERS), NOT_SURVEYED]  # good first: a tie goes to the better tier
    counts = pd.crosstab(villages["area"], villages["tier"]).reindex(columns=order, fill_value=0)
    totals = counts.sum(axis=1)
    labels = {tier: tier_label(tier) for tier in order}
    frame = pd.DataFrame({"area": counts.index})
    frame["polygon"] = [geo.cell_polygon(area) for area in frame["area"]]
    frame["fill"] = [geo.hex_to_rgba(TIER_COLOURS[tier], 200) for tier in counts.idxmax(axis=1)]
    hint = escape(t("large_province.area_hint"))
    frame["tooltip"] = [
        f"<b>{escape(t('large_province.area_title', count=format_number(total, 0)))}</b>"
        + "".join(f"<br/>{escape(labels[tier])}: {format_number(100 * count / total, 0)}%"
                  for tier, count in zip(order, row) if count)
        + f"<br/><i>{hint}</i>"
        for total, row in zip(totals.to_numpy(), counts.to_numpy())]
    frame["item"] = ""
    return frame[columns]


TOOLTIP_STYLE = {"backgroundColor": "white", "color": "#1B2B2A", "fontSize": "13px", "padding": "6px 8px",
                 "border": "1px solid #C9D3D2", "borderRadius": "4px"}


def area_point_counts(points: pd.DataFrame, code_length: int = 8) -> pd.DataFrame:
    """Wi-Fi points not decommissioned counted per area (the first `code_length` characters of the village code),
    as the query wifi_point_counts_by_area counts them: for a caller that holds the points themselves."""
    shown = points[points["status"] != "decommissioned"]
    frame = pd.DataFrame({"area_code": shown["village_code"].str[:code_length], "down": shown["status"] == "down"})
    return frame.groupby("area_code").agg(points=("down", "size"), points_down=("down", "sum")).reset_index()


def district_point_counts(point_counts: pd.DataFrame, centres: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Wi-Fi points not decommissioned, counted per district (or per regency in a large province: 576 districts
    are too many circles) at its centre (`point_counts`: area_code, points, points_down): about 2,400 dots would
    hide each other at province zoom, 57 labelled circles do not."""
    columns = ["lat", "lon", "count", "name", "radius", "fill", "line", "line_width", "tooltip", "item"]
    if point_counts.empty:
        return pd.DataFrame(columns=columns)
    counts = pd.DataFrame({"code": point_counts["area_code"], "count": point_counts["points"].astype(int),
                           "down": point_counts["points_down"].astype(int)})
    frame = counts.merge(centres, on="code", how="inner")
    frame["name"] = [format_number(count, 0) for count in frame["count"]]
    frame["radius"] = [int(400 + 160 * math.sqrt(count)) for count in frame["count"]]
    frame["fill"] = [geo.hex_to_rgba(CLUSTER_COLOUR, 215)] * len(frame)
    frame["line"] = [geo.hex_to_rgba("#FFFFFF")] * len(frame)
    frame["line_width"] = 1
    frame["tooltip"] = [_tooltip_html(names.get(row.code, row.code), [
        (t("connectivity.map.cluster_points"), format_number(row.count, 0)),
        (t("connectivity.metric.down"), format_number(int(row.down), 0))])
        for row in frame.itertuples()]
    frame["item"] = "district:" + frame["code"]
    return frame[columns]


def _place_names(cells: pd.DataFrame, region_code: str, names: dict[str, str],
                 official: pd.DataFrame | None = None) -> pd.DataFrame:
    """Regency names on the province; district names inside a regency or a district (inside their official
    boundaries where loaded)."""
    column = "regency_code" if region_code == province_code() else "district_code"
    shown = cells if region_code == province_code() else geo.cells_of_region(cells, region_code[:5])
    centres = geo.centres_for(shown, column, official, None if region_code == province_code() else region_code[:5])
    centres["name"] = [short_place_name(names[code]) if code in names else "" for code in centres["code"]]
    return centres[centres["name"] != ""]


def _stage_numbers(sites: pd.DataFrame) -> pd.DataFrame:
    frame = sites[["lat", "lon"]].copy()
    frame["name"] = [str(STAGES.index(stage) + 1) for stage in sites["stage"]]
    return frame


def connectivity_map(cells: pd.DataFrame, region_code: str, coverage_shading: str, layers: list[str],
                     points: pd.DataFrame | None = None, sites: pd.DataFrame | None = None,
                     village_tiers: pd.DataFrame | None = None, hexagons: pd.DataFrame | None = None,
                     names: dict[str, str] | None = None,
                     width_px: int | None = None, official: pd.DataFrame | None = None,
                     point_counts: pd.DataFrame | None = None) -> pdk.Deck:
    """The map: the province's own base, then coverage (by hexagon or village), borders, blank spots (numbered by stage)
    and Wi-Fi points (counted per district on the whole province, or wherever `point_counts` is given: too many to
    draw one by one), and place names on top; borders and places from the `official` boundaries (region_code,
    level, geometry, source) where loaded."""
    names = names or {}
    whole = region_code == province_code()
    shapes = village_shapes(official, region_code, cells) if coverage_shading in ("village", "stage") else None
    has_shapes = shapes is not None and not shapes.empty and village_tiers is not None
    # At province zoom the villages' own boundaries are the land (a village without one a dot at its centre); the
    # land cells stay around a chosen region as its faded context.
    deck_layers = [] if whole and has_shapes else [geo.base_layer(cells, region_code)]
    if has_shapes:
        if whole:
            decimals = geo.province_decimals(geo.province_tolerance(cells))
            data = dissolved_village_polygon_data(shapes, village_tiers, coverage_shading, sites, decimals)
        else:
            data = village_polygon_data(shapes, village_tiers, coverage_shading, sites)
        deck_layers.append(geo.hexagon_layer(data, "coverage_village_polygons"))
        unshaped = village_tiers[~village_tiers["village_code"].isin(set(shapes["code"]))].dropna(subset=["lat", "lon"])
        if whole and coverage_shading == "village" and not unshaped.empty:
            deck_layers.append(geo.point_layer(village_map_data(unshaped), "coverage_villages",
                                               radius_m=700))
    if coverage_shading == "hexagon" and hexagons is not None and not hexagons.empty:
        whole_large = region_code == province_code() and geo.is_large(cells)
        data = area_hexagon_map_data(hexagons) if whole_large else hexagon_map_data(hexagons)
        deck_layers.append(geo.hexagon_layer(data, "coverage_hexagons"))
    if coverage_shading == "village" and not has_shapes and village_tiers is not None and not village_tiers.empty:
        located = village_tiers.dropna(subset=["lat", "lon"])
        deck_layers.append(geo.point_layer(village_map_data(located), "coverage_villages", radius_m=700))
    # At province zoom the official borders are simplified like the villages (has_shapes: they are drawn too).
    deck_layers += geo.border_layer(cells, region_code, official,
                                    geo.province_tolerance(cells) if whole and has_shapes else 0.0)
    if "blank_spots" in layers and sites is not None and not sites.empty:
        deck_layers.append(geo.point_layer(site_map_data(sites), "blank_spots", radius_m=500))
        deck_layers.append(geo.label_layer(_stage_numbers(sites), "blank_spot_stages", size=11))
    clustered = point_counts is not None or region_code == province_code()
    if "wifi_points" in layers and (point_counts is not None or (points is not None and not points.empty)):
        if clustered:
            column, length = ("regency_code", 5) if whole and geo.is_large(cells) else ("district_code", 8)
            if point_counts is None:
                point_counts = area_point_counts(points, length)
            counts = district_point_counts(point_counts, geo.centres_for(cells, column, official), names)
            deck_layers.append(pdk.Layer(
                "ScatterplotLayer", data=counts, id="wifi_districts", get_position=["lon", "lat"],
                get_fill_color="fill", get_line_color="line", get_line_width="line_width", line_width_units="pixels",
                line_width_min_pixels=1, line_width_max_pixels=3, stroked=True, filled=True, get_radius="radius",
                radius_min_pixels=8, radius_max_pixels=30, pickable=True, auto_highlight=True))
            deck_layers.append(pdk.Layer(
                "TextLayer", data=counts, id="wifi_district_counts", get_position=["lon", "lat"], get_text="name",
                get_size=11, get_color=[255, 255, 255, 255], font_weight=700,
                get_text_anchor='"middle"', get_alignment_baseline='"center"', pickable=False))
        else:
            deck_layers.append(geo.point_layer(point_map_data(points), "wifi_points", radius_m=250))
            deck_layers.append(pdk.Layer(
                "TextLayer", data=point_symbol_data(points), id="wifi_point_symbols", get_position=["lon", "lat"],
                get_text="name", get_size=13, get_color="colour", outline_width=4,
                outline_color=[255, 255, 255, 240], font_settings={"sdf": True}, font_weight=700,
                get_text_anchor='"middle"', get_alignment_baseline='"center"', pickable=False))
    view_state = geo.view_state_for(region_code, cells, width_px or WIDE_MAP_WIDTH_PX)
    place_names = _place_names(cells, region_code, names, official)
    if whole:
        # One label per regency, moved apart where two would overlap at the zoom the map opens on.
        place_names = geo.spread_labels(place_names, view_state.zoom)
    deck_layers.append(geo.label_layer(place_names))
    tooltip = {"html": "{tooltip}", "style": TOOLTIP_STYLE}
    return geo.deck(deck_layers, view_state, tooltip)


def village_shapes(official: pd.DataFrame | None, region_code: str,
                   cells: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """The villages' official boundaries in the region, simplified for the zoom the map opens on (a pixel spans some
    hundred metres at province zoom, some tens inside a regency); None when none is loaded."""
    villages = geo.official_of_level(official, "village", region_code)
    if villages.empty:
        return None
    if region_code == province_code():
        tolerance = geo.province_tolerance(cells)
        return geo.official_polygons(villages, tolerance, geo.province_decimals(tolerance))
    tolerance = geo.region_tolerance(region_code, cells)
    return geo.official_polygons(villages, tolerance, geo.SIMPLIFIED_REGION_DECIMALS)


def _swatch(colour: str, shape: str = "■", ring: str | None = None) -> str:
    ring_style = f"-webkit-text-stroke:1.5px {ring};" if ring else ""
    return f"<span style='color:{colour};font-size:1.15em;{ring_style}'>{shape}</span>"


def legend_markdown(coverage_shading: str, layers: list[str], clustered: bool = False, borders_basis: str | None = None,
                    large: bool = False,
                    village_polygons: bool = False) -> str:
    """The map's legend as Markdown (with coloured symbols), for the layers shown, in the map's colours; the borders
    line says what they are (`borders_basis`: official boundaries and their source; None: approximate);
    `village_polygons`: the villages are drawn as their boundaries."""
    lines = [f"**{t('connectivity.map.legend')}**", ""]
    if "wifi_points" in layers and clustered:
        lines.append(f"*{t('connectivity.map.layer.wifi_points')}*  ")
        cluster_legend = "large_province.cluster_legend" if large else "connectivity.map.cluster_legend"
        lines.append(f"{_swatch(CLUSTER_COLOUR, '●')} {t(cluster_legend)}  ")
        lines.append("")
    elif "wifi_points" in layers:
        lines.append(f"*{t('connectivity.map.layer.wifi_points')}*  ")
        lines += [f"{_swatch(CATEGORY_COLOURS[c], CATEGORY_SYMBOLS[c])} {category_label(c)}  "
                  for c in CATEGORIES]
        lines.append(f"{_swatch('#8C9A99', '●')} {status_label('active')}: "
                     f"{t('connectivity.map.status_active')}  ")
        lines.append(f"{_swatch('#FFFFFF', '●', DOWN_RING)} {status_label('down')}: "
                     f"{t('connectivity.map.status_down')}  ")
        lines.append(f"{_swatch('#D5DBDA', '●')} {status_label('decommissioned')}: "
                     f"{t('connectivity.map.status_decommissioned')}  ")
        lines.append("")
    if "blank_spots" in layers:
        lines.append(f"*{t('connectivity.map.layer.blank_spots')}*  ")
        lines += [f"{_swatch(STAGE_COLOURS[s], '●')} **{number}** {stage_label(s)}  "
                  for number, s in enumerate(STAGES, start=1)]
        lines.append(f"{_swatch('#FFFFFF', '●', LATE_COLOUR)} {t('connectivity.map.late_ring')}  ")
        lines.append("")
    if coverage_shading == "stage":
        lines.append(f"*{t('connectivity.map.coverage.stage')}*  ")
        lines += [f"{_swatch(STAGE_COLOURS[s], '■')} {stage_label(s)}  " for s in STAGES]
        lines.append(f"{_swatch(NO_SITE_COLOUR, '■')} {t('connectivity.map.no_site')}  ")
        lines.append("")
    if coverage_shading in ("hexagon", "village"):
        shape = "⬢" if coverage_shading == "hexagon" else ("■" if village_polygons else "●")
        lines.append(f"*{t('connectivity.map.coverage.' + coverage_shading)}*  ")
        lines += [f"{_swatch(TIER_COLOURS[tier], shape)} {tier_label(tier)}  "
                  for tier in [*SIGNAL_TIERS, NOT_SURVEYED]]
        if coverage_shading == "hexagon" and large and clustered:
            lines.append(f"*{t('large_province.legend_note')}*  ")
        lines.append("")
    lines.append(f"{_swatch(geo.TINTS[2], '⬢')} {t('connectivity.map.base')}  ")
    borders = (t("connectivity.map.borders") if borders_basis is None
               else t("boundaries.borders", basis=borders_basis))
    lines.append(f"{_swatch('#3C4B4A', '━')} {borders}")
    return "\n".join(lines)


def item_details(item: str, points: pd.DataFrame, sites: pd.DataFrame,
                 village_tiers: pd.DataFrame) -> tuple[str, pd.DataFrame] | None:
    """A title and a two-column table describing a map item (`point:<id>`, `site:<id>` or `village:<code>`)."""
    kind, _, key = (item or "").partition(":")
    field, value = t("connectivity.column.field"), t("connectivity.column.value")
    if kind == "point":
        match = points[points["point_id"] == key]
        if match.empty:
            return None
        row = match.iloc[0]
        pairs = [
            ("connectivity.column.category", category_label(row["category"])),
            ("connectivity.column.status", status_label(row["status"])),
            ("connectivity.column.village", row["village_name"]),
            ("connectivity.column.district", row["district_name"]),
            ("connectivity.column.regency", row["regency_name"]),
            ("connectivity.column.bandwidth", f"{format_number(row['bandwidth_mbps'], 0)} Mbps"),
            ("connectivity.column.installed_on", format_date(row["installed_on"])),
            ("connectivity.column.decommissioned_on", format_date(row["decommissioned_on"])
             if pd.notna(row["decommissioned_on"]) else "–"),
            ("connectivity.column.funding_source", funding_label(row["funding_source"])),
            ("connectivity.column.funded_until", format_date(row["funded_until"])),
        ]
        title = row["site_name"]
    elif kind == "site":
        match = sites[sites["site_id"] == key]
        if match.empty:
            return None
        row = match.iloc[0]
        pairs = [
            ("connectivity.column.village", row["village_name"]),
            ("connectivity.column.district", row["district_name"]),
            ("connectivity.column.stage", stage_label(row["stage"])),
            ("connectivity.column.late", t("connectivity.blank.late") if row["is_late"] else "–"),
            ("connectivity.column.solution", solution_label(row["solution"])),
            ("connectivity.column.owner", row["owner"]),
            ("connectivity.column.stage_date", format_date(row["stage_date"])),
            ("connectivity.column.target_date", format_date(row["target_date"])),
        ]
        title = t("connectivity.blank.site_title", village=row["village_name"])
    elif kind == "village":
        match = village_tiers[village_tiers["village_code"] == key]
        if match.empty:
            return None
        row = match.iloc[0]
        village_points = points[(points["village_code"] == key) & (points["status"] != "decommissioned")]
        pairs = [
            ("connectivity.column.district", row["district_name"]),
            ("connectivity.column.regency", row["regency_name"]),
            ("connectivity.column.population", format_number(row["population"], 0)),
            ("connectivity.column.tier", tier_label(row["signal_tier"])),
            ("connectivity.column.technology", technology_label(row["best_technology"])),
            ("connectivity.column.survey", f"{source_label(row['source'])}, "
                                           f"{format_date(row['surveyed_on'])}"
             if isinstance(row["source"], str) else t("common.no_data")),
            ("connectivity.column.wifi_points", format_number(len(village_points), 0)),
            ("connectivity.column.points_down", format_number(int((village_points["status"] == "down").sum()),
                                                              0)),
        ]
        title = row["village_name"]
    else:
        return None
    return str(title), pd.DataFrame({field: [t(key) for key, _ in pairs],
                                     value: [str(v) for _, v in pairs]})


def item_labels(items: pd.DataFrame) -> dict[str, str]:
    """A short name for each map item of connectivity_map_items' rows (`point:`, `site:` or `village:` and its
    id), for a list to pick from."""
    prefix = t("connectivity.map.village_prefix")
    labels: dict[str, str] = {}
    for row in items.itertuples():
        if row.kind == "village":
            labels[row.item] = f"{prefix} {row.name} ({row.district_name})"
        elif row.kind == "wifi_point":
            labels[row.item] = f"{row.name} ({row.village_name})"
        else:
            labels[row.item] = f"{t('connectivity.blank.site_title', village=row.village_name)} · {row.name}"
    return labels


def _tier_labels(tiers: pd.Series) -> list[str]:
    """Each tier's label, looked up once per tier rather than once per village."""
    labels = {tier: tier_label(tier) for tier in [*SIGNAL_TIERS, NOT_SURVEYED]}
    return [labels.get(tier if isinstance(tier, str) else NOT_SURVEYED) or tier_label(tier) for tier in tiers]


def map_items_table(items: pd.DataFrame, coverage_shading: str) -> pd.DataFrame:
    """The table alternative to the map: the items of connectivity_map_items' rows (a page of them), with what the
    map encodes: a point's category and status, a site's stage and lateness, a village's tier or stage."""
    kind_column, name_column = t("connectivity.column.kind"), t("connectivity.column.name")
    village_column, what_column = t("connectivity.column.village"), t("connectivity.column.shown_as")
    village_kind = t("connectivity.map.coverage.stage") if coverage_shading == "stage" else t(
        "connectivity.map.coverage_kind")
    kinds = {"wifi_point": t("connectivity.map.layer.wifi_points"),
             "blank_spot": t("connectivity.map.layer.blank_spots"), "village": village_kind}
    tiers = dict(zip(items.index, _tier_labels(items["signal_tier"])))
    shown_as = []
    for index, row in zip(items.index, items.itertuples()):
        if row.kind == "wifi_point":
            shown_as.append(f"{category_label(row.category)} · {status_label(row.status)}")
        elif row.kind == "blank_spot":
            shown_as.append(stage_label(row.stage) + (f" · {t('connectivity.blank.late')}" if row.is_late else ""))
        elif coverage_shading == "stage":
            shown_as.append(stage_label(row.stage) if isinstance(row.stage, str) else t("connectivity.map.no_site"))
        else:
            shown_as.append(tiers[index])
    return pd.DataFrame({kind_column: [kinds[kind] for kind in items["kind"]], name_column: list(items["name"]),
                         village_column: list(items["village_name"]), what_column: shown_as},
                        columns=[kind_column, name_column, village_column, what_column])
