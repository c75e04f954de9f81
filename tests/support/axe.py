"""axe-core in a Playwright page: the WCAG 2.0, 2.1 and 2.2 A and AA rules, run on whatever page is open (a
Streamlit page or a static one). axe.min.js (axe-core 4.11.0, MPL-2.0, its licence beside it in tests/support/axe/)
is committed, so the check runs on a fresh machine without the network."""
from __future__ import annotations

from pathlib import Path

AXE_SCRIPT = Path(__file__).resolve().parent / "axe" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
BLOCKING_IMPACTS = ("serious", "critical")

_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(violation => ({
    id: violation.id, impact: violation.impact, help: violation.help,
    nodes: violation.nodes.map(node => node.target.join(" ") + " :: " + node.html.slice(0, 300)),
  }));
}"""


def axe_violations(page, impacts: tuple[str, ...] = BLOCKING_IMPACTS) -> list[dict]:
    """The axe-core violations of the open page whose impact is one of `impacts` (serious and critical unless
    told), each `{id, impact, help, nodes}`: an empty list when the page passes. The page must have settled:
    axe reads colours as they are drawn, and a page mid-rerun is drawn faded."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which a page's Content-Security-Policy does not block (a script
        # tag would be, on the static site served with its CSP).
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    return [violation for violation in page.evaluate(_RUN, list(WCAG_TAGS)) if violation["impact"] in impacts]


def settle_streamlit(page, timeout_ms: int = 60000) -> None:
    """Wait until a Streamlit page has finished its reruns (a phone's narrow-screen rerun, a fragment's) and
    nothing on it is drawn as stale: no script running and no stale element, twice half a second apart."""
    deadline_checks = timeout_ms // 500
    quiet = 0
    for _ in range(deadline_checks):
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)
        busy = page.evaluate("""() => document.querySelectorAll('[data-stale="true"]').length > 0
            || document.querySelector('[data-testid="stApp"]').getAttribute("data-test-script-state") !== "notRunning"
            || document.querySelectorAll('[data-testid="stSkeleton"], [data-testid="stSpinner"]').length > 0""")
        quiet = 0 if busy else quiet + 1
        if quiet >= 2:
            return
        page.wait_for_timeout(500)
    raise AssertionError(f"the page did not settle within {timeout_ms} ms: {page.url}")
