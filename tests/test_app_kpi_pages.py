"""The overview and the KPI tracker, run by AppTest on the sample data."""
import pandas as pd
import pytest

from apptest_helpers import run_page


def headline_count(sample_db):
    return int(pd.read_csv("data/reference/kpis.csv")["is_headline"].sum())


@pytest.mark.parametrize("language, late_title", [("id", "Yang terlambat"), ("en", "What is late")])
def test_overview_shows_a_tile_per_headline_kpi_and_what_is_late(monkeypatch, sample_db, language, late_title):
    app = run_page(monkeypatch, sample_db, "views/overview.py", language)
    assert len(app.metric) == headline_count(sample_db)
    assert late_title in [header.value for header in app.subheader]
    late = app.dataframe[0].value
    assert len(late) > 0
    statuses = " ".join(late.iloc[:, 1])
    assert ("Lewat tenggat" if language == "id" else "Overdue") in statuses
    # 100% good 4G by 2022 (the article's promise) is late, and its owner is named
    signal = late[late.iloc[:, 0] == ("Desa/kelurahan dengan sinyal 4G baik" if language == "id"
                                      else "Villages with good 4G signal")]
    assert list(signal.iloc[:, 4]) == ["Diskominfos Bali"]


def test_overview_trajectory_follows_the_kpi_in_the_url(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, "views/overview.py", "en", query={"kpi": "spbe_province_index"})
    assert app.selectbox[0].value == "spbe_province_index"
    assert any("KepMenPANRB 13/2024" in caption.value for caption in app.caption)


def test_tracker_filter_changes_the_table_and_lives_in_the_url(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, "views/tracker.py", "en")
    everything = app.dataframe[0].value
    assert len(everything) == len(pd.read_csv("data/reference/kpis.csv"))
    app.multiselect[0].set_value(["spbe"]).run()
    only_spbe = app.dataframe[0].value
    assert set(only_spbe["KPI"]) == {"Bali's SPBE index", "Regencies rated Baik or better"}
    assert len(everything) > len(only_spbe)
    assert app.query_params["area"] == ["spbe"]


def test_tracker_detail_for_a_manual_kpi(monkeypatch, sample_db):
    app = run_page(monkeypatch, sample_db, "views/tracker.py", "id", query={"kpi": "imdi_bali"})
    texts = " ".join(block.value for block in app.markdown)
    assert "dimasukkan manual oleh tim" in texts
    assert "49,05" in " ".join(app.dataframe[1].value.iloc[:, 1])
    assert "Data usang" in texts  # the 2024 IMDI is older than a yearly KPI allows
