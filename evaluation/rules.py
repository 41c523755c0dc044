"""Who may see and do what in the evaluation: the one place that decides.

A judge reaches their own assignments in open, closed and finalized rounds of committees they are an
active member of, minus any entry they are conflicted with — as a queryset, never as "everything,
filtered in a template". Everything else answers 404.

Stored conflicts are kept current by ``services.refresh_assignments`` after every change of the facts; a
judge's single entry is also checked against the live facts (``conflict_now``), so nothing is served in
between the change and the refresh, nor if the refresh failed.
"""
from django.db.models import Exists, OuterRef

from accounts.roles import is_secretariat

from .conflicts import application_facts, automatic_reason, judge_facts
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


def conflict_now(user, assignment, *, facts=None):
    """The automatic conflict the live facts give ``user`` with ``assignment``'s entry, or None."""
    return automatic_reason(facts or judge_facts(user), application_facts(assignment.entry.application),
                            same_country=assignment.round.conflict_same_country)


def judge_assignment(user, pk):
    """The judge's own, unconflicted assignment ``pk`` — by the stored and the live facts — or None."""
    assignment = (judge_assignments(user).select_related(
        "round__edition", "entry__application__category", "entry__application__applicant__user",
        "entry__application__edition").defer("round__result_snapshot").filter(pk=pk).first())
    return None if assignment is None or conflict_now(user, assignment) else assignment


def unconflicted(user, assignments):
    """``assignments`` (a judge's own) without those the live facts conflict."""
    facts = judge_facts(user)
    return [assignment for assignment in assignments if not conflict_now(user, assignment, facts=facts)]


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
    assignments = list(judge_assignments(user).filter(entry__application=application).select_related(
        "round", "entry__application__applicant__user"))
    return bool(assignments) and len(unconflicted(user, assignments)) == len(assignments)


def can_manage(user):
    return is_secretariat(user)
