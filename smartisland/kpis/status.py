"""The KPI status vocabulary, in one place: the names in order, their words, symbols and colours (no Streamlit).

Status is never told by colour alone: each has a symbol and a word too (`status_label` in kpis/display.py).
The rules that give a KPI its status are in kpis/assessment.py.
"""
from __future__ import annotations

ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, OVERDUE, NO_DATA = (
    "achieved", "on_track", "at_risk", "off_track", "overdue", "no_data")

# Best first: the order of filters, counts and legends.
STATUSES = (ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, OVERDUE, NO_DATA)
# Late or falling behind, worst first: the order of the overview's list of late items.
LATE_STATUSES = (OVERDUE, OFF_TRACK, AT_RISK)

SYMBOLS = {ACHIEVED: "✔", ON_TRACK: "▲", AT_RISK: "◆", OFF_TRACK: "▼", OVERDUE: "✖", NO_DATA: "○"}
# Okabe-Ito colours for charts and the static export.
COLOURS = {ACHIEVED: "#009E73", ON_TRACK: "#0072B2", AT_RISK: "#E69F00", OFF_TRACK: "#D55E00",
           OVERDUE: "#A6322B", NO_DATA: "#8C9A99"}
# Streamlit's named badge colours, nearest to COLOURS.
BADGE_COLOURS = {ACHIEVED: "green", ON_TRACK: "blue", AT_RISK: "orange", OFF_TRACK: "red", OVERDUE: "violet",
                 NO_DATA: "gray"}


def label_key(status: str) -> str:
    """The translation key of a status's word (`status.on_track`)."""
    return f"status.{status}"
