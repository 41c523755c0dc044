"""No entry falls out of the evaluation: the phase guard on opening, late-screened entries, coverage checks on
closing and confirming, the control panel's coverage list, and withdrawal during the evaluation."""
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from applications import services as applications
from applications.models import Application
from applications.phases import Phase, edition_phase
from audit.models import AuditEntry
from evaluation import services
from evaluation.models import Assignment, CommitteeMember, Round, RoundEntry
from tests.factories import ApplicationFactory

from .conftest import NOT_ABOUT_COVERAGE, eligible_application, full_scores

pytestmark = pytest.mark.django_db


def submit_all(round):
    for assignment in Assignment.objects.filter(round=round).select_related("judge"):
        services.submit_review(assignment=assignment, by=assignment.judge, scores=full_scores(round), comment="ok")


# The phase guard on opening a round ---------------------------------------------------------------------

def test_no_round_opens_while_the_call_is_open_unless_overridden_with_a_reason(rounds, sofia, edition, alices_entry):
    edition.closes_at = timezone.now() + timedelta(days=3)
    edition.save()
    with pytest.raises(services.EvaluationError, match="call for applications is still open"):
        services.open_round(round=rounds[0], by=sofia)
    assert Round.objects.get(pk=rounds[0].pk).status == Round.Status.DRAFT
    services.open_round(round=rounds[0], by=sofia, override_reason="Early start agreed by the Steering Committee")
    opened = AuditEntry.objects.get(action="round.opened")
    assert opened.data["override"]["reason"] == "Early start agreed by the Steering Committee"


def test_the_phase_follows_the_rounds(rounds, round_one, edition):
    phase = edition_phase(edition)
    assert phase.phase == Phase.EVALUATION and phase.evaluation.round_number == 1
    assert "round 1 (open)" in phase.label
    Round.objects.filter(edition=edition).update(status=Round.Status.FINALIZED)
    assert edition_phase(edition).phase == Phase.RESULTS_READY


# Late screening -------------------------------------------------------------------------------------------

def test_an_entry_screened_eligible_after_round_one_opened_joins_it_and_the_next_top_up_assigns_it(
        round_one, edition, bob, sofia, django_capture_on_commit_callbacks):
    late = ApplicationFactory(edition=edition, applicant=bob, status=Application.Status.SUBMITTED,
                              reference="SSCP-2027-0003", title="Late but eligible")
    applications.screen_application(application=late, eligible=True, by=sofia)
    entry = RoundEntry.objects.get(round=round_one, application=late)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.assign(round=round_one, by=sofia)
    assert report.created == 1 and entry.assignments.count() == 1
    assert AuditEntry.objects.filter(action="round.entry_added", data__application="SSCP-2027-0003").exists()


def test_an_application_screened_not_eligible_joins_nothing(round_one, edition, bob, sofia):
    late = ApplicationFactory(edition=edition, applicant=bob, status=Application.Status.SUBMITTED,
                              reference="SSCP-2027-0003")
    applications.screen_application(application=late, eligible=False, reason="Not a city project", by=sofia)
    assert not RoundEntry.objects.filter(application=late).exists()


# The control panel's coverage list ------------------------------------------------------------------------

def test_the_panel_lists_entries_missing_from_the_round_and_short_of_live_judges_with_the_fix(
        round_one, edition, bob, hana, committee, sofia, sofia_client):
    missing = eligible_application(edition, bob, 3)  # eligible behind the service's back: no signal
    CommitteeMember.objects.filter(committee=committee, user=hana).update(is_active=False)
    gaps = {(gap.kind, gap.subject) for gap in services.round_gaps(round_one)}
    assert gaps == {("not_in_round", "SSCP-2027-0003"), ("short_of_judges", "SSCP-2027-0001")}
    url = reverse("admin:evaluation_round_panel", args=[round_one.pk])
    page = sofia_client.get(url).content.decode()
    assert "SSCP-2027-0003" in page and "screened after it opened" in page and "Add the missing entries" in page
    assert "0 of 1 judges (inactive and conflicted judges do not count)" in page and "Run the assignment" in page
    sofia_client.post(url, {"do": "add_missing"})
    assert RoundEntry.objects.filter(round=round_one, application=missing).exists()


# Coverage checks on closing and confirming ----------------------------------------------------------------

def test_closing_a_round_with_an_entry_short_of_reviews_is_refused_and_an_override_is_audited(round_one, sofia):
    with pytest.raises(services.EvaluationError, match="SSCP-2027-0001: never evaluated"):
        services.close_round(round=round_one, by=sofia)
    assert Round.objects.get(pk=round_one.pk).status == Round.Status.OPEN
    services.close_round(round=round_one, by=sofia, override_reason="Hana is ill; the chair accepts two reviews")
    closed = AuditEntry.objects.get(action="round.closed")
    assert closed.data["override"]["reason"] == "Hana is ill; the chair accepts two reviews"
    assert "SSCP-2027-0001: never evaluated: no review submitted" in closed.data["override"]["problems"]


