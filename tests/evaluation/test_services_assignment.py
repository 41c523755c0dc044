"""Assignment, conflicts, reviews and committees through the services."""

import pytest
from django.core import mail

from audit.models import AuditEntry
from evaluation import services
from evaluation.models import Assignment, Conflict, RoundEntry, Score

from .conftest import audit_actions, eligible_application, full_scores, make_judge

pytestmark = pytest.mark.django_db



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
    assert "assignment.run" in audit_actions(round)


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
    assert "assignment.added" in audit_actions(assignment)


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
    assert "review.submitted" in audit_actions(assignment)


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
    assert "committee.joined" in audit_actions(committee)


def test_only_the_invited_address_can_accept(committee, sofia, hana):
    invitation = services.invite_judge(committee=committee, email="someone@else.example", by=sofia)
    with pytest.raises(services.EvaluationError, match="someone@else.example"):
        services.accept_invitation(invitation=invitation, user=hana)
