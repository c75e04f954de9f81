from smartisland.contract import SURVEY_SOURCES


def test_the_sources_in_the_contracts_order(make_warehouse):
    connection = make_warehouse({})
    sources = connection.execute("select source_order, source from survey_sources order by source_order").fetchall()
    assert sources == [(1, "province"), (2, "bakti"), (3, "operator"), (4, "crowd")]
    assert tuple(source for _, source in sources) == SURVEY_SOURCES
