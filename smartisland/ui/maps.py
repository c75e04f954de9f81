"""The Connectivity map, its build kept per query results, province, region, choices, language and width: the build
is pure in those, and for a large province (8,500 villages) takes most of a second."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from smartisland import report_context
from smartisland.config import province_code
from smartisland.connectivity import sections
from smartisland.i18n import current_language


# cache_resource, not cache_data: the view (a Deck and its frames) is handed out as it is, not unpickled on every
# run; the page only reads it. The queries still run (each cached on its own), so the key is their results.
@st.cache_resource(max_entries=16, show_spinner=False)
def _build(province: str, language: str, points: pd.DataFrame | None, sites: pd.DataFrame,
           village_tiers: pd.DataFrame, areas: pd.DataFrame, official: pd.DataFrame, region_code: str,
           coverage_shading: str, layers: tuple, width_px: int | None,
           point_counts: pd.DataFrame | None) -> sections.MapView:
    return sections.build_map_view(points, sites, village_tiers, areas, official, region_code, coverage_shading, layers,
                                   width_px, point_counts)


def connectivity_map_view(region_code: str, data_month_end: date, coverage_shading: str, layers: list[str],
                          width_px: int | None = None) -> sections.MapView:
    province = province_code()

    def build(*arguments) -> sections.MapView:
        return _build(province, current_language(), *arguments)  # the language keys the cache: the map speaks it

    return sections.map_view(report_context.current(), region_code, data_month_end, coverage_shading, layers, width_px, build)
