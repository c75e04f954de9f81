"""The grain a query's header states (`-- Grain: ...`) and a check that a result holds to it."""
import re

GRAIN = re.compile(r"^-- Grain: (.+)$", re.MULTILINE)
ONE_ROW = "one row"


def grain(sql: str) -> tuple[list[str], list[str]]:
    """The grain columns of a header, and those of them that may be null (`service_id (null: all services)`)."""
    found = GRAIN.findall(sql)
    assert len(found) == 1, "one `-- Grain:` line in the header"
    if found[0] == ONE_ROW:
        return [], []
    parts = [part.strip() for part in found[0].split(",")]
    columns = [part.split(" ")[0] for part in parts]
    return columns, [part.split(" ")[0] for part in parts if "(null" in part]


def assert_grain(result, sql: str, label: str) -> None:
    columns, nullable = grain(sql)
    if not columns:
        assert len(result) <= 1, label
        return
    assert set(columns) <= set(result.columns), label
    required = [column for column in columns if column not in nullable]
    assert not result[required].isna().any().any(), f"{label}: a grain column is null"
    assert not result.duplicated(subset=columns).any(), f"{label}: two rows share {columns}"
