"""The one clock: every "what day is it" in the project asks here; SMARTISLAND_TODAY sets it."""
from __future__ import annotations
import os
from datetime import date, datetime
def today() -> date:
    return now().date()
def now() -> datetime:
    fixed = os.environ.get("SMARTISLAND_TODAY", "").strip()
    if fixed:
        moment = datetime.fromisoformat(fixed)
        return moment if len(fixed) > 10 else datetime.combine(moment.date(), datetime.now().time())
    return datetime.now()
