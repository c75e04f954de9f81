"""The layers stay apart: only the UI layer, the page scripts and app.py use Streamlit."""
import ast

from apptest_helpers import ROOT


def imports_of(path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_nothing_outside_the_ui_layer_imports_streamlit():
    outside = [path for path in (ROOT / "smartisland").rglob("*.py") if "ui" not in path.relative_to(ROOT).parts]
    assert len(outside) > 20
    assert sorted(str(path.relative_to(ROOT)) for path in outside if "streamlit" in imports_of(path)) == []


def test_the_query_module_and_the_loader_run_without_streamlit():
    import subprocess
    import sys

    script = ("import sys; import smartisland.load, smartisland.db, smartisland.publishing.export, "
              "smartisland.tools.bench; print('streamlit' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
