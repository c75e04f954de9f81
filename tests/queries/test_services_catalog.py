from datetime import date

import pandas as pd

from smartisland.db import execute_query


def day(value):
    """A date from DuckDB's timestamp, None for a missing one."""
    return None if pd.isna(value) else value.date()


def service(service_id, stage, agency, is_integrated=True, launched_on=date(2020, 1, 1), is_in_article=False):
    return {"service_id": service_id, "name_id": f"Layanan {service_id}", "name_en": f"Service {service_id}",
            "agency": agency, "maturity_stage": stage, "is_integrated": is_integrated, "launched_on": launched_on,
            "is_in_article": is_in_article}


def test_catalog_lists_the_article_services_first_with_the_date_of_their_current_stage(make_warehouse):
    connection = make_warehouse({
        "services": [
            service("svc-a", 3, "Bappeda"),
            service("svc-b", 2, "BKD", is_integrated=False, is_in_article=True),
            service("svc-c", 1, "Bappeda", launched_on=None),
        ],
        "service_stages": [
            {"service_id": "svc-a", "maturity_stage": 1, "reached_on": date(2020, 1, 1)},
            {"service_id": "svc-a", "maturity_stage": 3, "reached_on": date(2022, 5, 9)},
            {"service_id": "svc-b", "maturity_stage": 1, "reached_on": date(2020, 1, 1)},
            {"service_id": "svc-b", "maturity_stage": 2, "reached_on": date(2021, 3, 1)},
        ],
    })
    result = execute_query(connection, "services_catalog")
    rows = [(row.service_id, row.agency, row.maturity_stage, day(row.stage_reached_on), row.is_integrated,
             row.is_in_article) for row in result.itertuples()]
    assert rows == [
        ("svc-b", "BKD", 2, date(2021, 3, 1), False, True),
        ("svc-a", "Bappeda", 3, date(2022, 5, 9), True, False),
        ("svc-c", "Bappeda", 1, None, True, False),
    ]
    assert list(result["name_en"]) == ["Service svc-b", "Service svc-a", "Service svc-c"]
