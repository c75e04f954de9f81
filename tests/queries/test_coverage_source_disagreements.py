from support.connectivity_rows import REGIONS, SIGNAL_SURVEYS

from smartisland.db import execute_query


def test_lists_only_villages_whose_sources_disagree(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "signal_surveys": SIGNAL_SURVEYS})
    result = execute_query(connection, "coverage_source_disagreements", region_code="51")
    rows = [tuple(None if value != value else value for value in row) for row in result.itertuples(index=False)]
    # Banyubiru changed over time but had one source; Sanur's two sources agree.
    assert rows == [
        ("51.01.01.2001", "Baluk", "Negara", "Kabupaten Jembrana", "good", "weak", None, None, 2, "weak", "good"),
    ]
    assert execute_query(connection, "coverage_source_disagreements", region_code="51.71").empty
