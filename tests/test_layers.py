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


# The layers of the package, lowest first: a module imports its own layer and those below it, never one above. The
# base knows no words; the words and the reading of the warehouse know no loader; the areas (what a page shows of
# each subject) know nothing of what the app publishes or how it is shown; only the commands compose everything.
LAYERS = (
    ("base", ("smartisland", "smartisland.clock", "smartisland.config", "smartisland.contract",
              "smartisland.province", "smartisland.official_figures", "smartisland.report_context")),
    ("words and reading", ("smartisland.i18n", "smartisland.text", "smartisland.db", "smartisland.geo",
                           "smartisland.chart_style", "smartisland.disclosure", "smartisland.problems",
                           "smartisland.province_setting", "smartisland.warehouse", "smartisland.place_names",
                           "smartisland.paging")),
    ("loader", ("smartisland.validate", "smartisland.load_checks", "smartisland.intake", "smartisland.load")),
    ("areas", ("smartisland.kpis", "smartisland.connectivity", "smartisland.services", "smartisland.spbe",
               "smartisland.comparison")),
    ("outputs", ("smartisland.publishing", "smartisland.reporting", "smartisland.editing")),
    ("ui", ("smartisland.ui",)),
    ("commands", ("smartisland.load_command", "smartisland.tools")),
)


def layer_of(module: str, layers=LAYERS) -> int | None:
    """The position of the module's layer (a package's modules are in its layer), None when it has none."""
    for position, (_, members) in enumerate(layers):
        if any(module == member or (member != "smartisland" and module.startswith(member + ".")) for member in members):
            return position
    return None


def upward_imports(graph: dict[str, set[str]], layers=LAYERS) -> list[str]:
    """Every import of a module from a layer above its own, as `importer (layer) -> imported (layer)`."""
    found = []
    for module in sorted(graph):
        for imported in sorted(graph[module]):
            own, other = layer_of(module, layers), layer_of(imported, layers)
            if own is not None and other is not None and other > own:
                found.append(f"{module} ({layers[own][0]}) -> {imported} ({layers[other][0]})")
    return found


def _project_graph() -> dict[str, set[str]]:
    paths = list((ROOT / "smartisland").rglob("*.py"))
    modules = {_module_name(path) for path in paths}
    return {_module_name(path): project_imports(path, modules) for path in paths}


def test_every_module_has_a_layer_and_none_imports_a_layer_above_its_own():
    graph = _project_graph()
    assert len(graph) > 80
    assert sorted(module for module in graph if layer_of(module) is None) == []
    assert graph["smartisland.i18n"] >= {"smartisland.report_context"}  # the language is read from the context
    assert upward_imports(graph) == []


def test_the_layer_check_finds_an_import_from_above():
    layers = (("low", ("p.a",)), ("high", ("p.b",)))
    graph = {"p.a.x": {"p.b.y"}, "p.b.y": {"p.a.x"}, "p.a.z": {"p.a.x"}}
    assert upward_imports(graph, layers) == ["p.a.x (low) -> p.b.y (high)"]


def test_the_border_sentences_live_with_the_maps_and_the_geojson_reader_with_the_loader():
    """Presentation no longer reaches the loader's validation through a module that did both jobs."""
    graph = _project_graph()
    assert "smartisland.boundaries" not in graph
    assert "smartisland.validate" in graph["smartisland.intake.boundaries"]
    for view in ("smartisland.kpis.sections", "smartisland.connectivity.sections"):
        assert "smartisland.geo" in graph[view] and "smartisland.intake.boundaries" not in graph[view]
