"""Editor sign-in on the Data page: OIDC through st.login with an allow-list, or passwords with a back-off."""
from __future__ import annotations

import logging
import secrets
import time

import streamlit as st

from smartisland import clock
from smartisland.config import app_mode, trusted_proxy
from smartisland.editing import sign_in_guard
from smartisland.editing.auth import check_editor_password, is_editor, oidc_allow_list
from smartisland.i18n import t
from smartisland.text import markdown_text


def _secrets_section(name: str):
    """A section of st.secrets, or None when there is no secrets file or no such section."""
    try:
        return st.secrets[name] if name in st.secrets else None
    except Exception:  # no secrets.toml at all: editing is simply not configured
        return None


LOG = logging.getLogger("smartisland.sign_in")


def log_attempt(name: str, client: str, outcome: str) -> None:
    """One line a sign-in attempt: the name tried, the client, the time and the outcome; never the password."""
    LOG.warning("sign-in attempt: name=%r client=%r time=%s outcome=%s", name[:100], client, clock.now().isoformat(),
                outcome)


def editor_sign_in() -> str | None:
    """The signed-in editor's name, after asking for sign-in when needed; None when not signed in.

    OIDC through st.login when `[auth]` is configured in secrets, and then only the e-mails in
    `[editors_oidc] emails` edit; otherwise a name and password checked against the scrypt hashes in `[editors]`,
    with a back-off after wrong passwords; otherwise editing is off. Never in public mode.
    """

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
        st.warning(t("editing.not_an_editor", email=markdown_text(shown)))
        sign_out_button(shown)
        return None
    editors = _secrets_section("editors")
    if editors is None:
        st.info(t("editing.disabled"))
        return None
    if st.session_state.get("editor"):
        return st.session_state["editor"]
    # Behind a trusted proxy its forwarded address; else the connection's; locally the browser session.
    client = sign_in_guard.client_identity(st.context.ip_address, st.context.headers.get("X-Forwarded-For"),
                                           trusted_proxy(),
                                           st.session_state.setdefault("sign_in_client", secrets.token_hex(16)))
    with st.form("sign_in"):
        name = st.text_input(t("editing.name"))
        password = st.text_input(t("editing.password"), type="password")
        if st.form_submit_button(t("editing.sign_in")):
            now = time.monotonic()  # the one clock of the back-off: intervals, not dates
            keys = sign_in_guard.attempt_keys(name, client)
            guard, budget = sign_in_guard.SHARED, sign_in_guard.GLOBAL
            waiting = max(guard.seconds_blocked(keys, now), budget.seconds_blocked([sign_in_guard.GLOBAL_KEY], now))
            # While blocked the password is not even checked, so a guess in that time learns nothing.
            if waiting <= 0 and check_editor_password(name, password, editors):
                guard.record_success(keys[0])
                log_attempt(name, client, "signed_in")
                st.session_state["editor"] = name
                st.rerun()
            if waiting > 0:
                log_attempt(name, client, "held")
            else:
                guard.record_failure(keys, now)
                budget.record_failure([sign_in_guard.GLOBAL_KEY], now)
                log_attempt(name, client, "wrong_password")
                waiting = max(guard.seconds_blocked(keys, now),
                              budget.seconds_blocked([sign_in_guard.GLOBAL_KEY], now))
                st.error(t("editing.wrong_password"))
            if waiting > 0:
                st.error(t("editing.too_many_attempts", minutes=f"{sign_in_guard.minutes_to_wait(waiting)}"))
    return None


def sign_out_button(editor: str) -> None:
    if st.button(t("editing.sign_out", name=markdown_text(editor)), icon=":material/logout:"):
        if st.session_state.pop("editor", None) is None and _secrets_section("auth") is not None:
            # The browser leaves for the sign-out URL; a rerun now could drop that redirect before it is sent.
            st.logout()
        else:
            st.rerun()
