"""What the overview and tracker pages show, ready to lay out: tables with labelled columns and sentences in the
user's language (no Streamlit). The pages only place these; the rules are in scorecard.py and display.py."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from smartisland.i18n import current_language, format_date, format_percent, t
from smartisland.kpis import status
from smartisland.kpis.display import (
    forecast_sentence,
    forecast_short,
    format_kpi_value,
    freshness_label,
    is_illustrative,
    kpi_definition_text,
    kpi_name,
    period_label,
    source_text,
    status_label,
)
from smartisland.kpis.scorecard import MANUAL, QueryRunner, late_items, regional_values, status_counts
from smartisland.text import markdown_code, markdown_text


def labelled(frame: pd.DataFrame, labels: dict[str, str], language: str) -> pd.DataFrame:
    """Only the named columns, in that order, renamed to their labels in the language."""
    return frame[list(labels)].rename(columns={name: t(key, language) for name, key in labels.items()})


def status_badge(kpi_status: str, language: str | None = None) -> str:
    """Markdown for a status: a coloured badge holding a symbol and a word, never colour alone."""
    return f":{status.BADGE_COLOURS[kpi_status]}-badge[{status_label(kpi_status, language)}]"


def kpi_names(card: pd.DataFrame, language: str | None = None) -> dict[str, str]:
    """kpi_id -> the KPI's name in the language, in the card's order."""
    return {row["kpi_id"]: kpi_name(row, language) for _, row in card.iterrows()}


def kpi_row(card: pd.DataFrame, kpi_id: str) -> dict:
    """One KPI's scorecard row as a dict, its id included."""
    return card.set_index("kpi_id").loc[kpi_id].to_dict() | {"kpi_id": kpi_id}


def status_line(row, language: str | None = None) -> str:
    """The status badge and the forecast in words."""
    return f"{status_badge(row['status'], language)} {forecast_sentence(row['forecast_kind'], row['forecast_date'], language)}"


# ---------------------------------------------------------------- the overview


def headline(card: pd.DataFrame) -> list[dict]:
    """The headline KPIs' rows, in catalog order, for the tiles."""
    return [row.to_dict() for _, row in card[card["is_headline"]].iterrows()]


def status_summary(card: pd.DataFrame, label: str, language: str | None = None) -> str:
    """`label: badge count · badge count`, leaving out statuses no KPI has."""
    return label + ": " + " · ".join(f"{status_badge(kpi_status, language)} {count}"
                                     for kpi_status, count in status_counts(card).items() if count)


@dataclass(frozen=True)
class LateView:
    kpi_ids: list[str]  # worst first
    table: pd.DataFrame  # for people, with labelled columns


def behind_text(row, language: str | None = None) -> str:
    """How far a late KPI is behind: the gap to the target once overdue, else the shortfall against the path."""
    language = language or current_language()
    if row["status"] == status.OVERDUE:
        return t("overview.overdue_text", language, gap=format_kpi_value(row["gap_to_target"], row["unit"], language),
                 date=format_date(row["target_date"], language))
    return t("overview.behind_text", language, gap=format_kpi_value(row["shortfall"], row["unit"], language),
             share=format_percent(100 * row["shortfall_share"], 0, language))


def late_view(card: pd.DataFrame, language: str | None = None) -> LateView:
    """The late KPIs, worst first, as the overview lists them."""
    language = language or current_language()
    late = late_items(card)
    rows = [{"name": kpi_name(row, language), "status_text": status_label(row["status"], language),
             "latest": format_kpi_value(row["latest_value"], row["unit"], language),
             "behind": behind_text(row, language), "owner_agency": row["owner_agency"],
             "forecast": forecast_short(row["forecast_kind"], row["forecast_date"], language)}
            for _, row in late.iterrows()]
    table = pd.DataFrame(rows, columns=["name", "status_text", "latest", "behind", "owner_agency", "forecast"])
    return LateView(list(late["kpi_id"]), labelled(table, {
        "name": "tracker.column_name", "status_text": "tracker.column_status", "latest": "tracker.column_latest",
        "behind": "overview.behind_by", "owner_agency": "tracker.column_owner", "forecast": "tracker.column_forecast",
    }, language))


def trajectory_caption(row, language: str | None = None) -> str:
    """Under the overview's trajectory: the period and source of the latest value, and where the target comes from."""
    return (t("kpi.period_source", language, period=period_label(row["latest_date"], row["update_frequency"], language),
              source=source_text(row, language, markdown=True))
            + f" · {t('kpi.target_source', language)}: {markdown_text(row['target_source'])}")


def regional_kpis(card: pd.DataFrame) -> pd.DataFrame:
    """The KPIs that can be compared by regency (they name a regional method)."""
    return card[card["regional_method"].notna() & (card["regional_method"] != "")]


@dataclass(frozen=True)
class RegionalView:
    values: pd.DataFrame | None  # name, value, period_end: one row per regency; None or empty when unavailable
    problem: str | None  # why the values could not be computed, for the team
    caption: str  # the period and source, as Markdown
    past_note: str | None  # set when the regional figure is later than the chosen day


