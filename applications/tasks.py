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
