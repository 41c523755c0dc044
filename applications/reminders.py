"""Sending each reminder once. Applicant and judge reminders both go through ``schedule_once``.

The claim (a ``SentReminder``) and the email (an outbox message) are recorded in one transaction, so a reminder
is never lost: if the mail server fails, or the worker is killed mid-send, the outbox retries it later. It is
never sent twice either: the claim is unique, the outbox message has a key, and the email task marks the claim
sent in the same transaction in which the outbox marks the message delivered.
"""
from django.db import transaction
from django.utils import timezone

from outbox.services import schedule

from .models import SentReminder


def schedule_once(*, recipient, purpose, key, offset_days, task, args):
    """Claim the reminder (recipient, purpose, key, offset) and schedule its email task with ``args``.

    Returns False when it was claimed before, by an earlier run or a concurrent one: nothing is scheduled then.
    """
    with transaction.atomic():
        _, created = SentReminder.objects.get_or_create(recipient=recipient, purpose=purpose, key=key,
                                                        offset_days=offset_days)
        if created:
            schedule(task, *args, key=f"reminder:{recipient.pk}:{purpose}:{key}:{offset_days}")
    return created


def already_sent(*, recipient, purpose, key, offset_days):
    return SentReminder.objects.filter(recipient=recipient, purpose=purpose, key=key, offset_days=offset_days,
                                       sent_at__isnull=False).exists()


def mark_sent(*, recipient, purpose, key, offset_days):
    """Called by the email task once the email is handed to the mail server (same transaction as the outbox)."""
    SentReminder.objects.update_or_create(recipient=recipient, purpose=purpose, key=key, offset_days=offset_days,
                                          defaults={"sent_at": timezone.now()})


MAX_REMINDER_DAYS = 365


def whole_days(value):
    """The reminder offsets a stored setting really holds: whole days from 1 to 365, largest first.

    The admin form only saves such lists, but a value stored another way (the shell, an old raw-JSON form,
    an import) must not stop the hourly task for every edition: anything else in it is ignored.
    """
    items = value if isinstance(value, (list, tuple)) else []
    return sorted({day for day in items if type(day) is int and 1 <= day <= MAX_REMINDER_DAYS}, reverse=True)


def due_offsets(*, deadline, offsets, now=None):
    """The offsets (days before ``deadline``) whose moment has come and the deadline not yet passed."""
    now = now or timezone.now()
    if deadline is None or now > deadline:
        return []
    remaining_days = (deadline - now).total_seconds() / 86400
    return sorted(days for days in whole_days(offsets) if remaining_days <= days)[:1]
