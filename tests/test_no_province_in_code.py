"""No code names a province: everything that is one province's own lives in its folder under provinces/, and the
only province code is the default in config.py."""
from __future__ import annotations

import re

from support import ROOT

from smartisland import config

CODE = [ROOT / "app.py", ROOT / "Makefile", *(ROOT / "smartisland").rglob("*.py"), *(ROOT / "smartisland").rglob("*.toml"),
        *(ROOT / "app_pages").rglob("*.py"), *(ROOT / "queries").rglob("*.sql"), *(ROOT / "scripts").rglob("*.py"),
        *(ROOT / ".streamlit").rglob("*.toml")]
# "Bali" anywhere, or the code 51 standing alone or heading a region code (51.03); not 51 inside another number.
PROVINCE_NAMED = re.compile(r"Bali|(?<![\d.,])51(?![\d,])")


def test_the_default_is_the_only_province_code_or_name_in_the_code():
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in CODE for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if PROVINCE_NAMED.search(line)]
    assert found == [f'smartisland/config.py:{_default_line()}: DEFAULT_PROVINCE = "51"'], "\n".join(found)


def test_the_pattern_finds_what_it_must():
    assert all(PROVINCE_NAMED.search(text) for text in ('"51"', "51.03.05", "Bali's", "code 51 ", "'51'"))
    assert not any(PROVINCE_NAMED.search(text) for text in ("2051", "0.51", "1,51", "151", "51,5", "3.51"))


def _default_line() -> int:
    lines = (ROOT / "smartisland" / "config.py").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith("DEFAULT_PROVINCE ="))


def test_the_default_province_has_a_folder():
    assert (config.province_dir(config.DEFAULT_PROVINCE) / "province.toml").is_file()
