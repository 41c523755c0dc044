"""An invitation to judge goes out in the invitee's language: their account's when they have one, else the
language of the secretariat member who invited them (nothing is stored on the invitation)."""
import pytest
from django.core import mail

from evaluation import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def invite(committee, email, sofia, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_judge(committee=committee, email=email, by=sofia)
    return mail.outbox[-1]


def test_an_expert_without_an_account_is_invited_in_the_inviters_language(committee, sofia,
                                                                          django_capture_on_commit_callbacks):
    sofia.language = "ko"
    sofia.save()
    email = invite(committee, "minji@kaist.example", sofia, django_capture_on_commit_callbacks)
    assert email.to == ["minji@kaist.example"]
    assert "초대" in email.subject and "서울스마트시티상" in email.subject
    assert "초대 수락" in email.alternatives[0][0]


def test_an_expert_with_an_account_is_invited_in_their_own_language(committee, sofia,
                                                                   django_capture_on_commit_callbacks):
    sofia.language = "ko"
    sofia.save()
    UserFactory(email="lena@tu-berlin.example", language="en")
    email = invite(committee, "Lena@TU-Berlin.example", sofia, django_capture_on_commit_callbacks)
    assert email.subject.startswith("Invitation to the")


def test_judges_get_their_assignment_emails_in_their_language(round_one, hana):
    from evaluation.tasks import send_assignment_emails

    hana.language = "ko"
    hana.save()
    send_assignment_emails(round_one.pk, [hana.pk])
    email = mail.outbox[-1]
    assert email.to == [hana.email] and "1차 라운드 심사 대상 안내" in email.subject
