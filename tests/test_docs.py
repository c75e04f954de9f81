"""The docs keep up with the code: every setting the code reads and every `make` target is described in the README,
and no comment or doc points at a path that is not there (a folder that moved, a file renamed)."""
import ast
import csv
import io
import os
import re
import tokenize
from datetime import date
from pathlib import Path

import duckdb
import pytest
from support import ROOT

from smartisland import config, warehouse
from smartisland.db import execute_query, query_text

README = (ROOT / "README.md").read_text(encoding="utf-8")
CODE = [*(ROOT / "smartisland").rglob("*.py"), *(ROOT / "app_pages").rglob("*.py"), *(ROOT / "scripts").rglob("*.py"),
        ROOT / "app.py", ROOT / "Makefile", ROOT / ".ci" / "run"]


def settings_read_in_the_code() -> set[str]:
    return {name for path in CODE for name in re.findall(r"\bSMARTISLAND_[A-Z_]+\b", path.read_text(encoding="utf-8"))}


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


def test_every_setting_the_code_reads_is_in_the_readme():
    settings = settings_read_in_the_code()
    assert {"SMARTISLAND_PROVINCE", "SMARTISLAND_DB", "SMARTISLAND_MODE"} <= settings
    assert sorted(name for name in settings if f"`{name}`" not in README) == []


def test_every_make_target_is_in_the_readme():
    targets = make_targets()
    assert {"run", "test", "test-calendar", "warehouse"} <= targets
    assert sorted(target for target in targets if not re.search(rf"\bmake {target}\b", README)) == []


# A path in prose: from one of the project's top folders on; <code>, {name}, NN and * stand for any name.
PATH_IN_PROSE = re.compile(r"(?<![\w./-])((?:data|provinces|queries|smartisland|tests|app_pages|scripts|docs)/"
                           r"(?:<[^>]*>|[\w.{}*$/-])*(?:<[^>]*>|[\w}*/]))")
PLACEHOLDER = re.compile(r"<[^>]*>|\{[^}]*\}|\$\w+|\*+|\bNN\b")
# Made when the app runs, not committed: the warehouse, saved mappings, a province's real facts, an optional
# boundary file, the static site's data folder.
SKIPPED_FOLDERS = {"site", "node_modules", "__pycache__"}
MADE_AT_RUN_TIME = ("data/warehouse-", "data/citizen-reports-", "data/mappings/", "/facts", "/boundaries.geojson", "data/*.")


