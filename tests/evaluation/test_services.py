from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from applications.models import Application
from audit.models import AuditEntry
from evaluation import services
from evaluation.models import Assignment, Conflict, Round, RoundEntry, Score

from .conftest import eligible_application, full_scores, make_judge

pytestmark = pytest.mark.django_db


def actions(target=None):
    entries = AuditEntry.objects.all()
    if target is not None:
        entries = entries.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
    return list(entries.order_by("id").values_list("action", flat=True))


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
    assert "round.opened" in actions(round)


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
    services.close_round(round=round_one, by=sofia)
    with pytest.raises(services.EvaluationError, match="closed"):
        services.save_review_draft(assignment=hanas_assignment, by=hana, scores={}, comment="late")
    with pytest.raises(services.EvaluationError, match="reason"):
        services.reopen_round(round=round_one, by=sofia, reason="  ")
    with pytest.raises(services.EvaluationError):
        services.close_round(round=round_one, by=sofia)  # already closed
    services.reopen_round(round=round_one, by=sofia, reason="Two judges were ill")
    services.save_review_draft(assignment=hanas_assignment, by=hana, scores={}, comment="now fine")
    entry = AuditEntry.objects.get(action="round.reopened")
    assert entry.data["reason"] == "Two judges were ill" and entry.actor == sofia


def test_saving_a_stale_copy_of_a_round_never_puts_an_old_status_back(round_one, sofia):
    stale = Round.objects.get(pk=round_one.pk)
    services.close_round(round=round_one, by=sofia)
    stale.name = "Document review and screening"
    stale.save()  # e.g. an admin form opened before the round closed
    fresh = Round.objects.get(pk=round_one.pk)
    assert fresh.status == Round.Status.CLOSED and fresh.name == "Document review and screening"


def test_reopening_after_the_closing_date_needs_a_new_closing_date(round_one, sofia):
    round_one.closes_at = timezone.now() - timedelta(hours=1)
    round_one.save()
    services.close_round(round=round_one, by=sofia)
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


# Assignment -----------------------------------------------------------------------------------------------

@pytest.fixture
def five_judges(committee):
    return [make_judge(committee, f"judge{i}@panel{i}.example", region=["asia", "europe", "africa"][i % 3])
            for i in range(5)]


@pytest.fixture
def six_entries(edition):
    from tests.factories import ApplicantProfileFactory

    return [eligible_application(edition, ApplicantProfileFactory(name=f"City {i}", country="BR"), 10 + i)
            for i in range(6)]


def test_assign_gives_every_entry_k_judges_and_each_judge_one_email_listing_all_their_entries(
        rounds, sofia, five_judges, six_entries, django_capture_on_commit_callbacks):
    round = services.open_round(round=rounds[0], by=sofia)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.assign(round=round, by=sofia)
    assert report.feasible and report.created == 18
    per_entry = {e.pk: e.assignments.count() for e in round.entries.all()}
    assert set(per_entry.values()) == {3}
    loads = sorted(Assignment.objects.filter(round=round).values_list("judge", flat=True))
    counts = [loads.count(j.pk) for j in five_judges]
    assert max(counts) - min(counts) <= 1
    assert len(mail.outbox) == 5  # one per judge, not one per entry
    first = next(m for m in mail.outbox if m.to == [five_judges[0].email])
    assert first.body.count("SSCP-2027-") == counts[0]
    assert "assignment.run" in actions(round)


def test_assign_again_keeps_existing_assignments_and_tops_up_new_entries(
        rounds, sofia, five_judges, six_entries, edition, django_capture_on_commit_callbacks):
    round = services.open_round(round=rounds[0], by=sofia)
    services.assign(round=round, by=sofia)
    before = set(Assignment.objects.values_list("pk", "entry", "judge"))
    RoundEntry.objects.create(round=round, application=eligible_application(edition, six_entries[0].applicant, 99))
    with django_capture_on_commit_callbacks(execute=True):
        report = services.assign(round=round, by=sofia)
    assert report.created == 3
    assert before <= set(Assignment.objects.values_list("pk", "entry", "judge"))
    assert len(mail.outbox) == 3  # only the judges with something new hear about it


