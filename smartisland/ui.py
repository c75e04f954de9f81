"""The Streamlit side of the shared frame: language, data badge, navigation, and small display helpers."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from smartisland import clock, db
from smartisland.config import app_mode, warehouse_path
from smartisland.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_date, set_language, t
from smartisland.navigation import pages_for_mode

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def init_language() -> str:
    """The language from the URL (`?lang=en`), else this session's choice, else Indonesian; kept in the URL."""
    from_url = st.query_params.get("lang")
    if from_url in LANGUAGES:
        st.session_state["language"] = from_url
    language = set_language(st.session_state.get("language", DEFAULT_LANGUAGE))
    st.session_state["language"] = language
    _set_query_param("lang", None if language == DEFAULT_LANGUAGE else language)
    return language


def _set_query_param(name: str, value: str | None) -> None:
    """Change the URL only when it differs: a needless write during the first run makes Streamlit's
    frontend report "page not found" for a page reached by its own URL."""
    if value is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def _on_language_change() -> None:
    st.session_state["language"] = st.session_state["language_choice"]
    _set_query_param("lang", None if st.session_state["language"] == DEFAULT_LANGUAGE else st.session_state["language"])


def language_switch(language: str) -> None:
    st.session_state["language_choice"] = language
    st.sidebar.radio(t("common.language"), LANGUAGES, key="language_choice", format_func=LANGUAGE_NAMES.get,
                     horizontal=True, on_change=_on_language_change)


def build_navigation():
    """The `st.navigation` of this mode, sections in the order of the registry."""
    sections: dict[str, list] = {}
    for entry in pages_for_mode(app_mode()):
        page = st.Page(entry.script, title=t(entry.title_key), icon=entry.icon, url_path=entry.url_path,
                       default=entry.is_default)
        sections.setdefault(t(entry.section), []).append(page)
    return st.navigation(sections)


@dataclass(frozen=True)
class DataState:
    """Which data the app runs on, for the badge and for captions."""
    is_sample: bool
    is_mixed: bool
    data_through: object
    last_loaded_at: object


def data_state() -> DataState | None:
    try:
        row = db.run_query("data_origin").iloc[0]
    except db.WarehouseMissing:
        return None
    from_sample, from_files = int(row["fact_datasets_from_sample"]), int(row["fact_datasets_from_files"])
    return DataState(from_sample > 0, from_sample > 0 and from_files > 0, row["data_through"], row["last_loaded_at"])


def data_badge() -> None:
    state = data_state()
    if state is None:
        return
    label = t("common.mixed_badge") if state.is_mixed else (t("common.sample_badge") if state.is_sample
                                                            else t("common.loaded_badge"))
    through = t("common.as_of", date=format_date(state.data_through, style="month"))
    if state.is_sample:
        st.sidebar.warning(f"**{label}**  \n{through}", icon=":material/science:")
    else:
        st.sidebar.success(f"**{label}**  \n{through}", icon=":material/verified:")


def sidebar(language: str) -> None:
    st.sidebar.caption(t("app.subtitle"))
    language_switch(language)
    data_badge()


def require_warehouse() -> None:
    """Stop the page with a clear message when there is no warehouse to read."""
    if db.warehouse_version() is None:
        st.error(t("common.warehouse_missing", path=warehouse_path()))
        st.stop()


def sample_notice() -> None:
    """Say, on a page, that its invented figures are sample data."""
    state = data_state()
    if state is not None and state.is_sample:
        st.caption(f":material/science: {t('common.sample_notice')}")


