"""The promises' news as an Atom feed per language: one entry per change of a promise's status, and one per newly
published period (the latest figure of each promise), so that anyone can subscribe.

The history is the scorecard's own rule run again period by period: `assess` on the values known up to each period,
as of that period's end (kpis/assessment.py), so the feed cannot tell another story than the scorecard.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from xml.sax.saxutils import escape

import pandas as pd

from smartisland.i18n import current_language, format_date, t
from smartisland.kpis.assessment import KpiDefinition, assess, definition_from_row
from smartisland.kpis.display import format_kpi_value, kpi_name, period_label, status_label

STATUS_CHANGE, NEW_PERIOD = "status-change", "new-period"


@dataclass(frozen=True)
class StatusChange:
    period_end: date
    before: str
    after: str
    value: float


def _day(value) -> date:
    return pd.Timestamp(value).date()


def status_history(definition: KpiDefinition, values: pd.DataFrame) -> list[tuple[date, str, float]]:
    """The status after each period, as the scorecard would have said at that period's end."""
    frame = values.dropna(subset=["value"]).sort_values("period_end")
    history = []
    for count in range(1, len(frame) + 1):
        known = frame.iloc[:count]
        day = _day(known["period_end"].iloc[-1])
        history.append((day, assess(definition, known, day).status, float(known["value"].iloc[-1])))
    return history


def status_changes(definition: KpiDefinition, values: pd.DataFrame) -> list[StatusChange]:
    """Each period whose status differs from the period before (the first assessment is no change)."""
    history = status_history(definition, values)
    return [StatusChange(day, before, after, value)
            for (_, before, _), (day, after, value) in zip(history, history[1:]) if before != after]


def _timestamp(day: date) -> str:
    return datetime.combine(day, time(0, 0), tzinfo=UTC).isoformat().replace("+00:00", "Z")


def _entry(entry_id: str, title: str, summary: str, day: date, link: str, category: str) -> str:
    return (f"<entry><id>{escape(entry_id)}</id><title>{escape(title)}</title>"
            f"<updated>{_timestamp(day)}</updated><link rel=\"alternate\" type=\"text/html\" href=\"{escape(link)}\"/>"
            f"<category term=\"{category}\"/><summary>{escape(summary)}</summary></entry>")


def changes_by_kpi(promises: pd.DataFrame, values_by_kpi: dict) -> dict[str, list[StatusChange]]:
    """Every promise's status changes (computed once for both languages' feeds)."""
    empty = pd.DataFrame(columns=["period_end", "value"])
    return {row["kpi_id"]: status_changes(definition_from_row(row), values_by_kpi.get(row["kpi_id"], empty))
            for _, row in promises.iterrows()}


def atom_feed(promises: pd.DataFrame, changes: dict[str, list[StatusChange]], home_url: str,
              feed_url: str, promise_url: Callable[[str], str]) -> bytes:
    """The Atom document: newest entry first; its `updated` is the newest entry's day (not the build's)."""
    entries: list[tuple[date, str]] = []
    for _, row in promises.iterrows():
        kpi_id, unit = row["kpi_id"], row["unit"]
        name = kpi_name(row)
        for change in changes.get(kpi_id, []):
            title = t("site.feed.status_change", name=name, status=status_label(change.after))
            summary = t("site.feed.status_change_summary", name=name,
                        before=status_label(change.before), after=status_label(change.after),
                        period=period_label(change.period_end, row["update_frequency"]),
                        value=format_kpi_value(change.value, unit))
            entries.append((change.period_end, _entry(f"{feed_url}#{kpi_id}-{change.period_end.isoformat()}-status",
                                                      title, summary, change.period_end, promise_url(kpi_id),
                                                      STATUS_CHANGE)))
        latest = row["latest_date"]
        if latest is not None and str(latest) != "NaT" and not pd.isna(latest):
            day = _day(latest)
            period = period_label(latest, row["update_frequency"])
            title = t("site.feed.new_period", name=name, period=period)
            summary = t("site.feed.new_period_summary", name=name, period=period,
                        value=format_kpi_value(row["latest_value"], unit),
                        status=status_label(row["status"]),
                        date=format_date(row["target_date"]))
            entries.append((day, _entry(f"{feed_url}#{kpi_id}-{day.isoformat()}-period", title, summary, day,
                                        promise_url(kpi_id), NEW_PERIOD)))
    entries.sort(key=lambda item: item[0], reverse=True)
    updated = entries[0][0] if entries else date(2000, 1, 1)
    document = (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
                f'xml:lang="{current_language()}"><id>{escape(feed_url)}</id><title>{escape(t("site.feed_title"))}'
                f"</title><updated>{_timestamp(updated)}</updated>"
                f'<link rel="self" type="application/atom+xml" href="{escape(feed_url)}"/>'
                f'<link rel="alternate" type="text/html" href="{escape(home_url)}"/>'
                f"<author><name>{escape(t('app.title'))}</name></author>"
                + "".join(entry for _, entry in entries) + "</feed>\n")
    return document.encode("utf-8")
