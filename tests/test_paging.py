"""Which rows a page of a list paged in SQL holds, and how it is told in both languages."""
from smartisland.i18n import set_language
from smartisland.paging import Page, page_of


def test_pages_hold_their_rows_and_know_their_neighbours():
    first, second, last = page_of(0, 120), page_of(1, 120), page_of(2, 120)
    assert (first.offset, first.has_previous, first.has_next) == (0, False, True)
    assert (second.offset, second.has_previous, second.has_next) == (50, True, True)
    assert (last.offset, last.has_previous, last.has_next, last.last_number) == (100, True, False, 2)


def test_a_page_past_the_end_or_before_the_start_is_kept_within_the_list():
    assert page_of(7, 120).number == 2  # the list shrank since the page was chosen: its last page
    assert page_of(-1, 120).number == 0
    empty = page_of(3, 0)
    assert (empty.number, empty.offset, empty.has_next, empty.has_previous) == (0, 0, False, False)
    assert page_of(1, 100).number == 1 and page_of(2, 100).number == 1  # exactly two full pages


def test_the_rows_shown_are_told_with_numbers_in_the_language():
    set_language("id")
    assert Page(1, 2381).text() == "Baris 51–100 dari 2.381"
    assert Page(47, 2381).text() == "Baris 2.351–2.381 dari 2.381"
    assert Page(0, 0).text() == "Tidak ada baris."
    set_language("en")
    assert Page(1, 2381).text() == "Rows 51–100 of 2,381"
    assert Page(0, 3, 2).text() == "Rows 1–2 of 3"
    assert Page(0, 0).text() == "No rows."
    set_language("id")
