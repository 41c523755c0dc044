"""Publishing and certificates wait for their phase: no results while the call is open or the evaluation
runs, none with an eligible entry never evaluated or a category without a finalist, no certificates before
publication — each refused unless the secretariat gives a reason, which the audit log keeps."""
from datetime import timedelta

import pytest
from django.utils import timezone

from applications.models import Application
from audit.models import AuditEntry
from ceremonies import services
from ceremonies.models import Certificate
from evaluation.models import Committee, Round
from tests.evaluation.conftest import eligible_application

from .factories import finalist

pytestmark = pytest.mark.django_db


@pytest.fixture
def finalists(edition):
    """A finalist in every category."""
    return [finalist(edition, category=slug, name=f"Entrant {slug}") for slug in
            ("tech-innovacity", "human-centricity", "leadership")]


def finish_evaluation(edition):
    """The call closed yesterday and the (only) round is finalized."""
    edition.closes_at = timezone.now() - timedelta(days=1)
    edition.save(update_fields=["closes_at"])
    committee = Committee.objects.create(edition=edition, name="Evaluation Committee")
    Round.objects.create(edition=edition, number=1, name="Only round", committee=committee,
                         status=Round.Status.FINALIZED)


def test_results_are_not_published_while_the_call_is_open(edition, finalists, sofia):
    with pytest.raises(services.AwardError, match="applications are still open"):
        services.publish_results(edition=edition, by=sofia)
    edition.refresh_from_db()
    assert not edition.results_published


def test_results_are_not_published_while_a_round_is_still_running(edition, finalists, sofia):
    finish_evaluation(edition)
    Round.objects.filter(edition=edition).update(status=Round.Status.CLOSED)
    with pytest.raises(services.AwardError, match="evaluation is not over: Evaluation: round 1 \\(closed\\)"):
        services.publish_results(edition=edition, by=sofia)


def test_an_eligible_entry_never_evaluated_blocks_publication(edition, finalists, sofia, bob):
    finish_evaluation(edition)
    eligible_application(edition, bob, 7)
    with pytest.raises(services.AwardError, match="SSCP-2027-0007: eligible but never evaluated"):
        services.publish_results(edition=edition, by=sofia)


def test_a_category_without_a_finalist_blocks_publication(edition, finalists, sofia):
    finish_evaluation(edition)
    Application.objects.filter(category__slug="leadership").update(status=Application.Status.NOT_ELIGIBLE)
    with pytest.raises(services.AwardError, match="Leadership: no finalist"):
        services.publish_results(edition=edition, by=sofia)


def test_a_finished_and_covered_evaluation_publishes_without_a_reason(edition, finalists, sofia):
    finish_evaluation(edition)
    services.publish_results(edition=edition, by=sofia)
    assert "override" not in AuditEntry.objects.get(action="results.published").data


def test_publishing_out_of_order_with_a_reason_passes_and_is_audited(edition, finalists, sofia):
    services.publish_results(edition=edition, by=sofia, override_reason="Announced at the mayors' forum")
    edition.refresh_from_db()
    assert edition.results_published
    override = AuditEntry.objects.get(action="results.published").data["override"]
    assert override["reason"] == "Announced at the mayors' forum"
    assert override["problems"] == ["applications are still open"]


def test_certificates_wait_for_publication_unless_overridden(edition, finalists, sofia):
    with pytest.raises(services.AwardError, match="not published yet"):
        services.issue_certificates(edition=edition, by=sofia, enqueue=False)
    assert not Certificate.objects.exists()
    services.issue_certificates(edition=edition, by=sofia, enqueue=False,
                                override_reason="Printed in advance for the ceremony")
    assert Certificate.objects.filter(edition=edition).count() == 3
    entry = AuditEntry.objects.get(action="certificates.generated")
    assert entry.data["override"]["reason"] == "Printed in advance for the ceremony"
