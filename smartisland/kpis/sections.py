"""What the overview and tracker pages show, ready to lay out: tables with labelled columns and sentences in the
user's language (no Streamlit). The pages only place these; the rules are in scorecard.py and display.py."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from smartisland import geo
from smartisland.config import province_code
from smartisland.i18n import format_date, format_number, has_key, t
from smartisland.kpis import status
from smartisland.kpis.assessment import KpiDefinition, definition_from_row, single_value_status
from smartisland.kpis.display import (
    forecast_sentence,
    forecast_short,
    format_kpi_change,
    format_kpi_gap,
    format_kpi_value,
    freshness_label,
    kpi_definition_text,
    kpi_name,
    period_label,
    source_text,
    status_label,
    status_note,
    status_phrase,
    target_kind_label,
)
from smartisland.kpis.scorecard import MANUAL, QueryRunner, late_items, regional_values, status_counts
from smartisland.place_names import short_place_name
from smartisland.report_context import ReportContext
from smartisland.text import data_text, markdown_code, markdown_text


def labelled(frame: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Only the named columns, in that order, renamed to their labels in the language."""
    return frame[list(labels)].rename(columns={name: t(key) for name, key in labels.items()})


def status_badge(kpi_status: str, target_kind: str = status.OFFICIAL) -> str:
    """Markdown for a status: a coloured badge holding a symbol and a word, never colour alone; grey when it is bad
    news measured against an illustrative target, which is no real slippage."""
    return f":{status.badge_colour(kpi_status, target_kind)}-badge[{status_label(kpi_status)}]"


def target_kind_short(target_kind: str) -> str:
    """`§ resmi` or `≈ ilustratif`: the kind of a target in a table cell."""
    return f"{status.TARGET_KIND_SYMBOLS[target_kind]} {t(f'target_kind_short.{target_kind}')}"


def target_kind_badge(target_kind: str, short: bool = False) -> str:
    """Markdown for the kind of target a status is measured against: a symbol and words (`short`: one word)."""
    colour = "blue" if target_kind == status.OFFICIAL else "gray"
    words = target_kind_short(target_kind) if short else target_kind_label(target_kind)
    return f":{colour}-badge[{words}]"


def status_badges(row) -> str:
    """The status and the kind of its target, side by side."""
    return (f"{status_badge(row['status'], row['target_kind'])} "
            f"{target_kind_badge(row['target_kind'], short=True)}")


def kpi_names(card: pd.DataFrame) -> dict[str, str]:
    """kpi_id -> the KPI's name in the language, in the card's order."""
    return {row["kpi_id"]: kpi_name(row) for _, row in card.iterrows()}


def kpi_row(card: pd.DataFrame, kpi_id: str) -> dict:
    """One KPI's scorecard row as a dict, its id included."""
    return card.set_index("kpi_id").loc[kpi_id].to_dict() | {"kpi_id": kpi_id}


def status_line(row) -> str:
    """The status badge, the forecast in words, and why the status reads as it does where its word alone would
    mislead (status_note)."""
    line = f"{status_badges(row)} {forecast_sentence(row['forecast_kind'], row['forecast_date'])}"
    note = status_note(row)
    return f"{line}  \n{note}" if note else line


# ---------------------------------------------------------------- the overview


def headline(card: pd.DataFrame) -> list[dict]:
    """The headline KPIs' rows, in catalog order, for the tiles."""
    return [row.to_dict() for _, row in card[card["is_headline"]].iterrows()]


def _count_words(counts: dict[str, int]) -> str:
    words = [t("verdict.count", count=format_number(count, 0),
               status=t(status.label_key(kpi_status)).lower())
             for kpi_status, count in counts.items() if count]
    return ", ".join(words) or t("verdict.none")


def verdict(card: pd.DataFrame) -> list[str]:
    """The overview's first words: how many promises stand where, then the same apart for official targets and
    for the team's illustrative ones (a sentence each, left out when no KPI has that kind of target)."""
    sentences = [t("verdict.sentence", total=format_number(len(card), 0),
                   counts=_count_words(status_counts(card)))]
    for kind in status.TARGET_KINDS:
        counts = status_counts(card, kind)
        if sum(counts.values()):
            sentences.append(t(f"verdict.{kind}", count=format_number(sum(counts.values()), 0),
                               counts=_count_words(counts)))
    return sentences


