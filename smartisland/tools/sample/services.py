"""Public digital services: the date each reached each maturity stage, and their monthly figures by regency."""
from __future__ import annotations

from datetime import date

import numpy as np

from smartisland.tools.sample.calibration import Calibration, ServiceProfile, TourismDip
from smartisland.tools.sample.common import AS_OF, FIRST_MONTH, Regions, month_starts, parse_date, years_since


def service_stage_rows(services: list[dict[str, str]], calibration: Calibration) -> list[dict]:
    """The date each service reached each maturity stage (1 informasi ... 4 transformasi); stage 1 is the launch."""
    rows = []
    for service in services:
        dates = calibration.stage_dates[service["service_id"]]
        if len(dates) != int(service["maturity_stage"]) or dates[0] != parse_date(service["launched_on"]):
            raise ValueError(f"the calibration's stage dates disagree with services.csv for {service['service_id']}")
        rows += [{"service_id": service["service_id"], "maturity_stage": stage, "reached_on": reached}
                 for stage, reached in enumerate(dates, start=1)]
    return rows


def lerp(bounds: tuple[float, float], progress: float) -> float:
    return bounds[0] + (bounds[1] - bounds[0]) * progress


def service_figures(profile: ServiceProfile, month: date, start: date, share: float, rng: np.random.Generator,
                    tourism: TourismDip | None) -> dict:
    progress = min(1.0, max(0.0, years_since(start, month) / max(years_since(start, date(2026, 10, 1)), 0.5)))
    expected = profile.requests * share * (1 + profile.growth) ** years_since(start, month)
    expected *= profile.seasonal.get(month.month, 1.0) * (tourism.factor_on(month) if profile.tourism and tourism else 1.0)
    total = int(rng.poisson(max(expected, 1.0)))
    figures = {"requests_total": total, "requests_online": None, "completed": None, "median_days": None,
               "satisfaction_ikm": None, "cost_per_transaction_idr": None}
    if profile.online_share:
        figures["requests_online"] = int(rng.binomial(total, min(1.0, lerp(profile.online_share, progress))))
    if profile.completion:
        figures["completed"] = int(rng.binomial(total, profile.completion))
    if profile.median_days:
        figures["median_days"] = round(max(0.0, lerp(profile.median_days, progress) * float(rng.uniform(0.85, 1.15))), 1)
    if profile.satisfaction and month.month % profile.ikm_every == 0:
        figures["satisfaction_ikm"] = round(min(100.0, lerp(profile.satisfaction, progress) + float(rng.normal(0, 1.2))), 2)
    if profile.cost_idr:
        figures["cost_per_transaction_idr"] = round(lerp(profile.cost_idr, progress) * float(rng.uniform(0.9, 1.1)), -1)
    return figures


def province_total(regency_rows: list[dict]) -> dict:
    """Counts add up; per-request figures are means weighted by requests."""
    total = {}
    for column in ("requests_total", "requests_online", "completed"):
        values = [row[column] for row in regency_rows]
        total[column] = None if None in values else sum(values)
    weight = sum(row["requests_total"] for row in regency_rows) or 1
    for column, digits in (("median_days", 1), ("satisfaction_ikm", 2), ("cost_per_transaction_idr", -1)):
        values = [row[column] for row in regency_rows]
        total[column] = None if None in values else round(
            sum(v * row["requests_total"] for v, row in zip(values, regency_rows)) / weight, digits)
    return total


def service_monthly_rows(services: list[dict[str, str]], regions: Regions, rng: np.random.Generator,
                         calibration: Calibration) -> list[dict]:
    shares = regions.regency_weights
    rows = []
    for service in services:
        profile = calibration.service_profiles[service["service_id"]]
        launched = parse_date(service["launched_on"])
        for month in month_starts(max(launched, FIRST_MONTH), AS_OF):
            regencies = regions.regency_codes if profile.per_regency else []
            regency_rows = [service_figures(profile, month, launched, shares[code], rng,
                                            calibration.tourism)
                            for code in regencies]
            province = province_total(regency_rows) if regency_rows else service_figures(
                profile, month, launched, 1.0, rng, calibration.tourism)
            for code, figures in [(regions.code, province)] + list(zip(regencies, regency_rows)):
                rows.append({"service_id": service["service_id"], "month": month, "regency_code": code} | figures)
    return rows
