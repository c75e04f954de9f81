"""The display tables of the Connectivity page: query results with translated headers and formatted cells (the
numbers under each chart, and the lists to act on)."""
from __future__ import annotations

import pandas as pd

from smartisland.connectivity.labels import (
    category_label,
    figure_source,
    funding_label,
    solution_label,
    source_label,
    stage_label,
    status_label,
    tier_label,
)
from smartisland.connectivity.logic import SOURCES, Forecast, wifi_figures
from smartisland.i18n import format_date, format_number, format_percent, t


def points_in_service_table(monthly: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("connectivity.column.month"): [format_date(day, "month") for day in monthly["month_end"]],
        t("connectivity.column.points_in_service"): [format_number(value, 0)
                                                               for value in monthly["points_in_service"]],
        t("connectivity.column.bandwidth_total"): [format_number(value, 0)
                                                             for value in monthly["bandwidth_mbps_total"]],
        t("connectivity.column.bandwidth_mean"): [format_number(value, 1)
                                                            for value in monthly["bandwidth_mbps_mean"]],
    })


def published_figures_table() -> pd.DataFrame | None:
    """The province's published Wi-Fi figures with their sources; None when it has published none."""
    figures = wifi_figures()
    if not figures:
        return None
    return pd.DataFrame({
        t("connectivity.column.figure"): [t(row.label_key) for row in figures],
        t("connectivity.column.points"): [format_number(row.points, 0) for row in figures],
        t("common.source"): [figure_source(row.source) for row in figures],
    })


def points_by_area_table(by_area: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("connectivity.column.area"): by_area["area_name"],
        t("connectivity.column.category"): [category_label(value) for value in by_area["category"]],
        t("connectivity.column.points_in_service"): [format_number(value, 0)
                                                               for value in by_area["points_in_service"]],
        t("connectivity.column.points_down"): [format_number(value, 0)
                                                         for value in by_area["points_down"]],
    })


def use_table(usage: pd.DataFrame) -> pd.DataFrame:
    """The numbers of use_figure; without uptime when `usage` lacks it."""
    table = pd.DataFrame({
        t("connectivity.column.month"): [format_date(day, "month") for day in usage["month"]],
        t("connectivity.column.points_reporting"): [format_number(v, 0)
                                                              for v in usage["points_reporting"]],
        t("connectivity.wifi.use_users"): [format_number(v, 0) for v in usage["unique_users"]],
        t("connectivity.column.sessions"): [format_number(v, 0) for v in usage["sessions"]],
        t("connectivity.wifi.use_traffic"): [format_number(v, 1) for v in usage["traffic_gb"]],
    })
    if "uptime_pct_mean" in usage.columns:
        table[t("connectivity.wifi.use_uptime")] = [format_percent(v, 1)
                                                              for v in usage["uptime_pct_mean"]]
    return table


def funding_table(funding: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("connectivity.column.site"): funding["site_name"],
        t("connectivity.column.category"): [category_label(v) for v in funding["category"]],
        t("connectivity.column.status"): [status_label(v) for v in funding["status"]],
        t("connectivity.column.village"): funding["village_name"],
        t("connectivity.column.district"): funding["district_name"],
        t("connectivity.column.funding_source"): [funding_label(v)
                                                            for v in funding["funding_source"]],
        t("connectivity.column.funded_until"): [format_date(v) for v in funding["funded_until"]],
        t("connectivity.column.funding_state"): [
            t("connectivity.wifi.funding_ended") if ended
            else t("connectivity.wifi.funding_days_left", days=format_number(days, 0))
            for ended, days in zip(funding["is_funding_ended"], funding["days_left"])],
    })


def villages_without_table(villages: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("connectivity.column.village"): villages["village_name"],
        t("connectivity.column.district"): villages["district_name"],
        t("connectivity.column.regency"): villages["regency_name"],
        t("connectivity.column.village_type"): [t(f"connectivity.village_type.{v}")
                                                          if isinstance(v, str) else t("common.no_data")
                                                          for v in villages["village_type"]],
        t("connectivity.column.population"): [format_number(v, 0) for v in villages["population"]],
    })


