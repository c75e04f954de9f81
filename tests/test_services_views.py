"""The Public services page's sections on the sample warehouse, without Streamlit (figures checked against the
page before its shaping moved here), and the one reshaping the page used to do inline."""
from datetime import date

import pandas as pd
import pytest

from smartisland.db import execute_query, reading
from smartisland.i18n import set_language
from smartisland.report_context import ReportContext, using
from smartisland.services import sections
from smartisland.services.logic import MEASURES_BY_NAME

Q3_2026 = date(2026, 7, 1)


@pytest.fixture
def run(sample_db):
    with reading(sample_db) as connection:
        yield lambda name, **params: execute_query(connection, name, **params)


def test_the_summary_of_all_the_province_in_the_third_quarter(run):
    set_language("id")
    with using(ReportContext(language="id")):
        choices = sections.choices(ReportContext(run))
    figures = sections.figures(ReportContext(run), "51", "quarter")
    assert figures.default_period == Q3_2026
    with using(ReportContext(language="id")):
        summary = sections.summary(choices, figures, Q3_2026)
    assert (summary.catalog.service_count, summary.catalog.integrated_count, summary.catalog.transaction_or_above) == (
        18, 13, 10)
    assert summary.period_text == "Triwulan III 2026" and summary.previous_period_text == "Triwulan II 2026"
    assert not summary.is_partial
    shown = {figure.label: figure for figure in summary.measures}
    assert (shown["Permohonan"].value, shown["Permohonan"].delta, shown["Permohonan"].reporting) == (
        "2.996.129", "+9,1%", "18 dari 18 layanan melapor")
    assert (shown["Kepuasan (IKM)"].value, shown["Kepuasan (IKM)"].delta_color) == ("85,3", "normal")
    assert shown["Tingkat penyelesaian"].reporting == "12 dari 18 layanan melapor"
    assert (shown["Biaya per transaksi"].value, shown["Biaya per transaksi"].delta,
            shown["Biaya per transaksi"].delta_color) == ("Rp5.709", "-Rp135", "inverse")
    # the running quarter is offered, marked partial
    with using(ReportContext(language="en")):
        assert figures.period_option(date(2026, 10, 1)) == "Q4 2026 (running, data to October 2026)"


def test_performance_in_a_regency_lists_only_the_services_reporting_there(run):
    set_language("id")
    with using(ReportContext(language="id")):
        choices = sections.choices(ReportContext(run))
    figures = sections.figures(ReportContext(run), "51.01", "quarter")
    with using(ReportContext(language="id")):
        table = sections.performance_page(choices, figures, Q3_2026, 0).download()
    assert len(table) == 8 and "tidak ada data" not in set(table["Permohonan"])
    assert table.columns[:4].tolist() == ["Layanan", "Tahap", "Permohonan", "Permohonan · Perubahan"]
    with using(ReportContext(language="id")):
        assert sections.performance_page(choices, figures, date(2000, 1, 1), 0) is None
    measure_view = sections.measure_view(ReportContext(run), choices, figures, Q3_2026, "51.01",
                                         MEASURES_BY_NAME["requests_total"])
    assert not measure_view.shows_regencies and measure_view.by_regency is None
    assert len(measure_view.ranking.table) == 8


def test_the_detail_of_a_service_without_satisfaction_in_the_quarter(run):
    set_language("en")
    with using(ReportContext(language="en")):
        choices = sections.choices(ReportContext(run))
    figures = sections.figures(ReportContext(run), "51", "quarter")
    with using(ReportContext(language="en")):
        detail = sections.detail_view(ReportContext(run), choices, figures, "svc-social_aid", Q3_2026, "51")
    assert detail.name == "Social aid relations"
    assert detail.facts == {"services.detail.agency": "Dinas Sosial", "services.detail.stage": "3 · Transaction",
                            "services.detail.integrated": "Yes", "services.detail.launched": "15 April 2020"}
    assert {figure.label: figure.value for figure in detail.measures}["Satisfaction (IKM)"] == "no data"
    assert "Report the figures missing in this period: Satisfaction (IKM)." in detail.next_steps
    assert [measure.name for measure, _ in detail.history] == list(MEASURES_BY_NAME)
    with using(ReportContext(language="en")):
        assert sections.regency_breakdown(ReportContext(run), "svc-social_aid", MEASURES_BY_NAME["requests_total"], Q3_2026,
                                       "quarter") is not None


def test_stages_over_time_table_puts_the_latest_month_first_and_zero_for_a_stage_not_reached():
    set_language("en")
    over_time = pd.DataFrame({"month": pd.to_datetime(["2026-01-01", "2026-01-01", "2026-02-01", "2026-02-01"]),
                              "maturity_stage": [1, 3, 1, 3], "service_count": [4, 1, 3, 2]})
    with using(ReportContext(language="en")):
        table = sections.stages_over_time_table(over_time)
    assert table.to_dict("list") == {"Month": ["February 2026", "January 2026"], "1 · Information": [3, 4],
                                     "2 · Interaction": [0, 0], "3 · Transaction": [2, 1], "4 · Transformation": [0, 0]}


