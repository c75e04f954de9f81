"""The corpus of bad files (tests/test_bad_inputs.py): one valid row per dataset, the cases made from it, and how
each is written as CSV, XLSX or Parquet."""
from __future__ import annotations

import contextlib
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pandas as pd

from smartisland import load
from smartisland.contract import DATASETS_BY_NAME
from smartisland.load import LoadResult, build_warehouse
from smartisland.load_checks import Stage
from support import FIXTURE_DATA, FIXTURE_TODAY, ROOT

LONG_NAME = "Wantilan " + "x" * 200  # 209 characters: names hold at most 200
LONG_NOTE = "catatan " * 63  # 504 characters: text holds at most 500

# One valid new row per dataset, against the warehouse built from tests/fixtures/data and the KPI catalogue.
VALID_ROWS: dict[str, dict[str, str]] = {
    "wifi_usage_monthly": {"point_id": "wf-1", "month": "2026-08-01", "unique_users": "10", "sessions": "20",
                           "traffic_gb": "1.5", "uptime_pct": "99"},
    "wifi_points": {"point_id": "wf-5", "village_code": "51.01.01.2001", "category": "school",
                    "site_name": "SD Negeri 1 Baluk", "lat": "-8.332", "lon": "114.602", "bandwidth_mbps": "50",
                    "installed_on": "2020-01-15", "status": "active", "decommissioned_on": "",
                    "funding_source": "province", "funded_until": "2027-12-31"},
    "wifi_sessions": {"point_id": "wf-1", "started_at": "2026-05-02 10:00:00", "duration_s": "60",
                      "bytes": "1000000"},
    "signal_surveys": {"village_code": "51.01.01.2001", "surveyed_on": "2026-01-05", "source": "province",
                       "best_technology": "4g", "signal_quality": "good"},
    "blank_spot_sites": {"site_id": "bs-1", "village_code": "51.01.01.2002", "lat": "-8.336", "lon": "114.611",
                         "stage": "identified", "solution": "bts", "owner": "BAKTI Kominfo",
                         "stage_date": "2026-01-05", "target_date": "2026-12-31"},
    "base_stations_yearly": {"year": "2025", "region_code": "51.01", "base_stations": "120", "source": "BPS Bali"},
    "service_monthly": {"service_id": "svc-planning_budgeting", "month": "2026-08-01", "regency_code": "51",
                        "requests_total": "100", "requests_online": "50", "completed": "40", "median_days": "2.5",
                        "satisfaction_ikm": "90", "cost_per_transaction_idr": "10000"},
    "spbe_published": {"year": "2025", "entity_code": "51", "index_value": "3.5", "certainty": "official",
                       "agencies_evaluated": "20", "source": "KemenPANRB"},
    "kpi_values": {"kpi_id": "imdi", "period_end": "2025-12-31", "value": "50.1", "source": "IMDI 2025",
                   "entered_by": "tim.percepatan", "entered_at": "2026-01-10 09:00:00", "note": "dicatat"},
    "province_indices": {"province_code": "52", "measure": "imdi", "year": "2024", "value": "45.5",
                         "source": "IMDI 2024", "is_unsure": "false"},
    "regions": {"region_code": "51.71.01.1002", "name": "Sidakarya", "level": "village", "parent_code": "51.71.01",
                "village_type": "kelurahan", "lat": "-8.69", "lon": "115.23", "population": "300",
                "population_year": "2025", "location_basis": "approximate", "population_basis": "estimated"},
}


def base_rows(dataset: str) -> list[dict[str, str]]:
    """Rows a file of a replace dataset must keep (the warehouse's own), before the row under test."""
    source = {"wifi_points": FIXTURE_DATA / "sample" / "wifi_points.csv",
              "regions": FIXTURE_DATA / "reference" / "regions.csv",
              "kpis": ROOT / "provinces" / "51" / "reference" / "kpis.csv"}.get(dataset)
    if source is None:
        return []
    return pd.read_csv(source, dtype=str, keep_default_na=False).to_dict("records")


def kpi_row(**changes) -> dict[str, str]:
    return {**base_rows("kpis")[0], **changes}


