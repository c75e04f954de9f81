"""One warehouse per page run (issue 22): every query of one script run reads the same file, even when a load swaps
in a new file between two of its queries. On 904de23 each query picked the current file itself, so the second
query of the run read the new file."""
from __future__ import annotations

import shutil

import duckdb
from streamlit.testing.v1 import AppTest

from smartisland import db


def region_count(path) -> int:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute("select count(*) from regions").fetchone()[0]


def page_with_a_swap_between_two_queries():
    """A page run within one warehouse, as app.py runs every page: it reads, a load swaps in another file, it
    reads again."""
    import os

    import streamlit as st

    from smartisland.config import warehouse_path
    from smartisland.ui.queries import one_warehouse, run_query

    with one_warehouse():
        first = run_query("services_areas")
        os.replace(os.environ["SWAP_IN"], warehouse_path())  # a load's atomic swap, between two queries of this run
        second = run_query("services_areas")
        st.write(f"first {len(first)} second {len(second)}")


def test_a_swap_between_two_queries_of_one_run_changes_neither(fixture_db, sample_db, tmp_path, monkeypatch):
    served, newer = tmp_path / "served.duckdb", tmp_path / "newer.duckdb"
    shutil.copy(fixture_db, served)
    shutil.copy(sample_db, newer)
    assert region_count(served) != region_count(newer)
    monkeypatch.setenv("SMARTISLAND_DB", str(served))
    monkeypatch.setenv("SWAP_IN", str(newer))
    with duckdb.connect(str(served), read_only=True) as connection:
        expected = len(db.execute_query(connection, "services_areas"))
    with duckdb.connect(str(newer), read_only=True) as connection:
        after_swap = len(db.execute_query(connection, "services_areas"))
    assert expected != after_swap
    app = AppTest.from_function(page_with_a_swap_between_two_queries, default_timeout=60)
    app.run()
    assert not app.exception, [item.value for item in app.exception]
    assert [item.value for item in app.markdown] == [f"first {expected} second {expected}"]
    # The next run reads the new file throughout.
    monkeypatch.setenv("SWAP_IN", str(tmp_path / "none"))
    shutil.copy(sample_db, tmp_path / "none")
    app.run()
    assert [item.value for item in app.markdown] == [f"first {after_swap} second {after_swap}"]
    db.close_all()
