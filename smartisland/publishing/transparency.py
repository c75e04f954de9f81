"""The public promises in words for residents, shared by the transparency page and the static export (no Streamlit)."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from smartisland.contract import Dataset
from smartisland.db import query_datasets
from smartisland.disclosure import public_kpis
from smartisland.i18n import format_date, format_number, format_percent, t
from smartisland.kpis.display import (
    format_kpi_value,
    kpi_definition_text,
    kpi_name,
    period_label,
    public_status,
    source_text,
)
from smartisland.kpis.scorecard import MANUAL
from smartisland.kpis.sections import status_line, verdict
from smartisland.kpis.status import ILLUSTRATIVE
from smartisland.publishing.open_data import (
    OpenData,
    dictionary_frame,
    last_update_text,
    provenance_text,
    public_datasets,
)
from smartisland.report_context import ReportContext
from smartisland.text import data_text, markdown_text


def public_promises(scorecard: pd.DataFrame) -> pd.DataFrame:
    """Only the KPIs marked public: the page shows the public site in either mode."""
    return public_kpis(scorecard)


def promise_text(row) -> str:
    """What was promised, in plain words, with the catalog's own target."""
    return t(f"promise.{row['kpi_id']}.promise", target=format_kpi_value(row["target_value"], row["unit"]))


def meaning_text(row) -> str:
    return t(f"promise.{row['kpi_id']}.meaning")


def progress_share(row) -> float | None:
    """Share of the way from baseline to target, as it is: negative when the value moved back from the baseline
    (a regression is never shown as 0%), above 1 past the target; None without data."""
    share = row["progress_share"]
    if share is None or pd.isna(share):
        return None
    return float(share)


def progress_bar(row) -> float:
    """The progress bar's fill, which cannot go below empty or above full (the words say the real share)."""
    share = progress_share(row)
    return 0.0 if share is None else min(max(share, 0.0), 1.0)


def progress_text(row) -> str:
    share = progress_share(row)
    if share is None:
        return t("transparency.progress_none")
    text = t("transparency.progress_text", share=format_percent(100 * share, 0),
             baseline=format_kpi_value(row["baseline_value"], row["unit"]),
             baseline_date=format_date(row["baseline_date"], "month"))
    return f"{text} ({t('kpi_words.progress_regressed')})" if share < 0 else text


def summary_sentence(scorecard: pd.DataFrame) -> str:
    """The overview's own verdict on the public promises: every status counted by its own word (achieved late is
    not achieved, worsening is not late), then apart for official and illustrative targets."""
    return " ".join(verdict(scorecard))


def promises_table(scorecard: pd.DataFrame) -> pd.DataFrame:
    """One row per promise, for people: name, status in words, deadline, progress, latest value, target, area."""
    rows = []
    for _, row in scorecard.iterrows():
        share = progress_share(row)
        rows.append({
            # The promise and its status first: a phone shows only the first columns without scrolling sideways.
            t("transparency.column_promise"): kpi_name(row),
            t("transparency.column_status"): public_status(row),
            t("transparency.column_by_when"): format_date(row["target_date"], "month"),
            t("transparency.column_progress"): t("common.no_data") if share is None
            else format_percent(100 * share, 0),
            t("transparency.column_latest"): format_kpi_value(row["latest_value"], row["unit"]),
            t("transparency.column_target"): format_kpi_value(row["target_value"], row["unit"]),
            t("transparency.column_area"): t(f"area.{row['area']}"),
        })
    return pd.DataFrame(rows)


def promise_cards(scorecard: pd.DataFrame) -> list[str]:
    """The table of promises as one Markdown card per promise, for a phone: every column, stacked, so nothing hides
    beyond the screen's edge."""
    table = promises_table(scorecard)
    promise, status = t("transparency.column_promise"), t("transparency.column_status")
    return [f"**{markdown_text(row[promise])}**  \n{row[status]}  \n"
            + " · ".join(f"{column}: {row[column]}" for column in table.columns if column not in (promise, status))
            for _, row in table.iterrows()]


def last_updated_line(data_through, last_loaded_at) -> str:
    """`Pembaruan terakhir: data s.d. Oktober 2026 · dimuat 7 Desember 2026`: the data's latest period and the day
    it was loaded, never the time the page or the site was made."""
    return t("transparency.last_updated", text=last_update_text(
        None if data_through is None or pd.isna(data_through) else pd.Timestamp(data_through).date(),
        last_loaded_at))


def datasets_behind(method: str) -> list[str]:
    """The published datasets a KPI's figure is computed from (regions only name places)."""
    if method == MANUAL:
        return ["kpi_values"]
    return [name for name in query_datasets(method) if name != "regions"]


def share_query(kpi_id: str, language: str) -> str:
    """The query string of a link to one promise in one language: `?kpi=...&lang=...`."""
    return "?" + urlencode({"kpi": kpi_id, "lang": language})


