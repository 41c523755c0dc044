"""The applicant's status follows the evaluation; results (not advanced, finalist) only once published."""
import pytest
from django.utils import timezone

from applications.models import Application, Edition
from applications.rules import applicant_status_label
from evaluation import services
from evaluation.models import Assignment, RoundEntry

from .conftest import NOT_ABOUT_COVERAGE, full_scores

pytestmark = pytest.mark.django_db


def label(application):
    return applicant_status_label(Application.objects.select_related("edition").get(pk=application.pk))


def publish(edition):
    Edition.objects.filter(pk=edition.pk).update(results_published_at=timezone.now())


def test_eligible_before_any_round_then_under_evaluation_in_round_one(rounds, alices_entry, sofia, hana):
    assert label(alices_entry) == "Eligible"
    services.open_round(round=rounds[0], by=sofia)
    assert label(alices_entry) == "Under evaluation"


def test_not_advanced_after_round_one_shows_only_once_the_results_are_published(round_one, alices_entry, bobs_entry,
                                                                                sofia, edition):
    bobs = RoundEntry.objects.get(round=round_one, application=bobs_entry)
    for assignment in Assignment.objects.filter(round=round_one).select_related("judge"):
        services.submit_review(assignment=assignment, by=assignment.judge, scores=full_scores(round_one), comment="ok")
    services.close_round(round=round_one, by=sofia)
    services.set_override(entry=bobs, decision="exclude", reason="Duplicate entry", by=sofia)
    services.confirm_advancement(round=round_one, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    assert label(bobs_entry) == "Under evaluation"  # the embargo
    assert label(alices_entry) == "Under evaluation"
    publish(edition)
    assert label(bobs_entry) == "Not advanced (after round 1)"
    assert label(alices_entry) == "Under evaluation"


def test_a_finalist_is_told_only_once_published(alices_entry, edition):
    Application.objects.filter(pk=alices_entry.pk).update(status=Application.Status.FINALIST)
    assert label(alices_entry) == "Under evaluation"
    publish(edition)
    assert label(alices_entry) == "Finalist"


def test_the_dashboard_shows_why_an_application_is_not_eligible(alices_draft, alice_client):
    Application.objects.filter(pk=alices_draft.pk).update(status=Application.Status.NOT_ELIGIBLE,
                                                          screening_reason="The project has not started yet")
    body = alice_client.get("/dashboard/").content.decode()
    assert "Not eligible" in body and "The project has not started yet" in body
