"""The digest's record: a message written before it is tried, each try recorded (queries/digest/), and read back
whole by digest_outbox, oldest first."""
from datetime import datetime

import duckdb
import pandas as pd

from smartisland import warehouse
from smartisland.config import QUERIES_DIR
from smartisland.db import execute_query


def write(connection, name: str, **params) -> None:
    connection.execute((QUERIES_DIR / "digest" / f"{name}.sql").read_text(encoding="utf-8"), params)


def message(key: str, recipient: str, created_at: datetime) -> dict:
    return {"digest_key": key, "recipient": recipient, "language": "id", "kind": "weekly", "period": "2026-W48",
            "fingerprint": "f" * 16, "statuses": '{"kpi": "on_track"}', "message": "Subject: x\r\n\r\nbody\r\n",
            "created_at": created_at}


def test_a_message_is_written_unsent_and_each_try_is_counted(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as connection:
        warehouse.create_schema(connection)
        write(connection, "digest_outbox_add", **message("2026-W48", "b@example.org", datetime(2026, 11, 28, 9)))
        write(connection, "digest_outbox_add", **message("2026-W48", "a@example.org", datetime(2026, 11, 28, 9)))
        write(connection, "digest_outbox_add", **message("2026-W47", "a@example.org", datetime(2026, 11, 21, 9)))
        write(connection, "digest_outbox_attempt", digest_key="2026-W48", recipient="a@example.org", sent_at=None,
              last_error="ConnectionRefusedError: [Errno 111] Connection refused")
        write(connection, "digest_outbox_attempt", digest_key="2026-W48", recipient="a@example.org",
              sent_at=datetime(2026, 11, 28, 10), last_error=None)
        rows = execute_query(connection, "digest_outbox")
    assert list(zip(rows["digest_key"], rows["recipient"])) == [
        ("2026-W47", "a@example.org"), ("2026-W48", "a@example.org"), ("2026-W48", "b@example.org")]
    sent = rows.iloc[1]
    assert (sent["attempts"], sent["sent_at"], sent["last_error"]) == (2, datetime(2026, 11, 28, 10), None)
    waiting = rows.iloc[2]
    assert (waiting["attempts"], waiting["last_error"]) == (0, None)
    assert pd.isna(waiting["sent_at"])
    assert rows.iloc[0]["message"] == "Subject: x\r\n\r\nbody\r\n"


def test_a_message_is_written_once_per_digest_and_recipient(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as connection:
        warehouse.create_schema(connection)
        write(connection, "digest_outbox_add", **message("2026-W48", "a@example.org", datetime(2026, 11, 28, 9)))
        try:
            write(connection, "digest_outbox_add", **message("2026-W48", "a@example.org", datetime(2026, 11, 28, 9)))
        except duckdb.ConstraintException:
            pass
        else:
            raise AssertionError("a second message for the same digest and recipient was accepted")
        assert len(execute_query(connection, "digest_outbox")) == 1
