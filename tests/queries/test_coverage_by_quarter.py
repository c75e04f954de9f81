from datetime import date

from support.connectivity_rows import QUARTER_SURVEYS as SURVEYS
from support.connectivity_rows import REGIONS

from smartisland.db import execute_query


def test_counts_each_sources_latest_view_at_every_quarter_end(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "signal_surveys": SURVEYS})
    result = execute_query(connection, "coverage_by_quarter", region_code="51")
    rows = [(row.quarter_end.date(), row.source, row.villages_surveyed, row.villages_with_signal, row.villages_good)
            for row in result.itertuples()]
    assert rows == [
        (date(2023, 6, 30), "province", 2, 1, 1),
        (date(2023, 9, 30), "bakti", 1, 1, 0),
        (date(2023, 9, 30), "province", 2, 1, 1),
        (date(2023, 12, 31), "bakti", 1, 1, 0),
        (date(2023, 12, 31), "province", 2, 2, 1),
    ]


def test_a_region_without_surveys_has_no_rows(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "signal_surveys": SURVEYS})
    assert execute_query(connection, "coverage_by_quarter", region_code="51.71").empty