def regional_view(row, run: QueryRunner, as_of: date | None = None, language: str | None = None) -> RegionalView:
    """A KPI by regency, with the caption that says which period and source it shows."""
    by_regency, problem = regional_values(row["regional_method"], run)
    if by_regency is None or by_regency.empty:
        return RegionalView(by_regency, problem, "", None)
    latest = by_regency["period_end"].max()
    past_note = None
    if as_of is not None and pd.Timestamp(latest) > pd.Timestamp(as_of):
        past_note = t("as_of.regional_latest", language, period=format_date(pd.Timestamp(latest), language, "month"))
    caption = t("kpi.period_source", language, period=period_label(latest, "monthly", language),
                source=source_text(dict(row) | {"method": row["regional_method"], "source": None}, language,
                                   markdown=True))
    return RegionalView(by_regency, None, caption, past_note)


# ---------------------------------------------------------------- the tracker


def filter_options(card: pd.DataFrame) -> dict[str, list[str]]:
    """The choices of the tracker's filters: areas and owners present, every status in order, visibilities."""
    return {"area": sorted(card["area"].unique()), "owner": sorted(card["owner_agency"].unique()),
            "status": list(status.STATUSES), "visibility": ["all", "public", "internal"]}


VISIBILITY_LABELS = {"all": "tracker.public_all", "public": "tracker.public_only", "internal": "tracker.internal_only"}
TRACKER_LABELS = {"name": "tracker.column_name", "status_text": "tracker.column_status",
                  "latest": "tracker.column_latest", "target": "tracker.column_target", "sparkline": "tracker.column_trend",
                  "forecast": "tracker.column_forecast", "last_update": "tracker.column_last_update",
                  "freshness": "tracker.column_freshness", "owner_agency": "tracker.column_owner"}


def tracker_table(shown: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """The tracker's table for people. The area is a filter above the table, so the table leaves it out and keeps
    its width for the figures."""
    language = language or current_language()
    rows = [{"name": kpi_name(row, language), "status_text": status_label(row["status"], language),
             "latest": format_kpi_value(row["latest_value"], row["unit"], language),
             "target": f"{format_kpi_value(row['target_value'], row['unit'], language)} · "
                       f"{format_date(row['target_date'], language, 'short_month')}",
             "sparkline": row["sparkline"],
             "forecast": forecast_short(row["forecast_kind"], row["forecast_date"], language),
             "last_update": period_label(row["latest_date"], row["update_frequency"], language),
             "freshness": freshness_label(row["is_stale"], language), "owner_agency": row["owner_agency"]}
            for _, row in shown.iterrows()]
    return labelled(pd.DataFrame(rows, columns=list(TRACKER_LABELS)), TRACKER_LABELS, language)


@dataclass(frozen=True)
class KpiDetail:
    title: str  # Markdown heading
    status_line: str
    about: list[str]  # definition, method, source, owner (Markdown lines)
    facts: list[str]  # unit and frequency, baseline, target, last update (Markdown lines)


def kpi_detail(row, language: str | None = None) -> KpiDetail:
    """Everything the tracker says about one KPI, in Markdown."""
    language = language or current_language()
    unit, frequency = row["unit"], row["update_frequency"]
    method = t("kpi.method_manual", language) if row["method"] == MANUAL else \
        t("kpi.method_query", language, query=markdown_code(row["method"]))
    illustrative = (f" :orange-badge[{t('kpi.illustrative_target', language)}]"
                    if is_illustrative(row["target_source"]) else "")
    return KpiDetail(
        title=f"### {markdown_text(kpi_name(row, language))}",
        status_line=f"{status_badge(row['status'], language)} {freshness_label(row['is_stale'], language)} · "
                    f"{forecast_sentence(row['forecast_kind'], row['forecast_date'], language)}",
        about=[f"**{t('kpi.definition', language)}**: {markdown_text(kpi_definition_text(row, language))}",
               f"**{t('kpi.method', language)}**: {method}",
               f"**{t('common.source', language)}**: {source_text(row, language, markdown=True)}",
               f"**{t('kpi.owner', language)}**: {markdown_text(row['owner_agency'])}"],
        facts=[f"**{t('kpi.unit', language)}**: {t(f'unit_name.{unit}', language)} · **{t('kpi.frequency', language)}**: "
               f"{t(f'frequency.{frequency}', language)} · **{t('kpi.public', language)}**: "
               f"{t('kpi.yes', language) if row['is_public'] else t('kpi.no', language)}",
               f"**{t('kpi.baseline', language)}**: {format_kpi_value(row['baseline_value'], unit, language)} "
               f"({format_date(row['baseline_date'], language)})",
               f"**{t('chart.target', language)}**: {format_kpi_value(row['target_value'], unit, language)} "
               f"({format_date(row['target_date'], language)}){illustrative}  \n{t('kpi.target_source', language)}: "
               f"{markdown_text(row['target_source'])}",
               f"**{t('kpi.last_update', language)}**: "
               f"{period_label(row['latest_date'], frequency, language)}"])
