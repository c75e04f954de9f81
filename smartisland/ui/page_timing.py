"""How fast each page answers and how much it sends: the warm script run and the bytes of one run.

    SMARTISLAND_TODAY=2026-11-28 python -m smartisland.tools.page_timing [--repeats 3] [--lang id] [--out FILE]

It lives in the UI layer because it drives Streamlit (AppTest); smartisland.tools.page_timing is its entry.

Each page runs in Streamlit's AppTest (app.py's frame, then the page, as a link opens it): one warm-up run, then
`repeats` timed runs whose median is reported. The bytes are the serialized size of the ForwardMsgs one run
enqueues for the browser, after Streamlit's own queue has merged updates to the same element, as its server
does before sending: a measure of what a page costs the wire, charts and tables included.
Speed is measured here and not in the tests, because shared machines make timed tests flaky.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("overview", "tracker", "connectivity", "spbe", "services", "data", "transparency")


@dataclass(frozen=True)
class PageTiming:
    page: str
    warm_run_ms: float
    runs_ms: tuple[float, ...]
    warm_cpu_ms: float  # the script thread's CPU time: steadier than wall time on a busy shared machine
    bytes_sent: int
    messages: int


def message_bytes(messages) -> int:
    """The bytes of serialized protobuf messages, as they go over the websocket."""
    return sum(message.ByteSize() for message in messages)


@contextmanager
def recording_messages(cpu_ms: list[float] | None = None) -> Iterator[list[list]]:
    """Every AppTest run inside the block appends the ForwardMsgs it produced (one list a run), and the CPU time
    of its script thread to `cpu_ms` when given."""
    from streamlit.testing.v1 import app_test, local_script_runner

    runs: list[list] = []
    # AppTest makes a new ScriptCache for every run, so it compiles the page scripts each time; the server compiles
    # them once. One cache for the block measures the page, not the compiler.
    original_cache = app_test.ScriptCache
    shared_cache = original_cache()
    original_run = local_script_runner.LocalScriptRunner.run
    original_script = local_script_runner.LocalScriptRunner._run_script

    def run(self, *args, **kwargs):
        tree = original_run(self, *args, **kwargs)
        runs.append(list(self.forward_msgs()))
        return tree

    def run_script(self, *args, **kwargs):
        started = time.thread_time()
        try:
            return original_script(self, *args, **kwargs)
        finally:
            if cpu_ms is not None:
                cpu_ms.append((time.thread_time() - started) * 1000)

    local_script_runner.LocalScriptRunner.run = run
    local_script_runner.LocalScriptRunner._run_script = run_script
    app_test.ScriptCache = lambda: shared_cache
    try:
        yield runs
    finally:
        local_script_runner.LocalScriptRunner.run = original_run
        local_script_runner.LocalScriptRunner._run_script = original_script
        app_test.ScriptCache = original_cache


def median_ms(timings: list[float]) -> float:
    return round(statistics.median(timings), 1)


def time_page(page: str, repeats: int = 3, language: str = "en", query: dict | None = None) -> PageTiming:
    """One page's warm script run (median of `repeats` after a warm-up) and the bytes of its last run."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.query_params["lang"] = language
    for name, value in (query or {}).items():
        app.query_params[name] = value
    cpu_ms: list[float] = []
    with recording_messages(cpu_ms) as runs:
        app.run()
        app.switch_page(f"app_pages/{page}.py")
        app.run()  # the warm-up: the page's queries are cached from here on
        if app.exception:
            raise RuntimeError(f"{page}: {[item.value for item in app.exception]}")
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            app.run()
            timings.append((time.perf_counter() - started) * 1000)
    last = runs[-1]
    return PageTiming(page, median_ms(timings), tuple(round(value, 1) for value in timings),
                      median_ms(cpu_ms[-repeats:]), message_bytes(last), len(last))


@dataclass(frozen=True)
class InteractionTiming:
    what: str
    median_ms: float
    runs_ms: tuple[float, ...]
    bytes_received: int  # websocket bytes the browser received for the last interaction