@dataclass(frozen=True)
class Case:
    name: str
    dataset: str
    kind: str  # csv, xlsx, parquet, semicolon (a decimal-comma CSV), or raw (the bytes in `data`)
    changes: tuple[tuple[str, str], ...] = ()
    code: str = ""
    column: str | None = None
    row: int | None = 0  # 0: the row under test
    data: bytes | None = None
    replace_row: int | None = None  # change this row of the kept rows instead of adding one (kpis)

    def rows(self) -> list[dict[str, str]]:
        kept = base_rows(self.dataset)
        if self.replace_row is not None:
            kept[self.replace_row] = {**kept[self.replace_row], **dict(self.changes)}
            return kept
        return kept + [{**VALID_ROWS[self.dataset], **dict(self.changes)}]

    def expected_row(self) -> int | None:
        if self.row != 0:
            return self.row
        position = self.replace_row if self.replace_row is not None else len(self.rows()) - 1
        return position + (1 if self.kind == "parquet" else 2)


def value_cases(dataset: str, name: str, changes: dict[str, str], code: str, column: str,
                kinds=("csv", "xlsx", "parquet"), replace_row: int | None = None) -> list[Case]:
    return [Case(f"{dataset}-{name}-{kind}", dataset, kind, tuple(changes.items()), code, column,
                 replace_row=replace_row) for kind in kinds]


