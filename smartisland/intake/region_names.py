"""Region names as people write them ("Ds. Sukamaju", "SUKAMAJU", "Kec. Kota") resolved to official codes.

A name is compared in its compact form: prefixes (Desa, Ds., Kel., Kec., Kab., Kota ...) dropped, lower case,
old spellings modernised (oe -> u, dj -> j, tj -> c), and everything but letters and digits removed, so that
"Suka Maju", "Suka-Maju" and "Sukamaju" meet. A village name alone may be shared by several districts (dozens in
a province are), so the district and regency written beside it choose among them; a row that still matches
none or several gets its best candidates instead of a code, and the editor's choice can be remembered as an
alias for later files.
"""
from __future__ import annotations

import difflib
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import h3
import pandas as pd

from smartisland import province
from smartisland.config import DATA_DIR, reference_file
from smartisland.contract import DISTRICT_RING
from smartisland.geo import land_cell_districts

MAPPINGS_DIR = DATA_DIR / "mappings"
ALIASES_FILE = MAPPINGS_DIR / "region_aliases.json"

# Written before a name to say its level; dropped before comparing ("Kab/Kota" and "Desa/Kel." included).
PREFIX_PATTERN = re.compile(
    r"^\s*(?:(?:kabupaten|kab|kota|kecamatan|kec|desa|ds|kelurahan|kel|provinsi|prov)(?:\s*[./]\s*|\s+))+(?=\S)",
    re.IGNORECASE,
)
# Spellings from before the 1972 reform still appear in old lists: Djakarta, Soerabaja, Tjirebon.
OLD_SPELLINGS = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"))
AMBIGUITY_RATIO = 0.8  # placing by position: the nearest centre must be this much nearer than the second
MAX_CANDIDATES = 5
MIN_CANDIDATE_SCORE = 0.6
KM_PER_DEGREE = 111.32


def compact_name(text: str) -> str:
    """The form names are compared in: no level prefix, lower case, modern spelling, letters and digits only."""
    text = PREFIX_PATTERN.sub("", str(text or "")).lower()
    for old, new in OLD_SPELLINGS:
        text = text.replace(old, new)
    return re.sub(r"[^0-9a-z]", "", text)


@dataclass(frozen=True)
class Candidate:
    """A region a written name may mean, with its district and regency for the editor to tell them apart."""
    code: str
    name: str
    district: str
    regency: str
    score: float  # 1.0: the name matches after normalising; less: the difflib ratio of the compact names

    def label(self) -> str:
        """`<village code> <village> (<district>, <regency>)`: the same in both languages."""
        within = ", ".join(part for part in (self.district, self.regency) if part)
        return f"{self.code} {self.name} ({within})" if within else f"{self.code} {self.name}"


@dataclass(frozen=True)
class Resolution:
    """What a row's names (or position) resolve to. `status` is resolved, placed_by_position, by_alias,
    ambiguous (several regions match) or unknown (none does); only the first three carry a code."""
    status: str
    code: str | None = None
    candidates: tuple[Candidate, ...] = ()

    @property
    def ok(self) -> bool:
        return self.code is not None


@dataclass
class RegionAliases:
    """Choices the editor made for names that did not resolve: written names -> code, saved as JSON."""
    entries: dict[tuple[str, str, str], str] = field(default_factory=dict)

    @staticmethod
    def key(village: str | None, district: str | None, regency: str | None) -> tuple[str, str, str]:
        return compact_name(village or ""), compact_name(district or ""), compact_name(regency or "")

    def remember(self, village: str | None, district: str | None, regency: str | None, code: str) -> None:
        self.entries[self.key(village, district, regency)] = code

    def lookup(self, village: str | None, district: str | None, regency: str | None) -> str | None:
        return self.entries.get(self.key(village, district, regency))

    def save(self, path: Path = ALIASES_FILE) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = [{"village": key[0], "district": key[1], "regency": key[2], "code": code}
                for key, code in sorted(self.entries.items())]
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = ALIASES_FILE) -> RegionAliases:
        """The aliases saved at `path`; none when the file does not exist yet."""
        if not path.is_file():
            return cls()
        rows = json.loads(path.read_text(encoding="utf-8"))
        return cls({(row["village"], row["district"], row["regency"]): row["code"] for row in rows})


