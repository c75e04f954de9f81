"""A reader's search among names (smartisland.text.matching_names): every word, any case or accent, name or code."""
from smartisland.text import Matches, matching_names

CIVIL = {"svc-civil_registration": "Pengurusan Dokumen Kependudukan Daring"}
NAMES = {**CIVIL, "svc-staffing": "Kepegawaian ASN", "svc-open_data": "Satu Data Bali: Portal Data Terbuka",
         "svc-dance": "Tari Légong di Dénpasar"}


def test_every_word_is_found_in_the_name_or_the_code_whatever_its_case_and_accents():
    assert matching_names(NAMES, "kependudukan DARING", 10) == Matches(CIVIL, 1, 1)
    assert matching_names(NAMES, "civil", 10) == Matches(CIVIL, 1, 1)
    assert matching_names(NAMES, "legong denpasar", 10) == Matches({"svc-dance": "Tari Légong di Dénpasar"}, 1, 1)
    assert matching_names(NAMES, "data  kependudukan", 10) == Matches({}, 0, 0)


def test_the_first_matches_in_their_order_up_to_the_limit_and_the_total():
    assert matching_names(NAMES, "", 2) == Matches({**CIVIL, "svc-staffing": "Kepegawaian ASN"}, 2, 4)
    assert list(matching_names(NAMES, "a", 3).offered) == ["svc-civil_registration", "svc-staffing", "svc-open_data"]


def test_the_current_choice_is_offered_first_whatever_the_search_and_only_if_it_exists():
    # not a match: offered, not counted among the matches shown
    assert matching_names(NAMES, "ASN", 5, keep="svc-open_data") == Matches(
        {"svc-open_data": "Satu Data Bali: Portal Data Terbuka", "svc-staffing": "Kepegawaian ASN"}, 1, 1)
    # a match past the limit: offered first, and one more match shown
    assert matching_names(NAMES, "", 1, keep="svc-dance") == Matches(
        {"svc-dance": "Tari Légong di Dénpasar", **CIVIL}, 2, 4)
    assert matching_names(NAMES, "ASN", 5, keep="svc-staffing") == Matches({"svc-staffing": "Kepegawaian ASN"}, 1, 1)
    assert matching_names(NAMES, "ASN", 5, keep="svc-gone") == Matches({"svc-staffing": "Kepegawaian ASN"}, 1, 1)