def localized_table(frame: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Only the named columns, renamed to their labels in the current language."""
    return frame[list(labels)].rename(columns={name: t(key) for name, key in labels.items()})


def download_button(frame: pd.DataFrame, file_name: str, key: str) -> None:
    """A CSV download of `frame`, formula-like text cells neutralised (smartisland/safe_csv.py)."""
    from smartisland.safe_csv import csv_bytes

    st.download_button(t("common.download_csv"), csv_bytes(frame), file_name=file_name,
                       mime="text/csv", key=key, icon=":material/download:")


def show_chart(figure, table: pd.DataFrame | None = None, key: str | None = None) -> None:
    """A chart and, for screen readers and for checking, its numbers as a table under it."""
    st.plotly_chart(figure, width="stretch", key=key, config={"displaylogo": False})
    if table is not None:
        with st.expander(t("common_extra.chart_data")):
            st.dataframe(table, hide_index=True, width="stretch")


def remember_page(page) -> None:
    """Which page runs now, so that choices kept per page do not leak into another page's widgets."""
    st.session_state["current_page"] = page.url_path or "default"


def _choice_key(param: str) -> str:
    return f"url_{st.session_state.get('current_page', 'default')}_{param}"


def url_choice(label: str, options: list, param: str, default=None, format_func=str, widget=None, **kwargs):
    """A choice kept in the URL (`?param=value`), so that a link opens the same view."""
    widget = widget or st.selectbox
    if not options:
        return None
    wanted = st.query_params.get(param)
    by_text = {str(option): option for option in options}
    current = by_text.get(wanted, default if default in options else options[0])
    session_key = _choice_key(param)
    # In current Streamlit a widget's key is its whole identity: when the options change (months instead of
    # quarters), start again from the URL or the default rather than keep a value that means something else.
    shown_options = tuple(by_text)
    if (session_key not in st.session_state or st.session_state[session_key] not in options
            or st.session_state.get(f"{session_key}_options") != shown_options):
        st.session_state[session_key] = current
    st.session_state[f"{session_key}_options"] = shown_options
    # Labels are computed now, in this run's language; a format_func called later (by a test harness, in
    # another thread) would not know the language.
    labels = {option: str(format_func(option)) for option in options}
    chosen = widget(label, options, key=session_key, format_func=labels.__getitem__, **kwargs)
    # The default stays out of the URL, so that a plain link stays plain.
    fallback = default if default in options else options[0]
    _set_query_param(param, None if chosen is None or (chosen == fallback and wanted is None) else str(chosen))
    return chosen


def url_choices(label: str, options: list, param: str, format_func=str, **kwargs) -> list:
    """A multiple choice kept in the URL as a comma-separated list (empty means all)."""
    wanted = [item for item in st.query_params.get(param, "").split(",") if item]
    by_text = {str(option): option for option in options}
    session_key = _choice_key(param)
    if session_key not in st.session_state:
        st.session_state[session_key] = [by_text[item] for item in wanted if item in by_text]
    kwargs.setdefault("placeholder", t("common_extra.all"))
    labels = {option: str(format_func(option)) for option in options}
    chosen = st.multiselect(label, options, key=session_key, format_func=labels.__getitem__, **kwargs)
    _set_query_param(param, ",".join(str(item) for item in chosen) if chosen else None)
    return chosen


@st.cache_data(max_entries=8, show_spinner=False)
def _scorecard(version: tuple, today, as_of, public_only: bool):
    from smartisland.scorecard import build_scorecard

    definitions = db.run_query("kpi_definitions")
    if public_only:
        definitions = definitions[definitions["is_public"]].reset_index(drop=True)
    return build_scorecard(definitions, db.run_query, today, as_of)


def scorecard(as_of: date | None = None):
    """Every KPI assessed today, or as it stood on `as_of` (cached per warehouse file and day); only public
    KPIs in public mode."""
    return _scorecard(db.warehouse_version(), as_of or clock.today(), as_of, app_mode() == "public")


AS_OF_MONTHS = 24


def as_of_choice() -> date | None:
    """The day a report shows: today (None), or the end of one of the last 24 months, kept in the URL."""
    today = clock.today()
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
    return None if chosen in (None, "today") else date.fromisoformat(chosen)


STATUS_BADGE_COLOURS = {"achieved": "green", "on_track": "blue", "at_risk": "orange", "off_track": "red",
                        "overdue": "violet", "no_data": "gray"}


def status_badge(status: str) -> str:
    """Markdown for a status: a coloured badge holding a symbol and a word, never colour alone."""
    from smartisland.kpi_display import status_label

    return f":{STATUS_BADGE_COLOURS[status]}-badge[{status_label(status)}]"


def kpi_tile(row) -> None:
    """One KPI at a glance: value, change, trend, status in words, staleness, target, forecast, period, source."""
    from smartisland.kpi_display import (format_kpi_change, format_kpi_value, forecast_short, kpi_name,
                                         period_label, source_text)
    from smartisland.text import markdown_text

    change = row["change"]
    has_change = change is not None and not pd.isna(change) and change != 0
    delta = format_kpi_change(change, row["unit"]).replace("−", "-") if has_change else None
    with st.container(border=True):
        st.markdown(f"**{markdown_text(kpi_name(row))}**")
        st.metric(markdown_text(kpi_name(row)), format_kpi_value(row["latest_value"], row["unit"]), delta=delta,
                  label_visibility="collapsed",
                  delta_color="normal" if row["direction"] == "higher" else "inverse",
                  chart_data=row["sparkline"] if len(row["sparkline"]) > 2 else None, chart_type="line")
        if not has_change:
            st.caption(t("kpi.unchanged") if change == 0 else t("kpi.no_change"))
        badges = status_badge(row["status"])
        if row["is_stale"]:
            badges += f" :gray-badge[⚠ {t('status.stale')}]"
        st.markdown(badges)
        st.caption(t("kpi.target_line", target=format_kpi_value(row["target_value"], row["unit"]),
                     date=format_date(row["target_date"], style="month")) + "  \n"
                   + t("kpi.forecast_label", forecast=forecast_short(row["forecast_kind"], row["forecast_date"])))
        st.caption(t("kpi.period_source", period=period_label(row["latest_date"], row["update_frequency"]),
                     source=source_text(row, markdown=True)))


def _secrets_section(name: str):
    """A section of st.secrets, or None when there is no secrets file or no such section."""
    try:
        return st.secrets[name] if name in st.secrets else None
    except Exception:  # no secrets.toml at all: editing is simply not configured
        return None


def _as_plain_text(text: str) -> str:
    """A name from secrets or the identity provider, with Markdown's special characters escaped."""
    import re

    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$:])", r"\\\1", text)


