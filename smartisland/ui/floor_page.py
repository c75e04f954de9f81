"""Streamlit's own floor, for the benchmark (page_timing.FLOOR_PAGE): a page that draws one line of text and
nothing else, served alone, so that each page's first load is set beside what Streamlit alone costs on the same
machine in the same run."""
import streamlit as st

from smartisland.i18n import t

st.title(t("speed.floor_page"))