TEXT_ONLY = ("csv", "parquet")  # an XLSX cell cannot hold a NUL at all
CASES: list[Case] = [
    # Huge integers: a traceback at 8daefa5 (they could not be cast to a 64-bit integer).
    *value_cases("wifi_usage_monthly", "sessions-1e308", {"sessions": "1e308"}, "above_maximum", "sessions"),
    *value_cases("wifi_usage_monthly", "sessions-10e20", {"sessions": "100000000000000000000"}, "above_maximum",
                 "sessions"),
    *value_cases("wifi_usage_monthly", "sessions-2e63", {"sessions": "9223372036854775808"}, "above_maximum",
                 "sessions"),
    *value_cases("wifi_usage_monthly", "users-minus-1e308", {"unique_users": "-1e308"}, "negative", "unique_users"),
    *value_cases("wifi_sessions", "bytes-1e308", {"bytes": "1e308"}, "above_maximum", "bytes"),
    *value_cases("wifi_sessions", "duration-2e63", {"duration_s": "9223372036854775808"}, "above_maximum",
                 "duration_s"),
    *value_cases("service_monthly", "requests-10e20", {"requests_total": "100000000000000000000"}, "above_maximum",
                 "requests_total"),
    *value_cases("base_stations_yearly", "stations-1e20", {"base_stations": "1e20"}, "above_maximum",
                 "base_stations"),
    *value_cases("spbe_published", "agencies-1e308", {"agencies_evaluated": "1e308"}, "above_maximum",
                 "agencies_evaluated"),
    *value_cases("regions", "population-1e308", {"population": "1e308"}, "above_maximum", "population"),
    # Infinite and absurd numbers: accepted at 8daefa5.
    *value_cases("wifi_usage_monthly", "traffic-inf", {"traffic_gb": "inf"}, "not_finite", "traffic_gb"),
    *value_cases("wifi_usage_monthly", "traffic-1e308", {"traffic_gb": "1e308"}, "above_maximum", "traffic_gb"),
    *value_cases("wifi_points", "bandwidth-inf", {"bandwidth_mbps": "Infinity"}, "not_finite", "bandwidth_mbps"),
    *value_cases("service_monthly", "median-inf", {"median_days": "inf"}, "not_finite", "median_days"),
    *value_cases("service_monthly", "cost-1e308", {"cost_per_transaction_idr": "1e308"}, "above_maximum",
                 "cost_per_transaction_idr"),
    *value_cases("kpi_values", "value-inf", {"value": "inf"}, "not_finite", "value"),
    *value_cases("kpi_values", "value-minus-inf", {"value": "-inf"}, "not_finite", "value"),
    *value_cases("kpi_values", "value-1e308", {"value": "1e308"}, "above_maximum", "value"),
    *value_cases("kpis", "target-inf", {"target_value": "inf"}, "not_finite", "target_value", replace_row=0),
    *value_cases("kpis", "baseline-1e308", {"baseline_value": "1e308"}, "above_maximum", "baseline_value",
                 replace_row=0),
    # Dates: 9999 was "not a date", 1850 was accepted.
    *value_cases("wifi_usage_monthly", "month-9999", {"month": "9999-12-01"}, "future_date", "month"),
    *value_cases("wifi_usage_monthly", "month-1850", {"month": "1850-01-01"}, "date_too_early", "month"),
    *value_cases("wifi_points", "installed-1850", {"installed_on": "1850-01-01"}, "date_too_early", "installed_on"),
    *value_cases("wifi_points", "funded-9999", {"funded_until": "9999-12-31"}, "date_too_late", "funded_until"),
    *value_cases("signal_surveys", "surveyed-9999", {"surveyed_on": "9999-12-31"}, "future_date", "surveyed_on"),
    *value_cases("signal_surveys", "surveyed-1850", {"surveyed_on": "01/01/1850"}, "date_too_early", "surveyed_on"),
    *value_cases("blank_spot_sites", "target-9999", {"target_date": "9999-12-31"}, "date_too_late", "target_date"),
    *value_cases("kpi_values", "period-1850", {"period_end": "1850-12-31"}, "date_too_early", "period_end"),
    *value_cases("kpis", "target-date-9999", {"target_date": "9999-12-31"}, "date_too_late", "target_date",
                 replace_row=0),
    # Times with a time zone: a traceback at 8daefa5.
    *value_cases("wifi_sessions", "offset", {"started_at": "2026-05-02 10:00:00+08:00"}, "time_zone", "started_at"),
    *value_cases("wifi_sessions", "utc-z", {"started_at": "2026-05-02T02:00:00Z"}, "time_zone", "started_at"),
    *value_cases("kpi_values", "entered-offset", {"entered_at": "2026-01-10 09:00:00-07:00"}, "time_zone",
                 "entered_at"),
    # A decommission before the install, a place outside its village's district: accepted at 8daefa5.
    *value_cases("wifi_points", "decommissioned-before-installed",
                 {"status": "decommissioned", "decommissioned_on": "2019-06-30"}, "before", "decommissioned_on"),
    *value_cases("wifi_points", "east-java", {"lat": "-8.2", "lon": "114.35"}, "outside_district", "lat, lon"),
    *value_cases("wifi_points", "in-denpasar", {"lat": "-8.70", "lon": "115.22"}, "outside_district", "lat, lon"),
    *value_cases("blank_spot_sites", "east-java", {"lat": "-8.2", "lon": "114.35"}, "outside_district", "lat, lon"),
    # Text: unlimited length and control characters were accepted (a NUL silently cut).
    *value_cases("wifi_points", "long-name", {"site_name": LONG_NAME}, "too_long", "site_name"),
    *value_cases("kpi_values", "long-note", {"note": LONG_NOTE}, "too_long", "note"),
    *value_cases("wifi_points", "line-break", {"site_name": "Wantilan\nBaluk"}, "control_character", "site_name"),
    *value_cases("wifi_points", "nul-name", {"site_name": "Wantilan\x00Baluk"}, "control_character", "site_name",
                 kinds=TEXT_ONLY),
    *value_cases("wifi_usage_monthly", "nul-key", {"point_id": "wf-1\x00"}, "control_character", "point_id",
                 kinds=TEXT_ONLY),
    *value_cases("regions", "nul-region-name", {"name": "Sidakarya\x00"}, "control_character", "name",
                 kinds=TEXT_ONLY),
    # KPI methods and values for computed KPIs: accepted at 8daefa5 (and then broke pages).
    *value_cases("kpis", "method-typo", {"method": "kpi_wifi_points_activ"}, "unknown_query_or", "method",
                 replace_row=0),
    *value_cases("kpis", "regional-method-typo", {"regional_method": "kpi_villages_with_wifi_by_regenc"},
                 "unknown_query", "regional_method", replace_row=0),
    *value_cases("kpi_values", "computed-kpi", {"kpi_id": "wifi_points_active"}, "computed_kpi", "kpi_id"),
    # A point in a semicolon file: 1.616 was read as 1.616 where 1,616 (thousand) may be meant.
    *value_cases("wifi_usage_monthly", "point-decimal", {"traffic_gb": "1.616"}, "ambiguous_decimal", "traffic_gb",
                 kinds=("semicolon",)),
    *value_cases("wifi_usage_monthly", "point-thousands", {"sessions": "1.616"}, "ambiguous_decimal", "sessions",
                 kinds=("semicolon",)),
    *value_cases("service_monthly", "point-decimal", {"median_days": "2.5"}, "ambiguous_decimal", "median_days",
                 kinds=("semicolon",)),
    *value_cases("kpi_values", "point-decimal", {"value": "49.05"}, "ambiguous_decimal", "value",
                 kinds=("semicolon",)),
    *value_cases("spbe_published", "point-decimal", {"index_value": "3.5"}, "ambiguous_decimal", "index_value",
                 kinds=("semicolon",)),
    *value_cases("wifi_points", "point-thousands", {"bandwidth_mbps": "1.000"}, "ambiguous_decimal",
                 "bandwidth_mbps", kinds=("semicolon",)),
    # The national comparison: a province code is one of the 38 (not a regency's), an index a finite number.
    *value_cases("province_indices", "regency-code", {"province_code": "52.01"}, "not_allowed", "province_code"),
    *value_cases("province_indices", "unknown-province", {"province_code": "99"}, "not_allowed", "province_code"),
    *value_cases("province_indices", "value-inf", {"value": "inf"}, "not_finite", "value"),
    *value_cases("province_indices", "value-comma", {"value": "49,05"}, "not_number", "value", kinds=("csv",)),
    *value_cases("province_indices", "value-above-100", {"value": "4905"}, "above_maximum", "value"),
    *value_cases("province_indices", "unknown-measure", {"measure": "ipd"}, "not_allowed", "measure"),
]


