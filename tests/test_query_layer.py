"""Every query file is tested, every query binds its parameters by name, and no SQL is built from values."""
import ast
import re
from pathlib import Path

import pytest

from smartisland.db import QueryError, execute_query, query_names, query_parameters

ROOT = Path(__file__).resolve().parent.parent
SQL_WORDS = re.compile(r"\b(select\b[\s\S]*\bfrom|insert\s+into|delete\s+from|update\s+\S+\s+set|create\s+table|"
                       r"\bwhere\s+\S+\s*(=|<|>|in\b|like\b))", re.IGNORECASE)


def test_every_query_file_has_its_own_test_file():
    tested = {path.stem.removeprefix("test_") for path in (ROOT / "tests" / "queries").glob("test_*.py")}
    views = [path.stem for path in (ROOT / "queries" / "views").glob("*.sql")]
    assert query_names(), "queries/ must not be empty"
    assert sorted(set(query_names() + views) - tested) == []
    # The loader's check rules (queries/load_checks/) are tested together, each rule with its own exact cases, in
    # tests/queries/test_load_check_rules.py, which fails for a rule file without any.
    assert list((ROOT / "queries" / "load_checks").glob("*.sql")) and "load_check_rules" in tested


def test_every_query_file_has_a_header_and_one_statement():
    for name in query_names():
        text = (ROOT / "queries" / f"{name}.sql").read_text()
        assert text.startswith("--"), f"{name}.sql: header comment first (what one row is; the parameters)"
        assert "parameters" in text.split("\n\n")[0].lower() or "Parameters" in text, name
        body = re.sub(r"--[^\n]*", "", text)
        assert body.strip().rstrip(";").count(";") == 0, f"{name}.sql holds more than one statement"


def test_parameters_are_found_outside_comments():
    assert query_parameters("-- $not_this\nselect * from t where a = $regency_code and b = $month") == \
        {"regency_code", "month"}


def test_wrong_parameters_are_refused(make_warehouse):
    connection = make_warehouse({})
    with pytest.raises(QueryError):
        execute_query(connection, "dataset_status", regency_code="51.01")
    with pytest.raises(QueryError):
        execute_query(connection, "no_such_query")
    with pytest.raises(QueryError):
        execute_query(connection, "../secrets")


def _formatted_sql(tree: ast.AST):
    """f-strings, .format() and % on text that reads as SQL, with what is put into them."""
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
            inserted = [part.value for part in node.values if isinstance(part, ast.FormattedValue)]
            if SQL_WORDS.search(text):
                yield node, inserted
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format" \
                and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str) \
                and SQL_WORDS.search(node.func.value.value):
            yield node, list(node.args) + [keyword.value for keyword in node.keywords]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) \
                and isinstance(node.left.value, str) and SQL_WORDS.search(node.left.value):
            yield node, [node.right]


# Modules that compose SQL from identifiers, the check macros of queries/load_checks/ and $parameters: what they put
# into SQL text is held in names ending in _sql (or returned by functions so named), and
# tests/test_staging_sql.py runs the stager and DuckDB alone on every dataset and has DuckDB's tokenizer confirm
# that no value of the contract reached any text they executed.
COMPOSING_MODULES = {"smartisland/load_checks.py", "smartisland/load.py", "smartisland/tools/bench.py"}
COMPOSED_SQL = re.compile(r"(self\.|staged\.)?[A-Za-z_]*_(sql|SQL)(\(\))?")


def _only_identifiers(expression: ast.AST, module: str = "") -> bool:
    """Identifiers from the contract, quoted by quote_identifier (or a join of them), may enter SQL text."""
    source = ast.unparse(expression)
    if module in COMPOSING_MODULES and COMPOSED_SQL.fullmatch(source):
        return True
    # view_sql and summary_sql are the text of a file in queries/views/ or queries/summaries/: SQL written as SQL,
    # not a value.
    return source in {"table", "names", "columns", "view_sql", "summary_sql"} or source.startswith("quote_identifier(")


def test_no_sql_text_is_built_from_values():
    offenders = []
    for path in [*ROOT.glob("smartisland/**/*.py"), *ROOT.glob("app_pages/*.py"), ROOT / "app.py"]:
        tree = ast.parse(path.read_text(), filename=str(path))
        module = str(path.relative_to(ROOT))
        for node, inserted in _formatted_sql(tree):
            if not all(_only_identifiers(expression, module) for expression in inserted):
                offenders.append(f"{module}:{node.lineno}")
    assert offenders == []


def test_composed_sql_is_accepted_only_by_its_name_and_only_where_it_is_checked_at_runtime():
    composed = ast.parse("f'select {cells_sql} from t where a >= {column.minimum}'").body[0].value
    inserted = [part.value for part in composed.values if isinstance(part, ast.FormattedValue)]
    assert [_only_identifiers(part, "smartisland/load_checks.py") for part in inserted] == [True, False]
    assert not _only_identifiers(inserted[0], "smartisland/kpis/sections.py")


def test_the_scan_catches_a_value_formatted_into_sql():
    tree = ast.parse('code = "51"\nsql = f"select * from regions where region_code = {code}"')
    assert [ast.unparse(inserted[0]) for _, inserted in _formatted_sql(tree)] == ["code"]


def test_the_datasets_a_query_reads_are_found_through_shared_views():
    from smartisland.db import query_datasets

    assert query_datasets("kpi_wifi_points_active") == ["wifi_points", "wifi_usage_monthly"]
    assert query_datasets("kpi_spbe_regencies_baik") == ["spbe_published", "regions"]
