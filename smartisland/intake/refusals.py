"""The refused loads, remembered beside the warehouse: a refusal must leave the warehouse byte-identical, so what the
team's digest says of "problems of the last loads" is kept in a journal of its own, one JSON line per refusal
(`warehouse-NN.refusals.jsonl` next to `warehouse-NN.duckdb`). Problems are kept as their codes and values, so the
digest words them in each recipient's language.
"""
from __future__ import annotations

import fcntl
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from smartisland import clock
from smartisland.problems import Problem

KEPT_PROBLEMS = 3  # the first few say what went wrong; the count says how much
KEPT_CHARACTERS = 300  # per kept value: a refused file may hold anything, the digest quotes only a little


@dataclass(frozen=True)
class Refusal:
    at: datetime
    dataset: str
    files: tuple[str, ...]
    problem_count: int
    problems: tuple[Problem, ...]
    loaded_by: str | None


def journal_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}.refusals.jsonl")


def _clip(value):
    return None if value is None else str(value)[:KEPT_CHARACTERS]


def record_refusal(db_path: Path, dataset: str, files: list[str], problems: list[Problem], problem_count: int,
                   loaded_by: str | None = None) -> None:
    """Append one refusal to the warehouse's journal (several loaders at once append whole lines: a lock)."""
    line = json.dumps({
        "at": clock.now().isoformat(), "dataset": _clip(dataset), "files": [_clip(name) for name in files],
        "problem_count": problem_count, "loaded_by": _clip(loaded_by),
        "problems": [{"file": _clip(problem.file), "row": problem.row, "column": _clip(problem.column),
                      "code": problem.code, "value": _clip(problem.value),
                      "params": [[_clip(key), _clip(value)] for key, value in problem.params]}
                     for problem in problems[:KEPT_PROBLEMS]]}, ensure_ascii=False)
    path = journal_path(db_path)
    with path.open("a", encoding="utf-8") as journal:
        fcntl.flock(journal, fcntl.LOCK_EX)
        journal.write(line + "\n")


def _refusal(entry: dict) -> Refusal:
    problems = tuple(Problem(item["file"], item["row"], item["column"], item["code"], item["value"],
                             tuple((key, value) for key, value in item["params"])) for item in entry["problems"])
    return Refusal(datetime.fromisoformat(entry["at"]), entry["dataset"], tuple(entry["files"]),
                   int(entry["problem_count"]), problems, entry["loaded_by"])


def refusals_since(db_path: Path, since: datetime | None) -> list[Refusal]:
    """The refusals after `since` (all when None), oldest first; a line that cannot be read is passed over."""
    path = journal_path(db_path)
    if not path.exists():
        return []
    found = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            refusal = _refusal(json.loads(line))
        except (ValueError, KeyError, TypeError):
            continue  # a line cut by a full disk or a kill: the others still count
        if since is None or refusal.at > since:
            found.append(refusal)
    return found
