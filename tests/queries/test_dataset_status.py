from datetime import datetime

from smartisland.contract import DATASETS
from smartisland.db import execute_query


def test_dataset_status_counts_rows_and_reports_the_latest_load(make_warehouse):
    connection = make_warehouse({
        "regions": [{"region_code": "51", "name": "Provinsi Bali", "level": "province", "lat": -8.4, "lon": 115.2,
                     "location_basis": "approximate"}],
        "load_log": [
            {"load_id": 1, "dataset": "regions", "file_name": "old.csv", "file_hash": "a", "rows": 1,
             "origin": "reference", "action": "build", "loaded_by": "ci", "loaded_at": datetime(2026, 1, 1, 8)},
            {"load_id": 2, "dataset": "regions", "file_name": "new.csv", "file_hash": "b", "rows": 1,
             "origin": "file", "action": "load", "loaded_by": "ayu", "loaded_at": datetime(2026, 2, 1, 9)},
        ],
    })
    result = execute_query(connection, "dataset_status")
    assert list(result["dataset"]) == [dataset.name for dataset in DATASETS]  # every dataset, in contract order
    first = result.iloc[0]
    assert (first["row_count"], first["origin"], first["file_name"], first["loaded_by"], first["load_count"]) == \
        (1, "file", "new.csv", "ayu", 2)
    assert first["last_loaded_at"] == datetime(2026, 2, 1, 9)
    others = result.iloc[1:]
    assert set(others["row_count"]) == {0} and others["origin"].isna().all() and set(others["load_count"]) == {0}