def test_assign_never_gives_a_judge_an_entry_they_are_conflicted_with(rounds, sofia, alices_entry, bobs_entry,
                                                                      hana, omar, carla):
    round = services.open_round(round=rounds[0], by=sofia)
    round.judges_per_entry = 2
    round.save()
    report = services.assign(round=round, by=sofia)
    assert report.feasible
    assert set(Assignment.objects.filter(entry__application=alices_entry).values_list("judge", flat=True)) == {
        hana.pk, omar.pk}  # never Carla, who shares Alice's email domain


def test_infeasible_assignment_saves_nothing_and_names_the_entry_and_the_reason(rounds, sofia, alices_entry,
                                                                                bobs_entry, hana, omar, carla):
    round = services.open_round(round=rounds[0], by=sofia)  # k = 3, but Carla is conflicted with Alice's entry
    report = services.assign(round=round, by=sofia)
    assert not report.feasible
    [(entry, missing, reason)] = report.shortfalls
    assert entry.application == alices_entry and missing == 1
    assert "only 2 of the committee's 3 judges" in reason and "same email domain: beyoglu.example" in reason
    assert not Assignment.objects.exists()
    assert AuditEntry.objects.filter(action="assignment.infeasible").exists()


def test_same_country_conflicts_apply_only_when_the_round_asks(rounds, sofia, committee, alices_entry):
    turkish = make_judge(committee, "deniz@odtu.example", country="TR")
    other = make_judge(committee, "ana@uba.example", country="AR")
    round = rounds[0]
    round.judges_per_entry = 2
    round.save()
    services.open_round(round=round, by=sofia)
    assert services.conflict_reason(judge=turkish, application=alices_entry, round=round) is None
    round.conflict_same_country = True
    round.save()
    assert services.conflict_reason(judge=turkish, application=alices_entry, round=round) == "same country: TR"
    report = services.assign(round=round, by=sofia)
    assert not report.feasible and "same country: TR" in report.shortfalls[0][2]
    assert other.pk  # the other judge alone cannot make two


def test_judge_capacities_are_respected(rounds, sofia, committee, six_entries):
    small = make_judge(committee, "small@a.example", capacity=1)
    big = [make_judge(committee, f"big{i}@b{i}.example") for i in range(3)]
    round = services.open_round(round=rounds[0], by=sofia)
    assert services.assign(round=round, by=sofia).feasible
    assert Assignment.objects.filter(judge=small).count() == 1
    assert sum(Assignment.objects.filter(judge=j).count() for j in big) == 17


def test_the_secretariat_adds_a_judge_under_the_same_conflict_checks(round_one, sofia, carla, omar, alices_entry):
    with pytest.raises(services.EvaluationError, match="conflict"):
        services.add_assignment(round=round_one, application=alices_entry, judge=carla, by=sofia)
    assignment = services.add_assignment(round=round_one, application=alices_entry, judge=omar, by=sofia)
    assert assignment.source == Assignment.Source.MANUAL
    with pytest.raises(services.EvaluationError, match="already reviews"):
        services.add_assignment(round=round_one, application=alices_entry, judge=omar, by=sofia)
    assert "assignment.added" in actions(assignment)


def test_removing_an_assignment_keeps_the_review_in_the_audit_log(round_one, hanas_assignment, hana, sofia):
    services.save_review_draft(assignment=hanas_assignment, by=hana, scores=full_scores(round_one, 6), comment="ok")
    services.remove_assignment(assignment=hanas_assignment, by=sofia, reason="judge withdrew")
    assert not Assignment.objects.filter(pk=hanas_assignment.pk).exists()
    entry = AuditEntry.objects.get(action="assignment.removed")
    assert entry.data["review"]["scores"]["inclusiveness"] == 6 and entry.data["reason"] == "judge withdrew"


