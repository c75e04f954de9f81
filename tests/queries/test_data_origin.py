from datetime import date, datetime

from smartisland.db import execute_query


def log(load_id, dataset, origin, when):
    return {"load_id": load_id, "dataset": dataset, "file_name": f"{dataset}.csv", "file_hash": "x", "rows": 1,
            "origin": origin, "action": "build", "loaded_by": "ci", "loaded_at": when}


def test_data_origin_counts_sample_and_loaded_fact_datasets(make_warehouse):
    connection = make_warehouse({
        "wifi_usage_monthly": [{"point_id": "wf-1", "month": date(2026, 9, 1), "sessions": 1, "traffic_gb": 1.0}],
        "kpi_values": [{"kpi_id": "k", "period_end": date(2026, 10, 31), "value": 1.0, "source": "s",
                        "entered_by": "a", "entered_at": datetime(2026, 11, 1)}],
        "load_log": [
            log(1, "regions", "reference", datetime(2026, 1, 1)),
            log(1, "wifi_points", "sample", datetime(2026, 1, 1)),
            log(1, "wifi_usage_monthly", "sample", datetime(2026, 1, 1)),
            log(2, "wifi_usage_monthly", "file", datetime(2026, 3, 1)),
        ],
    })
    row = execute_query(connection, "data_origin").iloc[0].to_dict()
    assert row == {"fact_datasets_from_sample": 1, "fact_datasets_from_files": 1,
                   "data_through": datetime(2026, 10, 31), "last_loaded_at": datetime(2026, 3, 1)}


def test_data_origin_on_an_empty_warehouse(make_warehouse):
    row = execute_query(make_warehouse({}), "data_origin").iloc[0]
    assert (row["fact_datasets_from_sample"], row["fact_datasets_from_files"]) == (0, 0)
    assert row["data_through"] is None or str(row["data_through"]) == "NaT"
