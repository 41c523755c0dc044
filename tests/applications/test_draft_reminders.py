"""Deadline reminders for applicants with drafts (applications.send_draft_reminders).

These test applications/tasks.py; they live here because this issue's author owns them (move them to
tests/applications/ whenever convenient)."""
from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.utils import timezone

from applications.models import Application, DeadlineExtension, SentReminder
from applications.tasks import send_draft_reminders
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def closing_in(edition, days, hours=0):
    edition.closes_at = timezone.now() + timedelta(days=days, hours=hours)
    edition.save()
    return edition


def run(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return send_draft_reminders.delay().get()


def test_an_applicant_with_a_draft_is_reminded_seven_days_before_closing(edition, alices_draft,
                                                                          django_capture_on_commit_callbacks):
    closing_in(edition, 6, 20)
    assert run(django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@beyoglu.example"]
    assert "7 days left" in message.subject
    assert "KST" in message.body and "/dashboard/" in message.body
    assert message.alternatives and "KST" in message.alternatives[0][0]
    assert alices_draft.display_title in message.body
    reminder = SentReminder.objects.get()
    assert (reminder.purpose, reminder.key, reminder.offset_days) == ("draft-deadline", "edition-2027", 7)
    assert reminder.sent_at is not None


def test_running_twice_sends_each_reminder_once(edition, alices_draft, django_capture_on_commit_callbacks):
    closing_in(edition, 2, 12)
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert "3 days left" in mail.outbox[0].subject


def test_7_3_and_1_days_each_go_out_once_as_the_deadline_nears(edition, alices_draft,
                                                              django_capture_on_commit_callbacks):
    for days in (6, 5, 2, 2, 0):
        closing_in(edition, days, 12)
        run(django_capture_on_commit_callbacks)
    assert [m.subject.split(" left")[0] for m in mail.outbox] == ["7 days", "3 days", "1 day"]


def test_nobody_is_reminded_far_from_the_deadline_or_after_it(edition, alices_draft,
                                                               django_capture_on_commit_callbacks):
    closing_in(edition, 20)
    run(django_capture_on_commit_callbacks)
    closing_in(edition, -1)
    run(django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_submitted_and_withdrawn_applications_are_not_reminded(edition, alice,
                                                               django_capture_on_commit_callbacks):
    ApplicationFactory(edition=edition, applicant=alice, status=Application.Status.SUBMITTED, reference="SSCP-1")
    ApplicationFactory(edition=edition, applicant=alice, status=Application.Status.WITHDRAWN)
    closing_in(edition, 0, 20)
    run(django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_an_applicant_with_two_drafts_gets_one_email_listing_both(edition, alice,
                                                                  django_capture_on_commit_callbacks):
    ApplicationFactory(edition=edition, applicant=alice, title="Akıllı durak")
    ApplicationFactory(edition=edition, applicant=alice, title="Dijital kütüphane",
                       category=edition.categories.get(slug="human-centricity"))
    closing_in(edition, 0, 20)
    run(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert "Akıllı durak" in mail.outbox[0].body and "Dijital kütüphane" in mail.outbox[0].body


def test_offsets_are_editable_per_edition(edition, alices_draft, django_capture_on_commit_callbacks):
    edition.draft_reminder_days = [14]
    closing_in(edition, 13)
    run(django_capture_on_commit_callbacks)
    assert "14 days left" in mail.outbox[0].subject


def test_an_extension_moves_the_reminder_to_the_applicants_own_deadline(edition, alice, alices_draft, sofia,
                                                                       django_capture_on_commit_callbacks):
    closing_in(edition, 0, 20)
    DeadlineExtension.objects.create(edition=edition, applicant=alice, until=edition.closes_at + timedelta(days=10),
                                     reason="Server outage in Beyoğlu", granted_by=sofia)
    run(django_capture_on_commit_callbacks)
    assert mail.outbox == []  # 10 days and 20 hours left for Alice: nothing due yet


def test_a_mail_failure_keeps_the_reminder_for_a_later_retry_that_sends_it_once(
        edition, alices_draft, monkeypatch, django_capture_on_commit_callbacks):
    from django.core.mail.backends.locmem import EmailBackend

    from outbox.models import OutboxMessage
    from outbox.services import sweep

    real_send = EmailBackend.send_messages
    failures = {"left": 1}

    def flaky(self, messages):
        if failures["left"]:
            failures["left"] -= 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    closing_in(edition, 0, 20)
    assert run(django_capture_on_commit_callbacks) == 1  # no error for the caller: the outbox keeps it
    assert mail.outbox == []
    message = OutboxMessage.objects.get()
    assert message.status == "pending" and "SMTPServerDisconnected" in message.last_error
    assert SentReminder.objects.get().sent_at is None  # claimed, not sent: the admin tells the truth
    run(django_capture_on_commit_callbacks)  # beat again: the claim stands, nothing new is scheduled
    assert OutboxMessage.objects.count() == 1
    OutboxMessage.objects.update(available_at=timezone.now())  # its backoff has passed
    assert sweep() == 1
    assert sweep() == 0
    run(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert SentReminder.objects.get().sent_at is not None


def test_the_secretariat_sees_sent_reminders_in_the_admin(edition, alices_draft, sofia_client,
                                                          django_capture_on_commit_callbacks):
    closing_in(edition, 0, 20)
    run(django_capture_on_commit_callbacks)
    page = sofia_client.get("/admin/applications/sentreminder/")
    assert page.status_code == 200
    assert "alice@beyoglu.example" in page.content.decode()


def test_the_beat_schedule_runs_both_reminder_tasks_and_the_outbox_sweep():
    from prize_portal.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert tasks >= {"applications.send_draft_reminders", "evaluation.send_review_reminders", "outbox.sweep"}
