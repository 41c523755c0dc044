"""What Alice is told about her application at each stage, before and after the results are published."""
import pytest
from django.utils import timezone

from applications import services
from applications.models import Application
from applications.rules import applicant_status_label
from evaluation.models import Committee, Round, RoundEntry
from evaluation.services import create_default_rounds
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
Status = Application.Status


@pytest.fixture
def rounds(edition, sofia):
    committee = Committee.objects.create(edition=edition, name="Evaluation Committee",
                                         kind=Committee.Kind.EVALUATION)
    return {r.number: r for r in create_default_rounds(edition=edition, committee=committee, by=sofia)}


def entry(edition, alice, status, **fields):
    return ApplicationFactory(edition=edition, applicant=alice, status=status, reference="SSCP-2027-0001", **fields)


def took_part(application, round, *, advanced=None, status=Round.Status.FINALIZED):
    Round.objects.filter(pk=round.pk).update(status=status)
    RoundEntry.objects.create(round=round, application=application, advanced=advanced)


def publish(edition):
    edition.results_published_at = timezone.now()
    edition.save()


def test_a_draft_and_a_submitted_application_say_so(edition, alice):
    assert applicant_status_label(ApplicationFactory(edition=edition, applicant=alice)) == "Draft"
    assert applicant_status_label(entry(edition, alice, Status.SUBMITTED)) == "Submitted"


def test_a_reopened_application_says_it_is_not_submitted(edition, alice):
    application = services.submit_application(application=ApplicationFactory(edition=edition, applicant=alice),
                                              user=alice.user)
    services.reopen_application(application=application, user=alice.user)
    application.refresh_from_db()
    assert applicant_status_label(application) == "Reopened: not submitted"


def test_not_eligible_comes_with_the_reason(edition, alice):
    application = entry(edition, alice, Status.NOT_ELIGIBLE, screening_reason="The project has not started yet.")
    assert applicant_status_label(application) == "Not eligible: The project has not started yet."


def test_an_eligible_entry_not_yet_in_a_round_is_eligible(edition, alice, rounds):
    assert applicant_status_label(entry(edition, alice, Status.ELIGIBLE)) == "Eligible"


def test_an_entry_in_an_open_round_is_under_evaluation(edition, alice, rounds):
    application = entry(edition, alice, Status.ELIGIBLE)
    took_part(application, rounds[1], status=Round.Status.OPEN)
    assert applicant_status_label(application) == "Under evaluation"


def test_an_entry_that_advanced_is_still_under_evaluation(edition, alice, rounds):
    application = entry(edition, alice, Status.ELIGIBLE)
    took_part(application, rounds[1], advanced=True)
    publish(edition)
    assert applicant_status_label(application) == "Under evaluation"


def test_not_advancing_is_hidden_until_the_results_are_published(edition, alice, rounds):
    application = entry(edition, alice, Status.ELIGIBLE)
    took_part(application, rounds[1], advanced=True)
    took_part(application, rounds[2], advanced=False)
    assert applicant_status_label(application) == "Under evaluation"
    publish(edition)
    application.refresh_from_db()
    assert applicant_status_label(application) == "Not advanced (after round 2)"


def test_a_round_not_finalized_tells_nothing_even_after_publication(edition, alice, rounds):
    application = entry(edition, alice, Status.ELIGIBLE)
    took_part(application, rounds[1], advanced=False, status=Round.Status.CLOSED)
    publish(edition)
    assert applicant_status_label(application) == "Under evaluation"


@pytest.mark.parametrize("status,published_label", [(Status.FINALIST, "Finalist"), (Status.WINNER, "Winner")])
def test_finalist_and_winner_show_only_once_published(edition, alice, status, published_label):
    application = entry(edition, alice, status)
    assert applicant_status_label(application) == "Under evaluation"
    publish(edition)
    application.refresh_from_db()
    assert applicant_status_label(application) == published_label


def test_the_dashboard_shows_the_published_outcome(edition, alice, alice_client, rounds):
    application = entry(edition, alice, Status.ELIGIBLE)
    took_part(application, rounds[1], advanced=False)
    assert "Not advanced" not in alice_client.get("/dashboard/").content.decode()
    publish(edition)
    assert "Not advanced (after round 1)" in alice_client.get("/dashboard/").content.decode()
