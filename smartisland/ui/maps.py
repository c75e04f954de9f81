"""The Connectivity map, its build kept per warehouse file, province, region, choices, language and width: the
build is pure in those (its queries read that file), and for a large province (8,500 villages) takes most of a
second."""
from __future__ import annotations

from datetime import date

import streamlit as st

from smartisland import report_context
from smartisland.config import province_code
from smartisland.connectivity import sections
from smartisland.i18n import current_language
from smartisland.report_context import ReportContext
from smartisland.ui.queries import read_version


# cache_resource, not cache_data: the view (a Deck and its frames) is handed out as it is, not unpickled on every
# run; the page only reads it. Keyed by the warehouse file the queries read, not by their results: hashing the
# results (the boundaries above all) cost every run of the map some 50 ms, a regency choice included.
@st.cache_resource(max_entries=16, show_spinner=False)
def _view(version: tuple, province: str, language: str, region_code: str, data_month_end: date,
          coverage_shading: str, layers: tuple, width_px: int | None, _context: ReportContext) -> sections.MapView:
    return sections.map_view(_context, region_code, data_month_end, coverage_shading, list(layers), width_px)


def connectivity_map_view(region_code: str, data_month_end: date, coverage_shading: str, layers: list[str],
                          width_px: int | None = None) -> sections.MapView:
    # The language keys the cache (the map speaks it); the context (not hashed) runs the queries on a miss.
    return _view(read_version(), province_code(), current_language(), region_code, data_month_end, coverage_shading,
                 tuple(layers), width_px, report_context.current())
