from datetime import date

from support.connectivity_rows import REGIONS, SIGNAL_SURVEYS

from smartisland.db import execute_query


def _counts(result):
    return {source: list(group["villages"]) for source, group in result.groupby("source", sort=False)}


def test_each_source_counts_villages_by_its_own_latest_surveys(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "signal_surveys": SIGNAL_SURVEYS})
    result = execute_query(connection, "coverage_tiers_by_source", region_code="51")
    assert len(result) == 20
    assert list(result["signal_tier"][:5]) == ["none", "weak", "no_4g", "good", "not_surveyed"]
    # Tiers in the order none, weak, no_4g, good, not_surveyed.
    assert _counts(result) == {
        "province": [0, 0, 1, 2, 1],
        "bakti": [0, 1, 0, 0, 3],
        "operator": [0, 0, 0, 1, 3],
        "crowd": [0, 0, 0, 0, 4],
    }
    latest = result.drop_duplicates("source").set_index("source")["latest_surveyed_on"]
    assert latest["province"].date() == date(2025, 5, 1)
    assert latest["bakti"].date() == date(2024, 7, 1)
    assert latest.isna()["crowd"]


def test_a_regency_counts_only_its_villages(make_warehouse):
    connection = make_warehouse({"regions": REGIONS, "signal_surveys": SIGNAL_SURVEYS})
    result = execute_query(connection, "coverage_tiers_by_source", region_code="51.71")
    assert _counts(result) == {
        "province": [0, 0, 0, 1, 1],
        "bakti": [0, 0, 0, 0, 2],
        "operator": [0, 0, 0, 1, 1],
        "crowd": [0, 0, 0, 0, 2],
    }
