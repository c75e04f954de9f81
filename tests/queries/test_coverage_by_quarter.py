from datetime import date

from support.connectivity_rows import REGIONS

from smartisland.db import execute_query


def _survey(village_code, surveyed_on, source, technology, quality):
    return {"village_code": village_code, "surveyed_on": surveyed_on, "source": source,
            "best_technology": technology, "signal_quality": quality}


SURVEYS = [
    _survey("51.01.01.2002", date(2023, 5, 1), "province", "none", "none"),
    _survey("51.01.01.2001", date(2023, 5, 1), "province", "4g", "good"),
    _survey("51.01.01.2001", date(2023, 8, 20), "bakti", "3g", "weak"),
    _survey("51.01.01.2002", date(2023, 11, 10), "province", "4g", "weak"),
]


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
