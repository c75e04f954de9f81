"""The province this dashboard serves, read from its folder `provinces/<code>/province.toml`.

Everything that is one province's own lives in its folder: its names and programme (province.toml), the texts
that speak of its own sources and agencies (texts.toml), its regions, map base, KPI catalogue, services and
published figures (reference/) and its illustrative sample (sample/). Code asks here and never names a province.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from smartisland.config import PROVINCES_DIR, province_code, province_dir

PROVINCE_FILE = "province.toml"
CODE_PATTERN = re.compile(r"[0-9]{2}")  # a Kemendagri province code: two digits
SHOWN_SETTING = 20  # characters of a bad setting a message repeats
TEXTS_FILE = "texts.toml"


class ProvinceNotFound(LookupError):
    """SMARTISLAND_PROVINCE names a province that has no folder in provinces/."""


@dataclass(frozen=True)
class Province:
    code: str
    name: str  # the official name in the Kemendagri list, e.g. "Provinsi Nusa Tenggara Barat"
    name_en: str  # the same in English: "Province of West Nusa Tenggara"
    short_name: str  # as people say it: "Nusa Tenggara Barat" or "NTB"
    programme: dict[str, str]  # the smart-province programme's name per language
    agency: dict[str, str]  # the communications agency that runs the dashboard per language
    agency_short: str
    agency_website: str
    time_zone: str  # WIB, WITA or WIT: local time as files write it
    folder: Path
    # The public sources of its own published figures, each a `title` and maybe a `path` (a link), for open data.
    sources: tuple[dict[str, str], ...] = ()
    # Written region names no normalisation reaches, by level: compact written name -> compact official name.
    known_region_names: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def reference_dir(self) -> Path:
        return self.folder / "reference"

    @property
    def sample_dir(self) -> Path:
        return self.folder / "sample"

    @property
    def slug(self) -> str:
        """The programme's English name in lower case with hyphens, for file names: `bali-smart-island`."""
        return re.sub(r"[^a-z0-9]+", "-", (self.programme.get("en") or self.programme["id"]).lower()).strip("-")

    @property
    def texts_file(self) -> Path:
        return self.folder / TEXTS_FILE

    def placeholders(self, language: str) -> dict[str, str]:
        """The `{province}`-style names every locale text may use, in the language."""
        return {"{province}": self.short_name, "{province_code}": self.code,
                "{province_official}": self.name if language == "id" else self.name_en,
                "{programme}": self.programme.get(language) or self.programme["id"],
                "{agency}": self.agency.get(language) or self.agency["id"], "{agency_short}": self.agency_short,
                "{agency_website}": self.agency_website, "{time_zone}": self.time_zone}


@cache
def load(code: str) -> Province:
    if not CODE_PATTERN.fullmatch(code):  # a path or 5,000 characters never reach the file system
        raise ProvinceNotFound(f"no province {code[:SHOWN_SETTING]!r} (provinces with a folder: "
                               f"{', '.join(available()) or 'none'})")
    folder = province_dir(code)
    path = folder / PROVINCE_FILE
    if not path.is_file():
        known = ", ".join(available()) or "none"
        raise ProvinceNotFound(f"no province {code!r}: {path} is missing (provinces with a folder: {known})")
    with path.open("rb") as handle:
        settings = tomllib.load(handle)
    if str(settings["code"]) != code:
        raise ProvinceNotFound(f"{path} says code {settings['code']!r}, but its folder is {code!r}")
    return Province(code=code, name=settings["name"], name_en=settings.get("name_en") or settings["name"],
                    short_name=settings["short_name"],
                    programme=dict(settings["programme"]), agency=dict(settings["agency"]),
                    agency_short=settings["agency_short"], agency_website=settings["agency_website"],
                    time_zone=settings["time_zone"], folder=folder,
                    sources=tuple(dict(source) for source in settings.get("sources", ())),
                    known_region_names={level: dict(names)
                                        for level, names in settings.get("known_region_names", {}).items()})


def current() -> Province:
    """The province of this process (SMARTISLAND_PROVINCE, else the default)."""
    return load(province_code())


def available() -> list[str]:
    """The codes of every province with a folder, in code order."""
    return sorted(path.parent.name for path in PROVINCES_DIR.glob(f"*/{PROVINCE_FILE}"))
