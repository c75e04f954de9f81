from smartisland.db import execute_query


def indicator(framework_id, number, weight, aspect_no=1, kind="process"):
    return {"framework_id": framework_id, "indicator_no": number, "name": f"Indikator {number}", "domain_no": 1,
            "domain": "Domain", "aspect_no": aspect_no, "aspect": f"Aspek {aspect_no}", "weight": weight,
            "indicator_kind": kind}


def test_spbe_framework_indicators_lists_each_framework_with_its_size(make_warehouse):
    connection = make_warehouse({"spbe_indicators": [
        indicator("small-2025", 2, 40.0, 2, "service"),
        indicator("small-2025", 1, 60.0),
        indicator("old-2020", 1, 100.0),
    ]})
    result = execute_query(connection, "spbe_framework_indicators")
    assert list(result.columns) == ["framework_id", "indicator_no", "name", "domain_no", "domain", "aspect_no",
                                    "aspect", "weight", "indicator_kind", "framework_indicator_count"]
    assert result[["framework_id", "indicator_no", "weight", "aspect_no", "indicator_kind",
                   "framework_indicator_count"]].values.tolist() == [
        ["old-2020", 1, 100.0, 1, "process", 1],
        ["small-2025", 1, 60.0, 1, "process", 2],
        ["small-2025", 2, 40.0, 2, "service", 2],
    ]