def status_summary(card: pd.DataFrame, label: str) -> str:
    """`label: badge count · badge count`, leaving out statuses no KPI has."""
    return label + ": " + " · ".join(f"{status_badge(kpi_status)} {count}"
                                     for kpi_status, count in status_counts(card).items() if count)


def behind_text(row) -> str:
    """How far a KPI is from where it should be, in its own unit and plain words: the gap to the target once
    overdue, the move away from the target when worsening, else the gap to the planned path."""
    unit = row["unit"]
    target = format_kpi_value(row["target_value"], unit)
    if row["status"] == status.OVERDUE:
        return t("kpi_words.still_to_go", gap=format_kpi_gap(row["gap_to_target"], unit),
                 target=target)
    if row["status"] == status.WORSENING:
        return t("kpi_words.moving_away", target=target,
                 change=format_kpi_change(row["recent_change"], unit),
                 date=format_date(row["recent_start"], "short_month"))
    return t("kpi_words.behind_path", gap=format_kpi_gap(row["shortfall"], unit),
             planned=format_kpi_value(row["planned_value"], unit),
             latest=format_kpi_value(row["latest_value"], unit))


def regional_definition(row) -> KpiDefinition:
    """What one regency is held to: the KPI's own path, or a flat regional target where the catalogue gives one."""
    definition = definition_from_row(row)
    regional_target = row.get("regional_target")
    if regional_target is None or pd.isna(regional_target):
        return definition
    return replace(definition, baseline_value=float(regional_target), target_value=float(regional_target))


def regional_statuses(row, by_regency: pd.DataFrame, today: date) -> list[str]:
    """Each regency's status by its latest value. One value tells neither a trend (never worsening) nor when the
    target was first met (met is achieved, never achieved late)."""
    definition = regional_definition(row)
    statuses = [status.NO_DATA if pd.isna(period_end) or pd.isna(value) else
                single_value_status(definition, period_end, value, today)
                for period_end, value in zip(by_regency["period_end"], by_regency["value"])]
    return [status.ACHIEVED if item == status.ACHIEVED_LATE else item for item in statuses]


WHERE_PLACES = 2


def where_text(row, run: QueryRunner, today: date, markdown: bool = False) -> str:
    """Where a KPI falls short: the regencies furthest from what they are held to, or the whole province when the KPI has
    no breakdown by regency; with `markdown`, the place names (data) escaped for Markdown."""
    method = row.get("regional_method")
    if not isinstance(method, str) or not method:
        why = f"kpi_where.{row['kpi_id']}"
        return t(why if has_key(why) else "kpi_words.where_province")
    by_regency = regional_values(method, run)[0]
    if by_regency is None or by_regency.empty:
        return t("kpi_words.where_not_yet")
    latest = by_regency[by_regency["period_end"] == by_regency["period_end"].max()].copy()
    latest["status"] = regional_statuses(row, latest, today)
    short = latest[~latest["status"].isin(status.MET_STATUSES)]
    if short.empty:
        return t("kpi_words.where_all_met")
    worst = short.sort_values("value", ascending=row["direction"] == "higher").head(WHERE_PLACES)
    escape = markdown_text if markdown else str
    places = ", ".join(f"{escape(short_place_name(name))} ({format_kpi_value(value, row['unit'])})"
                       for name, value in zip(worst["name"], worst["value"]))
    return t("kpi_words.where_worst", places=places)


@dataclass(frozen=True)
class LateView:
    kpi_ids: list[str]  # official targets first, then illustrative; each worst first
    official: list[str]  # one Markdown line per KPI with an official target
    illustrative: list[str]  # one Markdown line per KPI measured against an illustrative target
    table: pd.DataFrame  # the same, for people, with labelled columns


