from datetime import date

from support.kpi_rows import rows

from smartisland.db import execute_query


def kpi(kpi_id, area):
    return {"kpi_id": kpi_id, "area": area, "name_id": kpi_id, "name_en": kpi_id, "definition_id": "d",
            "definition_en": "d", "unit": "count", "direction": "higher", "baseline_value": 0.0,
            "baseline_date": date(2020, 1, 1), "target_value": 1.0, "target_date": date(2025, 1, 1),
            "target_source": "s", "owner_agency": "o", "update_frequency": "yearly", "is_public": True,
            "method": "manual", "regional_method": None, "is_headline": False}


def test_definitions_in_area_order(make_warehouse):
    connection = make_warehouse({"kpis": [kpi("z_society", "society"), kpi("b_services", "services"),
                                          kpi("a_spbe", "spbe"), kpi("c_wifi", "connectivity")]})
    result = execute_query(connection, "kpi_definitions")
    assert rows(result[["kpi_id", "area"]]) == [("c_wifi", "connectivity"), ("a_spbe", "spbe"),
                                                ("b_services", "services"), ("z_society", "society")]