def prose_lines(path):
    """The lines of a doc, or of a Python file its comments and docstrings (a string in code is data)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        yield from enumerate(text.splitlines(), 1)
        return
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            docstring = ast.get_docstring(node, clean=False)
            if docstring:
                for offset, line in enumerate(docstring.splitlines()):
                    yield node.body[0].lineno + offset, line


def missing_paths(root) -> list[str]:
    files = []
    for folder, folders, names in os.walk(root):
        folders[:] = [name for name in folders if not name.startswith(".") and name not in SKIPPED_FOLDERS]
        files += [Path(folder) / name for name in names
                  if Path(name).suffix in (".py", ".md", ".sql", ".toml") or name in ("Makefile", "run", "pytest.ini")]

    def absent(mentioned: str) -> bool:
        return not any(part in mentioned for part in MADE_AT_RUN_TIME) \
            and not any(root.glob(PLACEHOLDER.sub("*", mentioned).rstrip("/")))

    missing = []
    for path in files:
        # Only a file that mentions an absent path anywhere is read line by line (parsing every file is slow).
        if not any(absent(match.group(1).rstrip(".")) for match in PATH_IN_PROSE.finditer(path.read_text("utf-8"))):
            continue
        for number, line in prose_lines(path):
            missing += [f"{path.relative_to(root)}:{number}: {match.group(1).rstrip('.')}"
                        for match in PATH_IN_PROSE.finditer(line) if absent(match.group(1).rstrip("."))]
    return missing


def test_no_comment_or_doc_points_at_a_path_that_is_not_there():
    assert missing_paths(ROOT) == []


def test_a_moved_path_in_a_comment_or_doc_is_found(tmp_path):
    (tmp_path / "provinces" / "61" / "reference").mkdir(parents=True)
    (tmp_path / "provinces" / "61" / "reference" / "SOURCES.md").write_text("sources\n", encoding="utf-8")
    (tmp_path / "smartisland").mkdir()
    (tmp_path / "smartisland" / "figures.py").write_text(
        '"""Figures from provinces/<code>/reference/SOURCES.md."""\n'
        "# sources: data/reference/SOURCES.md\n"
        "PATH = 'data/reference/not_prose.csv'  # a string in code is data, not a doc\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("See `data/reference/` and `provinces/NN/reference/SOURCES.md`.\n"
                                        "The warehouse: `data/warehouse-<province>.duckdb`.\n", encoding="utf-8")
    assert sorted(missing_paths(tmp_path)) == ["README.md:1: data/reference/",
                                               "smartisland/figures.py:2: data/reference/SOURCES.md"]


def test_the_readme_is_short():
    """The README is the way in (what it is, the two commands, configuration, the worked example, where the rest
    is); the detail lives in docs/."""
    assert len(README.splitlines()) <= 300


def test_every_page_of_the_docs_is_linked_from_the_readme():
    pages = sorted(path.name for path in (ROOT / "docs").glob("*.md"))
    assert "worked-example.md" in pages and "extending.md" in pages
    assert [name for name in pages if f"](docs/{name})" not in README] == []


# The worked example (docs/worked-example.md): one overview tile followed from the KPI catalogue to its tables.
WORKED_EXAMPLE = (ROOT / "docs" / "worked-example.md").read_text(encoding="utf-8")
WORKED_KPI = "villages_with_wifi"


def _catalogue_row(kpi_id: str) -> dict[str, str]:
    with (config.province_dir(config.DEFAULT_PROVINCE) / "reference" / "kpis.csv").open(encoding="utf-8") as handle:
        return next(row for row in csv.DictReader(handle) if row["kpi_id"] == kpi_id)


def test_the_worked_example_follows_the_chain_the_code_follows():
    row = _catalogue_row(WORKED_KPI)
    assert (row["method"], row["is_headline"], row["unit"]) == ("kpi_villages_with_wifi", "true", "percent")
    assert f"`{WORKED_KPI}`" in WORKED_EXAMPLE and f"`method` = `{row['method']}`" in WORKED_EXAMPLE
    assert f"`{row['method']}`" in README
    # The query the method names reads the summary table and the two views the example names, and they exist.
    query = query_text(row["method"])
    for name in ("wifi_in_service_by_district", "village_places", "wifi_month_ends"):
        assert re.search(rf"\b{name}\b", query) and f"`{name}`" in WORKED_EXAMPLE, name
    summary = (warehouse.SUMMARIES_DIR / "wifi_in_service_by_district.sql").read_text(encoding="utf-8")
    assert "points_in_service(" in summary and "from wifi_month_ends" in summary
    assert (warehouse.VIEWS_DIR / "village_places.sql").is_file() and (warehouse.VIEWS_DIR / "wifi_month_ends.sql").is_file()
    assert "from wifi_points" in (warehouse.VIEWS_DIR / "points_in_service.sql").read_text(encoding="utf-8")
    assert "from regions" in (warehouse.VIEWS_DIR / "village_places.sql").read_text(encoding="utf-8")
    # Every file the example names is there (the path test above checks the prose; this checks the table's cells).
    named = re.findall(r"`((?:provinces|queries|smartisland|app_pages)/[\w./-]+\.(?:csv|sql|py))`", WORKED_EXAMPLE)
    assert len(named) >= 15 and [path for path in named if not (ROOT / path).is_file()] == []


def test_the_worked_examples_figure_is_what_the_query_returns_on_the_sample(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as connection:
        values = execute_query(connection, _catalogue_row(WORKED_KPI)["method"])
        villages = connection.execute("select count(*) from village_places").fetchone()[0]
        covered, points = connection.execute(
            "select sum(villages_with_points), sum(points_in_service) from wifi_in_service_by_district "
            "where month_end = $month_end", {"month_end": date(2026, 10, 31)}).fetchone()
    latest = values.iloc[-1]
    assert (len(values), str(values["period_end"].iloc[0])[:10], str(latest["period_end"])[:10]) == \
        (104, "2018-03-31", "2026-10-31")
    assert (points, covered, villages) == (2232, 713, 716)
    assert latest["value"] == pytest.approx(100 * 713 / 716) and round(latest["value"], 6) == 99.581006
    for said in ("104 month ends", "2018-03-31", "**2,232**", "713 of the 716", "**99.58**", "99.581006", "99,6%",
                 "99.6%"):
        assert said in WORKED_EXAMPLE, said
    assert "2,232 points in service in 713 of the 716 villages" in README and "99,6%" in README


def test_the_audit_writes_its_summary_into_the_performance_page():
    """`make audit` rewrites the summary between its markers; without them it would silently write nothing."""
    from smartisland.tools import audit

    assert audit.SUMMARY_PAGE == ROOT / "docs" / "performance.md"
    text = audit.SUMMARY_PAGE.read_text(encoding="utf-8")
    assert text.count(audit.SUMMARY_START) == 1 and text.count(audit.SUMMARY_END) == 1
    assert text.index(audit.SUMMARY_START) < text.index(audit.SUMMARY_END)