def editor_sign_in() -> str | None:
    """The signed-in editor's name, after asking for sign-in when needed; None when not signed in.

    OIDC through st.login when `[auth]` is configured in secrets, and then only the e-mails in
    `[editors_oidc] emails` edit; otherwise a name and password checked against the scrypt hashes in `[editors]`,
    with a back-off after wrong passwords; otherwise editing is off. Never in public mode.
    """
    import secrets
    import time

    from smartisland import sign_in_guard
    from smartisland.auth import check_editor_password, is_editor, oidc_allow_list

    if app_mode() == "public":
        return None
    if _secrets_section("auth") is not None:
        allow_list = oidc_allow_list(_secrets_section("editors_oidc"))
        if not allow_list:
            st.info(t("editing.no_oidc_editors"))
        if not st.user.get("is_logged_in", False):  # the attribute is missing where no server signs in (AppTest)
            if allow_list:
                st.button(t("editing.sign_in_oidc"), on_click=st.login, icon=":material/login:")
            return None
        email = str(st.user.get("email") or "")
        # An e-mail the provider says it has not verified could be anyone's: it does not make an editor.
        if is_editor(email, allow_list) and st.user.get("email_verified") is not False:
            return email
        shown = email or str(st.user.get("name") or st.user.get("sub") or "?")
        st.warning(t("editing.not_an_editor", email=_as_plain_text(shown)))
        sign_out_button(shown)
        return None
    editors = _secrets_section("editors")
    if editors is None:
        st.info(t("editing.disabled"))
        return None
    if st.session_state.get("editor"):
        return st.session_state["editor"]
    # Behind a proxy on the same machine, or locally, there is no client address: the session stands in.
    client = st.context.ip_address or st.session_state.setdefault("sign_in_client", secrets.token_hex(16))
    with st.form("sign_in"):
        name = st.text_input(t("editing.name"))
        password = st.text_input(t("editing.password"), type="password")
        if st.form_submit_button(t("editing.sign_in")):
            now = time.monotonic()  # the one clock of the back-off: intervals, not dates
            keys = [sign_in_guard.name_key(name), sign_in_guard.client_key(client)]
            guard = sign_in_guard.SHARED
            waiting = guard.seconds_blocked(keys, now)
            # While blocked the password is not even checked, so a guess in that time learns nothing.
            if waiting <= 0 and check_editor_password(name, password, editors):
                guard.record_success(keys[0])
                st.session_state["editor"] = name
                st.rerun()
            if waiting <= 0:
                guard.record_failure(keys, now)
                waiting = guard.seconds_blocked(keys, now)
                st.error(t("editing.wrong_password"))
            if waiting > 0:
                st.error(t("editing.too_many_attempts", minutes=f"{sign_in_guard.minutes_to_wait(waiting)}"))
    return None


def sign_out_button(editor: str) -> None:
    if st.button(t("editing.sign_out", name=_as_plain_text(editor)), icon=":material/logout:"):
        if st.session_state.pop("editor", None) is None and _secrets_section("auth") is not None:
            # The browser leaves for the sign-out URL; a rerun now could drop that redirect before it is sent.
            st.logout()
        else:
            st.rerun()


def show_load_result(result) -> None:
    """Rows loaded, or every problem as a table (file, row, column, value, problem) in the user's language."""
    from smartisland.text import markdown_text

    if result.ok:
        st.success("  \n".join(t("load.loaded", dataset=t(f"dataset.{record.dataset}"), rows=f"{record.rows}",
                                 file=markdown_text(record.file_name)) for record in result.loaded))
        return
    st.error(t("load.refused", count=result.total_problems))
    st.dataframe(pd.DataFrame([{
        t("editing.column_file"): problem.file, t("editing.column_row"): problem.row,
        t("editing.column_column"): problem.column or "", t("editing.column_value"): problem.value or "",
        t("editing.column_problem"): t(f"problem.{problem.code}", **_readable_params(problem.params)),
    } for problem in result.problems]), hide_index=True, width="stretch")


def _readable_params(params) -> dict:
    """Dataset names in a problem, as the user sees them in the app (the command line keeps the file names)."""
    from smartisland.i18n import has_key

    return {name: t(f"dataset.{value}") if name in ("other", "dataset") and has_key(f"dataset.{value}") else value
            for name, value in params}
