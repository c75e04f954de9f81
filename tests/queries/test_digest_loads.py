"""The loads a digest reports: those since the last digest (before any, the latest load), datasets together."""
from datetime import datetime

import duckdb

from smartisland import warehouse
from smartisland.config import QUERIES_DIR
from smartisland.db import execute_query


def log(connection, load_id, dataset, rows, when, action="load", who="ayu"):
    connection.execute("insert into load_log values ($load_id, $dataset, $file_name, 'x', $rows, 'file', $action, "
                       "$who, $when)", {"load_id": load_id, "dataset": dataset, "file_name": f"{dataset}.csv",
                                        "rows": rows, "action": action, "who": who, "when": when})


def test_before_any_digest_the_latest_load_then_every_load_since_the_last_digest(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as connection:
        warehouse.create_schema(connection)
        log(connection, 1, "regions", 10, datetime(2026, 11, 1, 8), action="build", who="ci")
        log(connection, 2, "wifi_points", 5, datetime(2026, 11, 20, 9))
        log(connection, 2, "kpi_values", 3, datetime(2026, 11, 20, 9))
        first = execute_query(connection, "digest_loads")
        assert first[["load_id", "action", "loaded_by", "datasets", "file_names", "row_count"]].values.tolist() == [
            [2, "load", "ayu", "kpi_values, wifi_points", "kpi_values.csv, wifi_points.csv", 8]]
        assert first.iloc[0]["loaded_at"] == datetime(2026, 11, 20, 9)
        connection.execute((QUERIES_DIR / "digest" / "digest_outbox_add.sql").read_text(), {
            "digest_key": "2026-W47", "recipient": "a@example.org", "language": "id", "kind": "weekly",
            "period": "2026-W47", "fingerprint": "f", "statuses": "{}", "message": "m",
            "created_at": datetime(2026, 11, 21, 7)})
        assert execute_query(connection, "digest_loads").empty  # nothing loaded since that digest
        log(connection, 3, "regions", 12, datetime(2026, 11, 22, 8))
        log(connection, 4, "wifi_points", 6, datetime(2026, 11, 23, 8), action="undo", who="budi")
        since = execute_query(connection, "digest_loads")
        assert since[["load_id", "action", "loaded_by", "datasets", "row_count"]].values.tolist() == [
            [3, "load", "ayu", "regions", 12], [4, "undo", "budi", "wifi_points", 6]]
