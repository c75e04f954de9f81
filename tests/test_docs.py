"""The docs keep up with the code: every setting the code reads and every `make` target is described in the README,
and no comment or doc points at a path that is not there (a folder that moved, a file renamed)."""
import ast
import io
import os
import re
import tokenize
from pathlib import Path

from support import ROOT

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
