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


def _module_name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_main_block(node) -> bool:
    """`if __name__ == "__main__":` runs as the module __main__ (`python -m`), not as the module others import."""
    return isinstance(node, ast.If) and "__name__" in ast.unparse(node.test) and "__main__" in ast.unparse(node.test)


def project_imports(path, modules: set[str]) -> set[str]:
    """The project modules `path` imports, anywhere in it (a function's import runs too), but its __main__ block."""
    found, pending = set(), [ast.parse(path.read_text(encoding="utf-8"))]
    while pending:
        node = pending.pop()
        if _is_main_block(node):
            continue
        pending.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in modules else node.module
                      for alias in node.names}
    return found & modules


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import each other, directly or round about (Tarjan's strongly connected
    components of more than one module, or a module importing itself)."""
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph[module]):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while not component or component[-1] != module:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1 or module in graph[module]:
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return cycles


def test_no_module_of_the_project_imports_itself_round_about():
    paths = list((ROOT / "smartisland").rglob("*.py"))
    modules = {_module_name(path) for path in paths}
    graph = {_module_name(path): project_imports(path, modules) for path in paths}
    assert graph["smartisland.load_command"] >= {"smartisland.load", "smartisland.intake.loading"}
    assert import_cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle_round_about():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}, "e": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"], ["d"]]


def test_the_loader_runs_as_before_from_the_command_line():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "smartisland.load", "--help"], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.startswith("usage: python -m smartisland.load ")
    assert "--dataset DATASET" in result.stdout and "--undo-last" in result.stdout