def raw_case(name: str, dataset: str, data: bytes, code: str, column: str | None, row: int | None) -> Case:
    return Case(name, dataset, "raw", (), code, column, row, data)


USAGE_HEADER = "point_id,month,unique_users,sessions,traffic_gb,uptime_pct"
SESSIONS_HEADER = "point_id,started_at,duration_s,bytes"
CASES += [
    # Misleading messages at 8daefa5: "sessions.1: unknown column", columns shifted by one, "Unnamed: 6".
    raw_case("usage-duplicate-header", "wifi_usage_monthly",
             b"point_id,month,unique_users,sessions,sessions,traffic_gb,uptime_pct\nwf-1,2026-08-01,1,2,2,1,1\n",
             "duplicate_column", "sessions", 1),
    raw_case("sessions-duplicate-header", "wifi_sessions",
             b"point_id,started_at,bytes,duration_s,bytes\nwf-1,2026-05-02 10:00:00,1,1,1\n",
             "duplicate_column", "bytes", 1),
    raw_case("usage-trailing-comma-rows", "wifi_usage_monthly",
             f"{USAGE_HEADER}\nwf-1,2026-08-01,1,2,1,1,\nwf-2,2026-08-01,1,2,1,1,\n".encode(),
             "trailing_separator", None, 2),
    raw_case("usage-trailing-comma-everywhere", "wifi_usage_monthly",
             f"{USAGE_HEADER},\nwf-1,2026-08-01,1,2,1,1,\n".encode(), "trailing_separator", None, 1),
    raw_case("sessions-trailing-semicolon", "wifi_sessions",
             f"{SESSIONS_HEADER.replace(',', ';')}\nwf-1;2026-05-02 10:00:00;1;1;\n".encode(),
             "trailing_separator", None, 2),
    raw_case("usage-short-row", "wifi_usage_monthly", f"{USAGE_HEADER}\nwf-1,2026-08-01,1,2,1\n".encode(),
             "malformed_row", None, 2),
    raw_case("usage-nul-in-number", "wifi_usage_monthly", f"{USAGE_HEADER}\nwf-1,2026-08-01,1,2\x009,1,1\n".encode(),
             "not_integer", "sessions", 2),
    raw_case("usage-utf16-without-bom", "wifi_usage_monthly",
             f"{USAGE_HEADER}\nwf-1,2026-08-01,1,2,1,1\n".encode("utf-16-le"), "encoding", None, 1),
    raw_case("province-indices-duplicate-key", "province_indices",
             b"province_code,measure,year,value,source,is_unsure\n52,imdi,2024,45.5,IMDI 2024,false\n"
             b"52,imdi,2024,46,IMDI 2024,false\n", "duplicate_key", "year", 3),
    raw_case("usage-folder-named-csv", "wifi_usage_monthly", b"", "not_a_file", None, None),
    raw_case("points-folder-named-csv", "wifi_points", b"", "not_a_file", None, None),
    Case("usage-duplicate-header-xlsx", "wifi_usage_monthly", "xlsx-duplicate-header", (), "duplicate_column",
         "traffic_gb", 1),
    Case("usage-unnamed-column-xlsx", "wifi_usage_monthly", "xlsx-unnamed-column", (), "unnamed_column", None, 1),
    Case("sessions-tz-aware-parquet", "wifi_sessions", "parquet-tz", (), "time_zone", "started_at", 1),
    Case("kpi-values-tz-aware-parquet", "kpi_values", "parquet-tz", (), "time_zone", "entered_at", 1),
]


