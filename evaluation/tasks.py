"""Emails to judges, sent in the background (or eagerly without a broker). Thin: ids in, services do the work.
Each is delivered through the outbox, which retries a failed send and never repeats a delivered one."""
from celery import shared_task
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from accounts.language import language_of, language_of_email
from prize_portal.emails import send_templated_email

def _round(round_id):
    from .models import Round

    return Round.objects.select_related("edition").get(pk=round_id)


def _entries_of(round, judge):
    return (round.assignments.filter(judge=judge).select_related("entry__application__category")
            .order_by("entry__application__reference"))


def _send_round_email(round, judge, template, **context):
    assignments = list(_entries_of(round, judge))
    pending = [a for a in assignments if a.status != "submitted"]
    send_templated_email(to=judge.email, language=language_of(judge), template=template, context={
        "round": round, "judge": judge, "assignments": assignments, "pending": pending,
        "path": reverse("evaluation:dashboard"), **context})


@shared_task(name="evaluation.send_assignment_emails")
def send_assignment_emails(round_id, judge_ids):
    """One email per judge listing all their entries in the round, not one per entry."""
    round = _round(round_id)
    for judge in get_user_model().objects.filter(pk__in=judge_ids).order_by("pk"):
        _send_round_email(round, judge, "evaluation_assignments")


@shared_task(name="evaluation.send_late_reminders")
def send_late_reminders(round_id, judge_ids):
    round = _round(round_id)
    for judge in get_user_model().objects.filter(pk__in=judge_ids).order_by("pk"):
        _send_round_email(round, judge, "evaluation_review_reminder")


@shared_task(name="evaluation.send_released_entries")
def send_released_entries(judge_id, application_ids):
    """One email telling a judge which entries left their list, and whether a conflict or their leaving did it."""
    from applications.models import Application

    from .models import Conflict

    judge = get_user_model().objects.filter(pk=judge_id).first()
    if judge is None:
        return
    conflicted = set(Conflict.objects.filter(judge=judge, application_id__in=application_ids)
                     .values_list("application_id", flat=True))
    entries = [(application, application.pk in conflicted) for application in Application.objects.filter(
        pk__in=application_ids).select_related("category", "applicant").order_by("reference")]
    send_templated_email(to=judge.email, template="evaluation_released_entries", context={
        "judge": judge, "entries": entries, "path": reverse("evaluation:dashboard")})


@shared_task(name="evaluation.send_invitation")
def send_invitation(invitation_id):
    from .models import Invitation

    invitation = Invitation.objects.select_related("committee__edition", "invited_by").get(pk=invitation_id)
    # An expert with an account reads their own language; one without gets the inviter's (nothing is stored
    # on the invitation: the inviter's language is read when the email goes out).
    language = language_of_email(invitation.email, default=language_of(invitation.invited_by))
    send_templated_email(to=invitation.email, language=language, template="evaluation_invitation", context={
        "invitation": invitation, "path": reverse("evaluation:accept_invitation", args=[invitation.token])})


REVIEW_REMINDER = "review-deadline"


@shared_task(name="evaluation.send_review_reminders")
def send_review_reminders():
    """For beat: judges with unsubmitted reviews, N days before their round closes. Each reminder is claimed
    once and its email goes through the outbox. Returns how many were scheduled."""
    from applications.reminders import due_offsets, schedule_once

    from .models import Assignment, Round

    now = timezone.now()
    scheduled = 0
    for round in Round.objects.filter(status=Round.Status.OPEN, closes_at__gt=now).select_related("edition"):
        offsets = due_offsets(deadline=round.closes_at, offsets=round.edition.review_reminder_days, now=now)
        if not offsets:
            continue
        judge_ids = set(Assignment.objects.filter(round=round).exclude(status=Assignment.Status.SUBMITTED)
                        .values_list("judge_id", flat=True))
        for judge in get_user_model().objects.filter(pk__in=judge_ids).order_by("pk"):
            for offset in offsets:
                scheduled += schedule_once(recipient=judge, purpose=REVIEW_REMINDER, key=f"round-{round.pk}",
                                           offset_days=offset, task="evaluation.send_review_reminder",
                                           args=(round.pk, judge.pk, offset))
    return scheduled


@shared_task(name="evaluation.send_review_reminder")
def send_review_reminder(round_id, judge_id, offset_days):
    """One judge's reminder, run by the outbox (retried on failure, marked sent with the delivery)."""
    from applications.reminders import already_sent, mark_sent

    from .models import Assignment

    round = _round(round_id)
    judge = get_user_model().objects.get(pk=judge_id)
    claim = {"recipient": judge, "purpose": REVIEW_REMINDER, "key": f"round-{round.pk}", "offset_days": offset_days}
    late = Assignment.objects.filter(round=round, judge=judge).exclude(status=Assignment.Status.SUBMITTED)
    if already_sent(**claim) or not late.exists():
        return False  # sent already, or every review was submitted since
    _send_round_email(round, judge, "evaluation_review_reminder")
    mark_sent(**claim)
    return True


@shared_task(name="evaluation.send_withdrawal_notices")
def send_withdrawal_notices(round_id, application_id, judge_ids):
    """The applicant withdrew: the judges who had the entry no longer review it."""
    from applications.models import Application

    round = _round(round_id)
    application = Application.objects.get(pk=application_id)
    for judge in get_user_model().objects.filter(pk__in=judge_ids).order_by("pk"):
        send_templated_email(to=judge.email, template="evaluation_withdrawal", context={
            "round": round, "judge": judge, "application": application, "path": reverse("evaluation:dashboard")})