def test_closing_a_round_missing_an_eligible_entry_is_refused(round_one, edition, bob, sofia):
    submit_all(round_one)
    eligible_application(edition, bob, 3)
    with pytest.raises(services.EvaluationError, match="SSCP-2027-0003: eligible but not in the round"):
        services.close_round(round=round_one, by=sofia)


def test_a_fully_reviewed_round_closes_without_a_reason(round_one, sofia):
    submit_all(round_one)
    services.close_round(round=round_one, by=sofia)
    assert "override" not in AuditEntry.objects.get(action="round.closed").data


def test_confirming_with_a_category_nobody_advances_from_is_refused_and_an_override_is_audited(round_one, sofia):
    submit_all(round_one)
    services.close_round(round=round_one, by=sofia)
    with pytest.raises(services.EvaluationError, match="Leadership: nobody advances"):
        services.confirm_advancement(round=round_one, by=sofia)
    assert Round.objects.get(pk=round_one.pk).status == Round.Status.CLOSED
    services.confirm_advancement(round=round_one, by=sofia, override_reason="No entries in two categories this year")
    finalized = AuditEntry.objects.get(action="round.finalized")
    assert finalized.data["override"]["reason"] == "No entries in two categories this year"


# Withdrawal during the evaluation --------------------------------------------------------------------------

def test_an_applicant_withdraws_under_evaluation_the_entry_leaves_its_round_and_its_judges_are_told(
        round_one, alice, alices_entry, hanas_assignment, hana, django_capture_on_commit_callbacks):
    services.save_review_draft(assignment=hanas_assignment, by=hana, scores=full_scores(round_one), comment="Good")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        applications.withdraw_application(application=alices_entry, user=alice.user,
                                          reason="The council cancelled the project")
    kept = Application.objects.get(pk=alices_entry.pk)
    assert kept.status == Application.Status.WITHDRAWN and kept.withdrawn_at  # recorded, never deleted
    assert not RoundEntry.objects.filter(round=round_one, application=alices_entry).exists()
    assert [m.to for m in mail.outbox] == [[hana.email]]
    assert "SSCP-2027-0001" in mail.outbox[0].subject and "withdrawn" in mail.outbox[0].body
    left = AuditEntry.objects.get(action="round.entry_withdrawn")
    assert left.data["reason"] == "The council cancelled the project"
    assert left.data["reviews"][str(hana.pk)]["comment"] == "Good"  # the review is kept in the audit log


def test_a_withdrawn_entry_is_never_advanced(round_one, rounds, alice, alices_entry, bobs_entry, sofia):
    submit_all(round_one)
    services.close_round(round=round_one, by=sofia)
    services.confirm_advancement(round=round_one, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    assert rounds[1].entries.filter(application=alices_entry).exists()  # advanced to the draft round 2
    applications.withdraw_application(application=alices_entry, user=alice.user)
    assert not rounds[1].entries.filter(application=alices_entry).exists()
    assert RoundEntry.objects.get(round=round_one, application=alices_entry).advanced  # round 1's history stays
    services.open_round(round=rounds[1], by=sofia)
    assert not rounds[1].entries.filter(application=alices_entry).exists()


def test_withdrawal_under_evaluation_is_allowed_after_the_deadline_but_not_once_results_are_out(
        round_one, alice, alices_entry, edition):
    from applications import rules

    assert rules.can_withdraw_application(alice.user, alices_entry)  # the deadline has passed (rounds fixture)
    edition.results_published_at = timezone.now()
    edition.save()
    alices_entry.refresh_from_db()
    assert not rules.can_withdraw_application(alice.user, alices_entry)
    with pytest.raises(applications.ApplicationError, match="results are published"):
        applications.withdraw_application(application=alices_entry, user=alice.user)


def test_the_applicant_withdraws_through_the_page_with_a_reason(round_one, alice_client, alices_entry):
    page = alice_client.get(f"/applications/{alices_entry.pk}/withdraw/").content.decode()
    assert "its judges are told" in page
    alice_client.post(f"/applications/{alices_entry.pk}/withdraw/", {"reason": "Merged into a national programme"})
    assert Application.objects.get(pk=alices_entry.pk).status == Application.Status.WITHDRAWN
    assert AuditEntry.objects.get(action="application.withdrawn").data["reason"] == "Merged into a national programme"
