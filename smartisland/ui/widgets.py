"""Widgets every page shares: tables, charts with their numbers, downloads, and choices kept in the URL."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.caching.cache_errors import UnhashableParamError

from smartisland import clock, paging, report_context, text
from smartisland.chart_style import FigureRecipe
from smartisland.config import app_mode
from smartisland.i18n import LANGUAGES, current_language, format_date, format_number, t
from smartisland.publishing.safe_csv import csv_bytes, spreadsheet_csv_bytes
from smartisland.report_context import ReportContext
from smartisland.ui.frame import set_query_param


def localized_table(frame: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Only the named columns, renamed to their labels in the current language."""
    return frame[list(labels)].rename(columns={name: t(key) for name, key in labels.items()})


ROW_HEIGHT_PX = 35  # Streamlit's dataframe row, and its header row
TABLE_MAX_HEIGHT_PX = 400  # Streamlit's own "auto" cap: a longer table scrolls, its next row peeking out


def table_height(rows: int, max_height: int | None = None) -> int:
    """A dataframe height that shows every row of a short table without an inner scroll bar, at most
    `max_height` pixels: the one formula of every table on every page."""
    height = ROW_HEIGHT_PX * (rows + 1) + 3
    return height if max_height is None else min(height, max_height)


def table(frame: pd.DataFrame, labels: dict[str, str] | None = None,
          max_height: int | None = TABLE_MAX_HEIGHT_PX) -> None:
    """A table fitted to its rows: `labels` (column -> translation key) picks and names its columns, else the
    frame is shown as it is; `max_height=None` shows every row."""
    shown = localized_table(frame, labels) if labels else frame
    st.dataframe(shown, hide_index=True, width="stretch", height=table_height(len(shown), max_height))


def download_button(frame: pd.DataFrame | Callable[[], pd.DataFrame], file_name: str, key: str,
                    for_spreadsheet: bool = False) -> None:
    """A CSV download of `frame`, formula-like text cells neutralised (smartisland/publishing/safe_csv.py); with
    `for_spreadsheet`, in the separator and decimal mark of the reader's language. `frame` may be a function that
    makes it: then it is made only when the button is pressed (a whole list a page shows one page of), in this
    run's report context (language, day), which the download's own thread does not otherwise have."""
    as_bytes = spreadsheet_csv_bytes if for_spreadsheet else csv_bytes
    if callable(frame):
        context, make = report_context.current(), frame

        def data() -> bytes:
            with report_context.using(context):
                return as_bytes(make())
    else:
        data = as_bytes(frame)
    st.download_button(t("common.download_csv"), data, file_name=file_name,
                       mime="text/csv", key=key, icon=":material/download:")


def show_chart(figure, table: pd.DataFrame | None = None, key: str | None = None) -> None:
    """A chart (a figure, a figure's kept dictionary, or a view builder's FigureRecipe, drawn once and kept) and,
    for screen readers and for checking, its numbers as a table under it."""
    if isinstance(figure, FigureRecipe):
        figure = cached_figure(figure.builder, *figure.args, **figure.kwargs)
    elif isinstance(figure, dict):
        # The dictionary came from a figure Plotly had already checked: checking it again would cost what was kept.
        figure = go.Figure(figure, _validate=False)
    st.plotly_chart(figure, width="stretch", key=key, config={"displaylogo": False})
    if table is not None:
        with st.expander(t("common_extra.chart_data")):
            st.dataframe(table, hide_index=True, width="stretch")


@st.cache_data(max_entries=500, show_spinner=False)
def _figure_spec(builder_name: str, language: str, today: date, _builder, args: tuple, kwargs: dict) -> dict:
    return _builder(*args, **kwargs).to_dict()


def cached_figure(builder, *args, **kwargs) -> go.Figure:
    """`builder(*args, **kwargs)`, built once per arguments, language and day and then kept: Plotly spends most
    of a page run checking every property a builder sets, while a figure from its kept dictionary costs almost
    nothing. Arguments Streamlit cannot hash build the figure afresh."""
    try:
        spec = _figure_spec(f"{builder.__module__}.{builder.__qualname__}", current_language(),
                            report_context.current().today,
                            builder, args, kwargs)
    except UnhashableParamError:
        return builder(*args, **kwargs)
    # The dictionary came from a figure Plotly had already checked: checking it again would cost what was saved.
    return go.Figure(spec, _validate=False)


