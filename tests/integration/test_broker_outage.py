"""Nothing is lost when Redis or the mail server is down.

A private ``redis-server`` that the test stops and restarts, a real Celery worker with its embedded beat
sweeping the outbox every second, PostgreSQL, and an SMTP stand-in that can refuse or hang.
"""
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from applications.models import Application, SentReminder
from applications.tasks import send_draft_reminders
from outbox.models import OutboxMessage
from tests.factories import ApplicantProfileFactory, ApplicationFactory, EditionFactory, UserFactory
from tests.outbox.helpers import submit_form

from .conftest import _skip_unless_postgres, app_pointed_at, running_worker, wait_for
from .private_redis import PrivateRedis
from .smtp_sink import SMTPSink

pytestmark = [pytest.mark.integration, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
REMINDER = "applications.send_draft_reminder"


@pytest.fixture
def redis_server(tmp_path):
    _skip_unless_postgres()
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_server():
    with SMTPSink() as sink:
        yield sink


@pytest.fixture
def start_worker(django_db_setup, redis_server, mail_server, shared_media, tmp_path):
    """Starts workers with an embedded beat (``outbox.sweep`` every second) on the private Redis."""
    with app_pointed_at(redis_server.url):
        with _Workers(redis_server, mail_server, shared_media, tmp_path) as workers:
            yield workers.start


class _Workers:
    def __init__(self, redis_server, mail_server, media, tmp_path):
        self.args = (redis_server.url,)
        self.options = {"media": media, "smtp_port": mail_server.port, "env": {"OUTBOX_SWEEP_SECONDS": "1"}}
        self.tmp_path, self.running = tmp_path, []

    def start(self):
        index = len(self.running)
        context = running_worker(*self.args, name=f"outage{index}", **self.options,
                                 extra_args=("--beat", f"--schedule={self.tmp_path / f'beat-{index}'}"))
        worker = context.__enter__()
        self.running.append(context)
        return worker

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for context in reversed(self.running):
            context.__exit__(None, None, None)


def emails_to(sink, address):
    return [item for item in sink.messages if item["to"] == [address]]


def submit_through_the_web(email):
    applicant = ApplicantProfileFactory(user=UserFactory(email=email))
    draft = ApplicationFactory(applicant=applicant)
    client = Client()
    client.force_login(applicant.user)
    assert client.get(f"/apply/{draft.pk}/").status_code == 200  # the form, opened while Redis was up
    return lambda: client.post(f"/apply/{draft.pk}/", submit_form(draft)), draft


def timed(action):
    started = time.monotonic()
    result = action()
    return result, time.monotonic() - started


def test_submissions_while_redis_is_down_succeed_at_once_and_their_emails_arrive_once_when_it_is_back(
        start_worker, redis_server, mail_server, monkeypatch):
    from outbox import services

    monkeypatch.setattr(services, "BROKER_PAUSE_SECONDS", 0)  # each submit below really tries the broker
    start_worker()
    alices_submit, alices_draft = submit_through_the_web("alice@beyoglu.example")
    bobs_submit, bobs_draft = submit_through_the_web("bob@ankara-tech.example")
    redis_server.stop()

    first, cold = timed(alices_submit)  # this process's first use of the broker also imports its client
    second, warm = timed(bobs_submit)
    print(f"\nSubmitting with the broker down: {cold:.3f} s (first in the process), {warm:.3f} s (next)")  # noqa: T201
    for response, draft in ((first, alices_draft), (second, bobs_draft)):
        assert response.status_code == 302 and response.url == f"/applications/{draft.pk}/"
        assert Application.objects.get(pk=draft.pk).status == Application.Status.SUBMITTED
    assert cold < 2.5 and warm < 0.5
    messages = OutboxMessage.objects.filter(task="applications.send_submission_confirmation")
    assert [m.status for m in messages] == [OutboxMessage.Status.PENDING] * 2
    time.sleep(2)
    assert mail_server.messages == []  # the worker cannot hear of them while Redis is down

    redis_server.start()  # empty: whatever Redis held is gone, the outbox is in PostgreSQL
    wait_for(lambda: len(mail_server.messages) >= 2, timeout=90, message="both confirmations once Redis is back")
    time.sleep(3)  # three more sweeps: any duplicate would have arrived
    assert sorted(address for item in mail_server.messages for address in item["to"]) == [
        "alice@beyoglu.example", "bob@ankara-tech.example"]
    assert {(m.status, m.attempts) for m in messages.all()} == {(OutboxMessage.Status.DELIVERED, 1)}


@pytest.fixture
def huongs_draft():
    edition = EditionFactory(closes_at=timezone.now() + timedelta(days=2, hours=6))
    huong = ApplicantProfileFactory(user=UserFactory(email="huong@danang.example"), name="Đà Nẵng", country="VN",
                                    contact_name="Nguyễn Thị Hương")
    return ApplicationFactory(edition=edition, applicant=huong, title="Cảnh báo lũ sớm cho Đà Nẵng")


def test_a_reminder_the_mail_server_refused_is_retried_later_and_sent_once(start_worker, mail_server, huongs_draft):
    start_worker()
    mail_server.refuse = 1
    send_draft_reminders.delay()
    message = wait_for(lambda: OutboxMessage.objects.filter(task=REMINDER).exclude(last_error="").first(),
                       message="the refused reminder to be recorded")
    assert message.status == OutboxMessage.Status.PENDING and "421" in message.last_error
    assert SentReminder.objects.get().sent_at is None
    send_draft_reminders.delay()  # beat fires again meanwhile: the claim stands, nothing new is scheduled
    time.sleep(2)
    assert mail_server.messages == [] and OutboxMessage.objects.filter(task=REMINDER).count() == 1

    OutboxMessage.objects.filter(pk=message.pk).update(available_at=timezone.now())  # its backoff has passed
    wait_for(lambda: mail_server.messages, message="the retried reminder")
    time.sleep(3)
    assert [item["to"] for item in mail_server.messages] == [["huong@danang.example"]]
    assert "Nguyễn Thị Hương" in mail_server.messages[0]["message"].get_body(("plain",)).get_content()
    assert SentReminder.objects.get().sent_at is not None
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.DELIVERED, 2)


def test_a_reminder_whose_worker_was_killed_mid_send_is_sent_once_by_the_next_worker(
        start_worker, mail_server, huongs_draft):
    first = start_worker()
    mail_server.stall = 1  # the message reaches the mail server, which never answers: the worker hangs there
    send_draft_reminders.delay()
    assert mail_server.stalled.wait(timeout=30), "the worker never reached the mail server"
    first.kill()  # SIGKILL mid-send, with its embedded beat
    assert mail_server.messages == []
    message = OutboxMessage.objects.get(task=REMINDER)
    assert (message.status, message.attempts) == (OutboxMessage.Status.PENDING, 0)  # its attempt died with it
    assert SentReminder.objects.get().sent_at is None

    start_worker()  # its sweep finds the reminder due
    wait_for(lambda: mail_server.messages, message="the reminder from the next worker")
    time.sleep(3)
    assert [item["to"] for item in mail_server.messages] == [["huong@danang.example"]]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.DELIVERED, 1)
    assert SentReminder.objects.get().sent_at is not None