# Conflicts ------------------------------------------------------------------------------------------------

def test_a_declared_conflict_moves_the_entry_to_another_judge_at_once(round_one, hanas_assignment, hana, omar,
                                                                      alices_entry, sofia,
                                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        conflict, replacement, problem = services.declare_conflict(assignment=hanas_assignment, by=hana,
                                                                   reason="I advised Beyoğlu on this project")
    assert conflict.kind == Conflict.Kind.DECLARED and conflict.round == round_one
    assert replacement.judge == omar and replacement.source == Assignment.Source.REASSIGNED and not problem
    assert not Assignment.objects.filter(judge=hana).exists()
    assert [m.to for m in mail.outbox] == [[omar.email]]
    assert AuditEntry.objects.filter(action="conflict.declared", data__reason="I advised Beyoğlu on this project",
                                     actor=hana).exists()


def test_a_declared_conflict_with_nobody_left_to_take_over_is_recorded_for_the_secretariat(
        round_one, hanas_assignment, hana, omar, sofia):
    services.record_conflict(judge=omar, application=hanas_assignment.entry.application, reason="former employer",
                             by=sofia)
    _conflict, replacement, problem = services.declare_conflict(assignment=hanas_assignment, by=hana, reason="family")
    assert replacement is None and "judges can review it without a conflict" in problem
    assert AuditEntry.objects.filter(action="assignment.reassignment_failed").exists()


def test_declaring_a_conflict_needs_a_reason_and_the_judges_own_assignment(round_one, hanas_assignment, hana, omar):
    with pytest.raises(services.EvaluationError, match="why"):
        services.declare_conflict(assignment=hanas_assignment, by=hana, reason="")
    with pytest.raises(services.EvaluationError):
        services.declare_conflict(assignment=hanas_assignment, by=omar, reason="not mine")


def test_a_conflict_recorded_by_the_secretariat_removes_the_judge_from_the_entry(round_one, hanas_assignment, hana,
                                                                                 omar, sofia, alices_entry):
    _conflict, moved = services.record_conflict(judge=hana, application=alices_entry, reason="co-author", by=sofia)
    assert not Assignment.objects.filter(judge=hana, entry__application=alices_entry).exists()
    assert moved[0][0].judge == omar


# Reviews --------------------------------------------------------------------------------------------------

def test_a_draft_keeps_whatever_was_typed_and_the_audit_log_keeps_old_and_new_values(round_one, hanas_assignment,
                                                                                      hana):
    inclusiveness = round_one.criteria.get(code="inclusiveness")
    services.save_review_draft(assignment=hanas_assignment, by=hana, scores={inclusiveness.pk: 6}, comment="")
    assignment = services.save_review_draft(assignment=hanas_assignment, by=hana, scores={inclusiveness.pk: 8},
                                            comment="Strong on older residents")
    assert assignment.status == Assignment.Status.DRAFT
    assert Score.objects.get(assignment=assignment).value == 8
    last = AuditEntry.objects.filter(action="review.saved").order_by("-id").first()
    assert last.data["scores"] == {"inclusiveness": {"old": 6, "new": 8}}
    assert last.data["comment"] == {"old": "", "new": "Strong on older residents"}


def test_submitting_needs_every_criterion_and_a_comment(round_one, hanas_assignment, hana):
    partial = dict(list(full_scores(round_one).items())[:5])
    with pytest.raises(services.EvaluationError, match="missing: Governance and partnership"):
        services.submit_review(assignment=hanas_assignment, by=hana, scores=partial, comment="Good")
    with pytest.raises(services.EvaluationError, match="overall comment"):
        services.submit_review(assignment=hanas_assignment, by=hana, scores=full_scores(round_one), comment=" ")
    assignment = services.submit_review(assignment=hanas_assignment, by=hana, scores=full_scores(round_one),
                                        comment="Good", note="Check the budget figures")
    assert assignment.status == Assignment.Status.SUBMITTED and assignment.submitted_at
    assert assignment.note_for_secretariat == "Check the budget figures"
    assert "review.submitted" in actions(assignment)


def test_scores_outside_the_scale_are_refused(round_one, hanas_assignment, hana):
    criterion = round_one.criteria.first()
    with pytest.raises(services.EvaluationError, match="from 1 to 10"):
        services.save_review_draft(assignment=hanas_assignment, by=hana, scores={criterion.pk: 11})


def test_a_submitted_review_can_be_updated_until_the_round_closes_but_not_sent_back_to_draft(
        round_one, hanas_assignment, hana):
    services.submit_review(assignment=hanas_assignment, by=hana, scores=full_scores(round_one), comment="Good")
    with pytest.raises(services.EvaluationError, match="submitted"):
        services.save_review_draft(assignment=hanas_assignment, by=hana, scores={}, comment="")
    services.submit_review(assignment=hanas_assignment, by=hana, scores=full_scores(round_one, 9), comment="Better")
    assert set(Score.objects.filter(assignment=hanas_assignment).values_list("value", flat=True)) == {9}


def test_only_the_assigned_judge_writes_the_review(round_one, hanas_assignment, omar):
    with pytest.raises(services.EvaluationError, match="Only the assigned judge"):
        services.save_review_draft(assignment=hanas_assignment, by=omar, scores={}, comment="")


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
    services.close_round(round=round_one, by=sofia)
    bobs = RoundEntry.objects.get(round=round_one, application=bobs_entry)
    with pytest.raises(services.EvaluationError, match="reason"):
        services.set_override(entry=bobs, decision="exclude", reason="", by=sofia)
    services.set_override(entry=bobs, decision="exclude", reason="Project not yet implemented", by=sofia)
    round = services.confirm_advancement(round=round_one, by=sofia)
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
    services.close_round(round=round_one, by=sofia)
    services.confirm_advancement(round=round_one, by=sofia)
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
    services.close_round(round=round_one, by=sofia)
    for entry in round_one.entries.all():
        services.set_override(entry=entry, decision="include", reason="strong", by=sofia)
    services.confirm_advancement(round=round_one, by=sofia)
    second, third = rounds[1], rounds[2]
    for round in (second, third):
        round.refresh_from_db()
        round.judges_per_entry = 1
        round.save()
        services.open_round(round=round, by=sofia)
        assert services.assign(round=round, by=sofia).feasible
        score_everything(round, SCORES)
        services.close_round(round=round, by=sofia)
        round.advancement_rule = Round.Rule.TOP_N
        round.advance_top_n = 1
        round.save()
        services.confirm_advancement(round=round, by=sofia)
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


# Committees -----------------------------------------------------------------------------------------------

def test_an_invited_expert_accepts_and_becomes_a_member(committee, sofia, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_judge(committee=committee, email="Zeynep@ITU.example", name="Zeynep Kaya",
                                           capacity=20, by=sofia)
    assert mail.outbox[0].to == ["Zeynep@itu.example"] and str(invitation.token) in mail.outbox[0].body
    user = services.create_judge_account(invitation=invitation, password="long-enough-pass-42", first_name="Zeynep")
    membership = services.accept_invitation(invitation=invitation, user=user)
    assert membership.committee == committee and membership.capacity == 20
    assert user.emailaddress_set.get().verified
    assert "committee.joined" in actions(committee)


def test_only_the_invited_address_can_accept(committee, sofia, hana):
    invitation = services.invite_judge(committee=committee, email="someone@else.example", by=sofia)
    with pytest.raises(services.EvaluationError, match="someone@else.example"):
        services.accept_invitation(invitation=invitation, user=hana)
