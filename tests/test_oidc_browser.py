"""OIDC sign-in end to end: a real local OpenID provider, the app with `[auth]` in its secrets, and Chromium.

Only an e-mail on the `[editors_oidc]` allow-list is offered editing; anyone else the provider signs in is refused.
"""
from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import threading
import time
import urllib.request
from urllib.parse import urlparse

import pytest
from support import ROOT
from support.browser import free_port, open_page, page_exceptions

from smartisland.text import markdown_text

EDITOR_EMAIL = "Ayu@BaliProv.go.id"  # listed in lower case: the match ignores case
STRANGER_EMAIL = "mallory@baliprov.go.id"


def as_shown(text: str) -> str:
    """Text from outside as the page shows it: escaped for Markdown, with the invisible word joiners that keep
    Streamlit from turning an e-mail into a link (smartisland/text.py)."""
    return re.sub(r"\\(.)", r"\1", markdown_text(text))


@pytest.fixture(scope="module")
def oidc_provider():
    """The provider on a free port of 127.0.0.1, in a thread of this process."""
    import oidc_provider_mock
    import werkzeug.serving

    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def oidc_app_url(oidc_provider, sample_db, tmp_path_factory):
    """The app with OIDC configured through a secrets file outside the project (`--secrets.files`)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    secrets_file = tmp_path_factory.mktemp("oidc_secrets") / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(16)}"\n'
        'client_id = "smartisland"\n'
        'client_secret = "not-a-secret-in-tests"\n'
        f'server_metadata_url = "{oidc_provider}/.well-known/openid-configuration"\n'
        "\n[editors_oidc]\n"
        f'emails = ["{EDITOR_EMAIL.lower()}"]\n', encoding="utf-8")
    environment = {**os.environ, "SMARTISLAND_DB": str(sample_db), "SMARTISLAND_MODE": "internal"}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--secrets.files", str(secrets_file)],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60  # an interval, not a date
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("the Streamlit server did not start: "
                                   + process.stderr.read().decode()[-2000:]) from None
            time.sleep(0.3)
    yield url
    process.terminate()
    process.wait(timeout=60)  # a busy machine may take a while to stop it


def _back_at_the_root(page, app_url):
    """Wait until Streamlit's sign-in or sign-out redirects have landed on the app's root and set the cookie
    (polled: on a busy machine the redirect may land before a navigation wait starts)."""
    page.wait_for_function(f"() => location.href.startsWith({app_url!r}) && location.pathname === '/'",
                           timeout=90000, polling=200)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60000)


def _end_the_session_at_the_provider(page):
    """Signing out goes through the provider's end_session_endpoint (OIDC RP-initiated logout, Streamlit 1.67);
    this provider asks to confirm, then sends the browser back to the app."""
    page.wait_for_url(lambda url: urlparse(url).path == "/oauth2/end_session", timeout=30000)
    page.get_by_role("button", name="End session").click()


def _sign_in_through_the_provider(browser, app_url, email):
    """Open the Data page, follow its sign-in button to the provider, sign in as `email`, come back."""
    page = open_page(browser, f"{app_url}/data?lang=en", own_tab=True)
    assert page_exceptions(page) == []
    page.get_by_role("button", name="Sign in with your agency account").click()
    page.wait_for_url(lambda url: urlparse(url).path != "/data", timeout=30000)
    page.wait_for_load_state()
    assert urlparse(page.url).path != "/auth/login", page.inner_text("body")[:200]  # Streamlit refused to start
    page.get_by_placeholder("sub").fill(email)
    page.get_by_role("button", name="Authorize").click()
    _back_at_the_root(page, app_url)
    page.goto(f"{app_url}/data?lang=en")
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60000)
    page.get_by_role("heading", name="Update the data").wait_for(timeout=30000)
    page.wait_for_timeout(1000)
    return page


@pytest.mark.browser
def test_a_listed_email_signs_in_through_the_provider_and_may_edit(browser, oidc_app_url):
    page = _sign_in_through_the_provider(browser, oidc_app_url, EDITOR_EMAIL)
    assert page_exceptions(page) == []
    sign_out = page.get_by_role("button", name=f"Sign out ({as_shown(EDITOR_EMAIL)})")
    sign_out.first.wait_for(timeout=30000)  # the editor's part of the page may come a rerun later on a busy machine
    assert sign_out.count() == 1
    assert page.get_by_role("button", name="Check and load").count() == 1
    assert page.get_by_role("button", name="Undo the last load").count() == 1
    assert page.get_by_text("who is not an editor").count() == 0
    page.close()


@pytest.mark.browser
def test_an_email_not_on_the_list_is_signed_in_but_may_not_edit(browser, oidc_app_url):
    page = _sign_in_through_the_provider(browser, oidc_app_url, STRANGER_EMAIL)
    assert page_exceptions(page) == []
    assert page.get_by_text(f"Signed in as {as_shown(STRANGER_EMAIL)}, who is not an editor").count() == 1
    assert page.get_by_role("button", name="Check and load").count() == 0
    assert page.get_by_role("button", name="Undo the last load").count() == 0
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    page.get_by_role("button", name=f"Sign out ({as_shown(STRANGER_EMAIL)})").click()
    _end_the_session_at_the_provider(page)
    _back_at_the_root(page, oidc_app_url)
    page.goto(f"{oidc_app_url}/data?lang=en")
    page.get_by_role("button", name="Sign in with your agency account").wait_for(timeout=30000)
    assert page.get_by_text("who is not an editor").count() == 0
    page.close()
