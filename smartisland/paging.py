"""One page of a list paged in SQL (a query's `$limit` and `$offset`): which rows a page holds and how it is told.

Pure: the page's number is kept by the UI (smartisland/ui/widgets.py `page_controls`), the rows are fetched by
the query, and this module says which rows to ask for and what the reader is told about them.
"""
from __future__ import annotations

from dataclasses import dataclass

from smartisland.i18n import format_number, t

ROWS_PER_PAGE = 50


@dataclass(frozen=True)
class Page:
    """Page `number` (0 for the first) of `total` rows, `rows_per_page` at a time."""
    number: int
    total: int
    rows_per_page: int = ROWS_PER_PAGE

    @property
    def offset(self) -> int:
        return self.number * self.rows_per_page

    @property
    def last_number(self) -> int:
        return max(0, (self.total - 1) // self.rows_per_page)

    @property
    def has_previous(self) -> bool:
        return self.number > 0

    @property
    def has_next(self) -> bool:
        return self.number < self.last_number

    def text(self) -> str:
        """`Baris 101–150 dari 2.381` / `Rows 101–150 of 2,381`; a list without rows says so."""
        if self.total <= 0:
            return t("paging.no_rows")
        last = min(self.offset + self.rows_per_page, self.total)
        return t("paging.rows_of", first=format_number(self.offset + 1), last=format_number(last),
                 total=format_number(self.total))


def page_of(number: int, total: int, rows_per_page: int = ROWS_PER_PAGE) -> Page:
    """The page asked for, kept within the pages there are (a list that shrank since shows its last page)."""
    page = Page(0, max(0, int(total)), rows_per_page)
    return Page(min(max(0, int(number)), page.last_number), page.total, rows_per_page)
