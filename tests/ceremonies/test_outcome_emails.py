"""At publication Sofia previews every applicant's outcome email and sends them once: Alice's city won Gold,
Seoul is a finalist, Bob's company did not advance after round 1; Dilek's entry was never in a round."""
import pytest
from django.core import mail
from django.utils import timezone

from applications.models import Application
from audit.models import AuditEntry
from ceremonies import outcomes, services
from ceremonies.models import Certificate
from evaluation.models import Committee, Round, RoundEntry
from evaluation.services import create_default_rounds
from tests.conftest import signed_in
from tests.factories import ApplicantProfileFactory, ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db
DESK = "/admin/ceremonies/editionresults/{}/outcome-emails/"


@pytest.fixture
def evaluated(edition, sofia, gold, seoul_finalist, bob):
    """Round 1 finalized: Alice (now a Gold winner) and Seoul advanced, Bob did not."""
    committee = Committee.objects.create(edition=edition, name="Evaluation Committee",
                                         kind=Committee.Kind.EVALUATION)
    round_one = create_default_rounds(edition=edition, committee=committee, by=sofia)[0]
    Round.objects.filter(pk=round_one.pk).update(status=Round.Status.FINALIZED)
    bobs = ApplicationFactory(edition=edition, applicant=bob, status=Application.Status.ELIGIBLE,
                              reference="SSCP-2027-0900", title="Autonomous night buses")
    for application, advanced in ((gold.application, True), (seoul_finalist, True), (bobs, False)):
        RoundEntry.objects.create(round=round_one, application=application, advanced=advanced)
    dilek = ApplicantProfileFactory(user=UserFactory(email="dilek@izmir.example"), name="İzmir")
    ApplicationFactory(edition=edition, applicant=dilek, status=Application.Status.ELIGIBLE, reference="SSCP-2027-0901")
    return {"alice": gold.application, "seoul": seoul_finalist, "bob": bobs}


def by_recipient(previews):
    return {preview["to"]: preview for preview in previews}


def test_the_preview_shows_each_evaluated_applicant_their_own_outcome(edition, evaluated):
    previews = by_recipient(outcomes.preview_outcome_emails(edition=edition))
    assert set(previews) == {"alice@beyoglu.example", "seoul@seoul.example", "bob@ankara-tech.example"}
    assert "winner (Gold)" in previews["alice@beyoglu.example"]["text"]
    assert "is a finalist" in previews["seoul@seoul.example"]["text"]
    assert "did not advance after round 1" in previews["bob@ankara-tech.example"]["text"]
    assert "SSCP-2027-0900" in previews["bob@ankara-tech.example"]["subject"]
    assert "certificate" not in previews["bob@ankara-tech.example"]["text"]
    assert all(preview["sent_at"] is None for preview in previews.values())


def test_a_finalist_gets_the_certificate_link_when_ready_else_the_dashboard(edition, evaluated):
    Certificate.objects.create(edition=edition, kind=Certificate.Kind.FINALIST, application=evaluated["seoul"],
                               recipient_name="Seoul", file="certificates/2027/x.pdf", rendered_at=timezone.now())
    previews = by_recipient(outcomes.preview_outcome_emails(edition=edition))
    code = Certificate.objects.get().code
    assert f"/certificates/{code}/pdf/" in previews["seoul@seoul.example"]["text"]
    assert f"/certificates/{code}/pdf/" in previews["seoul@seoul.example"]["html"]
    alices = previews["alice@beyoglu.example"]["text"]
    assert "being prepared" in alices and "/dashboard/" in alices


def test_nothing_is_sent_before_publication(edition, evaluated, sofia, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.AwardError, match="Publish"):
        outcomes.send_outcome_emails(edition=edition, by=sofia)
    assert mail.outbox == []
    assert not Application.objects.filter(outcome_sent_at__isnull=False).exists()


def test_sending_twice_sends_each_outcome_once_and_records_who_and_when(edition, evaluated, sofia, published,
                                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = outcomes.send_outcome_emails(edition=edition, by=sofia)
    with django_capture_on_commit_callbacks(execute=True):
        second = outcomes.send_outcome_emails(edition=edition, by=sofia)
    assert sorted(first) == sorted(a.reference for a in evaluated.values()) and second == []
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@beyoglu.example", "bob@ankara-tech.example",
                                                     "seoul@seoul.example"]
    bobs = Application.objects.get(pk=evaluated["bob"].pk)
    assert bobs.outcome_sent_by == sofia and bobs.outcome_sent_at is not None
    entry = AuditEntry.objects.get(action="outcomes.sent")
    assert entry.actor == sofia and sorted(entry.data["applications"]) == sorted(first)


def test_an_email_claimed_but_delivered_after_the_results_were_withdrawn_is_not_sent(
        edition, evaluated, sofia, published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        outcomes.send_outcome_emails(edition=edition, by=sofia)
    services.withdraw_results(edition=edition, by=sofia, reason="A score was entered twice.")
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_sofia_previews_then_sends_from_the_results_desk(edition, evaluated, sofia, published,
                                                         django_capture_on_commit_callbacks):
    client = signed_in(sofia)
    page = client.get(DESK.format(edition.pk)).content.decode()
    assert "Send 3 outcome emails" in page and "did not advance after round 1" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(DESK.format(edition.pk), {"confirm": "yes"})
    assert len(mail.outbox) == 3
    page = client.get(DESK.format(edition.pk)).content.decode()
    assert "Every outcome email has been sent." in page and "by Sofia" in page


def test_the_desk_offers_no_send_before_publication(edition, evaluated, sofia):
    page = signed_in(sofia).get(DESK.format(edition.pk)).content.decode()
    assert "can be previewed, not sent" in page and 'name="confirm"' not in page


def test_an_applicant_cannot_reach_the_outcome_desk(edition, evaluated, alice, published):
    response = signed_in(alice.user).post(DESK.format(edition.pk), {"confirm": "yes"})
    assert response.status_code == 302 and mail.outbox == []