LATE_LABELS = {"name": "tracker.column_name", "status_text": "tracker.column_status", "where": "kpi_columns.where",
               "behind": "overview.behind_by", "deadline": "kpi_columns.deadline", "kind": "kpi_columns.target_kind",
               "owner_agency": "tracker.column_owner"}


def late_view(card: pd.DataFrame, context: ReportContext) -> LateView:
    """What is late or worsening, as the overview lists it: where, how far, by when, against what, and who owns it."""
    run, today = context.run, context.today
    late = late_items(card)
    rows, lines = [], {status.OFFICIAL: [], status.ILLUSTRATIVE: []}
    for _, row in late.iterrows():
        item = {"name": kpi_name(row), "status_text": status_phrase(row),
                "where": where_text(row, run, today), "behind": behind_text(row),
                "deadline": format_date(row["target_date"], "short_month"),
                "kind": target_kind_label(row["target_kind"]), "owner_agency": row["owner_agency"]}
        rows.append(item)
        lines[row["target_kind"]].append(
            f"{status_badges(row)} **{markdown_text(item['name'])}** — "
            f"{where_text(row, run, today, markdown=True)} · "
            f"{item['behind']} · {t('kpi_words.deadline', date=item['deadline'])} · "
            f"{markdown_text(item['owner_agency'])}")
    table = pd.DataFrame(rows, columns=list(LATE_LABELS))
    return LateView(list(late["kpi_id"]), lines[status.OFFICIAL], lines[status.ILLUSTRATIVE],
                    labelled(table, LATE_LABELS))


@dataclass(frozen=True)
class OverviewBrief:
    verdict: list[str]  # the first words: a Markdown heading's text, then sentences
    late: LateView
    headline: list[dict]  # the headline KPIs' rows, for the tiles
    regional: pd.DataFrame  # the KPIs that can be compared by regency
    regional_names: dict[str, str]  # their names in the language
    regional_default: str | None  # the one the regency comparison opens on


def overview_brief(card: pd.DataFrame, context: ReportContext) -> OverviewBrief:
    """Everything of the overview that follows from the scorecard and the day alone, ready to lay out: the page
    keeps it per warehouse file, day, mode and language (it reads every late KPI's regencies)."""
    late = late_view(card, context)
    regional = regional_kpis(card)
    default = None if regional.empty else regional_default(regional, late.kpi_ids, context.run)
    return OverviewBrief(verdict(card), late, headline(card), regional, kpi_names(regional), default)


@dataclass(frozen=True)
class Tile:
    name: str
    value: str
    delta: str | None  # the change from the previous period, or None when there is none to show
    change_note: str | None  # said instead when there is no change to show
    badges: str  # Markdown: status and target kind
    caption: str  # Markdown: target, deadline, period


def tile(row) -> Tile:
    """One headline KPI, compact: value, change, status and target kind, target and period."""
    unit, change = row["unit"], row["change"]
    has_change = change is not None and not pd.isna(change) and change != 0
    target = t("kpi.target_line", target=format_kpi_value(row["target_value"], unit),
               date=format_date(row["target_date"], "month"))
    achieved_on = row.get("achieved_on")
    if achieved_on is not None and not pd.isna(achieved_on) and pd.Timestamp(achieved_on) > pd.Timestamp(row["target_date"]):
        target += " · " + t("kpi_words.achieved_late", date=format_date(row["achieved_on"], "short_month"),
                            deadline=format_date(row["target_date"], "short_month"))
    badges = status_badges(row)
    if row["is_stale"]:
        badges += f" :gray-badge[⚠ {t('status.stale')}]"
    return Tile(
        name=kpi_name(row),
        value=format_kpi_value(row["latest_value"], unit),
        delta=format_kpi_change(change, unit).replace("−", "-") if has_change else None,
        change_note=None if has_change else t("kpi.unchanged" if change == 0 else "kpi.no_change"),
        badges=badges,
        caption=markdown_text(target) + " · " + t("kpi.period_only", period=period_label(
            row["latest_date"], row["update_frequency"])))


