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
from smartisland.i18n import current_language, format_date, format_number, format_percent, t


def points_in_service_table(monthly: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    return pd.DataFrame({
        t("connectivity.column.month", language): [format_date(day, language, "month") for day in monthly["month_end"]],
        t("connectivity.column.points_in_service", language): [format_number(value, 0, language)
                                                               for value in monthly["points_in_service"]],
        t("connectivity.column.bandwidth_total", language): [format_number(value, 0, language)
                                                             for value in monthly["bandwidth_mbps_total"]],
        t("connectivity.column.bandwidth_mean", language): [format_number(value, 1, language)
                                                            for value in monthly["bandwidth_mbps_mean"]],
    })


def published_figures_table(language: str | None = None) -> pd.DataFrame | None:
    """The province's published Wi-Fi figures with their sources; None when it has published none."""
    language = language or current_language()
    figures = wifi_figures()
    if not figures:
        return None
    return pd.DataFrame({
        t("connectivity.column.figure", language): [t(row.label_key, language) for row in figures],
        t("connectivity.column.points", language): [format_number(row.points, 0, language) for row in figures],
        t("common.source", language): [figure_source(row.source, language) for row in figures],
    })


def points_by_area_table(by_area: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    return pd.DataFrame({
        t("connectivity.column.area", language): by_area["area_name"],
        t("connectivity.column.category", language): [category_label(value, language) for value in by_area["category"]],
        t("connectivity.column.points_in_service", language): [format_number(value, 0, language)
                                                               for value in by_area["points_in_service"]],
        t("connectivity.column.points_down", language): [format_number(value, 0, language)
                                                         for value in by_area["points_down"]],
    })


def use_table(usage: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """The numbers of use_figure; without uptime when `usage` lacks it."""
    language = language or current_language()
    table = pd.DataFrame({
        t("connectivity.column.month", language): [format_date(day, language, "month") for day in usage["month"]],
        t("connectivity.column.points_reporting", language): [format_number(v, 0, language)
                                                              for v in usage["points_reporting"]],
        t("connectivity.wifi.use_users", language): [format_number(v, 0, language) for v in usage["unique_users"]],
        t("connectivity.column.sessions", language): [format_number(v, 0, language) for v in usage["sessions"]],
        t("connectivity.wifi.use_traffic", language): [format_number(v, 1, language) for v in usage["traffic_gb"]],
    })
    if "uptime_pct_mean" in usage.columns:
        table[t("connectivity.wifi.use_uptime", language)] = [format_percent(v, 1, language)
                                                              for v in usage["uptime_pct_mean"]]
    return table


def funding_table(funding: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    return pd.DataFrame({
        t("connectivity.column.site", language): funding["site_name"],
        t("connectivity.column.category", language): [category_label(v, language) for v in funding["category"]],
        t("connectivity.column.status", language): [status_label(v, language) for v in funding["status"]],
        t("connectivity.column.village", language): funding["village_name"],
        t("connectivity.column.district", language): funding["district_name"],
        t("connectivity.column.funding_source", language): [funding_label(v, language)
                                                            for v in funding["funding_source"]],
        t("connectivity.column.funded_until", language): [format_date(v, language) for v in funding["funded_until"]],
        t("connectivity.column.funding_state", language): [
            t("connectivity.wifi.funding_ended", language) if ended
            else t("connectivity.wifi.funding_days_left", language, days=format_number(days, 0, language))
            for ended, days in zip(funding["is_funding_ended"], funding["days_left"])],
    })


def villages_without_table(villages: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    return pd.DataFrame({
        t("connectivity.column.village", language): villages["village_name"],
        t("connectivity.column.district", language): villages["district_name"],
        t("connectivity.column.regency", language): villages["regency_name"],
        t("connectivity.column.village_type", language): [t(f"connectivity.village_type.{v}", language)
                                                          if isinstance(v, str) else t("common.no_data", language)
                                                          for v in villages["village_type"]],
        t("connectivity.column.population", language): [format_number(v, 0, language) for v in villages["population"]],
    })


def tiers_by_source_table(wide: pd.DataFrame, latest: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """Sources side by side (connectivity.tiers_by_source_wide), with the latest-survey view first."""
    language = language or current_language()
    table = {t("connectivity.column.tier", language): [tier_label(v, language) for v in wide["signal_tier"]],
             t("connectivity.coverage.latest_any_source", language): [
                 format_number(v, 0, language) for v in latest.set_index("signal_tier").loc[wide["signal_tier"],
                                                                                            "villages"]]}
    for source in SOURCES:
        table[source_label(source, language)] = [format_number(v, 0, language) for v in wide[source]]
    return pd.DataFrame(table)


def disagreements_table(disagreements: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    table = {
        t("connectivity.column.village", language): disagreements["village_name"],
        t("connectivity.column.district", language): disagreements["district_name"],
        t("connectivity.column.regency", language): disagreements["regency_name"],
    }
    for source in SOURCES:
        table[source_label(source, language)] = [tier_label(v, language) if isinstance(v, str) else "–"
                                                 for v in disagreements[f"{source}_tier"]]
    table[t("connectivity.column.worst_tier", language)] = [tier_label(v, language)
                                                           for v in disagreements["worst_tier"]]
    return pd.DataFrame(table)


def forecasts_table(shares: pd.DataFrame, measure: str, forecasts: dict[str, Forecast],
                    language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    rows = []
    for source in SOURCES:
        latest = shares[shares["source"] == source].sort_values("quarter_end").tail(1)
        if latest.empty:
            continue
        forecast = forecasts[source]
        if forecast.is_reached:
            outlook = t("connectivity.coverage.reached", language)
        elif forecast.reached_on:
            outlook = format_date(forecast.reached_on, language, "month")
        else:
            outlook = t("connectivity.coverage.not_at_this_pace", language)
        rows.append({
            t("connectivity.column.source", language): source_label(source, language),
            t("connectivity.column.quarter", language): format_date(latest["quarter_end"].iloc[0], language),
            t("connectivity.column.villages_surveyed", language): format_number(
                latest["villages_surveyed"].iloc[0], 0, language),
            t("connectivity.column.percent", language): format_percent(latest[measure].iloc[0], 1, language),
            t("connectivity.column.reaches_target", language): outlook,
        })
    return pd.DataFrame(rows)


def pipeline_table(pipeline: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    return pd.DataFrame({
        t("connectivity.column.stage", language): [stage_label(v, language) for v in pipeline["stage"]],
        t("connectivity.column.sites_reached", language): [format_number(v, 0, language)
                                                           for v in pipeline["sites_reached"]],
        t("connectivity.column.sites_at_stage", language): [format_number(v, 0, language)
                                                            for v in pipeline["sites_at_stage"]],
    })


def blank_spot_table(sites: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    language = language or current_language()
    return pd.DataFrame({
        t("connectivity.column.late", language): [f"⚠ {t('connectivity.blank.late', language)}" if late else ""
                                                  for late in sites["is_late"]],
        t("connectivity.column.village", language): sites["village_name"],
        t("connectivity.column.district", language): sites["district_name"],
        t("connectivity.column.stage", language): [stage_label(v, language) for v in sites["stage"]],
        t("connectivity.column.solution", language): [solution_label(v, language) for v in sites["solution"]],
        t("connectivity.column.owner", language): sites["owner"],
        t("connectivity.column.stage_date", language): [format_date(v, language) for v in sites["stage_date"]],
        t("connectivity.column.target_date", language): [format_date(v, language) for v in sites["target_date"]],
    })


def left_out_table(ranked: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """The sites left out in the order to visit them (connectivity.rank_sites_left_out)."""
    language = language or current_language()
    return pd.DataFrame({
        t("connectivity.column.priority", language): ranked["priority"],
        t("connectivity.column.site", language): ranked["site_name"],
        t("connectivity.column.category", language): [category_label(v, language) for v in ranked["category"]],
        t("connectivity.column.reason", language): [t(f"connectivity.reason.{v}", language) for v in ranked["reason"]],
        t("connectivity.column.village", language): ranked["village_name"],
        t("connectivity.column.district", language): ranked["district_name"],
        t("connectivity.column.population", language): [format_number(v, 0, language)
                                                        for v in ranked["village_population"]],
        t("connectivity.column.survey", language): [
            f"{source_label(source, language)}, {format_date(day, language, 'short_month')}"
            if isinstance(source, str) else t("common.no_data", language)
            for source, day in zip(ranked["survey_source"], ranked["surveyed_on"])],
    })
