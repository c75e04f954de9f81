"""The SPBE index, predicates and sub-indices against hand-computed values."""
import math

import pandas as pd
import pytest

from smartisland.spbe import index as spbe

FRAMEWORK = spbe.DEFAULT_FRAMEWORK
ASPECT_OF = {number: aspect for aspect, numbers in {
    1: range(1, 11), 2: range(11, 15), 3: range(15, 19), 4: range(19, 21),
    5: range(21, 29), 6: range(29, 32), 7: range(32, 42), 8: range(42, 48),
}.items() for number in numbers}


def levels_by_aspect(aspect_levels: dict[int, int]) -> dict[int, int]:
    return {number: aspect_levels[aspect] for number, aspect in ASPECT_OF.items()}


# Per aspect: weight total x level = 13x3 + 10x4 + 10x2 + 5x5 + 12x1 + 4.5x2 + 27.5x3 + 18x4 = 299.5
MIXED = levels_by_aspect({1: 3, 2: 4, 3: 2, 4: 5, 5: 1, 6: 2, 7: 3, 8: 4})


def test_reference_file_has_the_47_indicators_of_permenpanrb_59_2020():
    indicators = spbe.load_framework(FRAMEWORK)
    assert sorted(indicators) == list(range(1, 48))
    assert math.fsum(indicator.weight for indicator in indicators.values()) == 100.0
    assert {n for n, i in indicators.items() if i.kind == "service"} == set(range(32, 48))
    assert all(indicators[number].aspect_no == aspect for number, aspect in ASPECT_OF.items())


def test_weights_from_a_dataframe_and_from_records_agree():
    frame = pd.read_csv(spbe.INDICATORS_PATH)
    from_frame = spbe.framework_weights(frame, FRAMEWORK)
    from_records = spbe.framework_weights(frame.to_dict("records"), FRAMEWORK)
    assert from_frame == from_records
    assert from_frame[1] == 1.3 and from_frame[11] == 2.5 and from_frame[21] == 1.5
    assert from_frame[32] == 2.75 and from_frame[47] == 3.0


def test_all_ones_is_one_and_all_fives_is_five():
    assert spbe.compute_index({number: 1 for number in range(1, 48)}) == 1.0
    assert spbe.compute_index({number: 5 for number in range(1, 48)}) == pytest.approx(5.0, abs=1e-12)


def test_mixed_levels_match_the_hand_computation():
    assert spbe.compute_index(MIXED) == pytest.approx(2.995, abs=1e-12)
    raised = {**MIXED, 1: 5, 47: 1}  # +2 x 1.30 - 3 x 3.00 = -6.4
    assert spbe.compute_index(raised) == pytest.approx(2.931, abs=1e-12)
    assert spbe.predicate(spbe.compute_index(MIXED)) == "Baik"


def test_domain_and_aspect_indices_are_weighted_means_of_their_own_indicators():
    domains = spbe.domain_indices(MIXED, FRAMEWORK)
    assert domains[1] == pytest.approx(3.0)
    assert domains[2] == pytest.approx((40 + 20 + 25) / 25)
    assert domains[3] == pytest.approx((12 + 9) / 16.5)
    assert domains[4] == pytest.approx((82.5 + 72) / 45.5)
    aspects = spbe.aspect_indices({**MIXED, 1: 5}, FRAMEWORK)
    assert aspects[1] == pytest.approx((5 * 1.3 + 9 * 3 * 1.3) / 13)
    assert [round(aspects[a], 9) for a in range(2, 9)] == [4, 2, 5, 1, 2, 3, 4]


@pytest.mark.parametrize(("index", "expected"), [
    (1.0, "Kurang"), (1.79, "Kurang"), (1.8, "Cukup"),
    (2.59, "Cukup"), (2.6, "Baik"),
    (3.49, "Baik"), (3.5, "Sangat Baik"),
    (4.19, "Sangat Baik"), (4.2, "Memuaskan"), (5.0, "Memuaskan"),
    (3.5 - 1e-12, "Sangat Baik"),  # float noise on a boundary
    (1.799999, "Kurang"),  # a real shortfall at the 6th decimal is kept
])
def test_predicate_bands(index, expected):
    assert spbe.predicate(index) == expected


def test_predicate_of_boundaries_reached_by_float_arithmetic():
    assert 0.6 * 3 < 1.8 and spbe.predicate(0.6 * 3) == "Cukup"
    assert 0.7 * 6 < 4.2 and spbe.predicate(0.7 * 6) == "Memuaskan"


def test_missing_and_unknown_indicators_are_named():
    levels = {number: 3 for number in range(1, 47)}
    with pytest.raises(ValueError, match=r"missing indicators \[47\]"):
        spbe.compute_index(levels)
    with pytest.raises(ValueError, match=r"unknown indicators \[48\]"):
        spbe.compute_index({**levels, 47: 3, 48: 3})


@pytest.mark.parametrize("bad_level", [0, 6, -1, None, "x", float("nan"), True])
def test_out_of_range_levels_are_refused(bad_level):
    with pytest.raises(ValueError, match="levels must be numbers"):
        spbe.compute_index({**MIXED, 12: bad_level})


def test_unknown_framework_and_bad_index_are_refused():
    with pytest.raises(ValueError, match="unknown SPBE framework"):
        spbe.compute_index(MIXED, framework_id="no-such-framework")
    with pytest.raises(ValueError):
        spbe.predicate(5.5)
    with pytest.raises(ValueError):
        spbe.predicate(float("nan"))
