"""Ranking maths on examples small enough to compute by hand (the workings are in the comments)."""
import math
from decimal import Decimal
from fractions import Fraction

import pytest

from evaluation.results import (
    CriterionSpec,
    EntryResult,
    ReviewScores,
    agreement_sentence,
    compute,
    cut_tie,
    icc1,
    population_sd,
    propose,
    weighted_score,
    z_scores,
)

INCLUSIVENESS = CriterionSpec(id=1, code="inclusiveness", name="Inclusiveness", weight=1.0)
IMPACT = CriterionSpec(id=2, code="impact", name="Impact", weight=1.0)


def test_the_weighted_score_weighs_each_criterion():
    innovation = CriterionSpec(id=3, code="innovation", name="Innovation", weight=1.0)
    inclusiveness = CriterionSpec(id=4, code="inclusiveness", name="Inclusiveness", weight=3.0)
    # (1×4 + 3×8) / (1 + 3) = 28 / 4 = 7
    assert weighted_score({"innovation": 4, "inclusiveness": 8}, [innovation, inclusiveness]) == 7.0
    # (1×10 + 3×2) / 4 = 16 / 4 = 4: the heavier criterion decides
    assert weighted_score({"innovation": 10, "inclusiveness": 2}, [innovation, inclusiveness]) == 4.0


def test_z_scores_cancel_a_harsh_judges_offset():
    # Judge 1 gives 6, 8, 10; judge 2 (harsher by 4) gives 2, 4, 6. Both: mean ± √(8/3) → z = −1.2247, 0, +1.2247.
    weighted = {"a1": 6, "a2": 8, "a3": 10, "b1": 2, "b2": 4, "b3": 6}
    judge = {"a1": 1, "a2": 1, "a3": 1, "b1": 2, "b2": 2, "b3": 2}
    z = z_scores(weighted, judge)
    expected = 2 / math.sqrt(8 / 3)
    assert z["a1"] == pytest.approx(-expected) and z["b1"] == pytest.approx(-expected)
    assert z["a2"] == z["b2"] == 0
    assert z["a3"] == pytest.approx(expected) == pytest.approx(z["b3"])


def test_a_judge_whose_scores_never_vary_contributes_zero():
    assert z_scores({"x": 7, "y": 7}, {"x": 1, "y": 1}) == {"x": 0.0, "y": 0.0}


def lenient_and_harsh():
    """Lena (lenient) reviews P and R; Hugo (harsh) reviews Q and R. Weighted = mean of the two criteria.

    Lena: P = (8 + 10)/2 = 9, R = (7 + 7)/2 = 7 → her mean 8, sd 1 → z(P) = +1, z(R) = −1.
    Hugo: Q = (9 + 1)/2 = 5, R = (3 + 3)/2 = 3 → his mean 4, sd 1 → z(Q) = +1, z(R) = −1.
    """
    entries = [EntryResult(entry_id=eid, category_id=1, reference=ref) for eid, ref in
               ((1, "SSCP-2027-0001"), (2, "SSCP-2027-0002"), (3, "SSCP-2027-0003"))]
    P, Q, R = 1, 2, 3
    reviews = [
        ReviewScores(assignment_id=11, entry_id=P, judge_id=100, values={"inclusiveness": 8, "impact": 10}),
        ReviewScores(assignment_id=12, entry_id=R, judge_id=100, values={"inclusiveness": 7, "impact": 7}),
        ReviewScores(assignment_id=21, entry_id=Q, judge_id=200, values={"inclusiveness": 9, "impact": 1}),
        ReviewScores(assignment_id=22, entry_id=R, judge_id=200, values={"inclusiveness": 3, "impact": 3}),
    ]
    return entries, reviews


def ranked(tie_break, basis="normalised", threshold=2.0):
    entries, reviews = lenient_and_harsh()
    results = compute(criteria=[INCLUSIVENESS, IMPACT], entries=entries, reviews=reviews,
                      expected={1: 1, 2: 1, 3: 2}, judges={100: ("Lena", 2), 200: ("Hugo", 2)}, basis=basis,
                      tie_break=tie_break, disagreement_threshold=threshold)
    return results, [row.reference[-1] for row in results.categories[0]["rows"]]


def test_normalisation_puts_the_harsh_judges_best_entry_level_with_the_lenient_judges_best():
    results, _order = ranked(["inclusiveness"])
    rows = {row.entry_id: row for row in results.categories[0]["rows"]}
    assert rows[1].weighted_mean == 9 and rows[2].weighted_mean == 5  # raw: P far ahead of Q
    assert rows[1].normalised == pytest.approx(1.0) and rows[2].normalised == pytest.approx(1.0)  # z: a tie
    assert rows[3].normalised == pytest.approx(-1.0)


