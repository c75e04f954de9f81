"""How the connectivity vocabulary is shown: the words of each category, status, tier, source, stage and solution,
and the colours that the figures, the map and its legend share."""
from __future__ import annotations

import pandas as pd

from smartisland.chart_style import PALETTE
from smartisland.connectivity.logic import ARTICLE_SOURCE, NOT_SURVEYED, SOURCES
from smartisland.i18n import t

# No category shares a hue with the coverage tiers drawn under the points (red, orange, yellow, green, grey):
# a health centre in green on a green village would vanish (tests/test_readers_site.py checks the distances).
CATEGORY_COLOURS = {
    "desa_adat": "#08306B",
    "puskesmas": "#8073AC",
    "hospital": "#E7298A",
    "school": "#4B0082",
    "tourist_site": "#F781BF",
    "public_area": "#56B4E9",
    "government_office": "#1B1B1B",
}
TIER_COLOURS = {"none": "#A6322B", "weak": "#E69F00", "no_4g": "#F0E442", "good": "#009E73",
                NOT_SURVEYED: "#C9D3D2"}
SOURCE_COLOURS = dict(zip(SOURCES, (PALETTE[0], PALETTE[5], PALETTE[2], PALETTE[3])))
STAGE_COLOURS = {"identified": "#C2A5CF", "proposed": "#A983BF", "planned": "#8E61A8", "built": "#6A3D8A",
                 "verified": "#40004B"}
# Each category has a letter as well as a colour, drawn over its dot and shown in the legend: told apart without
# colour too. Letters, not pictograms: the map's font draws any letter offline, a pictogram only where the
# browser's fonts hold it. Initials of the Indonesian names (Adat, Puskesmas, rumah sakit, Sekolah, Wisata, Umum,
# Kantor), the legend saying each in the reader's language.
CATEGORY_SYMBOLS = {"desa_adat": "A", "puskesmas": "P", "hospital": "H", "school": "S", "tourist_site": "W",
                    "public_area": "U", "government_office": "K"}
NO_SITE_COLOUR = "#E4E9E8"
LATE_COLOUR = "#D55E00"
DOWN_RING = "#1B1B1B"

def category_label(category: str) -> str:
    return t(f"connectivity.category.{category}")


def status_label(status: str) -> str:
    return t(f"connectivity.status.{status}")


def tier_label(tier) -> str:
    return t(f"connectivity.tier.{tier if isinstance(tier, str) else NOT_SURVEYED}")


def source_label(source) -> str:
    if not isinstance(source, str):
        return t("common.no_data")
    return t(f"connectivity.source.{source}")


def stage_label(stage: str) -> str:
    return t(f"connectivity.stage.{stage}")


def solution_label(solution: str) -> str:
    return t(f"connectivity.solution.{solution}")


def funding_label(funding_source: str) -> str:
    return t(f"connectivity.funding.{funding_source}")


def technology_label(technology) -> str:
    if not isinstance(technology, str):
        return t("common.no_data")
    return t("connectivity.technology.none") if technology == "none" else technology.upper()


def figure_source(source: str) -> str:
    return t("connectivity.source_article") if source == ARTICLE_SOURCE else source


def as_dates(values) -> list:
    """Dates of a column, for a Plotly axis."""
    return [pd.Timestamp(value).date() for value in values]
