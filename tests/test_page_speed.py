"""Pages build only what is visible: the chosen section of Connectivity (not all four), and the SPBE what-if
as a fragment that reruns alone. AppTest in both languages."""
import subprocess
import sys

import pytest
from support import ROOT
from support.apptest import run_page, url_values

from smartisland.i18n import current_language, set_language, t
from smartisland.report_context import ReportContext, using
from smartisland.ui import maps, queries
from smartisland.ui.page_timing import recording_messages

CONNECTIVITY = "app_pages/connectivity.py"
SPBE = "app_pages/spbe.py"
# Queries only one section of the Connectivity page reads.
SECTION_QUERIES = {
    "map": {"connectivity_map_items", "wifi_point_counts_by_area"},
    "wifi": {"wifi_usage_trend", "wifi_villages_without_points"},
    "coverage": {"coverage_by_quarter", "coverage_source_disagreements", "blank_spot_pipeline"},
    "left_out": {"connectivity_sites_left_out"},
}
SECTION_ELEMENTS = {"map": "deck_gl_json_chart", "wifi": "plotly_chart", "coverage": "plotly_chart"}


@pytest.fixture
def queries_run(monkeypatch) -> list[str]:
    """The names of the queries the page asks for, in order (the page imports run_query on every run)."""
    names: list[str] = []
    original = queries.run_query

    def counting(name, **params):
        names.append(name)
        return original(name, **params)

    monkeypatch.setattr(queries, "run_query", counting)
    return names


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("section", list(SECTION_QUERIES))
def test_connectivity_builds_only_the_chosen_section(monkeypatch, sample_db, queries_run, language, section):
    query = {} if section == "map" else {"section": section}
    # The built map is kept per warehouse file (smartisland/ui/maps.py): emptied, so that the map section asks for
    # its queries as a first reader's run does.
    maps._view.clear()
    app = run_page(monkeypatch, sample_db, CONNECTIVITY, language, query=query)
    control = app.get("button_group")[0]
    assert control.value == section
    with using(ReportContext(language=language)):
        assert control.options[[*SECTION_QUERIES].index(section)] == t(f"connectivity.tab.{section}")
    ran = set(queries_run)
    assert SECTION_QUERIES[section] <= ran
    hidden = set().union(*(names for name, names in SECTION_QUERIES.items() if name != section))
    assert ran & hidden == set()
    for element in set(SECTION_ELEMENTS.values()):
        if element != SECTION_ELEMENTS.get(section):
            assert len(app.get(element)) == 0, (section, element)
    if section in SECTION_ELEMENTS:
        assert len(app.get(SECTION_ELEMENTS[section])) > 0
    # nothing on the province's page lists every Wi-Fi point: counts, and pages of items (issue 25)
    assert "wifi_points_list" not in ran


def test_connectivity_section_choice_goes_to_the_url_and_survives_a_language_switch(monkeypatch, sample_db,
                                                                                     queries_run):
    app = run_page(monkeypatch, sample_db, CONNECTIVITY, "en")
    assert "section" not in app.query_params  # the default stays out of the URL
    app.get("button_group")[0].set_value("coverage").run()
    assert url_values(app, "section") == ["coverage"]
    queries_run.clear()
    app.radio(key="language_choice").set_value("id").run()
    assert url_values(app, "section") == ["coverage"]
    assert app.get("button_group")[0].value == "coverage"
    assert app.title[0].value == "Konektivitas"
    assert "coverage_by_quarter" in queries_run and "connectivity_map_items" not in queries_run


def _fragment_ids(messages) -> dict[str, set[str]]:
    """The fragment of each element type the run sent ('' for the page outside any fragment)."""
    found: dict[str, set[str]] = {}
    for message in messages:
        if message.HasField("delta") and message.delta.HasField("new_element"):
            kind = message.delta.new_element.WhichOneof("type")
            found.setdefault(kind, set()).add(message.delta.fragment_id)
    return found


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_spbe_what_if_is_a_fragment_of_its_own(monkeypatch, sample_db, language):
    set_language(language)
    with recording_messages() as runs:
        app = run_page(monkeypatch, sample_db, SPBE, language)
        app.number_input(key="spbe_what_if_51_2023_0_1").set_value(5).run()
    with using(ReportContext(language=language)):
        after = t("spbe.what_if.index_after")
    assert {metric.label: metric.value for metric in app.metric}[after] != ("4,07" if language == "id" else "4.07")
    fragments = _fragment_ids(runs[-1])
    # The what-if's inputs, figures and reset button are in one fragment: a change there reruns only it.
    what_if = fragments["number_input"]
    assert len(what_if) == 1 and "" not in what_if
    assert what_if <= fragments["metric"] and what_if <= fragments["button"]
    # The charts and tables above it belong to the page, which a what-if change does not rerun.
    assert fragments["plotly_chart"] == {""} and fragments["dataframe"] == {""}