@dataclass(frozen=True)
class PromiseDetail:
    """One promise in words, as Markdown, for the transparency page."""
    title: str
    promised: str
    by_when: str
    meaning: str
    status_line: str
    stale_note: str | None
    progress: float  # 0..1 for the bar (0 without data)
    progress_label: str
    latest_line: str
    definition: str
    sources: str
    illustrative_note: str | None
    datasets: list[str]  # the published datasets behind its figure
    datasets_line: str
    share_line: str


def loaded_on(open_data: OpenData, method: str):
    """The day the data behind a KPI's figure was last loaded: the latest load of its datasets, or None."""
    moments = [update.last_loaded_at for name in datasets_behind(method)
               if (update := open_data.updates.get(name)) is not None and update.last_loaded_at is not None
               and not pd.isna(update.last_loaded_at)]
    return max(moments) if moments else None


def promise_detail(row, loaded_at=None) -> PromiseDetail:
    """One promise in words; with `loaded_at` (loaded_on), its last update says the day its data was loaded
    besides the period the figure stands for."""
    unit, period = row["unit"], period_label(row["latest_date"], row["update_frequency"])
    updated = period if loaded_at is None else \
        f"{period} · {t('open_data.loaded_on', date=format_date(loaded_at))}"
    behind = datasets_behind(row["method"])
    return PromiseDetail(
        title=f"### {markdown_text(kpi_name(row))}",
        promised=f"**{t('transparency.promised')}**  \n{promise_text(row)}",
        by_when=f"**{t('transparency.by_when')}**  \n{format_date(row['target_date'])}",
        meaning=f"**{t('transparency.meaning')}**  \n{meaning_text(row)}",
        status_line=status_line(row),
        stale_note=t("transparency.stale_note") if row["is_stale"] else None,
        progress=progress_bar(row),
        progress_label=f"{t('transparency.progress')}: {progress_text(row)}",
        latest_line=t("transparency.latest_line", value=format_kpi_value(row["latest_value"], unit),
                      period=period, target=format_kpi_value(row["target_value"], unit),
                      date=format_date(row["target_date"])),
        definition=f"**{t('transparency.definition')}**: {markdown_text(kpi_definition_text(row))}",
        sources=t("transparency.source_line", source=source_text(row, markdown=True), period=updated)
        + "  \n" + t("transparency.target_source_line", source=markdown_text(data_text(row["target_source"]))),
        illustrative_note=f":material/info: {t('transparency.illustrative_target')}"
        if row["target_kind"] == ILLUSTRATIVE else None,
        datasets=behind,
        datasets_line=t("transparency.data_behind", datasets=", ".join(t(f"dataset.{name}") for name in behind)),
        share_line=f"**{t('transparency.share')}**: "
                   f"[{t('transparency.share_text')}]({share_query(row['kpi_id'], 'id')}) · "
                   f"[{t('transparency.share_text_en')}]({share_query(row['kpi_id'], 'en')})",
    )


@dataclass(frozen=True)
class MethodSection:
    heading: str
    method: str
    promises: str  # a Markdown list: each promise with its definition


def method_sections(promises: pd.DataFrame) -> list[MethodSection]:
    """How each area's promises are measured, area by area in the order of the promises."""
    return [MethodSection(
        heading=f"### {t(f'area.{area}')}",
        method=t(f"transparency.method.{area}"),
        promises="\n".join(f"- **{markdown_text(kpi_name(item))}**: "
                           f"{markdown_text(kpi_definition_text(item))}"
                           for _, item in promises[promises["area"] == area].iterrows()))
        for area in promises["area"].drop_duplicates()]


@dataclass(frozen=True)
class PromisesView:
    promises: pd.DataFrame  # the public KPIs of the scorecard
    summary: str  # empty when there is no promise
    cards: list[str]
    table: pd.DataFrame
    methods: list[MethodSection]


def promises_view(card: pd.DataFrame, context: ReportContext | None = None) -> PromisesView:
    """The public promises and everything the page says of them as a whole (summary, cards for a phone, the table,
    how each area is measured): the page keeps it per warehouse file, day, mode and language."""
    promises = public_promises(card)
    if promises.empty:
        return PromisesView(promises, "", [], pd.DataFrame(), [])
    return PromisesView(promises, summary_sentence(promises), promise_cards(promises), promises_table(promises),
                        method_sections(promises))


@dataclass(frozen=True)
class DatasetView:
    dataset: Dataset
    title: str
    description: str
    rows_line: str
    dictionary: pd.DataFrame  # its columns: name, type, required, description


def dataset_view(open_data: OpenData, name: str) -> DatasetView:
    """One published dataset: what it holds, how many rows from where and when, and its dictionary."""
    update = open_data.updates.get(name)
    dictionary = dictionary_frame()
    return DatasetView(
        dataset=next(item for item in public_datasets() if item.name == name),
        title=f"### {t(f'dataset.{name}')}",
        description=t(f"dictionary.dataset.{name}"),
        rows_line=t("open_data.dataset_rows", rows=format_number(open_data.row_counts[name], 0),
                    origin=provenance_text(open_data, name),
                    updated=last_update_text((open_data.latest_periods or {}).get(name),
                                             update.last_loaded_at if update else None)),
        dictionary=dictionary[dictionary.iloc[:, 0] == name].iloc[:, 2:],
    )
