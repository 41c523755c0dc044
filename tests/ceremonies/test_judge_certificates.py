"""Certificates of service for judges who completed reviews.

``ceremonies.services.judges_who_completed_reviews(edition)`` reads evaluation's real models: a judge with a
submitted review is owed a certificate, a judge with only a draft is not."""
import pytest

from ceremonies import services
from ceremonies.models import Certificate
from tests.factories import UserFactory

from .factories import EVALUATED_ELSEWHERE, finalist

pytestmark = pytest.mark.django_db


@pytest.fixture
def judges_with_reviews(edition):
    from evaluation.models import Assignment, Committee, CommitteeMember, Round, RoundEntry

    committee = Committee.objects.create(edition=edition, name="Evaluation Committee")
    minjun = UserFactory(email="minjun@snu.example", first_name="민준", last_name="김")
    ayse = UserFactory(email="ayse@itu.example", first_name="Ayşe", last_name="Öztürk")
    drafter = UserFactory(email="draft@judges.example", first_name="Only", last_name="Drafts")
    for user in (minjun, ayse, drafter):
        CommitteeMember.objects.create(committee=committee, user=user)
    round_one = Round.objects.create(edition=edition, number=1, name="Round 1", committee=committee)
    entry = RoundEntry.objects.create(round=round_one, application=finalist(edition))
    for user, status in ((minjun, "submitted"), (ayse, "submitted"), (drafter, "draft")):
        Assignment.objects.create(round=round_one, entry=entry, judge=user, status=status)
    return minjun, ayse


def test_the_judges_owed_a_certificate_are_those_who_submitted_a_review(edition, judges_with_reviews):
    assert set(services.judges_who_completed_reviews(edition)) == set(judges_with_reviews)


def test_each_judge_who_completed_reviews_gets_one_certificate_of_service(edition, sofia, judges_with_reviews):
    created, _requested = services.issue_certificates(edition=edition, by=sofia, enqueue=False,
                                                      override_reason=EVALUATED_ELSEWHERE)
    assert created == 3  # two judges and the finalist
    again, _requested = services.issue_certificates(edition=edition, by=sofia, enqueue=False,
                                                    override_reason=EVALUATED_ELSEWHERE)
    assert again == 0
    minjun, ayse = judges_with_reviews
    certificate = Certificate.objects.get(judge=ayse)
    assert certificate.kind == "service" and certificate.recipient_name == "Ayşe Öztürk"
    assert services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.is_ready


def test_a_judge_downloads_their_certificate_of_service(edition, sofia, judges_with_reviews,
                                                        django_capture_on_commit_callbacks):
    from tests.conftest import signed_in

    with django_capture_on_commit_callbacks(execute=True):
        services.issue_certificates(edition=edition, by=sofia, override_reason=EVALUATED_ELSEWHERE)
    minjun, ayse = judges_with_reviews
    certificate = Certificate.objects.get(judge=minjun)
    assert signed_in(minjun).get(f"/certificates/{certificate.code}/pdf/").status_code == 200
    assert signed_in(ayse).get(f"/certificates/{certificate.code}/pdf/").status_code == 404
    assert "김" in signed_in(minjun).get(f"/certificates/{certificate.code}/").content.decode()


def test_a_judge_finds_their_certificate_on_their_reviews_dashboard(
        edition, sofia, judges_with_reviews, django_capture_on_commit_callbacks):
    from tests.conftest import signed_in

    with django_capture_on_commit_callbacks(execute=True):
        services.issue_certificates(edition=edition, by=sofia, override_reason=EVALUATED_ELSEWHERE)
    minjun, _ayse = judges_with_reviews
    certificate = Certificate.objects.get(judge=minjun)
    dashboard = signed_in(minjun).get("/review/?round=all").content.decode()
    assert f"/certificates/{certificate.code}/pdf/" in dashboard
