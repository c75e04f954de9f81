"""The comparison across provinces drawn: each year a column of dots, the province served highlighted beside the
national average and the other provinces loaded; and the same numbers as a table."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from smartisland.chart_style import NEUTRAL, PALETTE, base_layout
from smartisland.comparison.sections import DECIMALS
from smartisland.i18n import format_number, t
from smartisland.text import data_text, plotly_text

# The province in the palette's blue, the average in black, the others in the neutral grey behind them.
STYLES = {"province": (PALETTE[0], "circle", 16), "national": (PALETTE[7], "diamond", 13),
          "peer": (NEUTRAL, "circle", 9)}


def value_text(value, is_unsure: bool) -> str:
    text = format_number(value, DECIMALS)
    return t("comparison.unsure", value=text) if is_unsure else text


def comparison_figure(points: pd.DataFrame, measure: str) -> go.Figure:
    figure = go.Figure()
    # Peers first, so that the province and the average are drawn over them.
    for role in ("peer", "national", "province"):
        shown = points[points["role"] == role]
        if shown.empty:
            continue
        colour, symbol, size = STYLES[role]
        labels = [value_text(value, unsure) for value, unsure in zip(shown["value"], shown["is_unsure"])]
        legend = {"province": plotly_text(shown["name"].iloc[0]), "national": t("comparison.national"),
                  "peer": t("comparison.peers")}[role]
        figure.add_trace(go.Scatter(
            x=shown["year"].astype(str), y=shown["value"], name=legend, legendrank={"province": 1, "national": 2,
                                                                                    "peer": 3}[role],
            mode="markers" if role == "peer" else "markers+text",
            marker={"color": colour, "symbol": symbol, "size": size, "line": {"color": "white", "width": 1}},
            text=None if role == "peer" else labels,
            textposition="middle right", textfont={"color": colour if role != "peer" else None, "size": 13},
            customdata=[[plotly_text(name), label] for name, label in zip(shown["name"], labels)],
            hovertemplate="%{x}: %{customdata[0]} %{customdata[1]}<extra></extra>"))
    base_layout(figure, height=360)
    figure.update_layout(title={"text": t(f"comparison.measure_{measure}"), "font": {"size": 14}},
                         margin={"t": 70})
    # Room right of the last year for its value labels, which would be cut on a phone.
    year_count = points["year"].nunique()
    figure.update_xaxes(type="category", categoryorder="category ascending", title=t("comparison.year"),
                        range=[-0.5, year_count - 0.5 + 0.4] if year_count else None)
    figure.update_yaxes(title=t("comparison.value"), rangemode="tozero")
    return figure


def comparison_table(points: pd.DataFrame) -> pd.DataFrame:
    """The chart's numbers: year, province, value (unsure marked) and source, in the reader's language."""
    return pd.DataFrame({
        t("comparison.year"): points["year"].astype(str),
        t("comparison.column_province"): points["name"],
        t("comparison.value"): [value_text(value, unsure) for value, unsure in zip(points["value"],
                                                                                    points["is_unsure"])],
        t("comparison.column_source"): [data_text(source) for source in points["source"]],
    })
