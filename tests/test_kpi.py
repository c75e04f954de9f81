"""The KPI engine: path, status, staleness, forecast and change, for higher- and lower-is-better KPIs."""
from datetime import date

import pandas as pd
import pytest

from smartisland.kpis.assessment import KpiDefinition, assess, forecast, is_stale, planned_value

pytestmark = pytest.mark.calendar  # the day is what these tests are about

# 0 -> 100 over 2020..2024 (1,461 days): the path gains 100/1461 per day.
GROWTH = KpiDefinition("growth", "higher", 0.0, date(2020, 1, 1), 100.0, date(2024, 1, 1), "yearly")
# 20 -> 0 blank spots over 2020..2022: lower is better.
FEWER = KpiDefinition("fewer", "lower", 20.0, date(2020, 1, 1), 0.0, date(2022, 1, 1), "quarterly")


def series(*points) -> pd.DataFrame:
    return pd.DataFrame({"period_end": [day for day, _ in points], "value": [value for _, value in points]})


def test_planned_value_is_baseline_before_the_baseline_date_and_target_after_the_target_date():
    assert planned_value(GROWTH, date(2019, 6, 1)) == 0.0
    assert planned_value(GROWTH, date(2030, 1, 1)) == 100.0
    assert planned_value(GROWTH, date(2022, 1, 1)) == pytest.approx(100 * 731 / 1461)


def test_exactly_on_the_path_is_on_track():
    on = date(2022, 1, 1)
    result = assess(GROWTH, series((on, planned_value(GROWTH, on))), today=date(2022, 2, 1))
    assert result.status == "on_track"
    assert result.shortfall == 0


def test_just_behind_the_path_is_at_risk_and_far_behind_is_off_track():
    on = date(2022, 1, 1)
    planned = planned_value(GROWTH, on)
    assert assess(GROWTH, series((on, planned - 9.9)), date(2022, 2, 1)).status == "at_risk"
    assert assess(GROWTH, series((on, planned - 10.0)), date(2022, 2, 1)).status == "at_risk"
    far = assess(GROWTH, series((on, planned - 10.1)), date(2022, 2, 1))
    assert far.status == "off_track"
    assert far.shortfall_share == pytest.approx(0.101)


def test_before_the_baseline_date_the_path_is_the_baseline():
    result = assess(GROWTH, series((date(2019, 6, 30), 0.0)), today=date(2019, 7, 1))
    assert result.status == "on_track"
    assert result.planned_value == 0.0


def test_past_the_target_date_and_not_achieved_is_overdue():
    result = assess(GROWTH, series((date(2023, 6, 30), 99.0)), today=date(2024, 1, 2))
    assert result.status == "overdue"


def test_target_first_met_after_the_target_date_is_achieved_late():
    result = assess(GROWTH, series((date(2023, 6, 30), 60.0), (date(2025, 6, 30), 100.0)), today=date(2026, 1, 1))
    assert result.status == "achieved_late"
    assert result.achieved_on == date(2025, 6, 30)
    assert result.change == 40.0
    assert result.forecast is None


def test_lower_is_better():
    on = date(2021, 1, 1)  # the path plans 20 - 20 * 366/731 = 9.986
    assert assess(FEWER, series((on, 9.0)), date(2021, 2, 1)).status == "on_track"
    assert assess(FEWER, series((on, 11.9)), date(2021, 2, 1)).status == "at_risk"
    assert assess(FEWER, series((on, 12.1)), date(2021, 2, 1)).status == "off_track"
    assert assess(FEWER, series((on, 0.0)), date(2021, 2, 1)).status == "achieved"
    assert assess(FEWER, series((on, 3.0)), date(2022, 2, 1)).status == "overdue"


def test_no_values_is_no_data():
    result = assess(GROWTH, series(), today=date(2022, 1, 1))
    assert (result.status, result.latest_value, result.is_stale, result.change) == ("no_data", None, False, None)


def test_one_value_forecasts_from_the_baseline_through_that_value():
    result = assess(GROWTH, series((date(2021, 1, 1), 25.0)), today=date(2021, 2, 1))
    assert result.change is None
    # 25 per 366 days from 2020-01-01: 100 is reached 4 x 366 days later
    assert result.forecast.reach_date == date(2024, 1, 4)


def test_steady_growth_forecasts_the_date_the_target_is_reached():
    values = series(*[(date(2020 + year, 1, 1), 20.0 * year) for year in range(4)])
    result = forecast(GROWTH, values, today=date(2023, 2, 1))
    assert result.reach_date == date(2025, 1, 1)
    assert result.slope_per_year == pytest.approx(20.0 * 365.25 / 365.333, rel=1e-3)


def test_a_flat_trend_is_not_at_this_pace():
    values = series((date(2021, 1, 1), 30.0), (date(2022, 1, 1), 30.0), (date(2023, 1, 1), 30.0))
    assert forecast(GROWTH, values, today=date(2023, 2, 1)).reach_date is None


def test_a_trend_pointing_away_is_not_at_this_pace():
    values = series((date(2021, 1, 1), 40.0), (date(2022, 1, 1), 35.0), (date(2023, 1, 1), 30.0))
    result = assess(GROWTH, values, today=date(2023, 2, 1))
    assert result.forecast.reach_date is None and result.forecast.slope_per_year < 0
    rising_blank_spots = series((date(2020, 6, 1), 20.0), (date(2021, 1, 1), 22.0))
    assert forecast(FEWER, rising_blank_spots, today=date(2021, 2, 1)).reach_date is None


def test_a_trend_far_too_slow_is_not_at_this_pace():
    values = series((date(2021, 1, 1), 1.0), (date(2022, 1, 1), 1.001))
    assert forecast(GROWTH, values, today=date(2022, 2, 1)).reach_date is None


def test_stale_and_fresh_follow_the_update_frequency():
    assert not is_stale(GROWTH, date(2024, 12, 31), today=date(2026, 6, 1))  # 517 days: within a year + 6 months
    assert is_stale(GROWTH, date(2024, 12, 31), today=date(2026, 7, 15))
    monthly = KpiDefinition("m", "higher", 0, date(2020, 1, 1), 1, date(2030, 1, 1), "monthly")
    assert not is_stale(monthly, date(2026, 9, 30), today=date(2026, 11, 28))
    assert is_stale(monthly, date(2026, 8, 31), today=date(2026, 11, 28))
    assessed = assess(monthly, series((date(2026, 8, 31), 0.5)), today=date(2026, 11, 28))
    assert assessed.is_stale


def test_missing_values_are_ignored_not_taken_as_zero():
    values = series((date(2021, 1, 1), 30.0), (date(2022, 1, 1), None))
    result = assess(GROWTH, values, today=date(2022, 2, 1))
    assert result.latest_value == 30.0 and result.latest_date == date(2021, 1, 1)
