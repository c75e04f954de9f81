"""Degrade, never fail: a KPI whose data cannot be computed shows "no data" with its reason, and every page,
the public site and the export still work (for a warehouse built before a rule existed, or changed by hand)."""
import shutil

import duckdb
import pytest
from support import FIXTURE_TODAY
from support.apptest import run_page

from smartisland.db import execute_query
from smartisland.kpis.scorecard import build_scorecard
from smartisland.publishing.export import export_site
from smartisland.ui.navigation import PAGES, pages_for_mode


@pytest.fixture(scope="module")
def broken_db(sample_db, tmp_path_factory):
    """The sample with an infinite KPI value, a KPI whose method names no query, and one whose regional
    method names no query."""
    path = tmp_path_factory.mktemp("broken") / "warehouse.duckdb"
    shutil.copy2(sample_db, path)
    with duckdb.connect(str(path)) as connection:
        connection.execute("update kpi_values set value = 'inf'::double where kpi_id = 'imdi'")
        connection.execute("update kpis set method = 'kpi_wifi_points_actvie' where kpi_id = 'wifi_points_active'")
        connection.execute("update kpis set regional_method = 'no_such_query' "
                           "where regional_method is not null and regional_method <> ''")
    return path


def scorecard_of(path):
    with duckdb.connect(str(path), read_only=True) as connection:
        run = lambda name, **params: execute_query(connection, name, **params)  # noqa: E731
        return build_scorecard(run("kpi_definitions"), run, FIXTURE_TODAY)


def test_a_kpi_that_cannot_be_computed_has_no_data_and_a_reason(broken_db):
    card, values = scorecard_of(broken_db)
    broken = card.set_index("kpi_id").loc["wifi_points_active"]
    assert broken["status"] == "no_data"
    assert "kpi_wifi_points_actvie" in broken["data_problem"]
    assert values["wifi_points_active"].empty


def test_an_infinite_value_is_left_out_and_said(broken_db, sample_db):
    card, values = scorecard_of(broken_db)
    imdi = card.set_index("kpi_id").loc["imdi"]
    assert imdi["status"] == "no_data"
    assert "inf" in imdi["data_problem"]
    healthy, _ = scorecard_of(sample_db)
    assert healthy["data_problem"].isna().all()
    others = card[~card["kpi_id"].isin(["imdi", "wifi_points_active"])].reset_index(drop=True)
    same = healthy[~healthy["kpi_id"].isin(["imdi", "wifi_points_active"])].reset_index(drop=True)
    assert list(others["status"]) == list(same["status"])


@pytest.mark.calendar
def test_no_kpi_at_all_gives_an_empty_scorecard_with_its_columns():
    import pandas as pd

    card, values = build_scorecard(pd.DataFrame(columns=["kpi_id", "method"]), lambda *a, **k: None, FIXTURE_TODAY)
    assert card.empty and {"status", "is_headline", "data_problem", "latest_value"} <= set(card.columns)


@pytest.mark.parametrize("mode", ["internal", "public"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_every_page_still_runs(monkeypatch, broken_db, mode, language):
    for entry in pages_for_mode(mode):
        app = run_page(monkeypatch, broken_db, entry.script, language, mode=mode)
        assert app.title, entry.script


def test_the_tracker_tells_the_team_why(monkeypatch, broken_db):
    app = run_page(monkeypatch, broken_db, "app_pages/tracker.py", "en", query={"kpi": "wifi_points_active"})
    assert any("cannot be computed" in block.value for block in app.warning)
    assert any("kpi_wifi_points_actvie" in block.value for block in app.code)


def test_the_static_export_still_works(broken_db, tmp_path):
    with duckdb.connect(str(broken_db), read_only=True) as connection:
        files = export_site(connection, tmp_path / "site", today=FIXTURE_TODAY)
    assert files and all(path.exists() for path in files)


def test_every_page_is_covered():
    assert {entry.script for entry in PAGES} == {entry.script for mode in ("internal", "public")
                                                 for entry in pages_for_mode(mode)}
