"""The open data: public columns only, public KPIs only, and a data package whose every file matches its description."""
import hashlib
import io
import json
import re
import zipfile
from datetime import date, datetime

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from smartisland.contract import DATASETS, DATASETS_BY_NAME
from smartisland.i18n import has_key, t
from smartisland.publishing.open_data import (
    ARROW_TYPES,
    DATAPACKAGE_FILE,
    FIELD_TYPES,
    build_open_data,
    csv_bytes,
    dictionary_frame,
    open_data_package,
    public_columns,
    public_datasets,
    zip_bytes,
)
from smartisland.report_context import ReportContext, using

INTERNAL = {dataset.name: {column.name for column in dataset.columns if column.is_internal} for dataset in DATASETS}


@pytest.fixture(scope="module")
def sample_package(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        open_data = build_open_data(connection)
        tables = {dataset.name: connection.execute(f'select * from "{dataset.name}"').df() for dataset in DATASETS}
    return open_data, tables


def test_every_public_column_of_every_public_dataset_has_a_description_in_both_languages():
    missing = [f"{dataset.name}.{column.name}" for dataset in public_datasets() for column in public_columns(dataset)
               if not has_key(f"dictionary.column.{dataset.name}.{column.name}")]
    missing += [dataset.name for dataset in public_datasets() if not has_key(f"dictionary.dataset.{dataset.name}")]
    assert missing == []
    for language in ("id", "en"):
        with using(ReportContext(language=language)):
            dictionary = dictionary_frame()
        assert len(dictionary) == sum(len(public_columns(dataset)) for dataset in public_datasets())
        assert dictionary.iloc[:, -1].str.len().min() > 3


def test_internal_columns_are_never_public_columns():
    assert INTERNAL["kpi_values"] == {"entered_by", "note"} and INTERNAL["spbe_assessments"] == {"evidence_status"}
    for dataset in public_datasets():
        assert not {column.name for column in public_columns(dataset)} & INTERNAL[dataset.name]


def test_only_public_kpis_and_their_values_are_published(make_warehouse):
    def kpi(kpi_id, is_public):
        return {"kpi_id": kpi_id, "area": "society", "name_id": kpi_id, "name_en": kpi_id, "definition_id": "d",
                "definition_en": "d", "unit": "index", "direction": "higher", "baseline_value": 1.0,
                "baseline_date": date(2024, 12, 31), "target_value": 2.0, "target_date": date(2027, 12, 31),
                "target_source": "s", "target_kind": "illustrative", "owner_agency": "Diskominfos Bali",
                "update_frequency": "yearly",
                "is_public": is_public, "method": "manual", "regional_method": None, "is_headline": False}

    def value(kpi_id):
        return {"kpi_id": kpi_id, "period_end": date(2025, 12, 31), "value": 1.5, "source": "published",
                "entered_by": "ayu.secret", "entered_at": datetime(2026, 1, 5, 9, 30), "note": "do not publish"}

    connection = make_warehouse({"kpis": [kpi("open_kpi", True), kpi("team_kpi", False)],
                                 "kpi_values": [value("open_kpi"), value("team_kpi")]})
    open_data = build_open_data(connection)
    assert open_data.files["data/kpis.csv"].decode().count("team_kpi") == 0
    assert open_data.files["data/kpi_values.csv"].decode() == (
        "kpi_id,period_end,value,source,entered_at,provenance\n"
        "open_kpi,2025-12-31,1.5,published,2026-01-05T09:30:00,published\n")
    everything = b"".join(open_data.files.values())
    assert b"ayu.secret" not in everything and b"do not publish" not in everything and b"team_kpi" not in everything
    assert open_data.row_counts["kpis"] == 1 and open_data.row_counts["kpi_values"] == 1


def test_csv_writes_missing_as_empty_whole_numbers_as_integers_and_lowercase_booleans():
    dataset = DATASETS_BY_NAME["regions"]
    frame = pd.DataFrame({"region_code": ["51", "51.01"], "name": ["Provinsi Bali", "Kabupaten Jembrana"],
                          "level": ["province", "regency"], "parent_code": [None, "51"], "village_type": [None, None],
                          "lat": [-8.4, -8.32], "lon": [115.19, 114.68], "population": [4375263.0, float("nan")],
                          "population_year": [2025, 2025], "location_basis": ["approximate", "approximate"],
                          "population_basis": ["published", None]})
    assert csv_bytes(frame, dataset).decode().splitlines()[1:] == [
        "51,Provinsi Bali,province,,,-8.4,115.19,4375263,2025,approximate,published",
        "51.01,Kabupaten Jembrana,regency,51,,-8.32,114.68,,2025,approximate,"]


def test_the_package_lists_every_public_dataset_with_every_public_field(sample_package):
    open_data, _ = sample_package
    package = json.loads(open_data.files[DATAPACKAGE_FILE])
    assert package == open_data.package
    assert package["name"] == "bali-smart-island-open-data" and package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["created"] and any("antaranews" in source.get("path", "") for source in package["sources"])
    assert any("sampel" in source["title"] for source in package["sources"])  # the sample warehouse says so
    by_path = {resource["path"]: resource for resource in package["resources"]}
    assert len(by_path) == 2 * len(public_datasets())
    for dataset in public_datasets():
        for path in (f"data/{dataset.name}.csv", f"data/{dataset.name}.parquet"):
            resource = by_path[path]
            fields = resource["schema"]["fields"]
            assert [field["name"] for field in fields] == [column.name for column in public_columns(dataset)] + [
                "provenance"]
            assert [field["type"] for field in fields] == [
                FIELD_TYPES[column.type] for column in public_columns(dataset)] + ["string"]
            assert all(field["description"] and field["description_en"] for field in fields)
            assert resource["schema"]["primaryKey"] == list(dataset.key)
            if open_data.row_counts[dataset.name]:  # from the load log; a dataset never loaded has no date
                assert resource["last_updated"] and resource["origin"] in ("reference", "sample", "file")
            with using(ReportContext(language="id")):
                assert resource["title"] == t(f"dataset.{dataset.name}")
    assert all(re.fullmatch(r"[a-z0-9._/-]+", resource["name"]) for resource in package["resources"])
    assert len({resource["name"] for resource in package["resources"]}) == len(package["resources"])


def _parse(value: str, field: dict):
    """One CSV cell read as its Table Schema field says; raises when it does not match the type."""
    kind = field["type"]
    if kind == "string":
        return value
    if kind == "integer":
        assert re.fullmatch(r"-?\d+", value), value
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "datetime":
        return datetime.strptime(value, field["format"])
    if kind == "boolean":
        assert value in ("true", "false"), value
        return value == "true"
    raise AssertionError(kind)


def _check_constraints(value, field: dict) -> None:
    constraints = field.get("constraints", {})
    if "enum" in constraints:
        assert value in constraints["enum"], (field["name"], value)
    if "minimum" in constraints:
        assert value >= constraints["minimum"], (field["name"], value)
    if "maximum" in constraints:
        assert value <= constraints["maximum"], (field["name"], value)
    if "pattern" in constraints:
        assert re.fullmatch(constraints["pattern"], value), (field["name"], value)


def _comparable(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):
        return value.item()
    return value


def _as_warehouse(value, field: dict):
    """A parsed cell as the warehouse holds it (DuckDB hands dates to pandas as timestamps)."""
    if field["type"] == "date" and value is not None:
        return datetime(value.year, value.month, value.day)
    return value


def test_each_file_matches_its_description_read_back_and_compared(sample_package):
    open_data, tables = sample_package
    for resource in open_data.package["resources"]:
        data = open_data.files[resource["path"]]
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        dataset = DATASETS_BY_NAME[resource["path"].split("/")[1].split(".")[0]]
        # the provenance column is the package's own (checked in its own test); the rest is the warehouse's
        fields = [field for field in resource["schema"]["fields"] if field["name"] != "provenance"]
        names = [field["name"] for field in fields]
        warehouse = tables[dataset.name][names]
        if dataset.name in ("kpis", "kpi_values"):
            public_ids = set(tables["kpis"].loc[tables["kpis"]["is_public"], "kpi_id"])
            warehouse = warehouse[warehouse["kpi_id"].isin(public_ids)]
        expected = [tuple(_comparable(value) for value in row) for row in warehouse.itertuples(index=False)]
        if resource["format"] == "csv":
            read = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
            assert list(read.columns) == [*names, "provenance"]
            assert set(read["provenance"]) <= {"published", "derived", "estimated", "sample"}
            read = read[names]
            rows = []
            for row in read.itertuples(index=False):
                parsed = []
                for cell, field in zip(row, fields):
                    if cell == "":
                        assert not field.get("constraints", {}).get("required"), (resource["name"], field["name"])
                        parsed.append(None)
                        continue
                    value = _parse(cell, field)
                    _check_constraints(value, field)
                    parsed.append(_as_warehouse(value, field))
                rows.append(tuple(parsed))
        else:
            table = pq.read_table(io.BytesIO(data))
            assert table.schema.names == [*names, "provenance"]
            assert [str(table.schema.field(name).type) for name in names] == \
                [str(ARROW_TYPES[dataset.column(name).type]) for name in names]
            rows = [tuple(_as_warehouse(row[name], field) for name, field in zip(names, fields))
                    for row in table.to_pylist()]
        positions = [names.index(name) for name in dataset.key]

        def by_key(row, positions=positions):
            return tuple(str(row[position]) for position in positions)

        assert sorted(rows, key=by_key) == sorted(expected, key=by_key), resource["name"]


def test_no_internal_column_or_value_in_any_published_file_nor_in_the_zip(sample_package):
    open_data, tables = sample_package
    secrets = {str(value) for value in tables["kpi_values"]["entered_by"].dropna()} | \
              {str(value) for value in tables["kpi_values"]["note"].dropna()}
    assert secrets  # the sample holds an entered value with its author and note
    archive = zipfile.ZipFile(io.BytesIO(open_data.zip_bytes()))
    assert sorted(archive.namelist()) == sorted(open_data.files)
    for name in archive.namelist():
        data = archive.read(name)
        assert data == open_data.files[name]
        text = data.decode("utf-8", errors="replace")
        assert not any(secret in text for secret in secrets), name
        if name.endswith(".csv") and name.startswith("data/"):
            header = set(text.splitlines()[0].split(","))
            assert not header & {column for columns in INTERNAL.values() for column in columns}, name
        if name.endswith(".parquet"):
            assert not set(pq.read_schema(io.BytesIO(data)).names) & INTERNAL[name.split("/")[1].split(".")[0]]
    package_fields = {field["name"] for resource in open_data.package["resources"]
                      for field in resource["schema"]["fields"]}
    assert "entered_by" not in package_fields and "note" not in package_fields and "evidence_status" not in package_fields


def test_the_zip_is_the_same_bytes_for_the_same_files():
    files = {"datapackage.json": b"{}", "data/a.csv": b"x\n1\n"}
    assert zip_bytes(files, "2026-11-01T10:00:00") == zip_bytes(dict(reversed(files.items())), "2026-11-01T10:00:00")
    assert zipfile.ZipFile(io.BytesIO(zip_bytes(files))).namelist()[0] == "datapackage.json"


def test_every_row_says_where_its_figures_come_from_both_ways(sample_db):
    """Issue 13 item 7: the dataset's origin misleads both ways; each row carries its own provenance. Estimated
    village populations are not "reference", published SPBE indices and base-station counts are not "sample"."""
    open_data, _ = open_data_package(sample_db)
    read = {name: pd.read_csv(io.BytesIO(open_data.files[f"data/{name}.csv"]), dtype=str)
            for name in ("regions", "spbe_published", "base_stations_yearly", "kpi_values", "service_stages")}
    regions = read["regions"].set_index("region_code")["provenance"]
    assert (regions["51"], regions["51.06"]) == ("published", "published")
    assert (regions[regions.index.str.len() > 8] == "estimated").all()
    spbe = read["spbe_published"]
    assert list(spbe["provenance"]) == ["published"] * 14  # the 14 published indices (one unofficial: certainty)
    stations = read["base_stations_yearly"]
    assert set(stations.loc[stations["source"] == "databoks", "provenance"]) == {"published"}
    assert read["kpi_values"].set_index("kpi_id").at["imdi", "provenance"] == "published"  # IMDI 49.05
    assert set(read["service_stages"]["provenance"]) == {"sample"}
    assert open_data.provenance["regions"] == {"estimated": 773, "published": 10}
