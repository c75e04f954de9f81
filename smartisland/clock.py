"""The one clock: every "what day is it" in the project asks here, and SMARTISLAND_TODAY sets it.

Statuses, staleness, "not in the future", load times and forecasts all depend on the day, so a test, a demo
or a quarterly report can fix it in one place (`SMARTISLAND_TODAY=2026-09-30`, or with a time,
`2026-09-30T17:00:00`). Nothing else in the project reads the wall clock.
"""
from __future__ import annotations

import os
from datetime import date, datetime, timedelta

ENVIRONMENT_VARIABLE = "SMARTISLAND_TODAY"


class ClockSettingError(ValueError):
    """SMARTISLAND_TODAY is set to something that is not a date."""


def now() -> datetime:
    """The current moment; on a fixed day, that day at the real time of day (load times stay in order)."""
    fixed = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    real = datetime.now()
    if not fixed:
        return real
    try:
        moment = datetime.fromisoformat(fixed)
    except ValueError:
        raise ClockSettingError(f"{ENVIRONMENT_VARIABLE}={fixed!r} is not a date (YYYY-MM-DD)") from None
    return moment.replace(tzinfo=None) if len(fixed) > 10 else datetime.combine(moment.date(), real.time())


def today() -> date:
    return now().date()


def month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def past_month_ends(day: date, count: int) -> list[date]:
    """The ends of the `count` months before `day`'s month, newest first: the "as of" dates a report can take."""
    ends, current = [], day.replace(day=1) - timedelta(days=1)
    for _ in range(count):
        ends.append(current)
        current = current.replace(day=1) - timedelta(days=1)
    return ends


def is_quarter_end(day: date) -> bool:
    return day.month in (3, 6, 9, 12) and day == month_end(day)
