from datetime import date

import pytest
from support.connectivity_rows import AS_OF, REGIONS, WIFI_POINTS

from smartisland.db import execute_query


def _rows(result):
    return [tuple(row) for row in result.itertuples(index=False)]


@pytest.mark.calendar
def test_lists_villages_with_no_point_in_service_the_most_populous_first(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "wifi_points": WIFI_POINTS})
    # Banyubiru's point is down but still in service, so Banyubiru has a point.
    assert _rows(execute_query(connection, "wifi_villages_without_points", region_code="51", as_of=AS_OF)) == [
        ("51.71.01.1002", "Sesetan", "Denpasar Selatan", "Kota Denpasar", "kelurahan", 5000),
    ]
    # Before wf-2 was installed, Banyubiru had none either.
    assert _rows(execute_query(connection, "wifi_villages_without_points", region_code="51",
                               as_of=date(2019, 5, 1))) == [
        ("51.71.01.1002", "Sesetan", "Denpasar Selatan", "Kota Denpasar", "kelurahan", 5000),
        ("51.01.01.2002", "Banyubiru", "Negara", "Kabupaten Jembrana", "desa", 2000),
    ]
    assert execute_query(connection, "wifi_villages_without_points", region_code="51.01", as_of=AS_OF).empty
