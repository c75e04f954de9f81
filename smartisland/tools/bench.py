"""The benchmark: how long the build and every query take, on the sample and on the sample scaled up.

    python -m smartisland.tools.bench [--scale 20] [--repeats 5] [--out bench-results.json]

Speed is measured here and not in the tests, because shared machines make timed tests flaky. The scaled
warehouse repeats every fact row `scale` times under new keys, so each query reads `scale` times the rows.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from smartisland import warehouse
from smartisland.config import DATA_DIR, PROVINCE_CODE
from smartisland.contract import DATASETS
from smartisland.db import execute_query, query_names, query_parameters, query_text
from smartisland.load import build_warehouse

# Typical values for the parameters pages pass: all of Bali, the latest complete month, a year's window.
TYPICAL_PARAMETERS = {
    "region_code": PROVINCE_CODE,
    "regency_code": PROVINCE_CODE,
    "as_of": date(2026, 10, 31),
    "months": 12,
    "kpi_id": "imdi_bali",
    "period_unit": "month",
    "period_start": date(2026, 1, 1),
    "service_id": "svc-planning_budgeting",
    "include_internal": True,
}
# Columns that identify a row; a scaled copy gets a suffix on them so that keys stay unique.
IDENTIFYING_COLUMNS = {"point_id", "site_id", "service_id"}


def time_call(function, repeats: int) -> float:
    """The median wall time of `repeats` calls, in milliseconds (after one warm-up call)."""
    function()
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def scale_warehouse(source: Path, target: Path, scale: int) -> dict[str, int]:
    """Copy the warehouse with every fact row repeated `scale` times under new identifying keys."""
    rows = {}
    with duckdb.connect(str(source), read_only=True) as reader, warehouse.change(target, fresh=True) as writer:
        for dataset in DATASETS:
            frame = warehouse.read_table(reader, dataset, dataset.column_names)
            if dataset.kind == "fact" and not frame.empty and IDENTIFYING_COLUMNS & set(dataset.column_names):
                copies = []
                for copy in range(scale):
                    scaled = frame.copy()
                    for column in IDENTIFYING_COLUMNS & set(dataset.column_names):
                        if dataset.name != "service_monthly" or column != "service_id":
                            scaled[column] = scaled[column] + ("" if copy == 0 else f"-x{copy}")
                    if dataset.name == "service_monthly" and copy:
                        scaled["month"] = pd.to_datetime(scaled["month"]) - pd.DateOffset(years=10 * copy)
                    copies.append(scaled)
                frame = pd.concat(copies, ignore_index=True)
            warehouse.write_dataset(writer, dataset, frame, replace=True)
            rows[dataset.name] = len(frame)
    return rows


def bench_queries(db_path: Path, repeats: int) -> dict[str, float]:
    results = {}
    with duckdb.connect(str(db_path), read_only=True) as connection:
        for name in query_names():
            params = {key: TYPICAL_PARAMETERS[key] for key in query_parameters(query_text(name))}
            results[name] = time_call(lambda name=name, params=params: execute_query(connection, name, **params),
                                      repeats)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m smartisland.tools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("bench-results.json"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        sample_db, scaled_db = Path(folder) / "sample.duckdb", Path(folder) / "scaled.duckdb"
        started = time.perf_counter()
        result = build_warehouse(DATA_DIR, sample_db)
        build_seconds = time.perf_counter() - started
        if not result.ok:
            print("the sample data does not load; run `python -m smartisland.load` to see why", file=sys.stderr)
            return 2
        sample_rows = sum(record.rows for record in result.loaded)
        scaled_rows = scale_warehouse(sample_db, scaled_db, args.scale)
        sample_times = bench_queries(sample_db, args.repeats)
        scaled_times = bench_queries(scaled_db, args.repeats)
    report = {
        "build_seconds": round(build_seconds, 2), "sample_rows": sample_rows, "scale": args.scale,
        "scaled_rows": sum(scaled_rows.values()),
        "queries_ms": {name: {"sample": round(sample_times[name], 1), "scaled": round(scaled_times[name], 1)}
                       for name in sample_times},
    }
    args.out.write_text(json.dumps(report, indent=2))
    print(f"build of the sample warehouse: {report['build_seconds']} s for {sample_rows:,} rows")
    print(f"{'query':45} {'sample ms':>10} {f'x{args.scale} ms':>10}")
    for name, times in sorted(report["queries_ms"].items(), key=lambda item: -item[1]["scaled"]):
        print(f"{name:45} {times['sample']:>10.1f} {times['scaled']:>10.1f}")
    print(f"scaled warehouse: {report['scaled_rows']:,} rows; results in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
