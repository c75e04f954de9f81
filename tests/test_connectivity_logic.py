"""Connectivity logic without Streamlit: regions chosen, tiers counted, forecasts and the order of sites left out."""
from datetime import date

import pandas as pd
import pytest

from smartisland.connectivity import logic


def test_the_most_specific_region_chosen_is_used():
    assert logic.chosen_region("51", "51") == "51"
    assert logic.chosen_region("51.06", "51.06") == "51.06"
    assert logic.chosen_region("51.06", "51.06.04") == "51.06.04"
    assert logic.chosen_region(None, None) == "51"


@pytest.mark.calendar
def test_month_end_and_points_in_service_on_a_date():
    assert logic.month_end(pd.Timestamp("2026-10-01")) == date(2026, 10, 31)
    assert logic.month_end(date(2024, 12, 5)) == date(2024, 12, 31)
    monthly = pd.DataFrame({"month_end": pd.to_datetime(["2026-08-31", "2026-09-30", "2026-10-31"]),
                            "points_in_service": [10, 12, 11]})
    assert logic.points_in_service_on(monthly, date(2026, 10, 15)) == 12
    assert logic.points_in_service_on(monthly, date(2020, 1, 1)) is None


def test_the_wifi_target_and_its_source_come_from_the_facts():
    assert (logic.wifi_target().points, logic.wifi_target().source) == (1825, "balipost.com/?p=72717")
    assert {figure.points for figure in logic.wifi_figures()} >= {1800, 2307, 1834}


def test_tier_counts_put_unsurveyed_villages_last_and_give_shares():
    tiers = pd.DataFrame({"signal_tier": ["good", "good", "weak", None]})
    counts = logic.tier_counts(tiers)
    assert list(counts["signal_tier"]) == ["none", "weak", "no_4g", "good", "not_surveyed"]
    assert list(counts["villages"]) == [0, 1, 0, 2, 1]
    assert list(counts["percent"]) == [0, 25, 0, 50, 25]


def test_sources_side_by_side():
    counts = pd.DataFrame({"source": ["province", "bakti"], "signal_tier": ["good", "weak"], "villages": [3, 2]})
    wide = logic.tiers_by_source_wide(counts)
    assert list(wide.columns) == ["signal_tier", "province", "bakti", "operator", "crowd"]
    assert wide.set_index("signal_tier").loc["good"].tolist() == [3, 0, 0, 0]
    assert wide.set_index("signal_tier").loc["weak"].tolist() == [0, 2, 0, 0]


@pytest.mark.calendar
def test_forecast_extends_the_recent_trend_to_the_target():
    dates = pd.to_datetime(["2024-01-01", "2025-01-01", "2026-01-01"])
    forecast = logic.forecast_reaching(dates, pd.Series([70.0, 80.0, 90.0]))
    assert forecast.reached_on.year == 2027 and not forecast.is_reached
    assert forecast.slope_per_year == pytest.approx(10, rel=0.01)
    assert logic.forecast_reaching(dates, pd.Series([90.0, 85.0, 80.0])).reached_on is None
    assert logic.forecast_reaching(dates, pd.Series([90.0, 95.0, 100.0])).is_reached


def test_coverage_shares_are_of_villages_surveyed_and_missing_without_surveys():
    shares = logic.coverage_shares(pd.DataFrame({"villages_surveyed": [4, 0], "villages_with_signal": [4, 0],
                                                 "villages_good": [3, 0]}))
    assert shares["percent_good"].iloc[0] == 75
    assert shares["percent_good"].isna().iloc[1]


def test_sites_left_out_are_ranked_no_connection_first_then_health_then_population():
    sites = pd.DataFrame({
        "point_id": ["a", "b", "c", "d", "e"],
        "category": ["desa_adat", "school", "puskesmas", "hospital", "puskesmas"],
        "is_down": [False, True, False, True, False],
        "signal_tier": ["weak", "none", "none", "good", "weak"],
        "village_population": [9000, 100, 200, 5000, 8000],
    })
    ranked = logic.rank_sites_left_out(sites)
    assert list(ranked["point_id"]) == ["b", "c", "d", "e", "a"]
    assert list(ranked["reason"]) == ["down_and_none", "signal_none", "down", "signal_weak", "signal_weak"]
    assert list(ranked["priority"]) == [1, 2, 3, 4, 5]


def test_late_share_counts_only_open_sites():
    sites = pd.DataFrame({"stage": ["planned", "verified", "built"], "is_late": [True, False, False]})
    assert logic.late_share(sites) == (1, 2)
