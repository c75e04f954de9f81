from datetime import date

import pytest
from support.connectivity_rows import REGIONS, WIFI_POINTS


@pytest.mark.parametrize(("day", "expected"), [
    (date(2019, 2, 28), []),
    (date(2019, 4, 10), ["wf-1", "wf-4"]),  # installed that day: in service
    (date(2021, 12, 30), ["wf-1", "wf-2", "wf-4"]),
    (date(2021, 12, 31), ["wf-1", "wf-2"]),  # decommissioned that day: no longer in service
    (date(2026, 10, 31), ["wf-1", "wf-2", "wf-3"]),
])
def test_a_point_is_in_service_from_its_installation_until_it_is_decommissioned(make_warehouse, day, expected):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    result = connection.execute("select point_id from points_in_service($day) order by point_id", {"day": day})
    assert [point_id for (point_id,) in result.fetchall()] == expected
