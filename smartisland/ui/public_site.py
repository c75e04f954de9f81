"""The app and the public static site, side by side: the rebuild after a load on the Data page, and the link to the
site from the Transparency page (SMARTISLAND_SITE_URL, read in config.site_url)."""
from __future__ import annotations

import streamlit as st

from smartisland.config import site_dir, site_url, warehouse_path
from smartisland.i18n import t
from smartisland.publishing.site_refresh import refresh_site_after_load


def refresh_public_site() -> None:
    """After a successful load: rebuild the static site and say how it went (nothing when no site is kept)."""
    if site_dir() is None:
        return
    with st.spinner(t("site_refresh.working")):
        result = refresh_site_after_load(warehouse_path())
    if result.ok:
        st.success(result.message())
    else:
        st.warning(result.message())


def static_site_link() -> None:
    """A link to the light static site, for phones and slow connections, when its address is set."""
    address = site_url()
    if address:
        st.link_button(t("site.link_from_app"), address, icon=":material/public:")
