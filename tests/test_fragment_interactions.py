"""Issue 25: a regency choice, a section switch and a Services area choice rerun the part of the page they change (a
fragment), not the app. In Chromium: the rerun asked for is a fragment's, the app's frame (navigation, page config)
is not sent again, and the page then shows the chosen area's figures, in the page's language, the choice in the
URL, as a whole run of the page with that URL does (AppTest)."""
import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from support.apptest import run_page
from support.browser import page_exceptions

from smartisland.db import execute_query, reading
from smartisland.i18n import translations
from smartisland.report_context import ReportContext, using
from smartisland.services import sections as services_sections

BANGLI = "51.06"
SCRIPT_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
pytestmark = pytest.mark.browser


def _open_recording(browser, url: str):
    """A page at `url` whose websocket messages are kept: (page, messages sent, messages received)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    sent: list[BackMsg] = []
    received: list[ForwardMsg] = []

    def parsed(kind, payload):
        message = kind()
        message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
        return message

    page.on("websocket", lambda socket: (
        socket.on("framesent", lambda payload: sent.append(parsed(BackMsg, payload))),
        socket.on("framereceived", lambda payload: received.append(parsed(ForwardMsg, payload)))))
    page.goto(url)
    page.wait_for_selector(SCRIPT_DONE, timeout=60000)
    page.wait_for_timeout(1000)
    return page, sent, received


def _answer(page, sent, received, action, url_has: str) -> tuple[list, set]:
    """Do `action`, wait for its run to end with `url_has` in the URL: the reruns asked for, the kinds of message
    sent back."""
    sent.clear()
    received.clear()
    action()
    page.wait_for_function(f"window.location.search.includes({url_has!r})", timeout=60000)
    page.wait_for_timeout(300)
    page.wait_for_selector(SCRIPT_DONE, timeout=60000)
    reruns = [message.rerun_script for message in sent if message.WhichOneof("type") == "rerun_script"]
    return reruns, {message.WhichOneof("type") for message in received}


def _choose(page, label: str, option: str) -> None:
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first.click()
    page.locator('[role="option"]').filter(has_text=option).first.click()


def _metric(page, label: str) -> str:
    return page.locator('[data-testid="stMetric"]').filter(has_text=label).first.locator(
        '[data-testid="stMetricValue"]').inner_text()


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_regency_choice_and_a_section_switch_rerun_their_fragment_with_the_right_figures(
        monkeypatch, browser, app_url, sample_db, language):
    expected = run_page(monkeypatch, sample_db, "app_pages/connectivity.py", language, query={"regency": BANGLI})
    installed = translations("kpi_labels.points_installed")[language]
    bangli_installed = next(metric.value for metric in expected.metric if metric.label == installed)
    province = run_page(monkeypatch, sample_db, "app_pages/connectivity.py", language)
    assert next(metric.value for metric in province.metric if metric.label == installed) != bangli_installed

    page, sent, received = _open_recording(browser, f"{app_url}/connectivity?lang={language}")
    reruns, kinds = _answer(page, sent, received, lambda: _choose(
        page, translations("connectivity.filter.regency")[language], "Kabupaten Bangli"), f"regency={BANGLI}")
    assert reruns and all(rerun.fragment_id for rerun in reruns)  # a fragment's rerun, not the app's
    assert "navigation" not in kinds and "page_config_changed" not in kinds
    assert _metric(page, installed) == bangli_installed  # the headline follows the choice
    assert page.locator("h1").first.inner_text() == expected.title[0].value  # the page's frame stays
    body_fragment = reruns[0].fragment_id

    wifi = translations("connectivity.tab.wifi")[language]
    reruns, kinds = _answer(page, sent, received,
                            lambda: page.locator('[data-testid="stButtonGroup"] button').filter(has_text=wifi).click(),
                            "section=wifi")
    assert reruns and all(rerun.fragment_id and rerun.fragment_id != body_fragment for rerun in reruns)
    assert "navigation" not in kinds
    assert f"regency={BANGLI}" in page.evaluate("window.location.search")
    assert _metric(page, installed) == bangli_installed  # the headline above the sections is left as it was
    # the Wi-Fi section is drawn in the page's language, its charts with it
    page.get_by_text(translations("connectivity.wifi.in_service_title")[language]).first.wait_for(timeout=60000)
    page.locator('[data-testid="stPlotlyChart"]').nth(2).wait_for(timeout=60000)
    assert page_exceptions(page) == []
    page.close()


def test_a_services_area_choice_reruns_its_fragment_with_the_area_s_figures(monkeypatch, browser, app_url,
                                                                               sample_db):
    with reading(sample_db) as connection:
        context = ReportContext(lambda name, **params: execute_query(connection, name, **params), "id")
        with using(context):
            code, label = list(services_sections.choices(context).area_labels.items())[1]
    expected = run_page(monkeypatch, sample_db, "app_pages/services.py", query={"area": code})
    online = translations("services.summary.online")["id"]
    heading = expected.subheader[0].value

    page, sent, received = _open_recording(browser, f"{app_url}/services")
    reruns, kinds = _answer(page, sent, received, lambda: _choose(
        page, translations("services.filter.area")["id"], label), f"area={code}")
    assert reruns and all(rerun.fragment_id for rerun in reruns)
    assert "navigation" not in kinds and "page_config_changed" not in kinds
    assert page.locator("h3").first.inner_text() == heading.replace("**", "")
    assert _metric(page, online) == next(metric.value for metric in expected.metric if metric.label == online)
    assert page_exceptions(page) == []
    page.close()