def test_a_tie_is_broken_by_the_first_tie_break_criterion_then_the_next():
    _results, order = ranked(["inclusiveness", "impact"])
    assert order == ["2", "1", "3"]  # Q's inclusiveness mean 9 beats P's 8
    _results, order = ranked(["impact", "inclusiveness"])
    assert order == ["1", "2", "3"]  # P's impact mean 10 beats Q's 1


def test_without_a_tie_break_a_tie_is_left_a_tie_sharing_the_rank():
    results, order = ranked([])
    rows = {row.entry_id: row for row in results.categories[0]["rows"]}
    # P (weighted 9) and Q (weighted 5) both have z = +1: no declared tie-break, so neither the weighted mean nor
    # the reference puts one above the other.
    assert (rows[1].rank, rows[2].rank, rows[3].rank) == (1, 1, 3)
    assert rows[1].score_tie == rows[2].score_tie == 1 and rows[3].score_tie is None
    assert rows[1].settled_by == rows[2].settled_by == ""


def test_the_tie_break_criterion_that_separated_a_tie_is_recorded():
    results, order = ranked(["inclusiveness", "impact"])
    first, second, _third = results.categories[0]["rows"]
    assert (first.rank, second.rank) == (1, 2)
    assert second.settled_by == "inclusiveness" and first.settled_by == ""


def test_ranking_by_weighted_mean_is_available_too():
    _results, order = ranked(["inclusiveness"], basis="weighted")
    # P 9; Q and R both 5 → inclusiveness: Q 9 > R mean(7, 3) = 5
    assert order == ["1", "2", "3"]


def test_standard_deviation_flags_disagreement_above_the_round_threshold():
    results, _order = ranked([], threshold=2.0)
    r = {row.entry_id: row for row in results.categories[0]["rows"]}[3]
    assert r.sd == pytest.approx(2.0)  # 7 and 3: population sd 2
    assert r.disagreement is False  # not above 2.0
    results, _order = ranked([], threshold=1.5)
    assert {row.entry_id: row for row in results.categories[0]["rows"]}[3].disagreement is True


def test_reviews_done_expected_and_per_criterion_means_are_reported():
    results, _order = ranked([])
    r = {row.entry_id: row for row in results.categories[0]["rows"]}[3]
    assert (r.done, r.expected) == (2, 2)
    assert r.criterion_means == {"inclusiveness": 5.0, "impact": 5.0}


def test_each_judge_has_a_mean_a_spread_and_a_severity_against_peers():
    results, _order = ranked([])
    lena, hugo = results.judges
    assert (lena.name, lena.done, lena.assigned, lena.mean, lena.sd) == ("Lena", 2, 2, 8.0, 1.0)
    # Only R is shared: Lena 7 vs Hugo 3 → Lena +4 (lenient), Hugo −4 (harsh).
    assert lena.severity == 4.0 and hugo.severity == -4.0


def test_icc_of_a_hand_computed_example():
    # Groups [1,2], [3,4], [5,6]: MSB = 2·(4+0+4)/2 = 8, MSW = 1.5/3 = 0.5, k₀ = 2 → (8−0.5)/(8+0.5) = 15/17.
    assert icc1([[1, 2], [3, 4], [5, 6]]) == pytest.approx(15 / 17)


def test_icc_is_one_when_judges_agree_perfectly_and_minus_one_when_they_contradict():
    assert icc1([[2, 2], [5, 5]]) == pytest.approx(1.0)
    assert icc1([[1, 9], [9, 1]]) == pytest.approx(-1.0)


def test_icc_is_undefined_without_two_entries_reviewed_twice_and_the_sentence_says_so():
    assert icc1([[3, 4], [5]]) is None
    assert "Not enough" in agreement_sentence(None)


def test_the_agreement_sentence_speaks_plainly():
    assert agreement_sentence(15 / 17) == ("Agreement between judges (ICC) is 0.88 — good: the judges largely agree "
                                           "on which entries are stronger.")
    assert "poor" in agreement_sentence(0.2)


