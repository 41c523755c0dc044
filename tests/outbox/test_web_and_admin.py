"""What people see: the applicant's submission succeeds whatever the mail server does; the secretariat sees the
outbox in the admin and can retry a stuck message."""
import pytest
from django.core import mail

from applications.models import Application
from outbox.models import OutboxMessage

from .helpers import FlakySMTP, submit_form

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)  # a real commit: the email is tried inside the request, as in production
def test_submitting_while_the_mail_server_is_down_shows_success_and_the_email_waits(
        alice_client, alices_draft, monkeypatch):
    FlakySMTP(monkeypatch, failures=1)
    response = alice_client.post(f"/apply/{alices_draft.pk}/", submit_form(alices_draft))
    assert response.status_code == 302 and response.url == f"/applications/{alices_draft.pk}/"
    assert Application.objects.get(pk=alices_draft.pk).status == Application.Status.SUBMITTED
    assert "has been submitted" in alice_client.get(response.url).content.decode()
    message = OutboxMessage.objects.get(task="applications.send_submission_confirmation")
    assert message.status == "pending" and "SMTPServerDisconnected" in message.last_error
    assert mail.outbox == []


@pytest.fixture
def stuck(alices_draft, monkeypatch, django_capture_on_commit_callbacks):
    from applications import services

    FlakySMTP(monkeypatch, failures=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application=alices_draft, user=alices_draft.applicant.user)
    return OutboxMessage.objects.get(task="applications.send_submission_confirmation")


def test_the_secretariat_sees_stuck_messages_filtered_by_status(sofia_client, stuck):
    page = sofia_client.get("/admin/outbox/outboxmessage/?status__exact=pending").content.decode()
    assert "applications.send_submission_confirmation" in page and "SMTPServerDisconnected" in page
    page = sofia_client.get("/admin/outbox/outboxmessage/?status__exact=delivered").content.decode()
    assert "SMTPServerDisconnected" not in page


def test_the_secretariat_retries_a_stuck_message_now(sofia_client, stuck, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sofia_client.post("/admin/outbox/outboxmessage/", {
            "action": "retry_now", "_selected_action": [stuck.pk]})
    assert response.status_code == 302
    stuck.refresh_from_db()
    assert stuck.status == "delivered"
    assert [m.to for m in mail.outbox] == [["alice@beyoglu.example"]]


def test_the_outbox_is_read_only_in_the_admin(sofia_client, stuck):
    assert sofia_client.get("/admin/outbox/outboxmessage/add/").status_code == 403
    assert sofia_client.post(f"/admin/outbox/outboxmessage/{stuck.pk}/change/", {"status": "delivered"}
                             ).status_code == 403
    assert sofia_client.get(f"/admin/outbox/outboxmessage/{stuck.pk}/delete/").status_code == 403
    stuck.refresh_from_db()
    assert stuck.status == "pending"


def test_applicants_do_not_see_the_outbox(alice_client, stuck):
    assert alice_client.get("/admin/outbox/outboxmessage/").status_code == 302  # to the admin login
