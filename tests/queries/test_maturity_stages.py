from smartisland.services.logic import STAGES


def test_the_four_maturity_stages_as_the_pages_name_them(make_warehouse):
    connection = make_warehouse({})
    stages = [stage for (stage,) in connection.execute("select maturity_stage from maturity_stages order by 1").fetchall()]
    assert stages == [1, 2, 3, 4]
    assert tuple(stages) == STAGES
