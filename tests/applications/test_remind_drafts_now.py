"""“Remind drafts now”: a preview of who would get it, then one email each through the outbox, once a day."""
from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from applications.draft_reminders import drafts_to_remind, remind_drafts_now
from applications.models import Application
from audit.models import AuditEntry
from outbox.models import OutboxMessage
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:applications_edition_changelist")


@pytest.fixture
def drafts(edition, alice, bob):
    """Alice has two drafts, Bob has submitted his only application."""
    first = ApplicationFactory(edition=edition, applicant=alice, title="Su kaçaklarını bulan sensörler")
    second = ApplicationFactory(edition=edition, applicant=alice, title="Akıllı otopark",
                                category=edition.categories.get(slug="human-centricity"))
    ApplicationFactory(edition=edition, applicant=bob, title="Autonomous night buses",
                       status=Application.Status.SUBMITTED)
    return first, second


def test_the_preview_lists_each_applicant_with_drafts_once(edition, alice, drafts):
    rows = drafts_to_remind(edition=edition)
    assert [row["applicant"] for row in rows] == [alice]
    assert {d.title for d in rows[0]["drafts"]} == {"Su kaçaklarını bulan sensörler", "Akıllı otopark"}


def test_nobody_is_reminded_after_the_deadline(edition, drafts):
    edition.closes_at = timezone.now() - timedelta(days=1)
    edition.save()
    assert drafts_to_remind(edition=edition) == []


def test_reminding_twice_in_a_day_sends_one_email(edition, alice, drafts, sofia, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        remind_drafts_now(edition=edition, by=sofia)
    with django_capture_on_commit_callbacks(execute=True):
        remind_drafts_now(edition=edition, by=sofia)
    assert [m.to for m in mail.outbox] == [[alice.user.email]]
    assert "Akıllı otopark" in mail.outbox[0].body and "Su kaçaklarını" in mail.outbox[0].body
    assert OutboxMessage.objects.filter(task="applications.send_draft_reminder_now").count() == 1
    assert AuditEntry.objects.filter(action="drafts.reminded").count() == 2


def test_the_next_day_reminds_again(edition, alice, drafts, sofia, django_capture_on_commit_callbacks):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        remind_drafts_now(edition=edition, by=sofia, now=now)
        remind_drafts_now(edition=edition, by=sofia, now=now + timedelta(days=1))
    assert OutboxMessage.objects.filter(task="applications.send_draft_reminder_now").count() == 2


def test_the_admin_shows_the_preview_then_sends(edition, alice, drafts, sofia_client,
                                                django_capture_on_commit_callbacks):
    form = {"action": "remind_drafts_now", ACTION_CHECKBOX_NAME: [edition.pk], "index": 0}
    preview = sofia_client.post(CHANGELIST, form)
    page = preview.content.decode()
    assert preview.status_code == 200 and alice.user.email in page and "Akıllı otopark" in page
    assert "Autonomous night buses" not in page and not OutboxMessage.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = sofia_client.post(CHANGELIST, {**form, "apply": "1"})
    assert response.status_code == 302 and len(mail.outbox) == 1
