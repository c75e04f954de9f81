"""The shared frame of every page: language, navigation, the data badge, and the warehouse guard."""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from smartisland import db, report_context
from smartisland.config import app_mode, province_code, warehouse_path
from smartisland.db import WarehouseMissing, warehouse_version
from smartisland.i18n import DEFAULT_LANGUAGE, LANGUAGES, current_language, format_date, t
from smartisland.province_setting import setting_problem
from smartisland.report_context import ReportContext
from smartisland.ui import queries
from smartisland.ui.navigation import pages_for_mode
from smartisland.ui.queries import one_warehouse
from smartisland.warehouse import other_province

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def page_context() -> ReportContext:
    """The context of this page run, built here once (init_language, and a fragment's own rerun): the cached query
    runner and the session's language, as of today (a page that offers another day narrows it: as_of_choice)."""
    return ReportContext(queries.run_query, st.session_state.get("language", DEFAULT_LANGUAGE))


def context() -> ReportContext:
    """The context of this page run, for the page to hand to view builders."""
    return report_context.current()


def init_language() -> str:
    """The language from the URL (`?lang=en`), else this session's choice, else Indonesian; kept in the URL."""
    from_url = st.query_params.get("lang")
    if from_url in LANGUAGES:
        st.session_state["language"] = from_url
    language = report_context.activate(page_context()).language
    st.session_state["language"] = language
    set_query_param("lang", None if language == DEFAULT_LANGUAGE else language)
    return language


def fragment(function):
    """`st.fragment`, in the page's language: a fragment's own rerun does not run app.py, which sets it, so
    without this a choice inside a fragment would redraw that part in Indonesian."""
    @functools.wraps(function)
    def in_page_language(*args, **kwargs):
        report_context.activate(page_context())
        context = get_script_run_ctx()
        if context is not None and context.fragment_ids_this_run:  # a fragment's own rerun: a run of its own
            with one_warehouse():
                return function(*args, **kwargs)
        return function(*args, **kwargs)

    return st.fragment(in_page_language)


def set_query_param(name: str, value: str | None) -> None:
    """Change the URL only when it differs: a needless write during the first run makes Streamlit's
    frontend report "page not found" for a page reached by its own URL."""
    if value is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def _on_language_change() -> None:
    st.session_state["language"] = st.session_state["language_choice"]
    set_query_param("lang", None if st.session_state["language"] == DEFAULT_LANGUAGE else st.session_state["language"])


def language_switch(language: str) -> None:
    st.session_state["language_choice"] = language
    st.radio(t("common.language"), LANGUAGES, key="language_choice", format_func=LANGUAGE_NAMES.get,
             horizontal=True, on_change=_on_language_change, label_visibility="collapsed")


def build_navigation():
    """The `st.navigation` of this mode, sections in the order of the registry, and its links in the sidebar.

    Streamlit's own sidebar menu is hidden: its markup (a `ul` holding `div`s, `li`s outside a list) fails the
    WCAG list rules screen readers rely on. The links are `st.page_link`s under a heading per section instead:
    plain links, the current page marked, in the sidebar that a phone opens from its menu button."""
    sections: dict[str, list] = {}
    links: dict[str, list] = {}
    for entry in pages_for_mode(app_mode()):
        page = st.Page(entry.script, title=t(entry.title_key), icon=entry.icon, url_path=entry.url_path,
                       default=entry.is_default, visibility="hidden" if entry.is_hidden else "visible")
        sections.setdefault(t(entry.section), []).append(page)
        if not entry.is_hidden:
            links.setdefault(t(entry.section), []).append(page)
    navigation = st.navigation(sections, position="hidden")
    with st.sidebar.container(key="site_navigation"):
        for section, pages in links.items():
            st.markdown(f"**{section}**")
            for page in pages:
                st.page_link(page)
    return navigation


@dataclass(frozen=True)
class DataState:
    """Which data the app runs on, for the badge and for captions."""
    is_sample: bool
    is_mixed: bool
    data_through: object
    last_loaded_at: object


