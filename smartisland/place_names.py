"""The name a reader says for a regency: `Kabupaten Badung` is Badung and `Kota Denpasar` is Denpasar, unless two
regencies would then read alike (NTB's Kabupaten Bima and Kota Bima), when each keeps its full name."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from smartisland.config import reference_file

PREFIXES = ("Kabupaten ", "Kota ")


def without_prefix(name: str) -> str:
    name = str(name)
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


@lru_cache(maxsize=8)
def _shared_short_names(regions_path: str) -> frozenset[str]:
    regions = pd.read_csv(regions_path, dtype=str, keep_default_na=False, usecols=["name", "level"])
    shorts = pd.Series([without_prefix(name) for name in regions.loc[regions["level"] == "regency", "name"]])
    return frozenset(shorts[shorts.duplicated(keep=False)])


def short_place_name(name: str, regions_path: Path | None = None) -> str:
    """The regency's name without its prefix, when no other regency of the province then reads the same."""
    short = without_prefix(name)
    shared = _shared_short_names(str(regions_path or reference_file("regions.csv")))
    return str(name) if short in shared else short
