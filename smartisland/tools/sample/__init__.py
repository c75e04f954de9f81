"""Deterministic sample facts for one province: calibrated to its published figures (reference/published_figures.csv)
and to its own calibration file (sample_calibration.toml, if it has one), invented everywhere else.

    python -m smartisland.tools.sample [--province NN] [--out DIR]

Every fact dataset of the contract gets one CSV. The run depends only on the province's folder (regions, land
cells, services, published figures, calibration), the national SPBE indicators and SEED, never on today's date.
A province without a calibration gets illustrative defaults derived from its regions.

A module per kind of fact: wifi (points and their monthly use), coverage (signal surveys, blank-spot sites, base
stations), services (maturity stages, monthly figures), spbe (indicator levels, published indices); calibration
reads what makes a province's sample its own, common the regions and helpers every part shares. This module puts
them together and writes the files.
"""
from __future__ import annotations

import argparse
import csv
from datetime import date
from pathlib import Path

import numpy as np

from smartisland.config import province_code, province_dir
from smartisland.contract import get_dataset
from smartisland.official_figures import PUBLISHED_FIGURES
from smartisland.spbe import index as spbe_index
from smartisland.tools.sample.calibration import CALIBRATION_FILE, Calibration, default_calibration, read_calibration
from smartisland.tools.sample.common import SEED, Regions, read_csv_records, read_regions
from smartisland.tools.sample.coverage import (
    base_station_rows,
    blank_spot_rows,
    blank_spot_villages,
    signal_survey_rows,
    village_base_scores,
)
from smartisland.tools.sample.services import service_monthly_rows, service_stage_rows
from smartisland.tools.sample.spbe import FRAMEWORK, spbe_assessment_rows, spbe_published_rows
from smartisland.tools.sample.wifi import usage_rows, wifi_point_rows, wifi_points

FACT_DATASETS = (
    "wifi_points", "wifi_usage_monthly", "signal_surveys", "blank_spot_sites", "base_stations_yearly",
    "service_stages", "service_monthly", "spbe_assessments", "spbe_published",
)


def format_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        text = repr(float(value))
        return text.removesuffix(".0")
    return str(value)


def write_dataset(name: str, rows: list[dict], out_dir: Path) -> Path:
    columns = get_dataset(name).column_names
    path = out_dir / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            if set(row) != set(columns):
                raise ValueError(f"{name}: row columns {sorted(row)} differ from the contract")
            writer.writerow([format_value(row[column]) for column in columns])
    return path


def generator(name: str) -> np.random.Generator:
    """One generator per dataset, so that changing one dataset leaves the others as they were."""
    return np.random.default_rng([SEED, FACT_DATASETS.index(name)])


def calibration_for(data_dir: Path, regions: Regions, services: list[dict[str, str]],
                    calibrated: bool = True) -> Calibration:
    figures_path = data_dir / "reference" / PUBLISHED_FIGURES
    path = data_dir / CALIBRATION_FILE
    if calibrated and path.is_file():
        return read_calibration(path, regions, services, figures_path)
    return default_calibration(regions, services, figures_path)


def build_tables(data_dir: Path | None = None, calibrated: bool = True) -> dict[str, list[dict]]:
    """Every fact dataset of the province in `data_dir` (default: the province served)."""
    data_dir = data_dir or province_dir()
    reference_dir = data_dir / "reference"
    regions = read_regions(reference_dir)
    services = read_csv_records(reference_dir / "services.csv")
    calibration = calibration_for(data_dir, regions, services, calibrated)
    indicators = spbe_index.load_framework(FRAMEWORK)
    points = wifi_points(regions, generator("wifi_points"), calibration)
    signal_rng = generator("signal_surveys")
    scores = village_base_scores(regions, signal_rng, calibration)
    spots = blank_spot_villages(regions, scores, signal_rng, calibration)
    return {
        "wifi_points": wifi_point_rows(points),
        "wifi_usage_monthly": usage_rows(points, generator("wifi_usage_monthly")),
        "signal_surveys": signal_survey_rows(regions, scores, spots, signal_rng, calibration),
        "blank_spot_sites": blank_spot_rows(regions, scores, spots, generator("blank_spot_sites"), calibration),
        "base_stations_yearly": base_station_rows(regions, calibration),
        "service_stages": service_stage_rows(services, calibration),
        "service_monthly": service_monthly_rows(services, regions, generator("service_monthly"), calibration),
        "spbe_assessments": spbe_assessment_rows(indicators, generator("spbe_assessments"), regions.code, calibration),
        "spbe_published": spbe_published_rows(reference_dir / PUBLISHED_FIGURES),
    }


def write_sample(out_dir: Path | None = None, data_dir: Path | None = None, calibrated: bool = True) -> list[Path]:
    """Write the province's sample (default: the province served, into its sample/ folder)."""
    data_dir = data_dir or province_dir()
    out_dir = out_dir or data_dir / "sample"
    out_dir.mkdir(parents=True, exist_ok=True)
    # A dataset with no row (no published index of the province, say) gets no file: the loader refuses an empty
    # one, and a missing one reads as "not loaded yet", which is the truth.
    return [write_dataset(name, rows, out_dir) for name, rows in build_tables(data_dir, calibrated).items() if rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m smartisland.tools.sample", description=__doc__.splitlines()[0])
    parser.add_argument("--province", default=None, help="province code (default: the province served)")
    parser.add_argument("--out", type=Path, default=None, help="folder for the CSV files (default: its sample/)")
    parser.add_argument("--no-calibration", action="store_true", help="ignore the province's calibration file")
    args = parser.parse_args(argv)
    data_dir = province_dir(args.province or province_code())
    for path in write_sample(args.out, data_dir, calibrated=not args.no_calibration):
        print(f"{path}  {path.stat().st_size:,} bytes")
    return 0