def test_top_n_advances_the_first_n_and_overrides_win_over_the_rule():
    results, _order = ranked(["inclusiveness"])
    rows = results.categories[0]["rows"]  # Q, P, R
    proposal = propose(rows=rows, rule="top_n", top_n=1)
    assert [(row.entry_id, by_rule, decision) for row, by_rule, decision in proposal] == [
        (2, True, True), (1, False, False), (3, False, False)]
    proposal = propose(rows=rows, rule="top_n", top_n=1,
                       overrides={1: ("include", "jury wants it"), 2: ("exclude", "conflict found late")})
    assert [(row.entry_id, decision) for row, _by_rule, decision in proposal] == [(2, False), (1, True), (3, False)]


def test_minimum_score_advances_those_at_or_above_it_and_manual_advances_nobody_by_itself():
    results, _order = ranked(["inclusiveness"])
    rows = results.categories[0]["rows"]
    assert [d for _r, _b, d in propose(rows=rows, rule="min_score", min_score=1.0)] == [True, True, False]
    assert [d for _r, _b, d in propose(rows=rows, rule="manual")] == [False, False, False]


def test_an_entry_without_submitted_reviews_is_ranked_last_and_never_advances_by_rule():
    entries, reviews = lenient_and_harsh()
    entries.append(EntryResult(entry_id=4, category_id=1, reference="SSCP-2027-0000"))
    results = compute(criteria=[INCLUSIVENESS, IMPACT], entries=entries, reviews=reviews, expected={4: 2},
                      tie_break=[])
    rows = results.categories[0]["rows"]
    assert rows[-1].entry_id == 4 and rows[-1].rank is None
    assert not propose(rows=rows, rule="top_n", top_n=10)[-1][1]


def test_results_survive_a_round_trip_through_the_frozen_snapshot():
    results, _order = ranked(["inclusiveness"])
    from evaluation.results import Results

    again = Results.from_dict(results.as_dict())
    assert [r.entry_id for r in again.rows()] == [r.entry_id for r in results.rows()]
    assert again.judges[0].severity == 4.0


# Equal numbers compare equal ------------------------------------------------------------------------------

SOCIAL = CriterionSpec(id=5, code="social", name="Social", weight=0.3)
TECHNICAL = CriterionSpec(id=6, code="technical", name="Technical", weight=0.7)


def test_a_constant_judges_weighted_scores_are_equal_with_weights_that_are_not_round():
    # 0.3 × 1 + 0.7 × 10 = 7.3 = 0.3 × 8 + 0.7 × 7; in floats the two differ in the last bit.
    assert weighted_score({"social": 1, "technical": 10}, [SOCIAL, TECHNICAL]) == weighted_score(
        {"social": 8, "technical": 7}, [SOCIAL, TECHNICAL])
    thirds = [CriterionSpec(id=i, code=code, name=code, weight=1 / 3) for i, code in enumerate("abc")]
    assert weighted_score({"a": 6, "b": 7, "c": 8}, thirds) == weighted_score({"a": 7, "b": 7, "c": 7}, thirds) == 7


def test_a_judge_whose_weighted_scores_are_all_equal_has_zero_spread_and_zero_z_scores():
    thirds = [CriterionSpec(id=i, code=code, name=code, weight=1 / 3) for i, code in enumerate("abc")]
    weighted = {"x": weighted_score({"a": 7, "b": 7, "c": 7}, thirds),
                "y": weighted_score({"a": 6, "b": 7, "c": 8}, thirds),
                "z": weighted_score({"a": 8, "b": 7, "c": 6}, thirds)}
    assert z_scores(weighted, {"x": 1, "y": 1, "z": 1}) == {"x": 0.0, "y": 0.0, "z": 0.0}
    assert population_sd(weighted.values()) == 0.0


def test_decimal_and_fraction_weights_are_taken_exactly():
    assert weighted_score({"a": 1, "b": 10}, [CriterionSpec(1, "a", "A", Decimal("0.30")),
                                               CriterionSpec(2, "b", "B", Decimal("0.70"))]) == Fraction(73, 10)
    assert weighted_score({"a": 1, "b": 2}, [CriterionSpec(1, "a", "A", Fraction(1, 3)),
                                              CriterionSpec(2, "b", "B", Fraction(2, 3))]) == Fraction(5, 3)