def test_each_services_figures_are_asked_for_only_when_a_view_reads_them(run):
    asked = []

    def counting(name, **params):
        asked.append(name)
        return run(name, **params)

    with using(ReportContext(counting, "en")) as context:
        figures = sections.figures(context, "51", "quarter")
        sections.summary(sections.choices(context), figures, Q3_2026)
    assert "service_performance_by_period" not in asked  # the catalog view, the page's default, needs none
    performance = figures.performance(Q3_2026)
    assert asked.count("service_performance_by_period") == 1
    assert figures.performance(Q3_2026) is performance  # asked for once per period
    # Only the period's rows, one per service reporting then, each with its change against the quarter before.
    assert set(performance["period_start"]) == {Q3_2026} and performance["service_id"].is_unique
    social_aid = performance[performance["service_id"] == "svc-social_aid"]
    assert len(social_aid) == 1 and "requests_total_change" in social_aid.columns
    history = figures.history("svc-social_aid")
    assert asked.count("service_performance_history") == 1 and figures.history("svc-social_aid") is history
    assert set(history["service_id"]) == {"svc-social_aid"} and history["period_start"].is_unique
    # The same change either way: against the quarter before, asked for with the period or read from the history.
    in_history = history[history["period_start"] == Q3_2026]
    assert in_history["requests_total_change"].tolist() == pytest.approx(
        social_aid["requests_total_change"].tolist())


def test_the_catalog_is_shown_a_page_at_a_time_and_downloaded_whole(run):
    """A hundred times the sample holds 24,966 services: the app's table shows 50 of them a page (3.8 MB sent at
    once before); the download and the static site's page hold every one."""
    import dataclasses

    from smartisland import paging

    set_language("en")
    with using(ReportContext(language="en")):
        sample = sections.choices(ReportContext(run))
        many = pd.concat([sample.catalog.assign(service_id=sample.catalog["service_id"] + f"-{copy}",
                                                name=sample.catalog["name"] + f" {copy}") for copy in range(7)],
                         ignore_index=True)
        choices = dataclasses.replace(sample, catalog=many)
        first = sections.catalog_view(ReportContext(run), choices, 0)
        third = sections.catalog_view(ReportContext(run), choices, 2)
        beyond = sections.catalog_view(ReportContext(run), choices, 9)
        whole = sections.catalog_view(ReportContext(run), choices)
        assert len(many) == 126 and paging.ROWS_PER_PAGE == 50
        assert list(first.table["Service"]) == list(many["name"][:50])
        assert list(third.table["Service"]) == list(many["name"][100:])
        assert (first.page.text(), third.page.text()) == ("Rows 1–50 of 126", "Rows 101–126 of 126")
        assert beyond.page.number == 2  # a page past the end shows the last
        assert first.download().equals(whole.table) and len(whole.table) == 126
        assert list(whole.table.columns) == list(first.table.columns)
        assert sum(count for _, count, _ in first.stages) == 126  # the stages count every service, not the page


def test_the_performance_table_is_paged_and_the_ranking_draws_the_best_and_the_worst_of_many(run):
    """Many services (the sample's 18 seven times over, 126): the table shows 50 a page and downloads whole; the
    ranking draws the 20 best and the 20 worst, says so, and its table holds the same 40."""
    import dataclasses

    set_language("en")
    with using(ReportContext(language="en")):
        sample = sections.choices(ReportContext(run))
    figures = sections.figures(ReportContext(run), "51", "quarter")
    performance = figures.performance(Q3_2026)
    copies = [(sample.catalog.assign(service_id=sample.catalog["service_id"] + f"-{copy}"),
               performance.assign(service_id=performance["service_id"] + f"-{copy}",
                                  requests_total=performance["requests_total"] + copy)) for copy in range(7)]
    catalog = pd.concat([catalog for catalog, _ in copies], ignore_index=True)
    many = dataclasses.replace(sample, catalog=catalog,
                               names={row.service_id: f"{sample.names[row.service_id.rsplit('-', 1)[0]]} "
                                      f"{row.service_id.rsplit('-', 1)[1]}" for row in catalog.itertuples()})
    figures._asked[("period", Q3_2026)] = pd.concat([rows for _, rows in copies], ignore_index=True)
    with using(ReportContext(language="en")):
        whole = sections.performance_page(many, figures, Q3_2026, 0).download()
        second = sections.performance_page(many, figures, Q3_2026, 1)
        view = sections.measure_view(ReportContext(run), many, figures, Q3_2026, "51",
                                     MEASURES_BY_NAME["requests_total"])
    assert len(whole) == 126
    assert second.table.equals(whole.iloc[50:100].reset_index(drop=True)) and second.page.text() == "Rows 51–100 of 126"
    assert second.download().equals(whole)
    requests = sorted(((value, name) for name, value in zip(
        whole["Service"], figures.performance(Q3_2026)["requests_total"])), reverse=True)
    assert len(view.ranking.table) == 40
    assert view.ranking_note == ("The 20 best and the 20 worst of the 126 services reporting Requests; the table "
                                 "above lists every one.")
    ranked = view.ranking.figure.data[0]
    assert len(ranked.y) == 40 and max(ranked.x) == requests[0][0] and min(ranked.x) == requests[-1][0]


def test_a_ranking_of_few_services_draws_every_one(run):
    set_language("en")
    with using(ReportContext(language="en")):
        choices = sections.choices(ReportContext(run))
        figures = sections.figures(ReportContext(run), "51", "quarter")
        view = sections.measure_view(ReportContext(run), choices, figures, Q3_2026, "51",
                                     MEASURES_BY_NAME["requests_total"])
    assert len(view.ranking.table) == 18 and view.ranking_note is None
