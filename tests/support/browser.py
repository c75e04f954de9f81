"""A live Streamlit server on a free port, and pages opened in headless Chromium."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from support import ROOT

CHROMIUM = "/usr/bin/chromium"
# Nothing outside this machine resolves, so a page that needs the internet fails as it would offline. A flag rather
# than a route on every page: a route sends each request through the test process, about a tenth of a page's load.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic",
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]
LOCAL = ("http://127.0.0.1", "http://localhost", "data:", "blob:")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db_path: Path, mode: str = "internal", environment: dict[str, str] | None = None,
                 log: Path | None = None):
    """A server on `db_path` in `mode`, with `environment`'s settings besides (SMARTISLAND_PROVINCE, say). Given a
    `log`, the server writes its errors there and leads a session of its own, to outlive the worker that starts it
    (support/shared.py)."""
    port = free_port()
    environment = {**os.environ, **(environment or {}), "SMARTISLAND_DB": str(db_path), "SMARTISLAND_MODE": mode}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL,
        stderr=log.open("wb") if log else subprocess.PIPE, start_new_session=log is not None)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60  # an interval, not a date
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    errors = log.read_bytes() if log else process.stderr.read()
    raise RuntimeError("the Streamlit server did not start: " + errors.decode()[-2000:])


# The worker's kept tab: a tab that loads page after page keeps its renderer process, where a new tab per page starts
# one again. Seven Streamlit pages took 17 s in one tab against 30 to 34 s in a new tab each (measured here; Chromium's
# CPU was about the same, 18 to 20 CPU-seconds against 13 to 21). One tab, resized as a test asks: a page left drawn
# in an idle tab still costs a tenth of a core (a map, a chart), so blank_kept_tab ends it after every test
# (tests/conftest.py).
_KEPT_TABS: dict[int, object] = {}


def kept_tab(browser, width: int = 1400, height: int = 900):
    """The worker's tab, opened at the first call and never closed by a test, with a window of this size."""
    tab = _KEPT_TABS.get(id(browser))
    if tab is None or tab.is_closed():
        tab = _KEPT_TABS[id(browser)] = browser.new_page(viewport={"width": width, "height": height})
    elif tab.viewport_size != {"width": width, "height": height}:
        tab.set_viewport_size({"width": width, "height": height})
    return tab


def blank_kept_tab() -> None:
    """Leave the page a test left in the kept tab: its Streamlit session ends and nothing on it keeps drawing."""
    for tab in _KEPT_TABS.values():
        if not tab.is_closed() and tab.url != "about:blank":
            tab.goto("about:blank")


def open_page(browser, url: str, width: int = 1400, height: int = 900, own_tab: bool = False):
    """Open `url` and wait until Streamlit has finished the script (outside addresses do not resolve). In the
    worker's kept tab (kept_tab), unless `own_tab`: a test that listens to its tab, signs in or leaves state in it
    opens its own and closes it."""
    page = browser.new_page(viewport={"width": width, "height": height}) if own_tab else kept_tab(browser, width, height)
    page.goto(url)
    # Every page of the app has a heading: a page that is "not running" before it has one has not run yet (a warm
    # tab can draw the frame before its session starts the script).
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=60000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60000)
    page.wait_for_timeout(1000)
    return page


def page_exceptions(page) -> list[str]:
    """Exceptions shown on the page, and Streamlit's "page not found" dialog, which is an error too."""
    shown = page.locator('[data-testid="stException"]').all_inner_texts()
    if page.get_by_text("Page not found").count():
        shown.append("Page not found dialog")
    return shown