def constant_judge_round(tie_break=()):
    """Cora scores X and Y alike (weighted 7.3 both: weights 0.3/0.7); Kim scores Y 9 and Z 3.

    Cora's z-scores are 0 for both (she does not tell them apart); Kim's: Y +1, Z −1. So Y = (0 + 1) / 2
    = 0.5 leads, X = 0, Z = (−1) / 1 = −1. With floats Cora's 7.3 and 7.2999… gave X +1 and Y −1, and X led.
    """
    entries = [EntryResult(entry_id=eid, category_id=1, reference=f"SSCP-2027-000{eid}") for eid in (1, 2, 3)]
    X, Y, Z = 1, 2, 3
    reviews = [
        ReviewScores(assignment_id=1, entry_id=X, judge_id=10, values={"social": 1, "technical": 10}),
        ReviewScores(assignment_id=2, entry_id=Y, judge_id=10, values={"social": 8, "technical": 7}),
        ReviewScores(assignment_id=3, entry_id=Y, judge_id=20, values={"social": 9, "technical": 9}),
        ReviewScores(assignment_id=4, entry_id=Z, judge_id=20, values={"social": 3, "technical": 3}),
    ]
    return compute(criteria=[SOCIAL, TECHNICAL], entries=entries, reviews=reviews, expected={}, tie_break=tie_break)


def test_float_noise_in_a_constant_judges_scores_does_not_decide_who_advances():
    results = constant_judge_round()
    rows = results.categories[0]["rows"]
    assert [(row.entry_id, row.normalised) for row in rows] == [(2, 0.5), (1, 0.0), (3, -1.0)]
    cora = results.judges[0]
    assert cora.sd == 0.0 and cora.mean == 7.3
    assert [decision for _row, _by_rule, decision in propose(rows=rows, rule="top_n", top_n=1)] == [True, False, False]


def test_an_entry_exactly_at_the_minimum_score_advances():
    rows = constant_judge_round().categories[0]["rows"]
    assert [d for _r, _b, d in propose(rows=rows, rule="min_score", min_score=0.0)] == [True, True, False]


def test_disagreement_is_flagged_only_above_the_threshold_even_with_weights_that_are_not_round():
    entries = [EntryResult(entry_id=1, category_id=1, reference="SSCP-2027-0001")]
    # Weighted 0.3 × 1 + 0.7 × 10 = 7.3 and 0.3 × 4 + 0.7 × 3 = 3.3: sd exactly 2, which is not above 2.
    reviews = [ReviewScores(assignment_id=1, entry_id=1, judge_id=10, values={"social": 1, "technical": 10}),
               ReviewScores(assignment_id=2, entry_id=1, judge_id=20, values={"social": 4, "technical": 3})]
    row = compute(criteria=[SOCIAL, TECHNICAL], entries=entries, reviews=reviews, expected={},
                  disagreement_threshold=Decimal("2.00")).categories[0]["rows"][0]
    assert row.sd == 2.0 and row.disagreement is False


# Ties at the advancement cut ---------------------------------------------------------------------------------

def test_a_tie_at_the_cut_is_marked_and_the_declared_tie_break_settles_it_visibly():
    results, _order = ranked(["inclusiveness", "impact"])  # Q and P tie on z = +1; Q's inclusiveness 9 > P's 8
    rows = results.categories[0]["rows"]
    tie = cut_tie(rows=rows, rule="top_n", top_n=1)
    assert (sorted(tie.band), tie.settled_by, tie.unsettled) == ([1, 2], "inclusiveness", [])
    assert [(row.entry_id, by_rule) for row, by_rule, _d in propose(rows=rows, rule="top_n", top_n=1)] == [
        (2, True), (1, False), (3, False)]


def test_a_tie_at_the_cut_the_tie_break_cannot_settle_is_left_to_the_secretariat():
    results, _order = ranked([])
    rows = results.categories[0]["rows"]
    tie = cut_tie(rows=rows, rule="top_n", top_n=1)
    assert (sorted(tie.band), tie.settled_by, sorted(tie.unsettled), tie.places) == ([1, 2], "", [1, 2], 1)
    proposal = propose(rows=rows, rule="top_n", top_n=1)
    assert [(row.entry_id, by_rule, decision) for row, by_rule, decision in proposal] == [
        (1, None, None), (2, None, None), (3, False, False)]
    proposal = propose(rows=rows, rule="top_n", top_n=1, overrides={2: ("include", "stronger evidence"),
                                                                    1: ("exclude", "pilot only")})
    assert [(row.entry_id, decision) for row, _by_rule, decision in proposal] == [(1, False), (2, True), (3, False)]


def test_ties_away_from_the_cut_need_no_decision():
    results, _order = ranked([])
    rows = results.categories[0]["rows"]
    assert cut_tie(rows=rows, rule="top_n", top_n=2) is None  # P and Q both in
    assert [d for _r, _b, d in propose(rows=rows, rule="top_n", top_n=2)] == [True, True, False]
    assert cut_tie(rows=rows, rule="min_score", top_n=1) is None
