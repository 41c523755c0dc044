"""Emails to judges, sent in the background (or eagerly without a broker). Thin: ids in, services do the work."""
from smtplib import SMTPException

from celery import shared_task
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from prize_portal.emails import send_templated_email

RETRY = {"autoretry_for": (SMTPException, ConnectionError, OSError), "retry_backoff": 30, "retry_backoff_max": 1800,
         "max_retries": 8}


def _round(round_id):
    from .models import Round

    return Round.objects.select_related("edition").get(pk=round_id)


def _entries_of(round, judge):
    return (round.assignments.filter(judge=judge).select_related("entry__application__category")
            .order_by("entry__application__reference"))


def _send_round_email(round, judge, template, **context):
    assignments = list(_entries_of(round, judge))
    pending = [a for a in assignments if a.status != "submitted"]
    send_templated_email(to=judge.email, template=template, context={
        "round": round, "judge": judge, "assignments": assignments, "pending": pending,
        "path": reverse("evaluation:dashboard"), **context})


@shared_task(name="evaluation.send_assignment_emails", **RETRY)
def send_assignment_emails(round_id, judge_ids):
    """One email per judge listing all their entries in the round, not one per entry."""
    round = _round(round_id)
    for judge in get_user_model().objects.filter(pk__in=judge_ids).order_by("pk"):
        _send_round_email(round, judge, "evaluation_assignments")


@shared_task(name="evaluation.send_late_reminders", **RETRY)
def send_late_reminders(round_id, judge_ids):
    round = _round(round_id)
    for judge in get_user_model().objects.filter(pk__in=judge_ids).order_by("pk"):
        _send_round_email(round, judge, "evaluation_review_reminder")


@shared_task(name="evaluation.send_invitation", **RETRY)
def send_invitation(invitation_id):
    from .models import Invitation

    invitation = Invitation.objects.select_related("committee__edition").get(pk=invitation_id)
    send_templated_email(to=invitation.email, template="evaluation_invitation", context={
        "invitation": invitation, "path": reverse("evaluation:accept_invitation", args=[invitation.token])})


@shared_task(name="evaluation.send_review_reminders")
def send_review_reminders():
    """For beat: judges with unsubmitted reviews, N days before their round closes (each reminder once)."""
    from applications.reminders import due_offsets, send_once

    from .models import Assignment, Round

    now = timezone.now()
    sent = 0
    for round in Round.objects.filter(status=Round.Status.OPEN, closes_at__gt=now).select_related("edition"):
        offsets = due_offsets(deadline=round.closes_at, offsets=round.edition.review_reminder_days, now=now)
        if not offsets:
            continue
        judge_ids = set(Assignment.objects.filter(round=round).exclude(status=Assignment.Status.SUBMITTED)
                        .values_list("judge_id", flat=True))
        for judge in get_user_model().objects.filter(pk__in=judge_ids).order_by("pk"):
            for offset in offsets:
                if send_once(recipient=judge, purpose="review-deadline", key=f"round-{round.pk}", offset_days=offset,
                             send=lambda judge=judge: _send_round_email(round, judge, "evaluation_review_reminder")):
                    sent += 1
    return sent
