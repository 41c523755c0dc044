"""Reminder offsets are edited as a list of whole days, never as raw JSON; no stored value stops the hourly task."""
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from applications.models import Edition
from applications.tasks import send_draft_reminders
from tests.html import field_value, form_data

pytestmark = pytest.mark.django_db


def edition_url(edition):
    return f"/admin/applications/edition/{edition.pk}/change/"


def post_edition(client, edition, **changes):
    data = form_data(client.get(edition_url(edition)).content, "edition_form")
    data.update({name: [value] for name, value in changes.items()})
    return client.post(edition_url(edition), data)


def test_the_edition_admin_shows_reminder_days_as_a_list_of_days_not_json(sofia_client, edition):
    html = sofia_client.get(edition_url(edition)).content.decode()
    assert field_value(html, "draft_reminder_days") == "7, 3, 1"
    assert field_value(html, "review_reminder_days") == "3, 1"


def test_typed_days_are_saved_as_a_list_of_whole_days(sofia_client, edition):
    response = post_edition(sofia_client, edition, draft_reminder_days="1 3; 14,3", review_reminder_days="")
    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.draft_reminder_days, edition.review_reminder_days) == ([14, 3, 1], [])


@pytest.mark.parametrize("typed", ["7, x", "²", "-1", "0", "2.5", "366", "9" * 30, '["7"]', "7\x00"])
def test_days_that_are_not_whole_days_are_refused_keeping_what_was_typed(sofia_client, edition, typed):
    response = post_edition(sofia_client, edition, draft_reminder_days=typed)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "draft_reminder_days" in form.errors
    if "\x00" not in typed:  # a NUL character is refused by Django before our field sees it
        assert field_value(response.content, "draft_reminder_days") == typed
    edition.refresh_from_db()
    assert edition.draft_reminder_days == [7, 3, 1]


@pytest.mark.parametrize("stored", ["7", 7, {"7": 1}, "null", [7, "x", -1, 99999, None, 2.5, True, [3]]])
def test_the_hourly_task_survives_any_stored_value(edition, alices_draft, stored,
                                                   django_capture_on_commit_callbacks):
    Edition.objects.filter(pk=edition.pk).update(draft_reminder_days=stored,
                                                 closes_at=timezone.now() + timedelta(days=6, hours=20))
    with django_capture_on_commit_callbacks(execute=True):
        queued = send_draft_reminders.delay().get()
    assert queued == (1 if isinstance(stored, list) else 0)  # the list still holds 7
    assert len(mail.outbox) == queued


def test_an_edition_with_a_bad_stored_value_can_be_opened_and_fixed_in_the_admin(sofia_client, edition):
    Edition.objects.filter(pk=edition.pk).update(draft_reminder_days={"oops": True})
    assert not field_value(sofia_client.get(edition_url(edition)).content, "draft_reminder_days")
    assert post_edition(sofia_client, edition, draft_reminder_days="5").status_code == 302
    edition.refresh_from_db()
    assert edition.draft_reminder_days == [5]
