"""Upload limits: one home (config.py, env-overridable) that Streamlit's cap agrees with; a file too large or of too
many rows is refused by the loader with a message naming the file and the limit, in both languages."""
from __future__ import annotations

import tomllib

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook
from support import FIXTURE_TODAY, ROOT

from smartisland import config
from smartisland.load import load_files

HEADER = "point_id,month,unique_users,sessions,traffic_gb,uptime_pct\n"


def usage_rows(count: int) -> str:
    return "".join(f"wf-1,20{10 + number // 12:02d}-{number % 12 + 1:02d}-01,1,2,1.5,99\n" for number in range(count))


def messages(result) -> dict[str, list[str]]:
    return {language: [problem.message(language) for problem in result.problems] for language in ("id", "en")}


def test_streamlit_caps_uploads_at_the_loaders_file_limit():
    with (ROOT / ".streamlit" / "config.toml").open("rb") as handle:
        assert tomllib.load(handle)["server"]["maxUploadSize"] == config.DEFAULT_MAX_FILE_MB == config.max_file_mb()


def test_the_limits_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("SMARTISLAND_MAX_FILE_MB", "2048")
    monkeypatch.setenv("SMARTISLAND_MAX_ROWS", "100_000_000")
    assert (config.max_file_mb(), config.max_rows()) == (2048, 100_000_000)
    monkeypatch.setenv("SMARTISLAND_MAX_ROWS", "many")
    monkeypatch.setenv("SMARTISLAND_MAX_FILE_MB", "0")
    assert (config.max_file_mb(), config.max_rows()) == (512, 10_000_000)


def test_a_5_gb_csv_is_refused_before_it_is_read(fixture_db, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:  # a sparse file: five gigabytes on paper, nothing on disk
        handle.write(HEADER.encode())
        handle.truncate(5 * 10**9)
    result = load_files("wifi_usage_monthly", [path], fixture_db, today=FIXTURE_TODAY, display_names=["huge.csv"])
    assert messages(result) == {
        "id": ["huge.csv: berkas terlalu besar: 4.769 MB, batasnya 512 MB; bagi berkas menjadi beberapa bagian"],
        "en": ["huge.csv: file too large: 4,769 MB, the limit is 512 MB; split the file into parts"]}


def test_a_file_just_over_the_size_limit_is_refused_and_one_under_it_loads(fixture_db, tmp_path, monkeypatch):
    monkeypatch.setenv("SMARTISLAND_MAX_FILE_MB", "1")
    path = tmp_path / "u.csv"
    path.write_text(HEADER + usage_rows(12) + "#" * (1 << 20) + "\n")
    result = load_files("wifi_usage_monthly", [path], fixture_db, today=FIXTURE_TODAY, display_names=["u.csv"])
    assert messages(result)["en"] == ["u.csv: file too large: 2 MB, the limit is 1 MB; split the file into parts"]
    path.write_text(HEADER + usage_rows(12))
    assert load_files("wifi_usage_monthly", [path], fixture_db, today=FIXTURE_TODAY).ok


def write_usage(path, count: int) -> None:
    """`count` rows of monthly use as CSV (DuckDB's reader), CSV with a blank line (Python's), XLSX or Parquet."""
    rows = [line.split(",") for line in usage_rows(count).splitlines()]
    if path.suffix == ".xlsx":
        book = Workbook()
        book.active.append(HEADER.strip().split(","))
        for row in rows:
            book.active.append(row)
        book.save(path)
    elif path.suffix == ".parquet":
        columns = HEADER.strip().split(",")
        pq.write_table(pa.table({name: [row[position] for row in rows] for position, name in enumerate(columns)}),
                       path)
    elif path.stem == "blank":
        path.write_text(HEADER + "\n" + usage_rows(count))
    else:
        path.write_text(HEADER + usage_rows(count))


@pytest.mark.parametrize("name", ["u.csv", "blank.csv", "u.xlsx", "u.parquet"])
def test_a_file_of_more_rows_than_the_limit_is_refused_whatever_its_reader(fixture_db, tmp_path, monkeypatch, name):
    monkeypatch.setenv("SMARTISLAND_MAX_ROWS", "3")
    path = tmp_path / name
    write_usage(path, 4)
    result = load_files("wifi_usage_monthly", [path], fixture_db, today=FIXTURE_TODAY, display_names=[name])
    assert messages(result) == {
        "id": [f"{name}: terlalu banyak baris: lebih dari 3 baris data; bagi berkas menjadi beberapa bagian"],
        "en": [f"{name}: too many rows: more than 3 data rows; split the file into parts"]}
    write_usage(path, 3)
    assert load_files("wifi_usage_monthly", [path], fixture_db, today=FIXTURE_TODAY, display_names=[name]).ok


def test_the_row_limit_is_written_for_the_language(fixture_db, tmp_path, monkeypatch):
    monkeypatch.setenv("SMARTISLAND_MAX_ROWS", "10000")
    monkeypatch.setattr("smartisland.load_checks.BATCH_ROWS", 1000)  # refused while read, a batch past the limit
    path = tmp_path / "blank.csv"
    write_usage(path, 10001)
    result = load_files("wifi_usage_monthly", [path], fixture_db, today=FIXTURE_TODAY, display_names=["b.csv"])
    assert messages(result) == {
        "id": ["b.csv: terlalu banyak baris: lebih dari 10.000 baris data; bagi berkas menjadi beberapa bagian"],
        "en": ["b.csv: too many rows: more than 10,000 data rows; split the file into parts"]}
    assert not [item for item in fixture_db.parent.iterdir() if "staging" in item.name]


def limits_page():
    import streamlit as st

    from smartisland import ui
    from smartisland.i18n import set_language

    set_language(st.query_params.get("lang", "id"))
    ui.show_upload_limits()
    with ui.loading([3 << 20, 1 << 19]):
        st.write("loaded")


@pytest.mark.parametrize("language, caption, label", [
    ("id", "Batas per berkas: 512 MB dan 10.000.000 baris data.", "Pemuatan selesai"),
    ("en", "Limits per file: 512 MB and 10,000,000 data rows.", "Load finished"),
])
def test_the_data_page_can_show_the_limits_and_a_load_in_progress(language, caption, label):
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(limits_page)
    app.query_params["lang"] = language
    app.run()
    assert not app.exception
    assert [item.value for item in app.caption] == [caption]
    assert [item.label for item in app.status] == [label]

