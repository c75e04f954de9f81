"""One report's context: the warehouse it asks, the language it speaks, the day it is made as of, and today.

Built once per page run by the UI frame (smartisland/ui/frame.py), and with plain values by the static site's
export, the brief, the digest, the command lines and tests; view builders take it instead of loose parameters.
`i18n` reads the language only from the active context: whoever builds a context makes it the active one
(`activate` for a whole run, `using` for a block) before handing it on, so that a builder's words and numbers are
in the language of the context it was given. `today` is derived here and nowhere else: the day a report is made
as of (a past month end), else the clock's today.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from smartisland import clock

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"


@dataclass(frozen=True)
class ReportContext:
    # The query runner: a query's name and its parameters by name -> a DataFrame (smartisland/db.py).
    run: Callable[..., Any] | None = None
    language: str = DEFAULT_LANGUAGE
    # The day the report is made as of: None for today, else a past day (the end of a month).
    as_of: date | None = None
    today: date = field(init=False)

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            object.__setattr__(self, "language", DEFAULT_LANGUAGE)
        object.__setattr__(self, "today", self.as_of or clock.today())

    def with_language(self, language: str) -> ReportContext:
        return replace(self, language=language)

    def with_as_of(self, as_of: date | None) -> ReportContext:
        return replace(self, as_of=as_of)


_active: ContextVar[ReportContext | None] = ContextVar("report_context", default=None)


def current() -> ReportContext:
    """The context of the report being made (a plain one in Indonesian, as of today, when none was set)."""
    return _active.get() or ReportContext()


def activate(context: ReportContext) -> ReportContext:
    """Make `context` the one of this run (a page run, a command): what the UI frame and command lines do."""
    _active.set(context)
    return context


@contextmanager
def using(context: ReportContext | None) -> Iterator[ReportContext | None]:
    """`context` for a block, the one before restored after it: a site page in each language, a test (None: no
    context set, each `current()` a plain one)."""
    token = _active.set(context)
    try:
        yield context
    finally:
        _active.reset(token)


def in_language(language: str) -> AbstractContextManager[ReportContext]:
    """The current report in another language, for a block: a file that says everything in both languages."""
    return using(current().with_language(language))
