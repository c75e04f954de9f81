"""Where things are, and the settings read from the environment."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
# What every province shares: the SPBE framework's indicators and the figures published for all provinces.
NATIONAL_DIR = DATA_DIR / "national"
# One folder per province, named by its Kemendagri code: province.toml, texts.toml, reference/, sample/, facts/.
PROVINCES_DIR = PROJECT_ROOT / "provinces"
QUERIES_DIR = PROJECT_ROOT / "queries"
MODES = ("internal", "public")
# The province served when SMARTISLAND_PROVINCE is not set: the one place in code that names a province.
DEFAULT_PROVINCE = "51"


def province_code() -> str:
    """The Kemendagri code of the province this process serves (SMARTISLAND_PROVINCE, else the default)."""
    return os.environ.get("SMARTISLAND_PROVINCE", "").strip() or DEFAULT_PROVINCE


def province_dir(code: str | None = None) -> Path:
    """The province's data folder: reference/ and sample/ (committed), facts/ (real data, not committed)."""
    return PROVINCES_DIR / (code or province_code())


def reference_file(name: str) -> Path:
    """A file of the province's reference data (regions.csv, land_cells.csv, kpis.csv, ...)."""
    return province_dir() / "reference" / name


def warehouse_path() -> Path:
    """SMARTISLAND_DB, else one warehouse per province in data/, so switching province never mixes their data."""
    return Path(os.environ.get("SMARTISLAND_DB") or DATA_DIR / f"warehouse-{province_code()}.duckdb")


def reports_path() -> Path:
    """SMARTISLAND_REPORTS_DB, else one store of citizens' reports per province in data/: a file of its own, never
    the warehouse the pages read, so a rebuild or a load of the warehouse never touches a report."""
    return Path(os.environ.get("SMARTISLAND_REPORTS_DB") or DATA_DIR / f"citizen-reports-{province_code()}.duckdb")


def app_mode() -> str:
    """`internal` unless SMARTISLAND_MODE says `public`; an unknown value falls back to public, the safer side."""
    mode = os.environ.get("SMARTISLAND_MODE", "internal").strip().lower()
    return mode if mode in MODES else "public"


# Upload limits, here and nowhere else in code: the largest file (MiB) and the most data rows one file may hold,
# for the Data page's uploads and the loader alike (SMARTISLAND_MAX_FILE_MB and SMARTISLAND_MAX_ROWS override them,
# e.g. for a bulk load from the command line). Streamlit's own cap, server.maxUploadSize in
# .streamlit/config.toml, is the same number (a test compares them).
DEFAULT_MAX_FILE_MB = 512
DEFAULT_MAX_ROWS = 10_000_000
# A workbook is a ZIP archive: its parts unzipped may hold at most this much (MiB), and no part larger than a
# mebibyte may unzip to more than this many times its packed size (sheets of real data pack 5 to 50 times; a
# ZIP bomb, a small file that unzips to gigabytes, a thousand times). SMARTISLAND_MAX_UNZIPPED_MB and
# SMARTISLAND_MAX_ZIP_RATIO override them.
DEFAULT_MAX_UNZIPPED_MB = 1024
DEFAULT_MAX_ZIP_RATIO = 200

# A boundaries GeoJSON file is read as a stream and refused as soon as it passes one of these: a map draws a
# regency in a few thousand vertices. At these caps the public Connectivity page on the largest accepted file
# grows the server by 357 MB (measured: nine regencies of 110,000 vertices each); full-resolution files are
# simplified before loading (the message says how).
MAX_GEOJSON_DEPTH = 32  # arrays and objects within one another (a MultiPolygon's position is 8 deep)
MAX_VERTICES_PER_FEATURE = 120_000
MAX_VERTICES_TOTAL = 1_000_000


def _positive_setting(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name, "").replace("_", "") or default)
    except ValueError:
        return default
    return value if value > 0 else default


def max_file_mb() -> int:
    return _positive_setting("SMARTISLAND_MAX_FILE_MB", DEFAULT_MAX_FILE_MB)


def max_rows() -> int:
    return _positive_setting("SMARTISLAND_MAX_ROWS", DEFAULT_MAX_ROWS)


def max_unzipped_mb() -> int:
    return _positive_setting("SMARTISLAND_MAX_UNZIPPED_MB", DEFAULT_MAX_UNZIPPED_MB)


def max_zip_ratio() -> int:
    return _positive_setting("SMARTISLAND_MAX_ZIP_RATIO", DEFAULT_MAX_ZIP_RATIO)


# A load runs in a process of its own under this address-space ceiling (MiB) and time limit (seconds), so that no
# file takes the server's memory or holds the load lock for ever (SMARTISLAND_LOAD_MEMORY_MB and
# SMARTISLAND_LOAD_SECONDS override them).
DEFAULT_LOAD_MEMORY_MB = 3072
DEFAULT_LOAD_SECONDS = 1800


def load_memory_mb() -> int:
    return _positive_setting("SMARTISLAND_LOAD_MEMORY_MB", DEFAULT_LOAD_MEMORY_MB)


def load_seconds() -> int:
    return _positive_setting("SMARTISLAND_LOAD_SECONDS", DEFAULT_LOAD_SECONDS)


def trusted_proxy() -> str | None:
    """The address of the reverse proxy whose X-Forwarded-For names the client (SMARTISLAND_TRUSTED_PROXY, e.g.
    127.0.0.1 for a proxy on the same machine); unset, no forwarded header is believed."""
    return os.environ.get("SMARTISLAND_TRUSTED_PROXY", "").strip() or None

# The public static site and the app link to each other (smartisland/publishing/export.py, the Transparency page).
# Read here and nowhere else: an empty setting means no link.
def site_url() -> str | None:
    """The static site's public address (SMARTISLAND_SITE_URL), e.g. https://data.example.go.id/; None if unset."""
    return os.environ.get("SMARTISLAND_SITE_URL", "").strip() or None


def app_url() -> str | None:
    """The app's public address (SMARTISLAND_APP_URL), linked from every static page; None if unset."""
    return os.environ.get("SMARTISLAND_APP_URL", "").strip() or None


def site_dir() -> Path | None:
    """Where a load rebuilds the static site (SMARTISLAND_SITE_DIR): builds in it, `current` the one served."""
    value = os.environ.get("SMARTISLAND_SITE_DIR", "").strip()
    return Path(value) if value else None
