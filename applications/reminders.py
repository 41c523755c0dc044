"""Sending a reminder at most once. Applicant and judge reminders both go through ``send_once``."""
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import SentReminder


def send_once(*, recipient, purpose, key, offset_days, send):
    """Claim the reminder (recipient, purpose, key, offset) in the database, then call ``send()``.

    Returns False when it was already claimed, by an earlier run or a concurrent one. The claim is
    committed before sending, so a reminder is never sent twice; if ``send()`` raises, the caller may delete
    its unsent claim (``sent_at`` empty) so that a retry can claim it again.
    """
    try:
        with transaction.atomic():
            reminder = SentReminder.objects.create(recipient=recipient, purpose=purpose, key=key,
                                                   offset_days=offset_days)
    except IntegrityError:
        return False
    send()
    SentReminder.objects.filter(pk=reminder.pk).update(sent_at=timezone.now())
    return True


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
