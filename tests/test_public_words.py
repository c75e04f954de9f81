"""No public output shows a file path, a dataset or column name, a command or a SMARTISLAND_ setting (issue 21):
the Streamlit public pages (public mode, both languages), the open-data texts and the static export are walked for
them. Where a figure is not yet published the public reads that in plain words; the instructions live on the
internal Data page."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from support import ROOT
from support.apptest import run_page

from smartisland.contract import DATASETS
from smartisland.i18n import LANGUAGES, t, translations
from smartisland.publishing.open_data import build_open_data, datasets_table, public_datasets
from smartisland.publishing.transparency import dataset_view
from smartisland.report_context import ReportContext, using
from smartisland.ui.navigation import PAGES

PATH_PATTERNS = (r"(?<![\w-])data/", r"\.csv\b", r"\.parquet\b", r"\.duckdb\b", r"\.sql\b", r"\.toml\b",
                 r"(?<![\w-])provinces/", r"(?<![\w-])queries/", r"(?<![\w-])tests/", "SMARTISLAND_",
                 r"python -m", r"\bmake (?:run|test|setup|warehouse|bench|sample|regions|export|audit)\b",
                 r"\bstreamlit run\b")
# Contract names a reader could not mistake for a word: every name with an underscore, and these three.
IDENTIFIERS = sorted({name for dataset in DATASETS for name in (dataset.name, *dataset.column_names)
                      if "_" in name} | {"kpis", "lat", "lon"}, key=len, reverse=True)
NAME_PATTERN = re.compile(r"(?<![\w.-])(?:" + "|".join(map(re.escape, IDENTIFIERS)) + r")(?![\w-])")
# Allowed with a reason: the package's descriptor is a download the open-data text names by its file name, so a
# reader knows which file describes the package (the standard Frictionless name, no path in it).
ALLOWED = ("datapackage.json",)
# Views of the public pages reached by a choice in the URL, besides the page's first view.
PUBLIC_VIEWS = {"services": [{}, {"view": "performance"}, {"view": "detail"}]}


def leaks(text: str) -> list[str]:
    """The paths, settings, commands and contract names a text shows."""
    for allowed in ALLOWED:
        text = text.replace(allowed, "")
    found = [match.group(0) for pattern in PATH_PATTERNS for match in re.finditer(pattern, text)]
    return found + NAME_PATTERN.findall(text)


def test_the_walk_finds_what_it_looks_for():
    assert leaks("muat dataset `province_indices` dari file `data/national/province_indices.csv`, kolom `measure_value`"
                 ) == ["data/", ".csv", "province_indices", "province_indices"]
    assert leaks("set SMARTISLAND_SITE_DIR, then python -m smartisland.publishing.export") == [
        "SMARTISLAND_", "python -m"]
    assert leaks("the kpi_values table and the target_value column") == ["kpi_values", "target_value"]
    assert leaks("Unduh datapackage.json · Nilai terakhir 2.232 · KPI values (CSV) · the data behind it") == []


def _texts(node, skipped: set[str]) -> list[str]:
    """Every string a node and its children show, leaving out expanders labelled with one of `skipped`."""
    texts = []
    if type(node).__name__ == "Expander" and getattr(node, "label", None) in skipped:
        return texts
    # A choice's value is the Python value behind it (a dataset's name, say); it shows as one of its options.
    is_choice = getattr(node, "options", None) is not None
    for attribute in ("value", "body", "label", "help", "placeholder", "options"):
        if attribute == "value" and is_choice:
            continue
        try:
            value = getattr(node, attribute, None)
        except Exception:  # some elements have no readable value outside a run
            continue
        if callable(value):
            continue
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, (list, tuple)):
            texts.extend(str(item) for item in value)
        elif isinstance(value, pd.DataFrame):
            texts.extend(str(column) for column in value.columns)
            texts.extend(value.astype(str).to_numpy().ravel().tolist())
    children = getattr(node, "children", None)
    for child in children.values() if isinstance(children, dict) else []:
        texts.extend(_texts(child, skipped))
    return texts


# The data dictionary names the columns of the downloadable files: that is what it is for, and where it is shown
# (an expander under the downloads, and the dictionary files) it says so. Left out of the walk.
DICTIONARY_LABELS = set(translations("open_data.dictionary_title").values())


def _is_comparison_instruction(text: str) -> bool:
    """The province comparison's loading instruction (smartisland/ui/comparison.py), which another change removes;
    test_the_comparison_section_gives_no_instruction below holds it to that."""
    return "province_indices" in text


def _page_leaks(monkeypatch, sample_db, entry, comparison: bool) -> dict[str, list[str]]:
    found = {}
    for query in PUBLIC_VIEWS.get(entry.url_path, [{}]):
        for language in LANGUAGES:
            app = run_page(monkeypatch, sample_db, entry.script, language, "public", query)
            shown = sorted({item for text in _texts(app._tree, DICTIONARY_LABELS)
                            if _is_comparison_instruction(text) == comparison for item in leaks(text)})
            if shown:
                found[f"{language} {query}"] = shown
    return found


@pytest.mark.parametrize("entry", [page for page in PAGES if page.is_public], ids=lambda page: page.url_path)
def test_no_public_page_shows_a_path_a_name_or_a_setting(monkeypatch, sample_db, entry):
    assert _page_leaks(monkeypatch, sample_db, entry, comparison=False) == {}


@pytest.mark.parametrize("entry", [page for page in PAGES if page.url_path in ("spbe", "transparency")],
                         ids=lambda page: page.url_path)
def test_the_comparison_section_gives_no_instruction(monkeypatch, sample_db, entry):
    assert _page_leaks(monkeypatch, sample_db, entry, comparison=True) == {}


def test_no_open_data_text_shows_a_path_a_name_or_a_setting(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        open_data = build_open_data(connection)
    found = []
    for language in LANGUAGES:
        with using(ReportContext(language=language)):
            table = datasets_table(open_data)
        texts = [*map(str, table.columns), *table.astype(str).to_numpy().ravel()]
        for dataset in public_datasets():
            with using(ReportContext(language=language)):
                view = dataset_view(open_data, dataset.name)
            texts += [view.title, view.description, view.rows_line]
        with using(ReportContext(language=language)):
            texts += [t(f"open_data.{key}") for key in ("intro", "licence", "title")]
        found += [item for text in texts for item in leaks(text)]
    assert found == []


class _VisibleText(HTMLParser):
    """The text a reader sees in a static page: text nodes and alt/title/aria-label, not scripts or styles."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        self.texts.extend(value for name, value in attrs if name in ("alt", "title", "aria-label") and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(data)


def test_no_static_page_shows_a_path_a_name_or_a_setting(sample_db, tmp_path):
    site = tmp_path / "site"
    environment = {**os.environ, "SMARTISLAND_DB": str(sample_db)}
    result = subprocess.run([sys.executable, "-m", "smartisland.publishing.export", str(site)], cwd=ROOT,
                            env=environment, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 2
    found = {}
    for page in pages:
        parser = _VisibleText()
        parser.feed(Path(page).read_text(encoding="utf-8"))
        shown = sorted({item for text in parser.texts for item in leaks(text)})
        if shown:
            found[str(page.relative_to(site))] = shown
    assert found == {}
