"""Serving another province in the test process: SMARTISLAND_PROVINCE for the span of a block, and the names
that must never appear on another province's screens."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd

from smartisland import config, province


def provinces_with_sample() -> list[str]:
    """Every province in provinces/ whose folder holds a sample to serve."""
    return [code for code in province.available() if (config.province_dir(code) / "sample").is_dir()]


@contextmanager
def serving(code: str) -> Iterator[None]:
    """Serve `code` inside the block (session fixtures cannot use monkeypatch), then put the setting back."""
    before = os.environ.get("SMARTISLAND_PROVINCE")
    os.environ["SMARTISLAND_PROVINCE"] = code
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SMARTISLAND_PROVINCE", None)
        else:
            os.environ["SMARTISLAND_PROVINCE"] = before


def foreign_names(code: str) -> list[str]:
    """The names of every other province with a sample: its own, its programme's, its agency's and its
    regencies' (`Kabupaten Badung` as `Badung`), none of which may show when `code` is served. A name the served
    province also has (NTB has a kelurahan called Bali) cannot be told apart, so it is left out."""
    own = set(pd.read_csv(config.province_dir(code) / "reference" / "regions.csv", dtype=str)["name"])
    names = []
    for other in provinces_with_sample():
        if other == code:
            continue
        served = province.load(other)
        names += [served.short_name, served.name, served.agency_short, *served.programme.values()]
        regions = pd.read_csv(config.province_dir(other) / "reference" / "regions.csv", dtype=str)
        regencies = regions.loc[regions["level"] == "regency", "name"]
        names += [name.removeprefix("Kabupaten ").removeprefix("Kota ") for name in regencies]
    return sorted(set(names) - own)