def trajectory_caption(row) -> str:
    """Under the overview's trajectory: the period and source of the latest value, and where the target comes from."""
    return (t("kpi.period_source", period=period_label(row["latest_date"], row["update_frequency"]),
              source=source_text(row, markdown=True))
            + f" · {t('kpi.target_source')}: {markdown_text(data_text(row['target_source']))}")


def regional_kpis(card: pd.DataFrame) -> pd.DataFrame:
    """The KPIs that can be compared by regency (they name a regional method)."""
    return card[card["regional_method"].notna() & (card["regional_method"] != "")]


def regional_default(regional: pd.DataFrame, late_kpi_ids: list[str], run: QueryRunner) -> str | None:
    """The KPI the regency comparison opens on: the first late one whose regencies differ (a chart of equal bars
    tells the reader nothing), those measured by regency as the KPI itself first (a regional target, such as a
    count's change held to zero, reads less directly); else the first late one, else None (the choice's own
    default)."""
    late = [kpi_id for kpi_id in late_kpi_ids if kpi_id in set(regional["kpi_id"])]
    if "regional_target" in regional:
        own_measure = set(regional.loc[regional["regional_target"].isna(), "kpi_id"])
        late = sorted(late, key=lambda kpi_id: kpi_id not in own_measure)
    for kpi_id in late:
        by_regency = regional_values(kpi_row(regional, kpi_id)["regional_method"], run)[0]
        if by_regency is not None and by_regency["value"].round(4).nunique() > 1:
            return kpi_id
    return late[0] if late else None


@dataclass(frozen=True)
class RegionalView:
    values: pd.DataFrame | None  # name, value, period_end, status: one row per regency; None or empty when unavailable
    problem: str | None  # why the values could not be computed, for the team
    caption: str  # the period and source, as Markdown
    past_note: str | None  # set when the regional figure is later than the chosen day
    target: float | None = None  # what each regency is held to, drawn on the chart


def regional_view(row, context: ReportContext) -> RegionalView:
    """A KPI by regency with each regency's status on the context's day, and the caption that says which period and
    source it shows (and, on a past day, that the figures are the latest, not that day's)."""
    today, as_of = context.today, context.as_of
    by_regency, problem = regional_values(row["regional_method"], context.run)
    if by_regency is None or by_regency.empty:
        return RegionalView(by_regency, problem, "", None)
    latest = by_regency["period_end"].max()
    past_note = None
    if as_of is not None and pd.Timestamp(latest) > pd.Timestamp(as_of):
        past_note = t("as_of.regional_latest", period=format_date(pd.Timestamp(latest), "month"))
    caption = t("kpi.period_source", period=period_label(latest, "monthly"),
                source=source_text(dict(row) | {"method": row["regional_method"], "source": None}, markdown=True))
    by_regency = by_regency.assign(status=regional_statuses(row, by_regency, today))
    return RegionalView(by_regency, None, caption, past_note, regional_definition(row).target_value)


@dataclass(frozen=True)
class RegionalMap:
    deck: object  # a pydeck Deck
    legend: str  # Markdown with coloured symbols (HTML spans)
    note: str
    height: int


def regional_map(row, shown: RegionalView, width_px: int | None = None, run: QueryRunner | None = None) -> RegionalMap:
    """The small map beside the regency comparison: each regency filled by its status, with symbol and value; drawn
    with the official boundaries when `run` finds them loaded, and the note says which borders it shows."""
    from smartisland.kpis import regency_map

    official = run("boundaries", region_code=province_code()) if run is not None else None
    outlines, centres = regency_map.regency_shapes(official=official)
    deck = regency_map.regency_status_map(shown.values, outlines, centres, row["unit"], row["target_kind"], width_px)
    basis = geo.borders_basis_text(official, outlines["code"])
    note = t("overview.map_note") if basis is None else t("boundaries.overview_note", basis=basis)
    return RegionalMap(deck, regency_map.legend_markdown(shown.values, row["target_kind"]),
                       note, regency_map.map_height(width_px))


@dataclass(frozen=True)
class RegionalPart:
    row: dict  # the KPI's scorecard row
    shown: RegionalView
    figure: dict | None  # the regency chart, as Plotly's dictionary; None when there are no values
    table: pd.DataFrame | None
    map: RegionalMap | None


