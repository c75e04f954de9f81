"""The KPI status vocabulary, in one place: the statuses in order, the kinds of target, their words, symbols and
colours, and the neutral treatment of a target the team set itself (no Streamlit).

Status is never told by colour alone: each has a symbol and a word too (`status_label` in kpis/display.py).
The rules that give a KPI its status are in kpis/assessment.py.
"""
from __future__ import annotations

ACHIEVED, ACHIEVED_LATE, ON_TRACK, WORSENING, AT_RISK, OFF_TRACK, OVERDUE, NO_DATA = (
    "achieved", "achieved_late", "on_track", "worsening", "at_risk", "off_track", "overdue", "no_data")

# Best first: the order of filters, counts and legends.
STATUSES = (ACHIEVED, ACHIEVED_LATE, ON_TRACK, WORSENING, AT_RISK, OFF_TRACK, OVERDUE, NO_DATA)
# Met, on time or not.
MET_STATUSES = (ACHIEVED, ACHIEVED_LATE)
# Late, falling behind or moving away from the target, worst first: the order of the overview's list of what needs
# attention. Worsening is last: the target is met or on its path, but the recent trend walks away from it.
LATE_STATUSES = (OVERDUE, OFF_TRACK, AT_RISK, WORSENING)

SYMBOLS = {ACHIEVED: "✔", ACHIEVED_LATE: "☑", ON_TRACK: "▲", WORSENING: "↘", AT_RISK: "◆", OFF_TRACK: "▼",
           OVERDUE: "✖", NO_DATA: "○"}
# Okabe-Ito colours for charts and the static export.
COLOURS = {ACHIEVED: "#009E73", ACHIEVED_LATE: "#56B4E9", ON_TRACK: "#0072B2", WORSENING: "#CC79A7",
           AT_RISK: "#E69F00", OFF_TRACK: "#D55E00", OVERDUE: "#A6322B", NO_DATA: "#8C9A99"}
# Streamlit's named badge colours, nearest to COLOURS.
BADGE_COLOURS = {ACHIEVED: "green", ACHIEVED_LATE: "green", ON_TRACK: "blue", WORSENING: "yellow", AT_RISK: "orange",
                 OFF_TRACK: "red", OVERDUE: "violet", NO_DATA: "gray"}

# Where a target comes from: a published promise (its source named), or a figure the team set to have something
# to measure against. Only an official target can make a KPI truly late.
OFFICIAL, ILLUSTRATIVE = "official", "illustrative"
TARGET_KINDS = (OFFICIAL, ILLUSTRATIVE)
TARGET_KIND_SYMBOLS = {OFFICIAL: "§", ILLUSTRATIVE: "≈"}
# The neutral look of bad news against an illustrative target: grey, so it never reads as real slippage.
NEUTRAL_COLOUR = "#8C9A99"
NEUTRAL_BADGE = "gray"


def label_key(status: str) -> str:
    """The translation key of a status's word (`status.on_track`)."""
    return f"status.{status}"


def target_kind_key(kind: str) -> str:
    """The translation key of a target kind's words (`target_kind.official`)."""
    return f"target_kind.{kind}"


def is_neutral(status: str, target_kind: str) -> bool:
    """Bad news measured against a target nobody promised: shown in neutral grey, and counted apart."""
    return target_kind == ILLUSTRATIVE and status in LATE_STATUSES


def badge_colour(status: str, target_kind: str = OFFICIAL) -> str:
    return NEUTRAL_BADGE if is_neutral(status, target_kind) else BADGE_COLOURS[status]


def chart_colour(status: str, target_kind: str = OFFICIAL) -> str:
    return NEUTRAL_COLOUR if is_neutral(status, target_kind) else COLOURS[status]
