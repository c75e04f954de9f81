"""Page scripts only lay out: no pandas reshaping, no tables built inline, no connections of their own.

Every script in app_pages/ is checked; the ones in THIN_PAGES must be clean, the others are reported (xfail) until
their own rework moves the shaping into their theme's package. Add a page to THIN_PAGES once it is clean.
"""
import ast

import pytest
from support import ROOT

PAGES_DIR = ROOT / "app_pages"
THIN_PAGES = ["connectivity.py", "services.py", "overview.py", "tracker.py", "data.py", "transparency.py", "spbe.py"]
RESHAPING_CALLS = {"groupby", "pivot", "pivot_table", "merge", "melt", "concat", "apply", "DataFrame"}
CONNECTION_MODULES = {"duckdb", "smartisland.db"}


def work_done_in(source: str) -> list[str]:
    """What a page script does beyond laying out: reshaping calls, inline DataFrames, its own connections."""
    found = []
    for node in sorted((node for node in ast.walk(ast.parse(source)) if hasattr(node, "lineno")),
                       key=lambda node: (node.lineno, node.col_offset)):
        if isinstance(node, ast.Call):
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
            if name in RESHAPING_CALLS:
                found.append(f"line {node.lineno}: {name}()")
        elif isinstance(node, ast.Import):
            found += [f"line {node.lineno}: import {alias.name}" for alias in node.names
                      if alias.name in CONNECTION_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module in CONNECTION_MODULES:
            found.append(f"line {node.lineno}: from {node.module} import")
    return found


def test_the_check_finds_each_kind_of_work():
    source = "\n".join([
        "import duckdb",
        "import pandas as pd",
        "from smartisland.db import reading",
        "wide = frame.pivot(index='a', columns='b', values='c')",
        "sums = frame.groupby('a')['b'].sum()",
        "table = pd.DataFrame({'a': [1]})",
        "joined = left.merge(right, on='a').pivot_table(index='a')",
        "long = pd.melt(frame)",
        "both = pd.concat([left, right])",
        "labels = frame['a'].apply(str)",
        "ui.table(view.table)",
        "st.dataframe(view.table, hide_index=True)",
    ])
    assert work_done_in(source) == [
        "line 1: import duckdb", "line 3: from smartisland.db import", "line 4: pivot()", "line 5: groupby()",
        "line 6: DataFrame()", "line 7: pivot_table()", "line 7: merge()", "line 8: melt()", "line 9: concat()",
        "line 10: apply()"]


def test_the_thin_pages_are_page_scripts():
    scripts = sorted(path.name for path in PAGES_DIR.glob("*.py"))
    assert set(THIN_PAGES) <= set(scripts) and len(scripts) >= 7


@pytest.mark.parametrize("script", sorted(path.name for path in PAGES_DIR.glob("*.py")))
def test_a_page_script_only_lays_out(script):
    found = work_done_in((PAGES_DIR / script).read_text(encoding="utf-8"))
    if script not in THIN_PAGES:
        if found:
            pytest.xfail(f"{script} still does work, to move into its theme's package: {found}")
        return
    assert found == []


@pytest.mark.parametrize("script", THIN_PAGES)
def test_a_thin_page_states_its_mode_guard_at_the_top(script):
    """The modes the page belongs to are checked (`ui.require_mode`) before anything is read or drawn."""
    lines = (PAGES_DIR / script).read_text(encoding="utf-8").splitlines()
    first_call = next(line for line in lines if line.startswith(("ui.", "st.")) or "run_query(" in line)
    assert first_call.startswith("ui.require_mode(")
