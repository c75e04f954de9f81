"""The transparency page: every public promise in plain words, shareable by URL, with the data behind it."""
from datetime import date

import pandas as pd
from support.apptest import run_page, url_values, visible_texts

from smartisland.i18n import has_key
from smartisland.publishing.transparency import (
    datasets_behind,
    progress_share,
    progress_text,
    promise_text,
    promises_table,
    public_promises,
    share_query,
    summary_sentence,
)
from smartisland.report_context import ReportContext, using

PAGE = "app_pages/transparency.py"
CATALOG = pd.read_csv("provinces/51/reference/kpis.csv")
PUBLIC = CATALOG[CATALOG["is_public"]]


def test_every_public_kpi_has_its_promise_and_its_meaning_for_residents():
    missing = [f"promise.{kpi_id}.{part}" for kpi_id in PUBLIC["kpi_id"] for part in ("promise", "meaning")
               if not has_key(f"promise.{kpi_id}.{part}")]
    assert missing == []


def _row(**changes):
    row = {"kpi_id": "wifi_points_active", "area": "connectivity", "name_id": "Titik Wi-Fi publik aktif",
           "name_en": "Active public Wi-Fi points", "unit": "count", "target_value": 4157.0,
           "target_date": date(2020, 12, 31), "baseline_value": 311.0, "baseline_date": date(2018, 12, 31),
           "status": "overdue", "progress_share": 0.5, "latest_value": 2232.0, "is_public": True,
           "target_kind": "official"}
    return row | changes


def test_the_promise_says_the_catalog_target_in_the_language():
    with using(ReportContext(language="id")):
        assert "4.157 titik" in promise_text(_row())
    with using(ReportContext(language="en")):
        assert "4,157 points" in promise_text(_row())


def test_progress_is_shown_as_it_is_a_regression_negative_and_says_no_data_when_missing():
    assert progress_share(_row(progress_share=1.4)) == 1.4 and progress_share(_row(progress_share=-0.2)) == -0.2
    with using(ReportContext(language="en")):
        assert progress_text(_row(progress_share=-0.2)) == (
            "-20% of the way from the baseline (311, December 2018) to the target (moved back from the baseline)")
    assert progress_share(_row(progress_share=None)) is None
    with using(ReportContext(language="id")):
        assert progress_text(_row()) == "50% dari jarak garis dasar (311, Desember 2018) ke target"
    with using(ReportContext(language="en")):
        assert "no data" in progress_text(_row(progress_share=float("nan")))


def test_summary_and_table_of_promises_say_status_in_words_and_symbols():
    card = pd.DataFrame([_row(), _row(kpi_id="imdi", area="society", status="on_track", progress_share=None,
                                      name_en="IMDI", unit="index", target_value=55.0, latest_value=49.05,
                                      target_kind="illustrative"),
                         _row(kpi_id="wifi_uptime", is_public=False)])
    promises = public_promises(card)
    assert list(promises["kpi_id"]) == ["wifi_points_active", "imdi"]
    # the overview's verdict, official and illustrative targets counted apart
    with using(ReportContext(language="en")):
        assert summary_sentence(promises) == (
            "Of 2 promises: 1 on track, 1 overdue. With an official target (1): 1 overdue. Measured against illustrative "
            "targets the team set, not official ones (1): 1 on track; behind here means behind the team's figure, not "
            "behind a promise.")
    with using(ReportContext(language="en")):
        table = promises_table(promises)
    assert list(table["Status"]) == ["✖ Overdue · § official target", "▲ On track · ≈ illustrative target"]
    assert list(table["Progress"]) == ["50%", "no data"]
    assert list(table["Target"]) == ["4,157", "55.00"]


def test_the_data_behind_a_figure_and_the_link_to_a_promise():
    assert datasets_behind("manual") == ["kpi_values"]
    assert datasets_behind("kpi_wifi_points_active") == ["wifi_points", "wifi_usage_monthly"]
    assert "regions" not in datasets_behind("kpi_villages_with_wifi")
    assert share_query("imdi", "en") == "?kpi=imdi&lang=en"


def test_the_page_shows_only_public_promises_and_follows_the_shared_link(monkeypatch, sample_db):
    """In internal mode too: the page is the public site, so the team's KPIs stay off it."""
    app = run_page(monkeypatch, sample_db, PAGE, "en", query={"kpi": "imdi"})
    summary = app.dataframe[0].value
    assert sorted(summary["Promise"]) == sorted(PUBLIC["name_en"])
    assert app.selectbox[0].value == "imdi"
    texts = " ".join(visible_texts(app))
    assert "Bali's Indonesian Digital Society Index (IMDI) score rises to 55.00" in texts
    assert "What it means for residents" in texts and "?kpi=imdi&lang=en" in texts
    numbers = next(item for item in app.expander if item.label != "Report a problem with this figure")
    assert "49.05" in " ".join(numbers.dataframe[0].value.iloc[:, 1])  # the chart's numbers as a table
    # the open-data choice starts at the data behind the promise
    assert app.selectbox[1].value == "kpi_values"
    assert [header.value for header in app.subheader] == ["Promises at a glance",
                                                          "Reporting status and what comes next", "One promise in detail",
                                                          "How we measure", "Compared with other provinces",
                                                          "Open data", "Accessibility"]
    # the data behind it, then CSV, Parquet, two dictionaries, datapackage.json, ZIP
    assert len(app.get("download_button")) == 7


def test_choosing_a_promise_changes_the_detail_and_the_url(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, PAGE, "id")
    app.selectbox[0].select("spbe_province_index").run()
    assert url_values(app, "kpi") == ["spbe_province_index"]
    texts = " ".join(visible_texts(app))
    assert "Pemerintahan berbasis elektronik (SPBE) Provinsi Bali mencapai predikat Memuaskan: indeks 4,20" in texts
    assert "KepMenPANRB" in texts  # the published source of the index
    behind = [button.proto.label for button in app.get("download_button") if button.proto.label.endswith("(CSV)")]
    assert behind == ["Indeks SPBE resmi (CSV)"]  # the data behind the figure, one click away
