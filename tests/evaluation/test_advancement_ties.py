"""Ties at the advancement cut through the services and the admin page: marked, settled visibly or decided
by the secretariat with a reason — never by list order. And weights that are not round stay exact."""
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from evaluation import services
from evaluation.models import Criterion, Round, RoundEntry

from .conftest import NOT_ABOUT_COVERAGE

pytestmark = pytest.mark.django_db


def score_all(round, scores_by_reference):
    """Submit every review; ``scores_by_reference``: {reference: {criterion code: score}} (others 8)."""
    criteria = list(round.criteria.all())
    for assignment in round.assignments.select_related("judge", "entry__application"):
        mine = scores_by_reference.get(assignment.entry.application.reference, {})
        services.submit_review(assignment=assignment, by=assignment.judge, comment="ok",
                               scores={c.pk: mine.get(c.code, 8) for c in criteria})


def closed_top_one(round, sofia):
    round.advancement_rule, round.advance_top_n = Round.Rule.TOP_N, 1
    round.save()
    return services.close_round(round=round, by=sofia)


def test_the_preview_lists_a_tie_at_the_cut_the_tie_break_cannot_settle(round_one, sofia):
    # Each judge reviewed one entry, so every z-score is 0; the tie-break criteria are scored alike.
    score_all(round_one, {})
    round = closed_top_one(round_one, sofia)
    (category,) = services.advancement_preview(round=round)
    assert category["tie"].settled_by == ""
    assert [item["row"].reference for item in category["rows"] if item["in_tie_band"]] == [
        "SSCP-2027-0001", "SSCP-2027-0002"]
    assert [(item["by_rule"], item["decision"]) for item in category["rows"]] == [(None, None), (None, None)]
    assert [row.rank for row in (item["row"] for item in category["rows"])] == [1, 1]


def test_confirming_refuses_to_settle_a_tie_silently(round_one, sofia):
    score_all(round_one, {})
    round = closed_top_one(round_one, sofia)
    with pytest.raises(services.EvaluationError, match="SSCP-2027-0001.*SSCP-2027-0002"):
        services.confirm_advancement(round=round, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    assert Round.objects.get(pk=round.pk).status == Round.Status.CLOSED
    first = RoundEntry.objects.get(round=round, application__reference="SSCP-2027-0001")
    services.set_override(entry=first, decision="include", reason="Measured results, not plans", by=sofia)
    with pytest.raises(services.EvaluationError, match="SSCP-2027-0002"):
        services.confirm_advancement(round=round, by=sofia, override_reason=NOT_ABOUT_COVERAGE)  # the other tied entry is still undecided


def test_the_secretariat_settles_a_tie_with_reasons_and_the_log_says_so(round_one, rounds, sofia):
    score_all(round_one, {})
    round = closed_top_one(round_one, sofia)
    for reference, decision, reason in (("SSCP-2027-0001", "include", "Measured results, not plans"),
                                        ("SSCP-2027-0002", "exclude", "Still a pilot")):
        entry = RoundEntry.objects.get(round=round, application__reference=reference)
        services.set_override(entry=entry, decision=decision, reason=reason, by=sofia)
    services.confirm_advancement(round=round, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    assert [e.application.reference for e in rounds[1].entries.all()] == ["SSCP-2027-0001"]
    log = AuditEntry.objects.get(action="round.finalized").data
    assert log["ties_at_cut"] == {"Tech-InnovaCity": {"band": ["SSCP-2027-0001", "SSCP-2027-0002"],
                                                      "settled_by": "secretariat"}}


def test_the_declared_tie_break_settles_a_tie_and_the_preview_says_which(round_one, rounds, sofia):
    score_all(round_one, {"SSCP-2027-0002": {"inclusiveness": 9}})  # z-scores still all 0
    round = closed_top_one(round_one, sofia)
    (category,) = services.advancement_preview(round=round)
    assert category["tie"].settled_by == "inclusiveness" and category["tie"].unsettled == []
    assert [(item["row"].reference, item["by_rule"], item["in_tie_band"]) for item in category["rows"]] == [
        ("SSCP-2027-0002", True, True), ("SSCP-2027-0001", False, True)]
    services.confirm_advancement(round=round, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    assert [e.application.reference for e in rounds[1].entries.all()] == ["SSCP-2027-0002"]
    log = AuditEntry.objects.get(action="round.finalized").data
    assert log["ties_at_cut"]["Tech-InnovaCity"]["settled_by"] == "tie-break: inclusiveness"


def test_the_advancement_page_shows_the_tie_band_and_refuses_to_confirm_it(round_one, sofia, sofia_client):
    score_all(round_one, {})
    closed_top_one(round_one, sofia)
    url = reverse("admin:evaluation_round_advancement", args=[round_one.pk])
    page = sofia_client.get(url).content.decode()
    assert "Tie at the cut" in page and "the secretariat decides" in page and page.count("to decide") >= 2
    response = sofia_client.post(url, {"confirm": "1"}, follow=True)
    assert "not settled by the tie-break" in response.content.decode()
    assert Round.objects.get(pk=round_one.pk).status == Round.Status.CLOSED


def test_the_advancement_page_names_the_tie_break_that_settled_the_tie(round_one, sofia, sofia_client):
    score_all(round_one, {"SSCP-2027-0001": {"inclusiveness": 9}})
    closed_top_one(round_one, sofia)
    page = sofia_client.get(reverse("admin:evaluation_round_advancement", args=[round_one.pk])).content.decode()
    assert "Settled by the declared tie-break" in page and "“inclusiveness”" in page


def test_a_constant_judge_with_weights_of_030_and_070_gives_no_rank(rounds, sofia, hana, alices_entry, bobs_entry):
    round = rounds[0]
    round.criteria.all().delete()
    Criterion.objects.create(round=round, code="social", name="Social", weight=Decimal("0.30"), order=1)
    Criterion.objects.create(round=round, code="technical", name="Technical", weight=Decimal("0.70"), order=2)
    round.tie_break, round.judges_per_entry = ["technical"], 1
    round.save()
    services.open_round(round=round, by=sofia)
    for application in (alices_entry, bobs_entry):
        services.add_assignment(round=round, application=application, judge=hana, by=sofia)
    # 0.3 × 8 + 0.7 × 7 = 7.3 = 0.3 × 1 + 0.7 × 10: Hana does not tell them apart.
    score_all(round, {"SSCP-2027-0001": {"social": 8, "technical": 7},
                      "SSCP-2027-0002": {"social": 1, "technical": 10}})
    results = services.load_results(round=round)
    (hanas,) = results.judges
    assert hanas.sd == 0.0
    assert [(row.reference, row.normalised, row.rank) for row in results.rows()] == [
        ("SSCP-2027-0002", 0.0, 1), ("SSCP-2027-0001", 0.0, 2)]  # tied; the declared tie-break (technical) decides
    assert results.rows()[1].settled_by == "technical"