CHROMIUM = "/usr/bin/chromium"
SCRIPT_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def time_what_if_in_browser(base_url: str, repeats: int = 5, language: str = "en") -> InteractionTiming:
    """In Chromium: raise an SPBE what-if level with its + button, and time the click until the what-if index
    shows its new value, with the websocket bytes that answer brought."""
    from playwright.sync_api import sync_playwright

    received: list[int] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("websocket", lambda socket: socket.on(
            "framereceived", lambda payload: received.append(len(payload) if payload else 0)))
        page.goto(f"{base_url}/spbe?lang={language}")
        page.wait_for_selector(SCRIPT_DONE, timeout=60000)
        page.wait_for_timeout(1000)
        # The what-if is the last part of the page: wait until the browser has drawn its inputs.
        page.locator('[data-testid="stNumberInput"]').first.wait_for(timeout=120000)
        metric = page.locator('[data-testid="stMetric"]').filter(has_text="What-if index" if language == "en"
                                                                    else "Indeks bagaimana-jika").first
        steps_down = page.locator('[data-testid="stNumberInputStepDown"]')
        steps_up = page.locator('[data-testid="stNumberInputStepUp"]')
        timings = []
        for repeat in range(repeats):
            # Down then up on the first indicator whose level can go down: each click changes the index.
            button = (steps_down if repeat % 2 == 0 else steps_up).nth(0)
            button.scroll_into_view_if_needed()
            before = metric.inner_text()
            received.clear()
            started = time.perf_counter()
            button.click()
            page.wait_for_function("([element, before]) => element.innerText !== before",
                                   arg=[metric.element_handle(), before], timeout=30000)
            timings.append((time.perf_counter() - started) * 1000)
            page.wait_for_selector(SCRIPT_DONE, timeout=30000)
            page.wait_for_timeout(300)
        browser.close()
    return InteractionTiming("spbe what-if", median_ms(timings), tuple(round(value, 1) for value in timings),
                             sum(received))


def page_queries(page: str, language: str = "en") -> list[tuple[str, dict]]:
    """The named queries one run of a page asks the warehouse for (through run_query, its cache emptied first),
    each once, in the order asked: what the page costs the engine."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from smartisland.ui import queries

    recorded: list[tuple[str, dict]] = []
    original = queries.execute_query

    def recording(connection, name, **params):
        if (name, params) not in recorded:
            recorded.append((name, params))
        return original(connection, name, **params)

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    app.query_params["lang"] = language
    queries.execute_query = recording
    try:
        app.run()  # the frame and the default page: forgotten, so that the page's own run asks for all it needs
        st.cache_data.clear()
        st.cache_resource.clear()  # the built maps too (smartisland/ui/maps.py), kept per warehouse file
        recorded.clear()
        app.switch_page(f"app_pages/{page}.py")
        app.run()
    finally:
        queries.execute_query = original
    if app.exception:
        raise RuntimeError(f"{page}: {[item.value for item in app.exception]}")
    return recorded


@contextmanager
def serving(db_path: Path, port: int, today: str = "2026-11-28", script: Path = ROOT / "app.py") -> Iterator[str]:
    """A Streamlit server of this app (or of another `script`: FLOOR_PAGE) on `db_path`, headless, for the browser
    timings; its base URL."""
    import subprocess
    import urllib.request

    environment = {**os.environ, "SMARTISLAND_DB": str(db_path), "SMARTISLAND_TODAY": today}
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.port",
                                str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                               env=environment, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base_url = f"http://localhost:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)


# Streamlit's own floor: a page that draws one line of text, served alone, loaded as a page of the app is.
FLOOR_PAGE = ROOT / "smartisland" / "ui" / "floor_page.py"


def _launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])


def _first_load(browser, url: str) -> tuple[float, int]:
    """One first load in a new browser session (a fresh context: no cookies, no cache) until a title is drawn and
    the script has finished: milliseconds, and the bytes the browser received over HTTP bodies and the websocket."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    received = [0]
    page.on("websocket", lambda socket: socket.on(
        "framereceived", lambda payload: received.__setitem__(0, received[0] + (len(payload) if payload else 0))))
    started = time.perf_counter()
    page.goto(url)
    page.locator("h1").first.wait_for(timeout=180000)
    page.wait_for_selector(SCRIPT_DONE, timeout=180000)
    elapsed = (time.perf_counter() - started) * 1000
    context.close()
    return elapsed, received[0]


