"""Emails about applications, sent in the background (or eagerly without a broker)."""
from smtplib import SMTPException

from celery import shared_task
from django.urls import reverse

from prize_portal.emails import send_templated_email

from .models import Application

RETRY = {"autoretry_for": (SMTPException, ConnectionError, OSError), "retry_backoff": 30, "retry_backoff_max": 1800,
         "max_retries": 8}


def _application(application_id):
    return Application.objects.select_related("edition", "category", "applicant__user").get(pk=application_id)


@shared_task(name="applications.send_submission_confirmation", **RETRY)
def send_submission_confirmation(application_id):
    application = _application(application_id)
    send_templated_email(
        to=application.applicant.user.email,
        template="submission_confirmation",
        context={"application": application, "path": reverse("applications:detail", args=[application.pk])},
    )


@shared_task(name="applications.send_nomination_request", **RETRY)
def send_nomination_request(application_id):
    application = _application(application_id)
    send_templated_email(
        to=application.nominee_email,
        template="nomination_request",
        context={"application": application,
                 "path": reverse("applications:confirm_nomination", args=[application.nominee_token])},
    )


@shared_task(name="applications.send_screening_result", **RETRY)
def send_screening_result(application_id):
    application = _application(application_id)
    send_templated_email(
        to=application.applicant.user.email,
        template="screening_result",
        context={"application": application, "path": reverse("applications:detail", args=[application.pk]),
                 "eligible": application.status == Application.Status.ELIGIBLE},
    )


# --- Deadline reminders for applicants with an unsubmitted draft (Celery beat, see prize_portal/celery.py) ---

DRAFT_REMINDER = "draft-deadline"


@shared_task(name="applications.send_draft_reminders")
def send_draft_reminders():
    """Beat runs this hourly. For each open edition, every applicant with a draft whose reminder is due
    (``Edition.draft_reminder_days`` before *their* deadline, extensions included) gets one email task.
    Safe to run any number of times: each (applicant, edition, offset) is claimed once in the database."""
    from django.db import transaction

    from .models import Edition
    from .reminders import due_offsets
    from .services import deadline_for

    queued = 0
    for edition in Edition.objects.filter(status=Edition.Status.PUBLISHED, closes_at__isnull=False):
        drafts = (Application.objects.filter(edition=edition, status=Application.Status.DRAFT)
                  .select_related("applicant").order_by("applicant_id"))
        applicants = {draft.applicant_id: draft.applicant for draft in drafts}
        for applicant in applicants.values():
            deadline = deadline_for(applicant=applicant, edition=edition)
            for offset in due_offsets(deadline=deadline, offsets=edition.draft_reminder_days):
                transaction.on_commit(lambda a=applicant.pk, e=edition.pk, o=offset:
                                      send_draft_reminder.delay(a, e, o))
                queued += 1
    return queued


@shared_task(name="applications.send_draft_reminder", **RETRY)
def send_draft_reminder(applicant_id, edition_id, offset_days):
    """One reminder email, sent at most once. If the mail server fails, the claim is released and the task
    retries with backoff, so a transient failure neither loses the reminder nor sends it twice."""
    from .models import ApplicantProfile, Edition, SentReminder
    from .reminders import send_once
    from .services import deadline_for

    applicant = ApplicantProfile.objects.select_related("user").get(pk=applicant_id)
    edition = Edition.objects.get(pk=edition_id)
    drafts = list(Application.objects.filter(edition=edition, applicant=applicant, status=Application.Status.DRAFT)
                  .select_related("category"))
    if not drafts:
        return False  # submitted (or withdrawn) since the reminder was queued
    claim = {"recipient": applicant.user, "purpose": DRAFT_REMINDER, "key": f"edition-{edition.year}",
             "offset_days": offset_days}

    def send():
        try:
            send_templated_email(to=applicant.user.email, template="draft_reminder", context={
                "applicant": applicant, "edition": edition, "drafts": drafts, "offset_days": offset_days,
                "deadline": deadline_for(applicant=applicant, edition=edition),
                "path": reverse("applications:dashboard")})
        except Exception:
            SentReminder.objects.filter(sent_at__isnull=True, **claim).delete()  # let the retry claim it again
            raise

    return send_once(send=send, **claim)
