from datetime import date

import pytest
from support.connectivity_rows import REGIONS, WIFI_POINTS

from smartisland.db import execute_query


@pytest.mark.calendar
def test_counts_points_in_service_at_each_month_end_with_their_bandwidth(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    result = execute_query(connection, "wifi_points_in_service_monthly", region_code="51")
    # From March 2019 (wf-4) to January 2022 (wf-3, the latest event; no usage reported).
    assert result["month_end"].iloc[0].date() == date(2019, 3, 31)
    assert result["month_end"].iloc[-1].date() == date(2022, 1, 31)
    assert list(result["points_in_service"]) == [1] + [2] * 2 + [3] * 30 + [2, 3]
    rows = {row.month_end.date(): (row.points_in_service, row.bandwidth_mbps_total, row.bandwidth_mbps_mean)
            for row in result.itertuples()}
    assert rows[date(2019, 4, 30)] == (2, 60, 30)
    # wf-4 decommissioned on 31 December 2021 is no longer in service that day.
    assert rows[date(2021, 12, 31)] == (2, 70, 35)
    assert rows[date(2022, 1, 31)] == (3, 120, 40)


def test_a_region_counts_only_its_points_and_keeps_the_same_months(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    result = execute_query(connection, "wifi_points_in_service_monthly", region_code="51.71")
    assert len(result) == 35
    assert list(result["points_in_service"]) == [1] * 33 + [0, 1]
    last_two = result.tail(2)
    assert last_two["bandwidth_mbps_total"].isna().tolist() == [True, False]
    assert last_two["bandwidth_mbps_mean"].iloc[1] == 50
