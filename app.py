"""Entry point: page config, navigation by audience and mode, and the shared sidebar."""
import streamlit as st

from smartisland import ui
from smartisland.i18n import t

ui.stop_unless_province_known()  # before any text is asked of a province that may not be there
st.set_page_config(page_title=t("app.title"), page_icon=":material/hub:", layout="wide")
with ui.one_warehouse():  # every query of this run reads the same warehouse file, whatever a load swaps meanwhile
    ui.init_language()
    navigation = ui.build_navigation()
    ui.sidebar()
    ui.remember_page(navigation)
    ui.page_head(navigation)
    try:
        navigation.run()
    finally:
        ui.release_freed_memory()  # a page on large boundaries would otherwise leave the server larger for good
