"""A reader's search among names (smartisland.text.matching_names): every word, any case or accent, name or code."""
from smartisland.text import matching_names

NAMES = {"svc-civil_registration": "Pengurusan Dokumen Kependudukan Daring", "svc-staffing": "Kepegawaian ASN",
         "svc-open_data": "Satu Data Bali: Portal Data Terbuka", "svc-dance": "Tari Légong di Dénpasar"}


def test_every_word_is_found_in_the_name_or_the_code_whatever_its_case_and_accents():
    assert matching_names(NAMES, "kependudukan DARING", 10) == (
        {"svc-civil_registration": "Pengurusan Dokumen Kependudukan Daring"}, 1)
    assert matching_names(NAMES, "civil", 10) == ({"svc-civil_registration": "Pengurusan Dokumen Kependudukan Daring"}, 1)
    assert matching_names(NAMES, "legong denpasar", 10) == ({"svc-dance": "Tari Légong di Dénpasar"}, 1)
    assert matching_names(NAMES, "data  kependudukan", 10) == ({}, 0)


def test_the_first_matches_in_their_order_up_to_the_limit_and_the_total():
    assert matching_names(NAMES, "", 2) == ({"svc-civil_registration": "Pengurusan Dokumen Kependudukan Daring",
                                              "svc-staffing": "Kepegawaian ASN"}, 4)
    assert matching_names(NAMES, "a", 3)[1] == 4 and list(matching_names(NAMES, "a", 3)[0]) == [
        "svc-civil_registration", "svc-staffing", "svc-open_data"]


def test_the_current_choice_is_offered_first_whatever_the_search_and_only_if_it_exists():
    assert matching_names(NAMES, "ASN", 5, keep="svc-open_data") == (
        {"svc-open_data": "Satu Data Bali: Portal Data Terbuka", "svc-staffing": "Kepegawaian ASN"}, 1)
    assert matching_names(NAMES, "ASN", 5, keep="svc-staffing") == ({"svc-staffing": "Kepegawaian ASN"}, 1)
    assert matching_names(NAMES, "ASN", 5, keep="svc-gone") == ({"svc-staffing": "Kepegawaian ASN"}, 1)
    assert matching_names(NAMES, "nothing", 5, keep=None) == ({}, 0)
