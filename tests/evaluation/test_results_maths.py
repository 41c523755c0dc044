"""Ranking maths on examples small enough to compute by hand (the workings are in the comments)."""
import math

import pytest

from evaluation.results import (
    CriterionSpec,
    EntryResult,
    ReviewScores,
    agreement_sentence,
    compute,
    icc1,
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


def test_without_a_tie_break_a_tie_falls_to_the_weighted_mean_then_the_reference():
    _results, order = ranked([])
    assert order == ["1", "2", "3"]  # P 9 > Q 5 on the weighted mean


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
