"""The layers stay apart: only the UI layer, the page scripts and app.py use Streamlit."""
import ast

from support import ROOT


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


def test_tests_share_helpers_only_through_the_support_package():
    """No test imports conftest (pytest loads it; importing it again runs it twice) or another test-folder module."""
    files = list((ROOT / "tests").rglob("*.py"))
    outside_support = {path.stem for path in files if "support" not in path.relative_to(ROOT / "tests").parts}
    assert {"conftest", "test_layers"} <= outside_support and len(files) > 50
    imported = sorted(f"{path.relative_to(ROOT)}: {name}" for path in files for name in imports_of(path)
                      if name in outside_support)
    assert imported == []
