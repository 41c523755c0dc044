"""“Remind drafts now”: the secretariat's own reminder, beside the automatic ones (``tasks.send_draft_reminders``).

The preview says who would get it; sending goes through the outbox with a key per applicant and day, so pressing
the button twice in a day reminds each draft once.
"""
from django.db import transaction
from django.utils import timezone

from audit.services import record
from outbox.services import schedule

from .models import Application
from .services import deadline_for


def drafts_to_remind(*, edition, now=None):
    """Applicants with a draft who can still submit it: [{"applicant", "drafts", "deadline"}], by name."""
    now = now or timezone.now()
    by_applicant = {}
    for draft in (Application.objects.filter(edition=edition, status=Application.Status.DRAFT)
                  .select_related("applicant__user", "category").order_by("applicant__name", "pk")):
        by_applicant.setdefault(draft.applicant_id, []).append(draft)
    rows = []
    for drafts in by_applicant.values():
        applicant = drafts[0].applicant
        deadline = deadline_for(applicant=applicant, edition=edition)
        if deadline is not None and deadline >= now and applicant.user.is_active:
            rows.append({"applicant": applicant, "drafts": drafts, "deadline": deadline})
    return rows


def remind_drafts_now(*, edition, by, now=None):
    """Schedule one reminder per applicant in the preview; returns how many were scheduled."""
    now = now or timezone.now()
    day = timezone.localdate(now).isoformat()
    with transaction.atomic():
        rows = drafts_to_remind(edition=edition, now=now)
        for row in rows:
            schedule("applications.send_draft_reminder_now", row["applicant"].pk, edition.pk,
                     key=f"draft-reminder-now:{edition.pk}:{row['applicant'].pk}:{day}")
        record(actor=by, action="drafts.reminded", target=edition, applicants=len(rows), day=day)
    return len(rows)