def time_first_loads_in_browser(base_url: str, pages: tuple[str, ...] = PAGES, repeats: int = 5,
                                language: str = "en") -> dict[str, dict]:
    """In Chromium, each page opened in a new browser session until its title is drawn and its script has
    finished: the median and each run in milliseconds, and the median websocket bytes received (a warm-up load of
    every page first, so that the server's query cache is filled as in use)."""
    from playwright.sync_api import sync_playwright

    from smartisland.ui.navigation import PAGES as ENTRIES

    urls = {entry.url_path: entry.url for entry in ENTRIES}
    results = {}
    with sync_playwright() as playwright:
        browser = _launch(playwright)
        for page_name in pages:
            url = f"{base_url}/{urls[page_name]}?lang={language}"
            _first_load(browser, url)
            runs = [_first_load(browser, url) for _ in range(repeats)]
            results[page_name] = {"median_ms": median_ms([ms for ms, _ in runs]),
                                  "runs_ms": [round(ms, 1) for ms, _ in runs],
                                  "websocket_bytes": int(statistics.median(size for _, size in runs))}
        browser.close()
    return results


def time_floor_in_browser(base_url: str, repeats: int = 5) -> dict:
    """Streamlit's floor (FLOOR_PAGE served at `base_url`), loaded as time_first_loads_in_browser loads a page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = _launch(playwright)
        _first_load(browser, base_url)
        runs = [_first_load(browser, base_url) for _ in range(repeats)]
        browser.close()
    return {"median_ms": median_ms([ms for ms, _ in runs]), "runs_ms": [round(ms, 1) for ms, _ in runs],
            "websocket_bytes": int(statistics.median(size for _, size in runs))}


QUIET_SECONDS = 0.5  # no websocket frame for this long, the script done: the page has settled


def _timed(page, action) -> tuple[float, int, float]:
    """From an input to the last websocket frame of the answer (the page settled: nothing more came for
    QUIET_SECONDS and no script or fragment runs), and the bytes of those frames. By the frames, not the script's
    state, so that a fragment's rerun is timed as a whole page's is. The input is the first message the browser sends
    once `action` has begun: `action`'s own clicks (opening a list, Playwright waiting for the option to be still)
    are the test's way of choosing, not the app's time; their time is the third figure, the whole from the action's
    start."""
    page.frame_times.clear()
    page.sent_times.clear()
    page.received_bytes = 0
    started = time.perf_counter()
    action()
    deadline = started + 120
    while time.perf_counter() < deadline:
        page.wait_for_timeout(50)
        if page.frame_times and time.perf_counter() - page.frame_times[-1] > QUIET_SECONDS \
                and page.locator(SCRIPT_DONE).count():
            answered = page.frame_times[-1]
            sent = page.sent_times[0] if page.sent_times else started
            return (answered - sent) * 1000, page.received_bytes, (answered - started) * 1000
    raise TimeoutError("the page did not settle in 120 s")


def _choose(page, label: str, position: int) -> None:
    """Pick the option at `position` (0: the first) in the selectbox labelled `label`."""
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first.click()
    page.locator('[role="option"]').nth(position).click()


def time_interactions_in_browser(base_url: str, repeats: int = 5, language: str = "en") -> dict[str, dict]:
    """In Chromium, on a warm server: each interaction of issue 25 from the input to the end of the run it starts
    (medians of `repeats`, after one untimed go), with the websocket bytes of its answer. An interaction that fails
    reports its error instead."""
    from playwright.sync_api import sync_playwright

    from smartisland.i18n import translations

    results: dict[str, dict] = {}

    def measure(name: str, page, actions: list) -> None:
        try:
            _timed(page, actions[0])
            runs = [_timed(page, actions[(number + 1) % len(actions)]) for number in range(repeats)]
            results[name] = {"median_ms": median_ms([ms for ms, _, _ in runs]),
                             "runs_ms": [round(ms, 1) for ms, _, _ in runs],
                             "with_clicks_median_ms": median_ms([ms for _, _, ms in runs]),
                             "websocket_bytes": int(statistics.median(size for _, size, _ in runs))}
        except Exception as error:  # a benchmark reports what it could not measure and goes on
            results[name] = {"error": str(error).splitlines()[0][:200]}

    def open_page(browser, path: str):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.received_bytes = 0
        page.frame_times = []
        page.sent_times = []

        def count(payload):
            page.frame_times.append(time.perf_counter())
            page.received_bytes += len(payload) if payload else 0

        def listen(socket):
            socket.on("framereceived", count)
            socket.on("framesent", lambda payload: page.sent_times.append(time.perf_counter()))

        page.on("websocket", listen)
        page.goto(f"{base_url}/{path}")
        page.wait_for_selector(SCRIPT_DONE, timeout=180000)
        page.locator("h1").first.wait_for(timeout=180000)
        page.wait_for_timeout(1000)
        return page

    with sync_playwright() as playwright:
        browser = _launch(playwright)
        page = open_page(browser, f"connectivity?lang={language}")
        regency = translations("connectivity.filter.regency")[language]
        # The second and third options: two regencies (the first is the whole province).
        measure("connectivity regency choice", page, [lambda: _choose(page, regency, 1),
                                                      lambda: _choose(page, regency, 2)])
        sections = page.locator('[data-testid="stButtonGroup"] button')
        measure("connectivity section switch", page, [lambda: sections.nth(1).click(), lambda: sections.nth(0).click()])
        page.close()
        page = open_page(browser, f"services?lang={language}")
        area = translations("services.filter.area")[language]
        measure("services area filter", page, [lambda: _choose(page, area, 1), lambda: _choose(page, area, 2)])
        page.close()
        page = open_page(browser, f"?lang={language}")  # the overview, the app's home
        names = {"id": "Bahasa Indonesia", "en": "English"}
        options = page.locator('[data-testid="stRadioOption"]')
        measure("language switch", page, [lambda: options.filter(has_text=names["id"]).first.click(),
                                          lambda: options.filter(has_text=names["en"]).first.click()])
        page.close()
        browser.close()
    try:
        what_if = time_what_if_in_browser(base_url, repeats, language)
        results["spbe what-if"] = {"median_ms": what_if.median_ms, "runs_ms": list(what_if.runs_ms),
                                   "websocket_bytes": what_if.bytes_received}
    except Exception as error:
        results["spbe what-if"] = {"error": str(error).splitlines()[0][:200]}
    return results


def table(timings: list[PageTiming]) -> str:
    lines = ["| page | warm run (ms, median) | its CPU (ms) | bytes sent |", "|---|---:|---:|---:|"]
    lines += [f"| {timing.page} | {timing.warm_run_ms:.0f} | {timing.warm_cpu_ms:.0f} | {timing.bytes_sent:,} |"
              for timing in timings]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--lang", default="en", choices=("id", "en"))
    parser.add_argument("--pages", nargs="*", default=list(PAGES))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--browser-url", help="a running app (e.g. http://localhost:8501): also time the SPBE "
                        "what-if in Chromium")
    args = parser.parse_args(argv)
    os.environ.setdefault("SMARTISLAND_TODAY", "2026-11-28")
    timings = [time_page(page, args.repeats, args.lang) for page in args.pages]
    print(table(timings))
    report = {"pages": [asdict(timing) for timing in timings]}
    if args.browser_url:
        interaction = time_what_if_in_browser(args.browser_url.rstrip("/"), language=args.lang)
        print(f"{interaction.what}: {interaction.median_ms:.0f} ms median ({interaction.runs_ms}), "
              f"{interaction.bytes_received:,} bytes received")
        report["interactions"] = [asdict(interaction)]
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
