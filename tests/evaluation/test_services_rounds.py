"""Rounds through the services: opening, closing, reopening, results and advancement."""
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from applications.models import Application
from audit.models import AuditEntry
from evaluation import services
from evaluation.models import Assignment, Round, RoundEntry, Score

from .conftest import NOT_ABOUT_COVERAGE, audit_actions, eligible_application, full_scores

pytestmark = pytest.mark.django_db



# Rounds ---------------------------------------------------------------------------------------------------

def test_an_edition_gets_three_rounds_with_the_six_default_criteria_inclusiveness_heaviest(rounds):
    assert [r.number for r in rounds] == [1, 2, 3]
    criteria = list(rounds[0].criteria.all())
    assert [c.code for c in criteria] == ["innovation", "inclusiveness", "impact", "sustainability",
                                          "transferability", "governance"]
    assert max(criteria, key=lambda c: c.weight).code == "inclusiveness"
    assert (rounds[0].scale_min, rounds[0].scale_max) == (1, 10)
    assert all(r.status == Round.Status.DRAFT for r in rounds)


def test_creating_the_default_rounds_twice_changes_nothing(edition, committee, rounds, sofia):
    again = services.create_default_rounds(edition=edition, committee=committee, by=sofia)
    assert [r.pk for r in again] == [r.pk for r in rounds]
    assert rounds[0].criteria.count() == 6


def test_round_one_takes_the_eligible_applications_only(rounds, sofia, alices_entry, bobs_entry, edition, alice):
    submitted = eligible_application(edition, alice, 3)
    Application.objects.filter(pk=submitted.pk).update(status=Application.Status.SUBMITTED)
    round = services.open_round(round=rounds[0], by=sofia)
    assert round.status == Round.Status.OPEN
    assert set(round.entries.values_list("application_id", flat=True)) == {alices_entry.pk, bobs_entry.pk}
    assert "round.opened" in audit_actions(round)


def test_a_round_limited_to_some_categories_takes_only_their_entries(rounds, sofia, alices_entry, bobs_entry, edition):
    bobs_entry.category = edition.categories.get(slug="human-centricity")
    bobs_entry.save()
    rounds[0].categories.set([edition.categories.get(slug="human-centricity")])
    round = services.open_round(round=rounds[0], by=sofia)
    assert list(round.entries.values_list("application_id", flat=True)) == [bobs_entry.pk]


def test_a_round_opens_only_from_draft_and_never_without_entries(rounds, sofia):
    with pytest.raises(services.EvaluationError, match="no entries"):
        services.open_round(round=rounds[0], by=sofia)
    assert Round.objects.get(pk=rounds[0].pk).status == Round.Status.DRAFT


def test_round_two_cannot_open_before_round_one_is_finalized(rounds, round_one, sofia):
    with pytest.raises(services.EvaluationError, match="finalized first"):
        services.open_round(round=rounds[1], by=sofia)


def test_a_round_with_a_tie_break_on_an_unknown_criterion_cannot_open(rounds, sofia, alices_entry):
    rounds[0].tie_break = ["charisma"]
    rounds[0].save()
    with pytest.raises(services.EvaluationError, match="charisma"):
        services.open_round(round=rounds[0], by=sofia)


def test_criteria_cannot_change_once_the_round_is_open(round_one):
    with pytest.raises(services.EvaluationError):
        services.ensure_criteria_editable(round_one)


