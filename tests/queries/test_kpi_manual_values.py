from datetime import date, datetime

from support.kpi_rows import rows

from smartisland.db import execute_query


def value(kpi_id, period_end, number, source="IMDI"):
    return {"kpi_id": kpi_id, "period_end": period_end, "value": number, "source": source, "entered_by": "ayu",
            "entered_at": datetime(2025, 3, 1), "note": None}


def test_values_entered_for_one_kpi_in_date_order(make_warehouse):
    connection = make_warehouse({"kpi_values": [
        value("imdi", date(2024, 12, 31), 49.05), value("imdi", date(2023, 12, 31), 47.0, "estimate"),
        value("other", date(2024, 12, 31), 1.0)]})
    assert rows(execute_query(connection, "kpi_manual_values", kpi_id="imdi")) == [
        ("2023-12-31", 47.0, "estimate"), ("2024-12-31", 49.05, "IMDI")]
