"""Who may see and do what in the evaluation: the one place that decides.

A judge reaches their own assignments in open, closed and finalized rounds of committees they are an
active member of, minus any entry they are conflicted with — as a queryset, never as "everything,
filtered in a template". Everything else answers 404.
"""
from django.db.models import Exists, OuterRef

from accounts.roles import is_secretariat

from .models import Assignment, CommitteeMember, Conflict, Round

VISIBLE_ROUND_STATUSES = (Round.Status.OPEN, Round.Status.CLOSED, Round.Status.FINALIZED)


def judge_assignments(user):
    if not (user.is_authenticated and user.is_active):
        return Assignment.objects.none()
    conflicted = Conflict.objects.filter(judge=OuterRef("judge"), application=OuterRef("entry__application"))
    member = CommitteeMember.objects.filter(committee=OuterRef("round__committee"), user=OuterRef("judge"),
                                            is_active=True)
    return (Assignment.objects.filter(judge=user, round__status__in=VISIBLE_ROUND_STATUSES)
            .filter(Exists(member)).exclude(Exists(conflicted)))


def is_judge(user):
    return user.is_authenticated and CommitteeMember.objects.filter(user=user, is_active=True).exists()


def can_edit_review(user, assignment, *, now=None):
    """The judge edits their own review while the round accepts reviews (even after submitting)."""
    from django.utils import timezone

    return (user.is_authenticated and assignment.judge_id == user.pk
            and assignment.round.accepts_reviews_at(now or timezone.now()))


def can_see_other_scores(user, assignment):
    """Other judges' scores on this entry, as the round's visibility allows."""
    visibility = assignment.round.score_visibility
    if visibility == Round.Visibility.ALWAYS:
        return True
    if visibility == Round.Visibility.AFTER_OWN:
        return assignment.status == Assignment.Status.SUBMITTED
    return False


def can_read_application_as_judge(user, application):
    """Registered with ``applications.rules``: an assigned, unconflicted judge reads the application."""
    return judge_assignments(user).filter(entry__application=application).exists()


def can_manage(user):
    return is_secretariat(user)