def _choice_key(param: str) -> str:
    """The widget key of a choice: per page and per language. Streamlit counts a widget's shown option labels as part
    of its identity, so the same key with labels in another language would be a new widget back at its first option;
    a key per language makes that new widget explicit, and it starts from the choice remembered below."""
    return f"url_{st.session_state.get('current_page', 'default')}_{param}_{current_language()}"


def _forget_other_languages(param: str) -> None:
    """Drop this choice's widget state in the other languages: coming back to one, it starts from the remembered
    choice, not from what it held before the switch."""
    page = st.session_state.get("current_page", "default")
    for language in LANGUAGES:
        if language != current_language():
            st.session_state.pop(f"url_{page}_{param}_{language}", None)


def _remembered() -> dict:
    """Every page's choices in this session, by page and parameter: what a page reached from the sidebar, whose URL
    no longer carries them, starts from."""
    return st.session_state.setdefault("remembered_choices", {})


def _remember(param: str, value, options: tuple) -> None:
    _remembered()[(st.session_state.get("current_page", "default"), param)] = (value, options)


def _recalled(param: str, options: tuple):
    """This session's choice, if it was made among the same options (a month is not a quarter)."""
    value, among = _remembered().get((st.session_state.get("current_page", "default"), param), (None, None))
    return value if among == options else None


def url_choice(label: str, options: list, param: str, default=None, format_func=str, widget=None, **kwargs):
    """A choice kept in the URL (`?param=value`), so that a link opens the same view; kept too across a language
    switch, a page change and a reload (the URL first, then this session's choice, then the default)."""
    widget = widget or st.selectbox
    if not options:
        return None
    wanted = st.query_params.get(param)
    by_text = {str(option): option for option in options}
    recalled = _recalled(param, tuple(by_text))
    fallback = default if default in options else options[0]
    current = by_text.get(wanted, recalled if recalled in options else fallback)
    session_key = _choice_key(param)
    _forget_other_languages(param)
    # When the options change (months instead of quarters), start again from the URL or the default rather than
    # keep a value that means something else.
    shown_options = tuple(by_text)
    if (session_key not in st.session_state or st.session_state[session_key] not in options
            or st.session_state.get(f"{session_key}_options") != shown_options):
        st.session_state[session_key] = current
    st.session_state[f"{session_key}_options"] = shown_options
    # Labels are computed now, in this run's language; a format_func called later (by a test harness, in
    # another thread) would not know the language.
    labels = {option: str(format_func(option)) for option in options}
    chosen = widget(label, options, key=session_key, format_func=labels.__getitem__, **kwargs)
    _remember(param, chosen, shown_options)
    # The default stays out of the URL, so that a plain link stays plain.
    set_query_param(param, None if chosen is None or (chosen == fallback and wanted is None) else str(chosen))
    return chosen


def searched_choice(label: str, names: dict[str, str], param: str, limit: int, search_label: str,
                    search_placeholder: str) -> str | None:
    """url_choice among `names` (key -> name), with past `limit` of them a search box above the list, which then
    offers the first `limit` matches and the current choice: a page does not send every name of a large catalogue
    (24,966 services at the benchmark's scale 100 made 1.1 MB)."""
    if len(names) <= limit:
        return url_choice(label, list(names), param, format_func=names.get)
    search = st.text_input(search_label, key=f"{param}_search", placeholder=search_placeholder)
    # the current choice (the URL's, else this session's) stays offered and chosen whatever the search
    current = st.query_params.get(param) or st.session_state.get(_choice_key(param)) or \
        _remembered().get((st.session_state.get("current_page", "default"), param), (None, None))[0]
    matches = text.matching_names(names, search, limit, keep=current)
    chosen = url_choice(label, list(matches.offered), param, default=current, format_func=matches.offered.get)
    if matches.total > matches.shown:
        st.caption(t("common_extra.more_matches", shown=format_number(matches.shown),
                     total=format_number(matches.total)))
    elif matches.total == 0:
        st.caption(t("common_extra.no_match"))
    return chosen