class RegionIndex:
    """The regions of the province indexed by compact name per level, for resolving written names to codes."""

    def __init__(self, regions: pd.DataFrame):
        regions = regions.astype({"region_code": str, "name": str, "level": str})
        self.regions = regions.set_index("region_code", drop=False)
        self.names = dict(zip(regions["region_code"], regions["name"]))
        self.levels = dict(zip(regions["region_code"], regions["level"]))
        self.compact = {code: compact_name(name) for code, name in self.names.items()}
        self.by_level: dict[str, dict[str, list[str]]] = {}
        for code, level in self.levels.items():
            self.by_level.setdefault(level, {}).setdefault(self.compact[code], []).append(code)
        villages = regions[regions["level"] == "village"]
        self.village_positions = villages[["region_code", "lat", "lon"]].astype({"lat": float, "lon": float})

    @classmethod
    def from_file(cls, path: Path | None = None) -> RegionIndex:
        return cls(pd.read_csv(path or reference_file("regions.csv"), dtype=str))

    def parent(self, code: str, level: str) -> str:
        """The code of the region of `level` holding `code` (district: PP.RR.DD; regency: PP.RR)."""
        parts = {"province": 1, "regency": 2, "district": 3, "village": 4}[level]
        return ".".join(code.split(".")[:parts])

    def candidate(self, code: str, score: float) -> Candidate:
        level = self.levels[code]
        district = self.names.get(self.parent(code, "district"), "") if level == "village" else ""
        regency = self.names.get(self.parent(code, "regency"), "") if level in ("village", "district") else ""
        return Candidate(code, self.names[code], district, regency, round(score, 3))

    def shared_village_names(self) -> dict[str, int]:
        """Official village names that more than one village bears, with how many do (compact form)."""
        return {name: len(codes) for name, codes in self.by_level.get("village", {}).items() if len(codes) > 1}

    def _codes_named(self, level: str, written: str) -> list[str]:
        name = compact_name(written)
        # Written names no normalisation reaches are the province's own (province.toml: known_region_names).
        name = province.current().known_region_names.get(level, {}).get(name, name)
        return list(self.by_level.get(level, {}).get(name, []))

    def _within(self, codes: list[str], written: str | None, level: str) -> list[str]:
        """The codes whose region of `level` bears the written name (all of them when nothing is written)."""
        if not _given(written):
            return codes
        holders = set(self._codes_named(level, written))
        return [code for code in codes if self.parent(code, level) in holders]

    def resolve(self, village: str | None = None, district: str | None = None, regency: str | None = None,
                aliases: RegionAliases | None = None) -> Resolution:
        """The one region the names mean: a village (with its district and/or regency to tell namesakes
        apart), else a district (with its regency), else a regency."""
        if aliases is not None:
            remembered = aliases.lookup(village, district, regency)
            if remembered in self.names:
                return Resolution("by_alias", remembered, (self.candidate(remembered, 1.0),))
        if _given(village):
            level, written, higher = "village", village, (("district", district), ("regency", regency))
        elif _given(district):
            level, written, higher = "district", district, (("regency", regency),)
        elif _given(regency):
            level, written, higher = "regency", regency, ()
        else:
            return Resolution("unknown")
        named = self._codes_named(level, written)
        matching = named
        for higher_level, higher_name in higher:
            matching = self._within(matching, higher_name, higher_level)
        if len(matching) == 1:
            return Resolution("resolved", matching[0], (self.candidate(matching[0], 1.0),))
        if len(matching) > 1:
            return Resolution("ambiguous", None, tuple(self.candidate(code, 1.0) for code in sorted(matching)))
        if named:  # the name exists, but not in the district or regency written beside it
            return Resolution("unknown", None, tuple(self.candidate(code, 1.0) for code in sorted(named)))
        return Resolution("unknown", None, self.fuzzy_candidates(level, written, dict(higher)))

    def fuzzy_candidates(self, level: str, written: str, higher: dict[str, str | None]) -> tuple[Candidate, ...]:
        """The regions of `level` whose names are nearest the written one; a region inside the written district
        or regency ranks first among equals."""
        target = compact_name(written)
        if not target:
            return ()
        scored = []
        for name, codes in self.by_level.get(level, {}).items():
            ratio = difflib.SequenceMatcher(None, target, name).ratio()
            if ratio < MIN_CANDIDATE_SCORE:
                continue
            for code in codes:
                inside = sum(1 for higher_level, higher_name in higher.items() if _given(higher_name)
                             and self.parent(code, higher_level) in self._codes_named(higher_level, higher_name))
                scored.append((-ratio, -inside, code))
        return tuple(self.candidate(code, -ratio) for ratio, _, code in sorted(scored)[:MAX_CANDIDATES])

    def place_by_position(self, lat: float, lon: float, land_cells_file: Path | None = None) -> Resolution:
        """The village whose centre is nearest the point, when it is clearly nearer (AMBIGUITY_RATIO) than the
        second nearest; else the two as candidates. Only villages of a district with a land cell within
        DISTRICT_RING cells of the point are considered, the loader's own test of a place against its village.

        The land cells alone do not choose the district: they go to the nearest district centre, and on the
        sample's 2,381 Wi-Fi points the district of the cell holding the point was wrong for 504 of them, while
        the nearest village centre was wrong for 15 of the 2,317 it placed."""
        districts, resolution = land_cell_districts(str(land_cells_file or reference_file("land_cells.csv")))
        if not districts or not (math.isfinite(lat) and math.isfinite(lon)):
            return Resolution("unknown")
        nearby = h3.grid_disk(h3.latlng_to_cell(lat, lon, resolution), DISTRICT_RING)
        near_districts = {districts[cell] for cell in nearby if cell in districts}
        positions = self.village_positions
        villages = positions[positions["region_code"].str[:8].isin(near_districts)]
        if villages.empty:
            return Resolution("unknown")
        distances = sorted(zip(_distance_km(lat, lon, villages["lat"], villages["lon"]), villages["region_code"]))
        nearest = distances[0]
        if len(distances) == 1 or nearest[0] < AMBIGUITY_RATIO * distances[1][0]:
            return Resolution("placed_by_position", nearest[1], (self.candidate(nearest[1], 1.0),))
        return Resolution("ambiguous", None, tuple(self.candidate(code, 1.0) for _, code in distances[:2]))


def _given(text: str | None) -> bool:
    return text is not None and not (isinstance(text, float) and math.isnan(text)) and str(text).strip() != ""


def _distance_km(lat: float, lon: float, lats: pd.Series, lons: pd.Series) -> list[float]:
    """Distances on the equirectangular approximation: exact enough within one district."""
    scale = math.cos(math.radians(lat))
    return [KM_PER_DEGREE * math.hypot(other_lat - lat, (other_lon - lon) * scale)
            for other_lat, other_lon in zip(lats, lons)]


@lru_cache(maxsize=2)
def _index_for(path: str) -> RegionIndex:
    return RegionIndex.from_file(Path(path))


def region_index(path: Path | None = None) -> RegionIndex:
    """The index of a regions file (default: the province's), built once per file."""
    return _index_for(str(path or reference_file("regions.csv")))