def tiers_by_source_table(wide: pd.DataFrame, latest: pd.DataFrame) -> pd.DataFrame:
    """Sources side by side (connectivity.tiers_by_source_wide), with the latest-survey view first."""
    table = {t("connectivity.column.tier"): [tier_label(v) for v in wide["signal_tier"]],
             t("connectivity.coverage.latest_any_source"): [
                 format_number(v, 0) for v in latest.set_index("signal_tier").loc[wide["signal_tier"],
                                                                                            "villages"]]}
    for source in SOURCES:
        table[source_label(source)] = [format_number(v, 0) for v in wide[source]]
    return pd.DataFrame(table)


def disagreements_table(disagreements: pd.DataFrame) -> pd.DataFrame:
    table = {
        t("connectivity.column.village"): disagreements["village_name"],
        t("connectivity.column.district"): disagreements["district_name"],
        t("connectivity.column.regency"): disagreements["regency_name"],
    }
    for source in SOURCES:
        table[source_label(source)] = [tier_label(v) if isinstance(v, str) else "–"
                                                 for v in disagreements[f"{source}_tier"]]
    table[t("connectivity.column.worst_tier")] = [tier_label(v)
                                                           for v in disagreements["worst_tier"]]
    return pd.DataFrame(table)


def forecasts_table(shares: pd.DataFrame, measure: str, forecasts: dict[str, Forecast]) -> pd.DataFrame:
    rows = []
    for source in SOURCES:
        latest = shares[shares["source"] == source].sort_values("quarter_end").tail(1)
        if latest.empty:
            continue
        forecast = forecasts[source]
        if forecast.is_reached:
            outlook = t("connectivity.coverage.reached")
        elif forecast.reached_on:
            outlook = format_date(forecast.reached_on, "month")
        else:
            outlook = t("connectivity.coverage.not_at_this_pace")
        rows.append({
            t("connectivity.column.source"): source_label(source),
            t("connectivity.column.quarter"): format_date(latest["quarter_end"].iloc[0]),
            t("connectivity.column.villages_surveyed"): format_number(
                latest["villages_surveyed"].iloc[0], 0),
            t("connectivity.column.percent"): format_percent(latest[measure].iloc[0], 1),
            t("connectivity.column.reaches_target"): outlook,
        })
    return pd.DataFrame(rows)


def pipeline_table(pipeline: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("connectivity.column.stage"): [stage_label(v) for v in pipeline["stage"]],
        t("connectivity.column.sites_reached"): [format_number(v, 0)
                                                           for v in pipeline["sites_reached"]],
        t("connectivity.column.sites_at_stage"): [format_number(v, 0)
                                                            for v in pipeline["sites_at_stage"]],
    })


def blank_spot_table(sites: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("connectivity.column.late"): [f"⚠ {t('connectivity.blank.late')}" if late else ""
                                                  for late in sites["is_late"]],
        t("connectivity.column.village"): sites["village_name"],
        t("connectivity.column.district"): sites["district_name"],
        t("connectivity.column.stage"): [stage_label(v) for v in sites["stage"]],
        t("connectivity.column.solution"): [solution_label(v) for v in sites["solution"]],
        t("connectivity.column.owner"): sites["owner"],
        t("connectivity.column.stage_date"): [format_date(v) for v in sites["stage_date"]],
        t("connectivity.column.target_date"): [format_date(v) for v in sites["target_date"]],
    })


def left_out_table(ranked: pd.DataFrame) -> pd.DataFrame:
    """The sites left out in the order to visit them (connectivity.rank_sites_left_out)."""
    return pd.DataFrame({
        t("connectivity.column.priority"): ranked["priority"],
        t("connectivity.column.site"): ranked["site_name"],
        t("connectivity.column.category"): [category_label(v) for v in ranked["category"]],
        t("connectivity.column.reason"): [t(f"connectivity.reason.{v}") for v in ranked["reason"]],
        t("connectivity.column.village"): ranked["village_name"],
        t("connectivity.column.district"): ranked["district_name"],
        t("connectivity.column.population"): [format_number(v, 0)
                                                        for v in ranked["village_population"]],
        t("connectivity.column.survey"): [
            f"{source_label(source)}, {format_date(day, 'short_month')}"
            if isinstance(source, str) else t("common.no_data")
            for source, day in zip(ranked["survey_source"], ranked["surveyed_on"])],
    })
