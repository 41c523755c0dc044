"""Emails about applications, sent in the background (or eagerly without a broker).

Each is delivered through the outbox (``outbox.services.schedule``), which retries a failed send with backoff
and never repeats a delivered one; the tasks themselves just send.
"""
import math

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from accounts.language import language_of
from prize_portal.emails import send_templated_email

from .models import Application


def _application(application_id):
    return Application.objects.select_related("edition", "category", "applicant__user").get(pk=application_id)


@shared_task(name="applications.send_submission_confirmation")
def send_submission_confirmation(application_id):
    application = _application(application_id)
    send_templated_email(
        to=application.applicant.user.email, language=language_of(application.applicant.user),
        template="submission_confirmation",
        context={"application": application, "path": reverse("applications:detail", args=[application.pk])},
    )


@shared_task(name="applications.send_nomination_request")
def send_nomination_request(application_id):
    application = _application(application_id)
    send_templated_email(  # the nominee has no account yet: the nominator's language
        to=application.nominee_email, language=language_of(application.applicant.user),
        template="nomination_request",
        context={"application": application,
                 "path": reverse("applications:confirm_nomination", args=[application.nominee_token])},
    )


@shared_task(name="applications.send_screening_result")
def send_screening_result(application_id):
    application = _application(application_id)
    send_templated_email(
        to=application.applicant.user.email, language=language_of(application.applicant.user),
        template="screening_result",
        context={"application": application, "path": reverse("applications:detail", args=[application.pk]),
                 "eligible": application.status == Application.Status.ELIGIBLE},
    )


@shared_task(name="applications.render_application_pdf")
def render_application_pdf(application_id, language, show_private=False):
    """The PDF an applicant, judge or the secretariat asked to download (see applications/pdf.py)."""
    from .pdf import store_application_pdf

    return store_application_pdf(application_id=application_id, language=language, show_private=show_private)


# --- Deadline reminders for applicants with an unsubmitted draft (Celery beat, see prize_portal/celery.py) ---

DRAFT_REMINDER = "draft-deadline"


@shared_task(name="applications.send_draft_reminders")
def send_draft_reminders():
    """Beat runs this hourly. For each open edition, every applicant with a draft whose reminder is due
    (``Edition.draft_reminder_days`` before *their* deadline, extensions included) gets one email, through the
    outbox. Safe to run any number of times: each (applicant, edition, offset) is claimed once in the database."""
    from .models import Edition
    from .reminders import due_offsets, schedule_once
    from .services import deadline_for

    queued = 0
    for edition in Edition.objects.filter(status=Edition.Status.PUBLISHED, closes_at__isnull=False):
        drafts = (Application.objects.filter(edition=edition, status=Application.Status.DRAFT)
                  .select_related("applicant__user").order_by("applicant_id"))
        applicants = {draft.applicant_id: draft.applicant for draft in drafts}
        for applicant in applicants.values():
            deadline = deadline_for(applicant=applicant, edition=edition)
            for offset in due_offsets(deadline=deadline, offsets=edition.draft_reminder_days):
                queued += schedule_once(recipient=applicant.user, purpose=DRAFT_REMINDER,
                                        key=f"edition-{edition.year}", offset_days=offset,
                                        task="applications.send_draft_reminder",
                                        args=(applicant.pk, edition.pk, offset))
    return queued


@shared_task(name="applications.send_draft_reminder")
def send_draft_reminder(applicant_id, edition_id, offset_days):
    """One reminder email. Run by the outbox, which retries it if the mail server fails and marks it delivered
    in the same transaction as ``mark_sent``: so it goes out once."""
    from .models import ApplicantProfile, Edition
    from .reminders import already_sent, mark_sent
    from .services import deadline_for

    applicant = ApplicantProfile.objects.select_related("user").get(pk=applicant_id)
    edition = Edition.objects.get(pk=edition_id)
    claim = {"recipient": applicant.user, "purpose": DRAFT_REMINDER, "key": f"edition-{edition.year}",
             "offset_days": offset_days}
    drafts = list(Application.objects.filter(edition=edition, applicant=applicant, status=Application.Status.DRAFT)
                  .select_related("category"))
    if not drafts or already_sent(**claim):
        return False  # submitted (or withdrawn) since the reminder was queued, or sent already
    _email_draft_reminder(applicant, edition, drafts, offset_days, deadline_for(applicant=applicant, edition=edition))
    mark_sent(**claim)
    return True


@shared_task(name="applications.send_draft_reminder_now")
def send_draft_reminder_now(applicant_id, edition_id):
    """The secretariat's “remind drafts now”; the outbox key (applicant, day) makes it once a day."""
    from .models import ApplicantProfile, Edition
    from .services import deadline_for

    applicant = ApplicantProfile.objects.select_related("user").get(pk=applicant_id)
    edition = Edition.objects.get(pk=edition_id)
    drafts = list(Application.objects.filter(edition=edition, applicant=applicant, status=Application.Status.DRAFT)
                  .select_related("category"))
    deadline = deadline_for(applicant=applicant, edition=edition)
    if not drafts or deadline is None or deadline < timezone.now():
        return False  # submitted, withdrawn or too late since the secretariat pressed the button
    days_left = max(1, math.ceil((deadline - timezone.now()).total_seconds() / 86400))
    _email_draft_reminder(applicant, edition, drafts, days_left, deadline)
    return True


def _email_draft_reminder(applicant, edition, drafts, days_left, deadline):
    send_templated_email(to=applicant.user.email, language=language_of(applicant.user), template="draft_reminder",
                         context={"applicant": applicant, "edition": edition, "drafts": drafts,
                                  "offset_days": days_left, "deadline": deadline,
                                  "path": reverse("applications:dashboard")})