def _data_state(run) -> DataState:
    row = run("data_origin").iloc[0]
    from_sample, from_files = int(row["fact_datasets_from_sample"]), int(row["fact_datasets_from_files"])
    return DataState(from_sample > 0, from_sample > 0 and from_files > 0, row["data_through"], row["last_loaded_at"])


def data_state() -> DataState | None:
    """The data's origin and dates, kept per warehouse file (asked by the sidebar and several times a page)."""
    try:
        return queries.warehouse_view(_data_state)
    except WarehouseMissing:
        return None


def _badge_label(state: DataState) -> str:
    if state.is_mixed:
        return t("common.mixed_badge")
    return t("common.sample_badge") if state.is_sample else t("common.loaded_badge")


def data_badge() -> None:
    state = data_state()
    if state is None:
        return
    label = _badge_label(state)
    through = t("common.as_of", date=format_date(state.data_through, style="month"))
    if state.is_sample:
        st.sidebar.warning(f"**{label}**  \n{through}", icon=":material/science:")
    else:
        st.sidebar.success(f"**{label}**  \n{through}", icon=":material/verified:")


def sidebar() -> None:
    st.sidebar.caption(t("app.subtitle"))
    data_badge()
    top_bar()


def top_bar() -> None:
    """The language switch and a short data badge at the top of the main area: on a phone the sidebar is
    collapsed, and what the reader needs first must not hide in it."""
    with st.container(horizontal=True, vertical_alignment="center", key="top_bar"):
        language_switch(current_language())
        state = data_state()
        if state is not None:
            st.badge(_badge_label(state), icon=":material/science:" if state.is_sample else ":material/verified:",
                     color="orange" if state.is_sample else "green")


# Streamlit draws a caption in the text colour at 60% opacity (no theme option sets it): #76807f on white with
# this theme, 4.06:1, under the 4.5:1 WCAG AA asks of small text. Opaque, in the same hue, dark enough for 7:1 on
# white and 6.4:1 on the sidebar's grey: still lighter than the body text, so a caption still reads as one.
MUTED_TEXT_COLOUR = "#4F5B5A"
# Keys that show a container on a phone only, or on a wider screen only (below and from NARROW_BELOW_PX): the
# browser chooses by CSS, so a page need not rerun to learn the screen's width (as is_narrow does).
PHONE_ONLY, WIDE_ONLY = "phone_only", "wide_only"
# Streamlit stacks columns below 640 pixels: a phone, for this app.
NARROW_BELOW_PX = 640
# A disabled choice's label is greyed to 2.4:1; it stays lighter than an active label, but readable.
_STYLE = f"""<style>
@media (min-width: {NARROW_BELOW_PX}px) {{
  [data-testid="stLayoutWrapper"]:has(> [class*="st-key-{PHONE_ONLY}"]), [class*="st-key-{PHONE_ONLY}"] {{
    display: none; }}
}}
@media (max-width: {NARROW_BELOW_PX - 0.02}px) {{
  [data-testid="stLayoutWrapper"]:has(> [class*="st-key-{WIDE_ONLY}"]), [class*="st-key-{WIDE_ONLY}"] {{
    display: none; }}
}}
[data-testid="stCaptionContainer"] {{ opacity: 1; color: {MUTED_TEXT_COLOUR}; }}
[data-testid="stElementContainer"]:has(input:disabled) [data-testid="stWidgetLabel"],
[data-testid="stElementContainer"]:has(input:disabled) [data-testid="stWidgetLabel"] * {{
  opacity: 1; color: {MUTED_TEXT_COLOUR};
}}
</style>"""
# Kept right as Streamlit draws (once per tab): a metric's sparkline is decorative (the tile says the value and its
# change in words) and Streamlit draws it with an empty, unnamed graphic that screen readers would announce, so it is
# hidden from them; and the link to the default page has an empty href, which a new tab or a copied link takes for
# the page being read, so it points at the site's root.
_PAGE_FIXES = """<script>
(() => {
  if (window.smartislandPageFixes) return;
  const fix = () => {
    document.querySelectorAll('[data-testid="stMetric"] svg:not([aria-hidden])')
      .forEach(svg => svg.setAttribute("aria-hidden", "true"));
    document.querySelectorAll('a[data-testid="stPageLink-NavLink"][href=""]')
      .forEach(link => link.setAttribute("href", "./"));
  };
  // At most once a frame, however many changes Streamlit makes while it draws.
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fix(); });
  };
  window.smartislandPageFixes = new MutationObserver(schedule);
  window.smartislandPageFixes.observe(document.body, {childList: true, subtree: true});
  fix();
})();
</script>"""


