from datetime import date

import pytest
from support.connectivity_rows import REGIONS, WIFI_POINTS

from smartisland.db import execute_query


def _usage(point_id, month, users, sessions, traffic, uptime):
    return {"point_id": point_id, "month": month, "unique_users": users, "sessions": sessions, "traffic_gb": traffic,
            "uptime_pct": uptime}


USAGE = [
    _usage("wf-2", date(2026, 8, 1), None, 10, 1.0, None),
    _usage("wf-1", date(2026, 9, 1), 120, 400, 35.5, 99.0),
    _usage("wf-1", date(2026, 10, 1), 130, 420, 38.25, 97.5),
    _usage("wf-2", date(2026, 10, 1), None, 50, 4.0, 60.0),
    _usage("wf-3", date(2026, 10, 1), 300, 900, 120.0, 100.0),
]


def test_sums_use_by_month_and_averages_uptime_over_the_points_reporting_it(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS, "wifi_usage_monthly": USAGE})
    result = execute_query(connection, "wifi_usage_trend", region_code="51")
    assert [row.month.date() for row in result.itertuples()] == [date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1)]
    assert list(result["points_reporting"]) == [1, 1, 3]
    assert list(result["sessions"]) == [10, 400, 1370]
    assert list(result["traffic_gb"]) == pytest.approx([1.0, 35.5, 162.25])
    assert result["unique_users"].tolist()[1:] == [120, 430]
    assert result["uptime_pct_mean"].tolist()[1:] == pytest.approx([99.0, 85.8333333])


def test_users_and_uptime_are_missing_not_zero_when_no_point_reported_them(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS, "wifi_usage_monthly": USAGE})
    result = execute_query(connection, "wifi_usage_trend", region_code="51.01")
    first = result.iloc[0]
    assert (first["points_reporting"], first["sessions"]) == (1, 10)
    assert first[["unique_users", "uptime_pct_mean"]].isna().all()
    last = result.iloc[-1]
    assert (last["points_reporting"], last["unique_users"], last["sessions"], last["traffic_gb"],
            last["uptime_pct_mean"]) == (2, 130, 470, 42.25, 78.75)
