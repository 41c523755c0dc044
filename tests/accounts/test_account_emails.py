"""allauth's own emails (confirm your address, reset your password) go through the outbox like every other email:
a mail server that is down never turns signing up into an error page, and the email follows once it is back."""
import pytest
from django.core import mail
from django.utils import timezone

from outbox.models import OutboxMessage
from outbox.services import sweep


from ..outbox.helpers import FlakySMTP

pytestmark = pytest.mark.django_db(transaction=True)  # real commits, as in production


def sign_up(client, email="new.official@da-nang.example"):
    return client.post("/accounts/signup/", {"email": email, "password1": "a-Long-pass-phrase-42",
                                              "password2": "a-Long-pass-phrase-42", "consent": "on",
                                              "consent_transfer": "on"})


def test_signing_up_records_the_confirmation_email_in_the_outbox_and_delivers_it_once(client):
    response = sign_up(client)
    assert response.status_code == 302
    message = OutboxMessage.objects.get(task="accounts.send_account_email")
    assert message.status == OutboxMessage.Status.DELIVERED
    assert [m.to for m in mail.outbox] == [["new.official@da-nang.example"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_a_mail_server_failure_at_sign_up_shows_success_and_a_later_sweep_sends_the_email_once(client, monkeypatch):
    FlakySMTP(monkeypatch, failures=1)
    response = sign_up(client)
    assert response.status_code == 302  # the account exists; the person is told to check their inbox
    message = OutboxMessage.objects.get(task="accounts.send_account_email")
    assert message.status == OutboxMessage.Status.PENDING and "SMTPServerDisconnected" in message.last_error
    assert mail.outbox == []
    OutboxMessage.objects.filter(pk=message.pk).update(available_at=timezone.now())  # its backoff is over
    sweep()
    sweep()
    assert [m.to for m in mail.outbox] == [["new.official@da-nang.example"]]
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.DELIVERED


def test_a_password_reset_email_is_sent_in_the_accounts_language(client, alice):
    alice.user.language = "ko"
    alice.user.save(update_fields=["language"])
    client.post("/accounts/password/reset/", {"email": alice.user.email})
    assert [m.to for m in mail.outbox] == [[alice.user.email]]
    assert "서울스마트시티상" in mail.outbox[0].subject