def page_head(page) -> None:
    """A title per page and `<html lang>` in the page's language (Streamlit always writes `en`), for screen
    readers, search engines and browser tabs; and the muted text dark enough to read (MUTED_TEXT_COLOUR)."""
    st.set_page_config(page_title=page_title(page.title))
    st.html(f"<script>document.documentElement.lang = {json.dumps(current_language())};</script>{_PAGE_FIXES}",
            unsafe_allow_javascript=True)
    st.html(_STYLE)


# A map on a phone is the screen's width less the page's padding.
NARROW_MAP_WIDTH_PX = 350
# Said only when it differs from the server's default (wide): a state value set for the first time counts as a
# change and reruns the page, so reporting "wide" on every desktop load ran every page twice.
_VIEWPORT_JS = f"""
export default function ({{ setStateValue }}) {{
  const narrow = window.innerWidth < {NARROW_BELOW_PX};
  if (narrow || window.smartislandReportedNarrow) {{
    window.smartislandReportedNarrow = narrow;
    setStateValue("narrow", narrow);
  }}
}}
"""
_viewport = st.components.v2.component("smartisland_viewport", js=_VIEWPORT_JS)


def is_narrow() -> bool:
    """Whether the screen is a phone's (narrower than NARROW_BELOW_PX). The server cannot see the screen, so a tiny
    component reports it (one rerun on a phone). Call it, or map_width, once per page run."""
    result = _viewport(key="viewport", default={"narrow": False}, height=0, on_narrow_change=lambda: None)
    return bool(result.get("narrow"))


def map_width() -> int | None:
    """The width a full-width map has on this screen: the phone's when narrow, else None (the wide default)."""
    return NARROW_MAP_WIDTH_PX if is_narrow() else None


def scroll_hint(key: str) -> None:
    """On a phone only: the table below is wider than the screen, more columns lie to the side."""
    with st.container(key=f"{PHONE_ONLY}_scroll_hint_{key}"):
        st.caption(f":material/swipe_left: {t('transparency.scroll_hint')}")


def page_title(title: str) -> str:
    return f"{title} · {t('app.title')}"


def require_warehouse() -> None:
    """Stop the page with a clear message when there is no warehouse to read, or it holds another province's
    data."""
    version = warehouse_version()
    if version is None:
        st.error(t("common.warehouse_missing", path=warehouse_path()))
        st.stop()
    stored = _other_province(version, province_code())
    if stored is not None:
        st.error(t("common.other_province", stored=stored))
        st.stop()


@st.cache_data(show_spinner=False, max_entries=8)
def _other_province(version: tuple, served: str) -> str | None:
    """The province the warehouse (this version of its file) was built for, when it is not `served`."""
    with db.reading() as connection:
        return other_province(connection)


def stop_unless_province_known() -> None:
    """Stop the app with one line naming the provinces there are when the province to serve is unknown or
    malformed: before anything asks that province for a text."""
    problem = setting_problem()
    if problem:
        st.error(problem)
        st.stop()


def sample_notice() -> None:
    """Say, on a page, that its invented figures are sample data."""
    state = data_state()
    if state is not None and state.is_sample:
        st.caption(f":material/science: {t('common.sample_notice')}")



def remember_page(page) -> None:
    """Which page runs now, so that choices kept per page do not leak into another page's widgets."""
    st.session_state["current_page"] = page.url_path or "default"
