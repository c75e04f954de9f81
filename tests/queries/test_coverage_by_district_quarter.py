"""The summary table of coverage by quarter end, survey source and district (queries/summaries/), rebuilt with
every change of the warehouse: exact rows on a tiny Bali and its grain on the sample."""
from datetime import date

from support.connectivity_rows import QUARTER_SURVEYS as SURVEYS
from support.connectivity_rows import REGIONS
from support.connectivity_rows import quarter_survey as _survey
from support.grain import assert_grain

from smartisland.config import QUERIES_DIR

SUMMARY = "coverage_by_district_quarter"


def summary_rows(connection) -> list[tuple]:
    return connection.execute(
        f"select quarter_end, source, district_code, villages_surveyed, villages_with_signal, villages_good "
        f"from {SUMMARY} order by quarter_end, source, district_code").fetchall()


def test_one_row_per_quarter_end_source_and_district_surveyed_by_then(make_warehouse):
    sanur = _survey("51.71.01.1001", date(2023, 8, 1), "province", "4g", "good")
    connection = make_warehouse({"regions": REGIONS, "signal_surveys": [*SURVEYS, sanur]})
    assert summary_rows(connection) == [
        (date(2023, 6, 30), "province", "51.01.01", 2, 1, 1),
        (date(2023, 9, 30), "bakti", "51.01.01", 1, 1, 0),
        (date(2023, 9, 30), "province", "51.01.01", 2, 1, 1),
        (date(2023, 9, 30), "province", "51.71.01", 1, 1, 1),
        (date(2023, 12, 31), "bakti", "51.01.01", 1, 1, 0),
        (date(2023, 12, 31), "province", "51.01.01", 2, 2, 1),
        (date(2023, 12, 31), "province", "51.71.01", 1, 1, 1),
    ]


def test_without_surveys_the_summary_is_empty(make_warehouse):
    assert summary_rows(make_warehouse({"regions": REGIONS})) == []


def test_the_sample_holds_to_the_grain(sample_db):
    import duckdb

    with duckdb.connect(str(sample_db), read_only=True) as connection:
        result = connection.execute(f"select * from {SUMMARY}").df()
    assert len(result) > 100
    assert_grain(result, (QUERIES_DIR / "summaries" / f"{SUMMARY}.sql").read_text(encoding="utf-8"), SUMMARY)
