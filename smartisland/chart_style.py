"""Chart builders: pure functions from a DataFrame to a Plotly figure or a pydeck Deck (no Streamlit).

This module holds what every chart shares: the colour-blind-safe palette and the layout that
formats numbers for the language. Area modules (kpi, connectivity, spbe, services) build on it; status colours and
symbols are in kpis/status.py.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

import plotly.graph_objects as go

from smartisland.i18n import PLOTLY_SEPARATORS, current_language, format_date

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
NEUTRAL = "#8C9A99"
FONT = "Source Sans Pro, sans-serif"


@dataclass(frozen=True)
class FigureRecipe:
    """A figure not drawn yet: its builder and arguments. A view builder hands it out, and the app draws it once per
    arguments, language and day and keeps it (smartisland/ui/widgets.py: cached_figure)."""
    builder: Callable[..., go.Figure]
    args: tuple = ()
    kwargs: Mapping = field(default_factory=dict)

    def draw(self) -> go.Figure:
        return self.builder(*self.args, **self.kwargs)


def base_layout(figure: go.Figure, height: int = 380) -> go.Figure:
    """Fonts, margins, legend and the number separators of the language."""
    figure.update_layout(
        separators=PLOTLY_SEPARATORS[current_language()],
        font={"family": FONT, "size": 13, "color": "#1B2B2A"},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        height=height,
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        hoverlabel={"font": {"family": FONT}},
    )
    figure.update_xaxes(showgrid=False, linecolor="#C9D3D2")
    figure.update_yaxes(gridcolor="#E6ECEB", zerolinecolor="#C9D3D2")
    return figure


def localize_date_axis(figure: go.Figure, start: date, end: date) -> go.Figure:
    """Date ticks with month names of the language (Plotly only knows English ones)."""
    years = max(end.year - start.year, 0)
    step = 1 if years <= 1 else (6 if years <= 3 else 12)
    ticks = []
    month = date(start.year, start.month, 1)
    while month <= end:
        if (month.month - 1) % step == 0:
            ticks.append(month)
        month = date(month.year + (month.month // 12), month.month % 12 + 1, 1)
    labels = [str(tick.year) if step == 12 else format_date(tick, "short_month") for tick in ticks]
    figure.update_xaxes(tickvals=ticks, ticktext=labels)
    return figure