def regional_part(card: pd.DataFrame, context: ReportContext, kpi_id: str, width_px: int | None) -> RegionalPart:
    """The overview's regency comparison of one KPI, ready to lay out: its values and statuses, the chart (drawn
    here, once: the page keeps the part per warehouse file, day, mode, language, KPI and width), its table and the
    map."""
    from smartisland.kpis.charts import regional_figure, regional_table

    row = kpi_row(regional_kpis(card), kpi_id)
    shown = regional_view(row, context)
    if shown.values is None or shown.values.empty:
        return RegionalPart(row, shown, None, None, None)
    figure = regional_figure(shown.values, row["unit"], row["direction"], shown.target, row["target_kind"])
    return RegionalPart(row, shown, figure.to_dict(), regional_table(shown.values, row["unit"]),
                        regional_map(row, shown, width_px, run=context.run))


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


def tracker_table(shown: pd.DataFrame) -> pd.DataFrame:
    """The tracker's table for people. The area is a filter above the table, so the table leaves it out and keeps
    its width for the figures."""
    rows = [{"name": kpi_name(row), "status_text": status_phrase(row),
             "latest": format_kpi_value(row["latest_value"], row["unit"]),
             "target": f"{format_kpi_value(row['target_value'], row['unit'])} · "
                       f"{format_date(row['target_date'], 'short_month')} · "
                       f"{target_kind_short(row['target_kind'])}",
             "sparkline": row["sparkline"],
             "forecast": forecast_short(row["forecast_kind"], row["forecast_date"]),
             "last_update": period_label(row["latest_date"], row["update_frequency"]),
             "freshness": freshness_label(row["is_stale"]), "owner_agency": row["owner_agency"]}
            for _, row in shown.iterrows()]
    return labelled(pd.DataFrame(rows, columns=list(TRACKER_LABELS)), TRACKER_LABELS)


@dataclass(frozen=True)
class KpiDetail:
    title: str  # Markdown heading
    status_line: str
    about: list[str]  # definition, method, source, owner (Markdown lines)
    facts: list[str]  # unit and frequency, baseline, target, last update (Markdown lines)


def kpi_detail(row) -> KpiDetail:
    """Everything the tracker says about one KPI, in Markdown."""
    unit, frequency = row["unit"], row["update_frequency"]
    method = t("kpi.method_manual") if row["method"] == MANUAL else \
        t("kpi.method_query", query=markdown_code(row["method"]))
    illustrative = f" {target_kind_badge(row['target_kind'])}"
    return KpiDetail(
        title=f"### {markdown_text(kpi_name(row))}",
        status_line=f"{status_badges(row)} {freshness_label(row['is_stale'])} · "
                    f"{forecast_sentence(row['forecast_kind'], row['forecast_date'])}"
                    + (f"  \n{note}" if (note := status_note(row)) else ""),
        about=[f"**{t('kpi.definition')}**: {markdown_text(kpi_definition_text(row))}",
               f"**{t('kpi.method')}**: {method}",
               f"**{t('common.source')}**: {source_text(row, markdown=True)}",
               f"**{t('kpi.owner')}**: {markdown_text(row['owner_agency'])}"],
        facts=[f"**{t('kpi.unit')}**: {t(f'unit_name.{unit}')} · **{t('kpi.frequency')}**: "
               f"{t(f'frequency.{frequency}')} · **{t('kpi.public')}**: "
               f"{t('kpi.yes') if row['is_public'] else t('kpi.no')}",
               f"**{t('kpi.baseline')}**: {format_kpi_value(row['baseline_value'], unit)} "
               f"({format_date(row['baseline_date'])})",
               f"**{t('chart.target')}**: {format_kpi_value(row['target_value'], unit)} "
               f"({format_date(row['target_date'])}){illustrative}  \n{t('kpi.target_source')}: "
               f"{markdown_text(data_text(row['target_source']))}",
               f"**{t('kpi.last_update')}**: "
               f"{period_label(row['latest_date'], frequency)}"])
