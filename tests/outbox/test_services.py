"""The outbox: side effects recorded in the caller's transaction, delivered once, retried until sent."""
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from applications import services as applications
from outbox import services
from outbox.models import OutboxMessage

from .helpers import FlakySMTP

pytestmark = pytest.mark.django_db
CONFIRMATION = "applications.send_submission_confirmation"


def submit(draft, callbacks):
    with callbacks(execute=True):
        return applications.submit_application(application=draft, user=draft.applicant.user)


def test_a_submission_records_its_confirmation_email_and_delivers_it_after_commit(
        alices_draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        applications.submit_application(application=alices_draft, user=alices_draft.applicant.user)
        message = OutboxMessage.objects.get(task=CONFIRMATION)  # written with the submission itself
        assert message.args == [alices_draft.pk] and message.status == "pending"
        assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.sent_at is not None) == ("delivered", 1, True)
    assert [m.to for m in mail.outbox] == [["alice@beyoglu.example"]]


def test_nothing_is_recorded_when_the_action_rolls_back(alices_draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError):
        with transaction.atomic():
            applications.submit_application(application=alices_draft, user=alices_draft.applicant.user)
            raise RuntimeError("something after the submission failed")
    assert not OutboxMessage.objects.exists()
    assert callbacks == []


def test_delivering_a_message_twice_sends_it_once(alices_draft, django_capture_on_commit_callbacks):
    submit(alices_draft, django_capture_on_commit_callbacks)
    message = OutboxMessage.objects.get(task=CONFIRMATION)
    assert services.deliver(message_id=message.pk) is False  # the worker receives it a second time
    assert services.sweep() == 0
    assert len(mail.outbox) == 1


def test_a_key_scheduled_twice_is_delivered_once(alices_draft, django_capture_on_commit_callbacks):
    application = alices_draft
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule(CONFIRMATION, application.pk, key="confirmation-1")
        services.schedule(CONFIRMATION, application.pk, key="confirmation-1")
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule(CONFIRMATION, application.pk, key="confirmation-1")  # even after it was delivered
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_misspelt_task_fails_inside_the_callers_transaction():
    with pytest.raises(KeyError):
        services.schedule("applications.send_confirmation_typo", 1)
    assert not OutboxMessage.objects.exists()


def test_a_mail_server_failure_leaves_the_email_pending_and_a_later_sweep_sends_it_once(
        alices_draft, monkeypatch, django_capture_on_commit_callbacks):
    FlakySMTP(monkeypatch, failures=1)
    submitted = submit(alices_draft, django_capture_on_commit_callbacks)  # no error reaches the caller
    assert submitted.reference
    message = OutboxMessage.objects.get(task=CONFIRMATION)
    assert (message.status, message.attempts) == ("pending", 1)
    assert message.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert message.available_at > timezone.now() + timedelta(seconds=20)  # backs off
    assert services.sweep() == 0 and mail.outbox == []  # not due yet
    OutboxMessage.objects.update(available_at=timezone.now())  # the backoff has passed
    assert services.sweep() == 1
    assert services.sweep() == 0
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("delivered", 2, "")


def test_the_backoff_doubles_up_to_an_hour():
    assert [services.backoff(n).total_seconds() for n in (1, 2, 3, 8, 20)] == [30, 60, 120, 3600, 3600]


def test_a_failing_task_keeps_none_of_its_own_writes(edition, alice, monkeypatch, django_capture_on_commit_callbacks):
    """What the task wrote before it failed is rolled back with the attempt: a reminder is not left marked sent."""
    from applications.models import SentReminder
    from applications.tasks import send_draft_reminders
    from tests.factories import ApplicationFactory

    ApplicationFactory(edition=edition, applicant=alice)
    edition.closes_at = timezone.now() + timedelta(hours=20)
    edition.save()

    def write_then_fail(**kwargs):
        SentReminder.objects.update(sent_at=timezone.now())
        raise RuntimeError("the task failed after writing")

    monkeypatch.setattr("applications.tasks.send_templated_email", write_then_fail)
    with django_capture_on_commit_callbacks(execute=True):
        send_draft_reminders()
    assert SentReminder.objects.get().sent_at is None
    assert OutboxMessage.objects.get().status == "pending"


def test_after_many_failures_a_message_is_given_up_and_the_secretariat_can_retry_it(
        alices_draft, monkeypatch, django_capture_on_commit_callbacks):
    FlakySMTP(monkeypatch, failures=1)
    monkeypatch.setattr(services, "MAX_ATTEMPTS", 1)
    submit(alices_draft, django_capture_on_commit_callbacks)
    message = OutboxMessage.objects.get(task=CONFIRMATION)
    assert message.status == "failed"
    assert services.sweep() == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.retry_now(messages=OutboxMessage.objects.all()) == 1
    message.refresh_from_db()
    assert message.status == "delivered"
    assert len(mail.outbox) == 1


def test_a_down_broker_is_logged_not_raised_and_fails_fast(alices_draft, settings, caplog,
                                                           django_capture_on_commit_callbacks):
    """Not eager, and nothing listens on the broker's port: the submission still succeeds at once."""
    import socket
    import time

    import kombu.transport.redis  # noqa: F401 - loaded already in a web process that has served a while

    from prize_portal.celery import app

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.update(task_always_eager=False, broker_url=f"redis://127.0.0.1:{port}/0")
    app._pool = None
    app.amqp._producer_pool = None
    services._broker_down_until = 0.0
    try:
        started = time.monotonic()
        submitted = submit(alices_draft, django_capture_on_commit_callbacks)
        elapsed = time.monotonic() - started
    finally:
        app.conf.update(saved)
        app._pool = None
        app.amqp._producer_pool = None
        services._broker_down_until = 0.0
    assert submitted.reference
    assert elapsed < 1.5, elapsed
    assert "the sweep will deliver it" in caplog.text
    assert OutboxMessage.objects.get(task=CONFIRMATION).status == "pending"
    assert mail.outbox == []
    assert services.sweep() == 1  # the broker is back (here: eager again) and beat sweeps
    assert len(mail.outbox) == 1


def test_the_deliver_outbox_command_sweeps_for_a_portal_without_beat(
        alices_draft, monkeypatch, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    FlakySMTP(monkeypatch, failures=1)
    submit(alices_draft, django_capture_on_commit_callbacks)
    OutboxMessage.objects.update(available_at=timezone.now())
    out = StringIO()
    call_command("deliver_outbox", stdout=out)
    assert out.getvalue().strip() == "Delivered 1; 0 still pending."
    assert len(mail.outbox) == 1
