"""A page runs once on a desktop and at most once more on a phone (the screen's width is only known in the browser): Chromium
counts the runs of the overview's script by the app's own running/not-running mark."""
import pytest

pytestmark = pytest.mark.browser

# Each change of the app's mark to "running" is one run of the page's script.
COUNT_RUNS = """
window.pageRuns = 0;
new MutationObserver(() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app && app.getAttribute("data-test-script-state");
  if (state === "running" && window.lastScriptState !== "running") window.pageRuns += 1;
  window.lastScriptState = state;
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-test-script-state"], childList: true});
"""
SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'


# On a phone the viewport's report reruns the page: a second run, or, when it comes while the first is still
# running, the first run restarted (one unbroken "running" then). On a desktop nothing may rerun it.
@pytest.mark.parametrize("width, runs", [(1440, {1}), (390, {1, 2})])
def test_the_overview_runs_once_on_a_desktop_and_at_most_once_more_on_a_phone(app_url, browser, width, runs):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.add_init_script(COUNT_RUNS)
    page.goto(f"{app_url}/?lang=en")
    page.locator("h1").first.wait_for(timeout=120000)
    page.wait_for_selector(SETTLED, timeout=120000)
    page.wait_for_timeout(4000)  # long enough for a rerun the viewport's report would start
    page.wait_for_selector(SETTLED, timeout=120000)
    assert page.evaluate("window.pageRuns") in runs
    page.close()
