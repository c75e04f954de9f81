"""Helpers the tests share, imported as a package (`from support.apptest import run_page`); conftest.py holds only
fixtures and hooks. Where the suite finds things: the repository, the fixture data and the one fixed day it runs on."""
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
FIXTURE_TODAY = date(2026, 11, 28)
