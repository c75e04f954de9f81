"""The overview's small map: each regency filled by its status on the chosen KPI and named with the status's symbol
and its value, so the status never rests on colour alone; a legend in Markdown (no Streamlit)."""
from __future__ import annotations

from functools import lru_cache
from html import escape
from pathlib import Path

import pandas as pd
import pydeck as pdk

from smartisland import geo
from smartisland.config import reference_file
from smartisland.i18n import t
from smartisland.kpis import status
from smartisland.kpis.display import format_kpi_value, status_label
from smartisland.place_names import short_place_name

MAP_HEIGHT_PX = 420
# A phone's map (about 350 pixels wide) shows a province about 150 pixels tall: a lower map, and a symbol alone at each
# regency, since names and values there overlap; the chart above it names them.
COMPACT_BELOW_PX = 450
COMPACT_HEIGHT_PX = 260
# Two thirds of a wide page's main column (the legend beside it); a phone's map is the narrow width of ui.map_width.
WIDE_WIDTH_PX = 580
# As a quoted string: pydeck hands a layer's string arguments to deck.gl as expressions. Quotes and backslashes are
# left out (no label has them), so the expression stays one string literal.
LABEL_CHARACTERS = '"' + "".join([chr(code) for code in range(32, 127) if chr(code) not in "\"'\\`"]
                                 + sorted(set(status.SYMBOLS.values())) + ["−"]) + '"'
TOOLTIP_STYLE = {"backgroundColor": "white", "color": "#1B2B2A", "fontSize": "13px", "padding": "6px 8px",
                 "border": "1px solid #C9D3D2", "borderRadius": "4px"}


@lru_cache(maxsize=2)
def _shapes(path: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    cells = geo.land_cells(path)
    return geo.region_outlines(cells, "regency_code"), geo.region_centres(cells, "regency_code")


def regency_shapes(path: Path | None = None, official: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The regencies' outlines and centres: the `official` boundaries (region_code, level, geometry, source) where
    loaded, else traced around the map base's land cells once per process (copies: callers may change them)."""
    outlines, centres = _shapes(str(path or reference_file("land_cells.csv")))
    regencies = geo.official_of_level(official, "regency")
    return (geo.with_official(outlines.copy(), geo.official_outlines(regencies)),
            geo.with_official(centres.copy(), geo.official_centres(regencies)))


def regency_fills(values: pd.DataFrame, outlines: pd.DataFrame, unit: str, target_kind: str) -> pd.DataFrame:
    """One polygon per regency outline, filled by the regency's status (grey, and said, when it has no value)."""
    by_code = values.set_index("region_code")
    rows = []
    for outline in outlines.itertuples():
        if outline.code in by_code.index:
            row = by_code.loc[outline.code]
            kpi_status, name, value = row["status"], row["name"], row["value"]
        else:
            kpi_status, name, value = status.NO_DATA, outline.code, None
        rows.append({
            "code": outline.code, "polygon": outline.path, "status": kpi_status,
            "fill": geo.hex_to_rgba(status.chart_colour(kpi_status, target_kind), 190),
            "tooltip": f"<b>{escape(str(name))}</b><br/>{escape(format_kpi_value(value, unit))}"
                       f"<br/>{escape(status_label(kpi_status))}"})
    return pd.DataFrame(rows, columns=["code", "polygon", "status", "fill", "tooltip"])


def is_compact(width_px: int | None) -> bool:
    return width_px is not None and width_px < COMPACT_BELOW_PX


def map_height(width_px: int | None) -> int:
    return COMPACT_HEIGHT_PX if is_compact(width_px) else MAP_HEIGHT_PX


def regency_labels(values: pd.DataFrame, centres: pd.DataFrame, unit: str, compact: bool = False) -> pd.DataFrame:
    """At each regency's centre its short name, and under it the status's symbol and the value; the symbol alone
    when `compact`."""
    frame = centres.merge(values[["region_code", "name", "value", "status"]], left_on="code",
                          right_on="region_code", how="inner")
    frame["name"] = [status.SYMBOLS[row.status] if compact else
                     f"{short_place_name(row.name)}\n{status.SYMBOLS[row.status]} {format_kpi_value(row.value, unit)}"
                     for row in frame.itertuples()]
    return frame[["code", "lat", "lon", "name"]]


def regency_status_map(values: pd.DataFrame, outlines: pd.DataFrame, centres: pd.DataFrame, unit: str,
                       target_kind: str, width_px: int | None = None) -> pdk.Deck:
    """The province's regencies coloured by their status on one KPI (`values`: region_code, name, value, status), outlined,
    and labelled with name, symbol and value; zoomed so the whole province fits the map's width."""
    fills = regency_fills(values, outlines, unit, target_kind)
    layers = [
        pdk.Layer("PolygonLayer", data=fills[["polygon", "fill", "tooltip"]], id="regency_status",
                  get_polygon="polygon", get_fill_color="fill", stroked=True, get_line_color=[50, 60, 59, 230],
                  line_width_min_pixels=1.5, filled=True, pickable=True, auto_highlight=True),
        # The status symbols are not in deck.gl's default (ASCII) character set, and its "auto" draws nothing in
        # the Streamlit frontend: the characters are listed.
        pdk.Layer("TextLayer", data=regency_labels(values, centres, unit, is_compact(width_px)),
                  id="regency_labels", get_position=["lon", "lat"], get_text="name",
                  get_size=15 if is_compact(width_px) else 12, get_color=[27, 43, 42, 255],
                  outline_width=3, outline_color=[255, 255, 255, 230], font_settings={"sdf": True},
                  character_set=LABEL_CHARACTERS, font_weight=600, get_text_anchor='"middle"',
                  get_alignment_baseline='"center"', pickable=False),
    ]
    width = width_px or WIDE_WIDTH_PX
    bounds = geo.province_bounds()
    south, west, north, east = bounds
    view = pdk.ViewState(latitude=round((south + north) / 2, 5), longitude=round((west + east) / 2, 5),
                         zoom=geo.zoom_for(bounds, width, map_height(width_px)), pitch=0, bearing=0)
    return geo.deck(layers, view, {"html": "{tooltip}", "style": TOOLTIP_STYLE})


def legend_markdown(values: pd.DataFrame, target_kind: str) -> str:
    """The statuses the map shows, best first, each as its colour, symbol and word; and what grey means when the
    target is illustrative."""
    shown = [item for item in status.STATUSES if item in set(values["status"])]
    parts = [f"<span style='color:{status.chart_colour(item, target_kind)};font-size:1.15em'>■</span> "
             f"{status_label(item)}" for item in shown]
    legend = f"**{t('overview.map_legend')}**: " + " · ".join(parts)
    if any(status.is_neutral(item, target_kind) for item in shown):
        legend += "  \n" + t("overview.map_neutral")
    return legend
