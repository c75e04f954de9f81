"""The Connectivity map, built once per warehouse file, province, region, day, choices, language and width: its
build is pure in those, and for a large province (Jawa Tengah's 8,500 villages) takes most of a second."""
from __future__ import annotations

from datetime import date

import streamlit as st

from smartisland.config import province_code
from smartisland.connectivity import views
from smartisland.i18n import current_language
from smartisland.ui.queries import run_query, warehouse_version


# cache_resource, not cache_data: the view (a Deck and its frames) is handed out as it is, not unpickled on every
# run; the page only reads it.
@st.cache_resource(max_entries=16, show_spinner=False)
def _map_view(version: tuple, province: str, region_code: str, as_of: date, coverage_view: str, layers: tuple,
              language: str, width_px: int | None) -> views.MapView:
    return views.map_view(run_query, region_code, as_of, coverage_view, list(layers), language, width_px)


def connectivity_map_view(region_code: str, as_of: date, coverage_view: str, layers: list[str],
                          width_px: int | None = None) -> views.MapView:
    return _map_view(warehouse_version(), province_code(), region_code, as_of, coverage_view, tuple(layers),
                     current_language(), width_px)