def write_case(case: Case, folder: Path) -> Path:
    stem = folder / case.name
    if case.kind == "raw":
        path = stem.with_suffix(".csv")
        if case.code == "not_a_file":
            path.mkdir()
        else:
            path.write_bytes(case.data)
        return path
    frame = pd.DataFrame(case.rows(), dtype=object)
    if case.kind in ("csv", "semicolon"):
        path = stem.with_suffix(".csv")
        separator = ";" if case.kind == "semicolon" else ","
        if case.kind == "semicolon":  # a decimal-comma file: the numbers not under test written as Indonesians do
            changed = dict(case.changes)
            for column in DATASETS_BY_NAME[case.dataset].columns:
                if column.type == "number" and column.name not in changed:
                    frame[column.name] = frame[column.name].str.replace(".", ",", regex=False)
        frame.to_csv(path, index=False, sep=separator)
    elif case.kind == "xlsx":
        path = stem.with_suffix(".xlsx")
        frame.to_excel(path, index=False)
    elif case.kind == "xlsx-duplicate-header":
        path = stem.with_suffix(".xlsx")
        frame.assign(extra=frame["traffic_gb"]).rename(columns={"extra": "traffic_gb"}).to_excel(path, index=False)
    elif case.kind == "xlsx-unnamed-column":
        path = stem.with_suffix(".xlsx")
        frame.assign(extra="5").rename(columns={"extra": ""}).to_excel(path, index=False)
    elif case.kind == "parquet-tz":
        path = stem.with_suffix(".parquet")
        column = "started_at" if case.dataset == "wifi_sessions" else "entered_at"
        moments = pd.to_datetime(frame[column]).dt.tz_localize("Asia/Makassar")
        frame.assign(**{column: moments}).to_parquet(path)
    else:
        path = stem.with_suffix(".parquet")
        frame.to_parquet(path)
    return path


def build_corpus_db(folder: Path) -> Path:
    """The fixture warehouse with the real KPI catalogue, services and SPBE framework (a KPI value needs a KPI)."""
    data = folder / "data"
    shutil.copytree(FIXTURE_DATA, data)
    for name in ("kpis", "services"):
        shutil.copy(ROOT / "provinces" / "51" / "reference" / f"{name}.csv", data / "reference" / f"{name}.csv")
    path = folder / "warehouse.duckdb"
    result = build_warehouse(data, path, today=FIXTURE_TODAY)
    assert result.ok, [problem.message("en") for problem in result.problems]
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class CaseLoad:
    path: Path  # the bad file as written
    result: LoadResult
    before: str  # the warehouse's digest before the load, and after it
    after: str


class CorpusLoads:
    """Each case loaded once a session (test_bad_inputs.py and test_load_checks.py check the same load), every load
    through the whole loader (`load_files`: lock, checks, all-or-nothing write) into a copy of the corpus warehouse,
    in one staging engine whose check macros are made once instead of once a case."""

    def __init__(self, corpus_db: Path, folder: Path):
        self.corpus_db, self.folder = corpus_db, folder
        self.warehouse = folder / "warehouse.duckdb"
        shutil.copy(corpus_db, self.warehouse)
        self.stage = Stage(folder / "stage")
        self.loads: dict[str, CaseLoad] = {}

    def load(self, case: Case) -> CaseLoad:
        if case.name not in self.loads:
            files = self.folder / "files" / case.name
            files.mkdir(parents=True)
            path = write_case(case, files)
            before = digest(self.warehouse)
            with mock.patch.object(load, "Stage", lambda folder: contextlib.nullcontext(self.stage)):
                result = load.load_files(case.dataset, [path], self.warehouse, today=FIXTURE_TODAY,
                                         display_names=[path.name])
            after = digest(self.warehouse)
            if after != before:  # a case wrongly loaded fails its test; the next starts from the corpus again
                shutil.copy(self.corpus_db, self.warehouse)
            self.loads[case.name] = CaseLoad(path, result, before, after)
        return self.loads[case.name]

    def close(self) -> None:
        self.stage.close()
