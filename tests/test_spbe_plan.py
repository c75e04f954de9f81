"""The SPBE gap plan (proved shortest by brute force), bands, level names, the what-if and the index tables."""
import itertools
import math
import random

import pandas as pd
import pytest

from smartisland.report_context import ReportContext, using
from smartisland.spbe import index as spbe
from smartisland.spbe import plan as spbe_plan


def tiny_framework(weights: list[float], framework_id: str = "tiny-2025", kinds: list[str] | None = None):
    """A framework of len(weights) indicators, one aspect per indicator, two domains."""
    kinds = kinds or ["process"] * len(weights)
    return {number: spbe.Indicator(number, f"Indikator {number}", 1 + (number > len(weights) // 2), "Domain",
                                   number, f"Aspek {number}", weight, kind)
            for number, (weight, kind) in enumerate(zip(weights, kinds), start=1)}


def fewest_raises_by_brute_force(levels: dict[int, int], indicators, target: float) -> int | None:
    """Try every combination of raises; the smallest total that reaches the target (None: unreachable)."""
    numbers = sorted(indicators)
    best = None
    for raises in itertools.product(*(range(0, 6 - levels[number]) for number in numbers)):
        raised = {number: levels[number] + extra for number, extra in zip(numbers, raises)}
        if spbe_plan.meets(spbe.weighted_index(raised, indicators), target) and (best is None or sum(raises) < best):
            best = sum(raises)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_the_gap_plan_is_as_short_as_any_plan_for_the_same_weights(seed):
    generator = random.Random(seed)
    count = generator.randint(3, 5)
    # Weights from a small set, so that ties (and the tie rule) are exercised; they need not sum to 100.
    indicators = tiny_framework([generator.choice([1.3, 1.5, 2.5, 2.75, 3.0, 10.0]) for _ in range(count)])
    levels = {number: generator.randint(1, 5) for number in indicators}
    start = spbe.weighted_index(levels, indicators)
    targets = [band.lower for band in spbe_plan.bands()] + [round(generator.uniform(1, 5), 2) for _ in range(4)]
    for target in targets:
        plan = spbe_plan.gap_plan(levels, indicators, target)
        assert plan.start_index == pytest.approx(start)
        expected = fewest_raises_by_brute_force(levels, indicators, target)
        assert plan.is_reachable == (expected is not None)
        if expected is None:
            assert plan.steps == ()
            continue
        assert len(plan.steps) == expected, (levels, target)
        assert plan.is_met
        # Each step is one level on one indicator, and its index is recomputed from the levels so far.
        current = dict(levels)
        for step in plan.steps:
            assert step.from_level == current[step.indicator_no] and step.to_level == step.from_level + 1 <= 5
            current[step.indicator_no] = step.to_level
            assert step.index_after == pytest.approx(spbe.weighted_index(current, indicators), abs=1e-12)


def test_the_plan_takes_the_largest_weights_first_spreading_equal_weights_over_the_lowest_levels():
    indicators = tiny_framework([10.0, 30.0, 30.0, 30.0])
    plan = spbe_plan.gap_plan({1: 1, 2: 4, 3: 2, 4: 2}, indicators, target=3.5)
    # Start 2.5; each raise of a 30 adds 0.3: four raises are needed, never the 10.
    assert [(step.indicator_no, step.from_level, step.to_level) for step in plan.steps] == [
        (3, 2, 3), (4, 2, 3), (3, 3, 4), (4, 3, 4)]
    assert [round(step.index_after, 6) for step in plan.steps] == [2.8, 3.1, 3.4, 3.7]


def test_the_default_target_is_the_next_band_and_a_met_target_gives_an_empty_plan():
    indicators = spbe.load_framework(spbe.DEFAULT_FRAMEWORK)
    levels = {number: 4 for number in indicators}  # 4.0, Sangat Baik
    plan = spbe_plan.gap_plan(levels, indicators)
    assert plan.target == 4.2 and plan.is_reachable
    # 0.2 of index is 20 weight points: the six 3.00 indicators give 18, one 2.75 more passes 20.
    assert [step.indicator_no for step in plan.steps] == [42, 43, 44, 45, 46, 47, 32]
    assert spbe.predicate(plan.final_index) == "Memuaskan"
    assert spbe_plan.gap_plan(levels, indicators, target=3.5).steps == ()
    assert spbe_plan.gap_plan(levels, indicators, target=4.0).steps == ()  # exactly on the target
    top = spbe_plan.gap_plan({number: 5 for number in indicators}, indicators)
    assert (top.steps, top.target, top.is_met) == ((), 4.2, True)


def test_an_unreachable_target_is_said_so():
    indicators = tiny_framework([50.0, 50.0])
    plan = spbe_plan.gap_plan({1: 2, 2: 3}, indicators, target=5.2)
    assert (plan.is_reachable, plan.steps, plan.is_met) == (False, (), False)


def test_the_plan_works_on_another_framework_keyed_by_its_id():
    frame = pd.DataFrame([
        {"framework_id": "ipd-2025", "indicator_no": number, "name": f"I{number}", "domain_no": 1, "domain": "D",
         "aspect_no": 1 + number % 3, "aspect": f"A{1 + number % 3}", "weight": weight, "indicator_kind": "process"}
        for number, weight in enumerate([40.0, 35.0, 25.0], start=1)
    ] + [{"framework_id": "other", "indicator_no": 1, "name": "X", "domain_no": 1, "domain": "D", "aspect_no": 1,
          "aspect": "A", "weight": 100.0, "indicator_kind": "service"}])
    frameworks = spbe.frameworks_from_frame(frame)
    assert sorted(frameworks) == ["ipd-2025", "other"] and len(frameworks["ipd-2025"]) == 3
    plan = spbe_plan.gap_plan({1: 3, 2: 3, 3: 3}, frameworks["ipd-2025"])
    # The 40 is raised twice (3 to 5) before any 35: one indicator may take several steps.
    assert plan.target == 3.5 and [step.indicator_no for step in plan.steps] == [1, 1]


def test_a_plan_needs_whole_levels_matching_the_framework():
    indicators = tiny_framework([50.0, 50.0])
    with pytest.raises(ValueError, match="whole levels"):
        spbe_plan.gap_plan({1: 2.5, 2: 3}, indicators)
    with pytest.raises(ValueError, match="missing indicators"):
        spbe_plan.gap_plan({1: 2}, indicators)


def test_bands_cover_one_to_five_and_the_next_bound_follows_the_predicate():
    assert [(band.name, band.lower, band.upper) for band in spbe_plan.bands()] == [
        ("Kurang", 1.0, 1.8), ("Cukup", 1.8, 2.6), ("Baik", 2.6, 3.5), ("Sangat Baik", 3.5, 4.2),
        ("Memuaskan", 4.2, 5.0)]
    assert [spbe_plan.next_band_bound(index) for index in (1.0, 1.79, 1.8, 3.68, 4.07, 4.2 - 1e-12, 4.2, 5.0)] == [
        1.8, 1.8, 2.6, 4.2, 4.2, None, None, None]
    assert spbe.predicate_key("Sangat Baik") == "spbe.predicate.sangat_baik"
    assert spbe_plan.plan_targets(3.19) == [3.5, 4.2] and spbe_plan.plan_targets(1.0) == [1.8, 2.6, 3.5, 4.2]
    assert spbe_plan.plan_targets(4.2) == [4.2] and spbe_plan.plan_targets(4.07) == [4.2]


def test_level_names_in_both_languages_with_the_unsure_ones_marked():
    with using(ReportContext(language="id")):
        assert [spbe_plan.level_name("process", level) for level in range(1, 6)] == [
            "Rintisan", "Terkelola", "Terdefinisi", "Terpadu dan Terukur", "Optimum"]
    with using(ReportContext(language="id")):
        assert [spbe_plan.level_name("service", level) for level in range(1, 6)] == [
            "Informasi", "Interaksi", "Transaksi", "Kolaborasi", "Optimum"]
    with using(ReportContext(language="en")):
        assert spbe_plan.level_name("process", 2) == "Managed" and spbe_plan.level_name("service", 3) == "Transaction"
    assert spbe_plan.UNSURE_LEVEL_NAMES == {("service", 4), ("service", 5)}


def test_what_if_moves_the_index_and_the_predicate():
    indicators = spbe.load_framework(spbe.DEFAULT_FRAMEWORK)
    levels = {number: 4 for number in indicators}
    outcome = spbe_plan.what_if(levels, {42: 5, 43: 5, 44: 5, 45: 5, 46: 5, 47: 5, 1: 4, 36: 5}, indicators)
    assert outcome.index_before == pytest.approx(4.0)
    assert outcome.index_after == pytest.approx(4.0 + (6 * 3.0 + 2.75) / 100)
    assert (outcome.predicate_before, outcome.predicate_after) == ("Sangat Baik", "Memuaskan")
    assert sorted(outcome.changed) == [36, 42, 43, 44, 45, 46, 47]  # 1 stayed at 4
    lowered = spbe_plan.what_if(levels, {11: 1}, indicators)
    assert lowered.index_after == pytest.approx(4.0 - 3 * 2.5 / 100) and lowered.changed == {11: (4, 1)}
    with pytest.raises(ValueError):
        spbe_plan.what_if(levels, {11: 6}, indicators)


def levels_rows(year, entity_code, levels, framework_id="tiny-2025"):
    return [{"year": year, "entity_code": entity_code, "entity_name": f"Entity {entity_code}",
             "framework_id": framework_id, "indicator_no": number, "level": level} for number, level in levels.items()]


def test_entity_year_indices_are_missing_for_an_incomplete_assessment():
    frameworks = {"tiny-2025": tiny_framework([60.0, 40.0]), "old": tiny_framework([100.0], "old")}
    frame = pd.DataFrame(levels_rows(2024, "51", {1: 4, 2: 2}) + levels_rows(2024, "51.01", {1: 3})
                         + levels_rows(2020, "51", {1: 2}, "old"))
    result = spbe.entity_year_indices(frame, frameworks)
    shown = result[["year", "entity_code", "framework_id", "predicate", "indicators_assessed", "indicators_expected"]]
    # pandas 3 keeps a missing text as NaN in a `str` column: read it as None.
    assert shown.astype(object).where(shown.notna(), None).values.tolist() == [
        [2020, "51", "old", "Cukup", 1, 1],
        [2024, "51", "tiny-2025", "Baik", 2, 2],
        [2024, "51.01", "tiny-2025", None, 1, 2],
    ]
    assert result["index_value"].iloc[1] == pytest.approx(3.2) and math.isnan(result["index_value"].iloc[2])


def test_computed_against_published_flags_differences_above_a_hundredth():
    computed = pd.DataFrame({"year": [2023, 2023, 2023, 2021], "entity_code": ["51", "51.02", "51.03", "51.71"],
                             "index_value": [4.0811, 3.78, 3.66, 3.191]})
    published = pd.DataFrame({
        "year": [2023, 2023, 2023, 2021, 2023, 2023], "entity_code": ["51", "51.02", "51.03", "51.71", "national", "51.08"],
        "entity_name": ["Provinsi Bali", "Kabupaten Tabanan", "Kabupaten Badung", "Kota Denpasar", None,
                        "Kabupaten Buleleng"],
        "is_national": [False, False, False, False, True, False], "index_value": [4.07, 3.77, 3.66, 3.19, 2.79, 3.45],
        "certainty": ["official", "official", "official", "unofficial", "official", "official"],
        "source": ["a", "b", "c", "media", "d", "e"]})
    result = spbe_plan.compare_with_published(computed, published)
    assert result["entity_code"].tolist() == ["51.71", "51", "51.02", "51.03", "51.08"]  # no national row
    assert result["is_different"].tolist() == [False, True, False, False, False]  # 3.78 v 3.77 is exactly 0.01
    assert result["certainty"].iloc[0] == "unofficial"
    assert math.isnan(result["computed_index"].iloc[4])  # published, never assessed


def test_breakdown_points_add_up_to_the_index_and_match_the_sub_indices():
    indicators = spbe.load_framework(spbe.DEFAULT_FRAMEWORK)
    generator = random.Random(7)
    levels = {number: generator.randint(1, 5) for number in indicators}
    index = spbe.compute_index(levels)
    aspects = spbe_plan.breakdown(levels, indicators, by="aspect")
    domains = spbe_plan.breakdown(levels, indicators, by="domain")
    assert aspects["contribution"].sum() == pytest.approx(index) and domains["contribution"].sum() == pytest.approx(index)
    assert dict(zip(aspects["aspect_no"], aspects["index_value"])) == pytest.approx(spbe.aspect_indices(levels))
    assert dict(zip(domains["domain_no"], domains["index_value"])) == pytest.approx(spbe.domain_indices(levels))
    assert aspects["weight"].tolist() == [13.0, 10.0, 10.0, 5.0, 12.0, 4.5, 27.5, 18.0]
    assert domains["indicator_count"].tolist() == [10, 10, 11, 16]
