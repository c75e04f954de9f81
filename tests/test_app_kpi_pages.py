"""The overview and the KPI tracker, run by AppTest on the sample data."""
import pandas as pd
import pytest
from support.apptest import run_page, url_values


def headline_count(sample_db):
    return int(pd.read_csv("provinces/51/reference/kpis.csv")["is_headline"].sum())


@pytest.mark.parametrize("language, late_title", [("id", "Yang terlambat atau memburuk"),
                                                 ("en", "What is late or worsening")])
def test_overview_shows_a_tile_per_headline_kpi_and_what_is_late(monkeypatch, sample_db, language, late_title):
    app = run_page(monkeypatch, sample_db, "app_pages/overview.py", language)
    assert len(app.metric) == headline_count(sample_db)
    assert late_title in [header.value for header in app.subheader]
    late = [line for block in app.markdown if block.value.startswith("- ") for line in block.value.splitlines()]
    assert len(late) == 9
    assert any(("Lewat tenggat" if language == "id" else "Overdue") in line for line in late)
    # 100% good 4G by 2022 is late against the team's illustrative target, and its owner is named
    signal = [line for line in late if ("sinyal 4G baik" if language == "id" else "good 4G signal") in line]
    assert len(signal) == 1 and signal[0].endswith("Diskominfos Bali")


def test_overview_trajectory_follows_the_kpi_in_the_url(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, "app_pages/overview.py", "en", query={"kpi": "spbe_province_index"})
    assert "spbe_province_index" in [box.value for box in app.selectbox]
    assert any("KepMenPANRB 13/2024" in caption.value for caption in app.caption)


def test_tracker_filter_changes_the_table_and_lives_in_the_url(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, "app_pages/tracker.py", "en")
    everything = app.dataframe[0].value
    assert len(everything) == len(pd.read_csv("provinces/51/reference/kpis.csv"))
    app.multiselect[0].set_value(["spbe"]).run()
    only_spbe = app.dataframe[0].value
    assert set(only_spbe["KPI"]) == {"Bali's SPBE index", "Regencies rated Baik or better"}
    assert len(everything) > len(only_spbe)
    assert url_values(app, "area") == ["spbe"]


def test_tracker_detail_for_a_manual_kpi(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, "app_pages/tracker.py", "id", query={"kpi": "imdi"})
    texts = " ".join(block.value for block in app.markdown)
    assert "dimasukkan manual oleh tim" in texts
    assert "49,05" in " ".join(app.dataframe[1].value.iloc[:, 1])
    assert "Data usang" in texts  # the 2024 IMDI is older than a yearly KPI allows


def trajectory_dates(app) -> list[str]:
    return list(app.dataframe[0].value.iloc[:, 0])


@pytest.mark.calendar
@pytest.mark.parametrize("language, notice", [("id", "sebagaimana keadaannya pada 30 September 2025"),
                                              ("en", "as it stood on 30 September 2025")])
def test_overview_as_of_a_past_quarter_end_leaves_out_later_values(monkeypatch, sample_db, language, notice):
    today = run_page(monkeypatch, sample_db, "app_pages/overview.py", language, query={"kpi": "wifi_points_active"})
    past = run_page(monkeypatch, sample_db, "app_pages/overview.py", language,
                    query={"kpi": "wifi_points_active", "as_of": "2025-09-30"})
    as_of_box = next(box for box in past.selectbox if box.value == "2025-09-30")
    assert ("Akhir triwulan 3 2025" if language == "id" else "End of Q3 2025") in as_of_box.format_func("2025-09-30")
    assert any(notice in block.value for block in past.info)
    assert not any(notice in block.value for block in today.info)
    # the trajectory's data ends at the quarter end instead of the latest month of the sample (October 2026)
    assert len(trajectory_dates(past)) < len(trajectory_dates(today))
    assert url_values(past, "as_of") == ["2025-09-30"]


@pytest.mark.calendar
def test_overview_as_of_choice_goes_back_two_years_and_today_stays_out_of_the_url(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, "app_pages/overview.py", "en")
    as_of_box = next(box for box in app.selectbox if box.value == "today")
    assert as_of_box.options[:3] == ["Today (28 November 2026)", "Month end, 31 October 2026",
                                     "End of Q3 2026, 30 September 2026"]
    assert len(as_of_box.options) == 25
    assert "as_of" not in app.query_params