def section_choice(options: list[str], param: str, format_func=str) -> str:
    """The one section of a page that is built and sent, chosen like a tab and kept in the URL: st.tabs would
    compute and send every tab's content although one is visible."""
    return url_choice(t("speed.section"), options, param, format_func=format_func, widget=st.segmented_control,
                      required=True, label_visibility="collapsed")


def url_choices(label: str, options: list, param: str, format_func=str, **kwargs) -> list:
    """A multiple choice kept in the URL as a comma-separated list (empty means all), and across a language
    switch, a page change and a reload as url_choice is."""
    by_text = {str(option): option for option in options}
    if param in st.query_params:
        wanted = [by_text[item] for item in st.query_params.get(param, "").split(",") if item in by_text]
    else:
        wanted = [item for item in (_recalled(param, tuple(by_text)) or []) if item in options]
    session_key = _choice_key(param)
    _forget_other_languages(param)
    if session_key not in st.session_state or any(item not in options for item in st.session_state[session_key]):
        st.session_state[session_key] = wanted
    kwargs.setdefault("placeholder", t("common_extra.all"))
    labels = {option: str(format_func(option)) for option in options}
    chosen = st.multiselect(label, options, key=session_key, format_func=labels.__getitem__, **kwargs)
    _remember(param, list(chosen), tuple(by_text))
    set_query_param(param, ",".join(str(item) for item in chosen) if chosen else None)
    return chosen


AS_OF_MONTHS = 24


def as_of_choice() -> ReportContext:
    """The day a report shows: today, or the end of one of the last 24 months, kept in the URL; the page's
    context as of that day, made the current one."""
    today = report_context.current().with_as_of(None).today
    options = ["today"] + [end.isoformat() for end in clock.past_month_ends(today, AS_OF_MONTHS)]

    def label(option: str) -> str:
        if option == "today":
            return t("as_of.today", date=format_date(today))
        end = date.fromisoformat(option)
        if clock.is_quarter_end(end):
            return t("as_of.quarter_end", quarter=f"{(end.month - 1) // 3 + 1}", year=f"{end.year}",
                     date=format_date(end))
        return t("as_of.month_end", date=format_date(end))

    chosen = url_choice(t("as_of.label"), options, "as_of", format_func=label)
    as_of = None if chosen in (None, "today") else date.fromisoformat(chosen)
    return report_context.activate(report_context.current().with_as_of(as_of))


def require_mode(*modes: str) -> None:
    """A page's mode guard, its first line: the modes it belongs to. A page run in another mode (reached some other
    way than the navigation, which does not register it there) stops before it reads anything."""
    if app_mode() not in modes:
        st.error(t("page_guard.not_in_this_mode"))
        st.stop()


def _page_key(key: str) -> str:
    return f"page_{key}"


def page_number(key: str, list_of: tuple) -> int:
    """The page (0 for the first) the reader is on in the paged list `key`; back to the first when the list itself
    changed (`list_of`: what the list is of, e.g. its area and window)."""
    kept = st.session_state.get(_page_key(key))
    return kept[1] if isinstance(kept, tuple) and kept[0] == list_of else 0


def _turn_page(key: str, list_of: tuple, number: int) -> None:
    st.session_state[_page_key(key)] = (list_of, number)


def page_controls(page: paging.Page, key: str, list_of: tuple) -> None:
    """Which rows are shown and of how many, and buttons to the previous and next page (keyboard-usable buttons, the
    list's own rerun when inside a fragment). Nothing to page through: only the count."""
    st.caption(page.text())
    if not (page.has_previous or page.has_next):
        return
    previous_column, next_column, _ = st.columns([1, 1, 3])
    previous_column.button(t("paging.previous"), key=f"{key}_previous", disabled=not page.has_previous,
                           help=t("paging.previous_help"), on_click=_turn_page,
                           args=(key, list_of, page.number - 1), width="stretch")
    next_column.button(t("paging.next"), key=f"{key}_next", disabled=not page.has_next, help=t("paging.next_help"),
                       on_click=_turn_page, args=(key, list_of, page.number + 1), width="stretch")
