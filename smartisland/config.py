"""Where things are, and the settings read from the environment."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
QUERIES_DIR = PROJECT_ROOT / "queries"
DEFAULT_WAREHOUSE = DATA_DIR / "warehouse.duckdb"
MODES = ("internal", "public")
# Kemendagri code of the province this dashboard serves (Bali): the one place that names it in code.
PROVINCE_CODE = "51"


def warehouse_path() -> Path:
    return Path(os.environ.get("SMARTISLAND_DB") or DEFAULT_WAREHOUSE)


def app_mode() -> str:
    """`internal` unless SMARTISLAND_MODE says `public`; an unknown value falls back to public, the safer side."""
    mode = os.environ.get("SMARTISLAND_MODE", "internal").strip().lower()
    return mode if mode in MODES else "public"
