"""The province beside Indonesia's average and its peers: one section, shown on the SPBE and Transparency pages."""
from __future__ import annotations

import streamlit as st

from smartisland.comparison import charts as comparison_charts
from smartisland.comparison import sections as comparison_sections
from smartisland.i18n import t
from smartisland.text import markdown_text
from smartisland.ui.queries import warehouse_view
from smartisland.ui.widgets import show_chart


def _comparison(run, measure: str):
    """The comparison of one measure with its chart (Plotly's dictionary) and table, None when it has no points."""
    provinces = comparison_sections.province_comparison(run, measure)
    if provinces.points.empty:
        return provinces, None, None
    return (provinces, comparison_charts.comparison_figure(provinces.points, provinces.measure).to_dict(),
            comparison_charts.comparison_table(provinces.points))


def province_comparison(measure: str, key: str | None = None) -> None:
    """The headline, what is missing, the chart with its table, and the sources of one measure; made once per
    warehouse file, language and measure (warehouse_view)."""
    provinces, figure, table = warehouse_view(_comparison, measure)
    if provinces.headline:
        st.write(provinces.headline)
    if provinces.earlier:
        with st.expander(t("comparison.earlier")):
            st.markdown("\n".join(f"- {sentence}" for sentence in provinces.earlier))
    for note in provinces.notes:
        st.info(note)
    if not provinces.points.empty:
        show_chart(figure, table, key=key)
        st.caption(t("comparison.sources", sources="; ".join(markdown_text(source) for source in provinces.sources)))