def test_a_cached_figure_is_built_once_per_arguments_and_language():
    import json

    import pandas as pd
    import plotly.graph_objects as go

    from smartisland.ui.widgets import cached_figure

    built = []

    def bars(frame, title):
        built.append((title, current_language()))
        return go.Figure(go.Bar(x=frame["x"], y=frame["y"]), layout={"title": {"text": f"{title} {t('spbe.index')}"}})

    frame = pd.DataFrame({"x": ["a", "b"], "y": [1, 2]})
    set_language("en")
    first = cached_figure(bars, frame, "one")
    again = cached_figure(bars, frame.copy(), "one")
    assert built == [("one", "en")]
    assert again is not first  # a figure of its own: a page may change it
    assert json.loads(again.to_json()) == json.loads(first.to_json()) == json.loads(bars(frame, "one").to_json())
    built.clear()
    cached_figure(bars, frame, "two")
    cached_figure(bars, frame.assign(y=[1, 3]), "one")
    set_language("id")
    assert cached_figure(bars, frame, "one").layout.title.text == "one Indeks"
    assert built == [("two", "en"), ("one", "en"), ("one", "id")]


def _by_fragment(messages) -> dict[str, list[tuple[str, str]]]:
    """The elements one run sent, (type, label) grouped by fragment id ('' for the page outside any fragment)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for message in messages:
        if message.HasField("delta") and message.delta.HasField("new_element"):
            element = message.delta.new_element
            kind = element.WhichOneof("type")
            label = getattr(getattr(element, kind), "label", "")
            found.setdefault(message.delta.fragment_id, []).append((kind, label))
    return found


def _fragment_of(found: dict, kind: str, label: str) -> str:
    return next(fragment for fragment, elements in found.items() if (kind, label) in elements)


@pytest.mark.parametrize("language", ["id", "en"])
def test_connectivity_chart_choices_rerun_only_their_part(monkeypatch, sample_db, language):
    set_language(language)
    with recording_messages() as runs:
        run_page(monkeypatch, sample_db, CONNECTIVITY, language, query={"section": "coverage"})
        coverage = _by_fragment(runs[-1])
        run_page(monkeypatch, sample_db, CONNECTIVITY, language, query={"section": "wifi"})
        wifi = _by_fragment(runs[-1])
    with using(ReportContext(language=language)):
        progress = _fragment_of(coverage, "radio", t("connectivity.coverage.measure_label"))
        section = _fragment_of(coverage, "button_group", t("speed.section"))
        body = _fragment_of(coverage, "selectbox", t("connectivity.filter.regency"))
    # Three nested parts (issue 25): the filters with the headline and all below (a regency choice), the section
    # with its choice (a section switch), and the progress chart with its measure; the frame above them is the page's.
    assert len({"", body, section, progress}) == 4
    # The progress chart follows the measure; the tiers chart and the blank-spot funnel stay with the section.
    assert [kind for kind, _ in coverage[progress]].count("plotly_chart") == 1
    assert [kind for kind, _ in coverage[section]].count("plotly_chart") == 2
    assert [kind for kind, _ in coverage[""] + coverage[body]].count("plotly_chart") == 0
    assert [kind for kind, _ in coverage[body]].count("metric") == 5  # the headline, not the section's
    with using(ReportContext(language=language)):
        funding = _fragment_of(wifi, "slider", t("connectivity.wifi.funding_window"))
        wifi_section = _fragment_of(wifi, "button_group", t("speed.section"))
    assert funding not in ("", progress, wifi_section)
    assert [kind for kind, _ in wifi[funding]].count("dataframe") >= 1
    assert [kind for kind, _ in wifi[funding]].count("plotly_chart") == 0
    assert [kind for kind, _ in wifi[wifi_section]].count("plotly_chart") == 4


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_services_measure_choice_reruns_only_its_charts(monkeypatch, sample_db, language):
    set_language(language)
    with recording_messages() as runs:
        app = run_page(monkeypatch, sample_db, "app_pages/services.py", language, query={"view": "performance"})
        found = _by_fragment(runs[-1])
        with using(ReportContext(language=language)):
            measure = _fragment_of(found, "selectbox", t("services.filter.measure"))
        assert measure != ""
        assert [kind for kind, _ in found[measure]].count("plotly_chart") >= 2  # the ranking and the trend
        assert [kind for kind, _ in found[""]].count("plotly_chart") == 0
        # the choice still goes to the URL and the charts follow it
        app.selectbox(key=f"url_services_measure_{language}").set_value("satisfaction_ikm").run()
    assert url_values(app, "measure") == ["satisfaction_ikm"]
    from smartisland.services.logic import MEASURES_BY_NAME

    chosen = MEASURES_BY_NAME["satisfaction_ikm"]
    with using(ReportContext(language=language)):
        assert t("services.performance.trend_heading", measure=chosen.label) in [
            heading.value for heading in app.subheader]


def _wait_until_quiet(page, received: list[int], quiet_ms: int = 1500, at_most_ms: int = 30000) -> None:
    """Until no message has reached the page for `quiet_ms`: on a busy machine a page's last rerun lands late."""
    waited = 0
    while waited < at_most_ms:
        count = len(received)
        page.wait_for_timeout(quiet_ms)
        waited += quiet_ms
        if len(received) == count:
            return


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "id"])
def test_a_what_if_click_reruns_only_the_what_if_in_its_language_in_chromium(browser, app_url, language):
    """A fragment's rerun skips app.py: the what-if must still speak the page's language, and the answer carries
    the what-if alone (a few kilobytes), not the page's charts and tables again."""
    from support.browser import open_page, page_exceptions

    received: list[int] = []
    page = open_page(browser, f"{app_url}/spbe?lang={language}", own_tab=True)
    page.on("websocket", lambda socket: socket.on("framereceived", lambda payload: received.append(len(payload))))
    page.locator('[data-testid="stNumberInput"]').first.wait_for(timeout=120000)
    with using(ReportContext(language=language)):
        label = t("spbe.what_if.index_after")
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    before = metric.inner_text()
    page.reload()  # the socket of a fresh load is the one listened to
    page.locator('[data-testid="stNumberInput"]').first.wait_for(timeout=120000)
    _wait_until_quiet(page, received)  # a phone-width check may rerun the page once more after it first draws
    page_bytes = sum(received)
    received.clear()
    button = page.locator('[data-testid="stNumberInputStepDown"]').first
    button.scroll_into_view_if_needed()
    button.click()
    page.wait_for_function("([label, before]) => [...document.querySelectorAll('[data-testid=stMetric]')]"
                           ".some(element => element.innerText.includes(label) && element.innerText !== before)",
                           arg=[label, before], timeout=60000)
    page.wait_for_timeout(1000)
    assert metric.count() == 1  # still labelled in the page's language
    with using(ReportContext(language='id' if language == 'en' else 'en')):
        assert page.get_by_text(t("spbe.what_if.index_after")).count() == 0
    assert page_exceptions(page) == []
    assert page_bytes > 50_000 and 0 < sum(received) < 20_000, (page_bytes, sum(received))
    page.close()


def test_streamlit_started_from_the_project_skips_its_full_garbage_collection_after_every_run():
    """`runner.postScriptGC` off (.streamlit/config.toml): with it on, Streamlit ran gc.collect(2) after every script
    and fragment run, 100 to 250 ms here, most of a regency choice's 800 ms (issue 25's benchmark: 274 ms without).
    Read as `make run` reads it, by Streamlit in a process started in the project's folder; the option is hidden
    from `streamlit config show`."""
    shown = subprocess.run([sys.executable, "-c", "from streamlit import config; "
                            "print(config.get_option('runner.postScriptGC'))"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert shown == ["False"]
    elsewhere = subprocess.run([sys.executable, "-c", "from streamlit import config; "
                                "print(config.get_option('runner.postScriptGC'))"],
                               cwd=ROOT.parent, capture_output=True, text=True, check=True).stdout.split()
    assert elsewhere == ["True"]  # Streamlit's default, which the project's file turns off
