from datetime import date, timedelta
from itertools import product

from support.kpi_rows import REGIONS, survey

from smartisland.connectivity.logic import SIGNAL_TIERS
from smartisland.contract import SIGNAL_QUALITIES, TECHNOLOGIES


def test_the_tiers_worst_first_as_the_pages_list_them(make_warehouse):
    connection = make_warehouse({})
    tiers = connection.execute("select tier_order, signal_tier from signal_tiers order by tier_order").fetchall()
    assert tiers == [(1, "none"), (2, "weak"), (3, "no_4g"), (4, "good")]
    assert tuple(tier for _, tier in tiers) == SIGNAL_TIERS


def test_every_survey_falls_in_a_listed_tier_and_every_tier_can_be_reached(make_warehouse):
    surveys = [survey("51.01.01.2001", date(2024, 1, 1) + timedelta(days=day), technology, quality)
               for day, (technology, quality) in enumerate(product(TECHNOLOGIES, SIGNAL_QUALITIES))]
    connection = make_warehouse({"regions": REGIONS, "signal_surveys": surveys})
    reached = connection.execute("select distinct signal_tier from signal_survey_tiers").fetchall()
    listed = connection.execute("select signal_tier from signal_tiers").fetchall()
    assert sorted(reached) == sorted(listed)
