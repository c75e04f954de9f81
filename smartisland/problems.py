"""A problem with a file the loader reads, and the refusal that carries them: apart from the checks (validate.py),
so the readers the checks use (intake/workbook.py) can name problems without importing the checks."""
from __future__ import annotations

import re
from dataclasses import dataclass

from smartisland.i18n import format_number, t
from smartisland.report_context import in_language

MAX_KEPT_PROBLEMS = 10_000
MAX_SHOWN_VALUE = 60  # characters of a value a message repeats
# Control characters (Unicode category Cc: C0, DEL and C1 such as \x85 and \x9b, tab and line breaks included: no
# column of the contract holds more than one line) and the bidirectional controls that reorder what a reader
# sees (U+202A-U+202E, U+2066-U+2069): an export error or a trick, never data. queries/load_checks/plain_text.sql
# holds the same set.
CONTROL_PATTERN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# Parameters that are numbers of a problem's message (an upload limit, a file's size).
NUMBER_PARAMS = {"file_too_large": ("size", "limit"), "too_many_rows": ("limit",),
                 "workbook_unzipped_too_large": ("size", "limit"), "workbook_compression_ratio": ("ratio", "limit"),
                 "geojson_too_deep": ("limit",), "geojson_feature_too_detailed": ("limit",),
                 "geojson_too_detailed": ("limit",), "load_memory_limit": ("limit",), "load_time_limit": ("seconds",)}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file; `row` counts as a spreadsheet user does (the header is row 1)."""
    file: str
    row: int | None
    column: str | None
    code: str
    value: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    def number_params(self) -> dict[str, str]:
        """The parameters, counts and sizes written for the language (10.000.000 in Indonesian), and region levels
        (`levels`, level names apart by spaces or slashes) in the reader's words."""
        numbers = NUMBER_PARAMS.get(self.code, ())
        return {name: format_number(int(value)) if name in numbers else
                (level_words(re.split(r"[/\s]+", value)) if name == "levels" else value)
                for name, value in self.params}

    def message(self, language: str | None = None) -> str:
        """The problem in one line, in `language` when given (a refusal is told in both), else the report's."""
        if language is not None:
            with in_language(language):
                return self.message()
        text = t(f"problem.{self.code}", **self.number_params())
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        column = f" {self.column}:" if self.column else ""
        value = "" if self.value is None else f" ({t('load.value_word')}: {shown_value(self.value)})"
        return f"{where}:{column} {text}{value}"


def level_words(levels: list[str]) -> str:
    """Region levels in the reader's words: `regency district` -> `kabupaten/kota atau kecamatan`."""
    words = [t(f"level_name.{level}") for level in levels]
    if len(words) < 2:
        return "".join(words)
    return t("level_name.list", first=", ".join(words[:-1]), last=words[-1])


def shown_value(value: str) -> str:
    """A value as one short line: control characters spelled out (\\x00), long text cut with an ellipsis."""
    visible = CONTROL_PATTERN.sub(lambda match: f"\\x{ord(match.group()):02x}" if ord(match.group()) < 0x100
                                  else f"\\u{ord(match.group()):04x}", value)
    return visible if len(visible) <= MAX_SHOWN_VALUE else visible[:MAX_SHOWN_VALUE] + "…"


class FileRefused(Exception):
    """Raised when a file cannot even be read as a table; carries the problems found."""

    def __init__(self, problems: list[Problem], total: int | None = None):
        super().__init__(problems[0].code if problems else "refused")
        self.problems = problems
        self.total = len(problems) if total is None else total