def test_closing_makes_reviews_read_only_and_reopening_needs_a_reason(round_one, hanas_assignment, hana, sofia):
    services.close_round(round=round_one, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    with pytest.raises(services.EvaluationError, match="closed"):
        services.save_review_draft(assignment=hanas_assignment, by=hana, scores={}, comment="late")
    with pytest.raises(services.EvaluationError, match="reason"):
        services.reopen_round(round=round_one, by=sofia, reason="  ")
    with pytest.raises(services.EvaluationError):
        services.close_round(round=round_one, by=sofia, override_reason=NOT_ABOUT_COVERAGE)  # already closed
    services.reopen_round(round=round_one, by=sofia, reason="Two judges were ill")
    services.save_review_draft(assignment=hanas_assignment, by=hana, scores={}, comment="now fine")
    entry = AuditEntry.objects.get(action="round.reopened")
    assert entry.data["reason"] == "Two judges were ill" and entry.actor == sofia


def test_saving_a_stale_copy_of_a_round_never_puts_an_old_status_back(round_one, sofia):
    stale = Round.objects.get(pk=round_one.pk)
    services.close_round(round=round_one, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    stale.name = "Document review and screening"
    stale.save()  # e.g. an admin form opened before the round closed
    fresh = Round.objects.get(pk=round_one.pk)
    assert fresh.status == Round.Status.CLOSED and fresh.name == "Document review and screening"


def test_reopening_after_the_closing_date_needs_a_new_closing_date(round_one, sofia):
    round_one.closes_at = timezone.now() - timedelta(hours=1)
    round_one.save()
    services.close_round(round=round_one, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    with pytest.raises(services.EvaluationError, match="new closing"):
        services.reopen_round(round=round_one, by=sofia, reason="extension")
    round = services.reopen_round(round=round_one, by=sofia, reason="extension",
                                  closes_at=timezone.now() + timedelta(days=2))
    assert round.accepts_reviews


def test_reviews_stop_at_the_closing_time_even_before_the_secretariat_closes(round_one, hanas_assignment, hana):
    round_one.closes_at = timezone.now() + timedelta(minutes=5)
    round_one.save()
    with pytest.raises(services.EvaluationError, match="closed"):
        services.save_review_draft(assignment=hanas_assignment, by=hana, scores={}, comment="x",
                                   now=round_one.closes_at + timedelta(seconds=1))


# Results and advancement ----------------------------------------------------------------------------------

def score_everything(round, value_by_reference):
    for assignment in Assignment.objects.filter(round=round).select_related("judge", "entry__application"):
        services.submit_review(assignment=assignment, by=assignment.judge, comment="ok",
                               scores=full_scores(round, value_by_reference[assignment.entry.application.reference]))


SCORES = {"SSCP-2027-0001": 8, "SSCP-2027-0002": 5}


def test_confirming_advancement_moves_entries_on_freezes_results_and_finalizes(round_one, rounds, sofia, hana,
                                                                              alices_entry, bobs_entry):
    score_everything(round_one, SCORES)
    round_one.advancement_rule = Round.Rule.MIN_SCORE
    round_one.advance_min_score = -10
    round_one.save()
    services.close_round(round=round_one, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    bobs = RoundEntry.objects.get(round=round_one, application=bobs_entry)
    with pytest.raises(services.EvaluationError, match="reason"):
        services.set_override(entry=bobs, decision="exclude", reason="", by=sofia)
    services.set_override(entry=bobs, decision="exclude", reason="Project not yet implemented", by=sofia)
    round = services.confirm_advancement(round=round_one, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    assert round.status == Round.Status.FINALIZED and round.result_snapshot
    assert list(rounds[1].entries.values_list("application_id", flat=True)) == [alices_entry.pk]
    assert RoundEntry.objects.get(round=round_one, application=alices_entry).advanced is True
    assert RoundEntry.objects.get(pk=bobs.pk).advanced is False
    finalized = AuditEntry.objects.get(action="round.finalized")
    assert finalized.data["overrides"] == {bobs_entry.reference: ["exclude", "Project not yet implemented"]}
    with pytest.raises(services.EvaluationError):
        services.set_override(entry=bobs, decision="include", reason="changed our mind", by=sofia)


def test_a_finalized_rounds_results_no_longer_change(round_one, sofia, hana, hanas_assignment):
    score_everything(round_one, SCORES)
    services.close_round(round=round_one, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    services.confirm_advancement(round=round_one, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    round_one.refresh_from_db()
    before = services.load_results(round=round_one).as_dict()
    Score.objects.filter(assignment=hanas_assignment).update(value=1)  # even behind the services' back
    assert services.load_results(round=round_one).as_dict() == before
    with pytest.raises(services.EvaluationError):
        services.submit_review(assignment=hanas_assignment, by=hana, scores=full_scores(round_one, 2), comment="x")


def test_confirming_the_last_round_marks_the_finalists(round_one, rounds, sofia, committee, hana, omar, carla,
                                                       alices_entry, bobs_entry):
    round_one.advancement_rule = Round.Rule.MANUAL
    round_one.save()
    services.close_round(round=round_one, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    for entry in round_one.entries.all():
        services.set_override(entry=entry, decision="include", reason="strong", by=sofia)
    services.confirm_advancement(round=round_one, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    second, third = rounds[1], rounds[2]
    for round in (second, third):
        round.refresh_from_db()
        round.judges_per_entry = 1
        round.save()
        services.open_round(round=round, by=sofia)
        assert services.assign(round=round, by=sofia).feasible
        score_everything(round, SCORES)
        services.close_round(round=round, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
        round.advancement_rule = Round.Rule.TOP_N
        round.advance_top_n = 1
        round.save()
        services.confirm_advancement(round=round, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    alices_entry.refresh_from_db()
    bobs_entry.refresh_from_db()
    # Both are in Tech-InnovaCity and the rule is top 1: Alice's entry (scored 8 against 5) is the finalist.
    assert alices_entry.status == Application.Status.FINALIST
    assert bobs_entry.status == Application.Status.ELIGIBLE
    assert AuditEntry.objects.filter(action="application.stage_changed", target_id=str(alices_entry.pk)).exists()


def test_round_progress_shows_who_is_behind_and_entries_short_of_judges(round_one, hanas_assignment, hana, sofia):
    services.submit_review(assignment=hanas_assignment, by=hana, scores=full_scores(round_one), comment="ok")
    progress = services.round_progress(round=round_one)
    assert (progress["submitted"], progress["total"]) == (1, 3)
    behind = [row["judge"].email for row in progress["judges"] if row["behind"]]
    assert behind == ["carla@beyoglu.example", "omar@cairo-uni.example"]
    round_one.judges_per_entry = 2
    round_one.save()
    assert [e.application.reference for e in services.round_progress(round=round_one)["short_entries"]] == [
        "SSCP-2027-0001"]


def test_remind_late_judges_emails_each_late_judge_once(round_one, hanas_assignment, hana, sofia,
                                                        django_capture_on_commit_callbacks):
    services.submit_review(assignment=hanas_assignment, by=hana, scores=full_scores(round_one), comment="ok")
    with django_capture_on_commit_callbacks(execute=True):
        judges = services.remind_late_judges(round=round_one, by=sofia)
    assert len(judges) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["carla@beyoglu.example", "omar@cairo-uni.example"]
    assert "not submitted yet" in mail.outbox[0].body
