"""Assignments: the automatic run, manual changes, conflicts and reassignment, reminders."""
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audit.services import record
from outbox.services import schedule

from ..assignment import JudgeSlot, plan_assignment
from ..conflicts import ConflictIndex, application_facts, automatic_reason, judge_facts
from ..models import Assignment, CommitteeMember, Conflict, Round, RoundEntry
from .errors import EvaluationError


@dataclass
class AssignmentReport:
    created: int = 0
    judges: list = field(default_factory=list)  # user ids who got new entries
    shortfalls: list = field(default_factory=list)  # [(RoundEntry, missing, reason)]

    @property
    def feasible(self):
        return not self.shortfalls


def _members(round):
    # Live judges only: an active membership of an active account.
    return list(CommitteeMember.objects.filter(committee=round.committee, is_active=True, user__is_active=True)
                .select_related("user__judge_profile").order_by("user_id"))


def _entries(round, entry_ids=None):
    entries = round.entries.select_related("application__applicant__user")
    if entry_ids is not None:
        entries = entries.filter(pk__in=entry_ids)
    return list(entries)


def blocked_judges(*, round, entries=None, members=None):
    """{entry_id: {judge_id: reason}}: every conflict, automatic and recorded, of the committee's judges."""
    members = _members(round) if members is None else members
    entries = _entries(round) if entries is None else entries
    index = ConflictIndex([judge_facts(m.user) for m in members], same_country=round.conflict_same_country)
    entry_of_application = {e.application_id: e.pk for e in entries}
    blocked = {e.pk: index.conflicts(application_facts(e.application, key=e.pk)) for e in entries}
    recorded = Conflict.objects.filter(application_id__in=entry_of_application,
                                       judge_id__in=[m.user_id for m in members])
    for judge_id, application_id, kind, reason in recorded.values_list("judge_id", "application_id", "kind", "reason"):
        blocked[entry_of_application[application_id]][judge_id] = recorded_reason(kind, reason)
    return blocked


def recorded_reason(kind, reason):
    """A stored conflict's reason as the secretariat reads it: automatic ones say their rule already."""
    return reason if kind == Conflict.Kind.AUTOMATIC else _("declared: %(reason)s") % {"reason": reason}


def conflict_reason(*, judge, application, round):
    """Why ``judge`` may not review ``application`` in ``round``, or None."""
    recorded = Conflict.objects.filter(judge=judge, application=application).first()
    if recorded:
        return recorded_reason(recorded.kind, recorded.reason)
    return automatic_reason(judge_facts(judge), application_facts(application),
                            same_country=round.conflict_same_country)


def _existing(round):
    existing = defaultdict(set)
    for entry_id, judge_id in Assignment.objects.filter(round=round).values_list("entry_id", "judge_id"):
        existing[entry_id].add(judge_id)
    return existing


def _plan(round, entries, members):
    existing = _existing(round)
    loads = Counter(j for judges in existing.values() for j in judges)
    slots = [JudgeSlot(id=m.user_id, capacity=m.capacity,
                       region=getattr(getattr(m.user, "judge_profile", None), "region", "") or "") for m in members]
    return plan_assignment(entries=[e.pk for e in entries], judges=slots, k=round.judges_per_entry,
                           existing={e.pk: existing.get(e.pk, set()) for e in entries},
                           blocked=blocked_judges(round=round, entries=entries, members=members), base_loads=loads)


def _create(round, pairs, *, by, source):
    Assignment.objects.bulk_create([Assignment(round=round, entry_id=entry_id, judge_id=judge_id, source=source)
                                    for entry_id, judge_id in pairs])
    judges = sorted({judge_id for _entry, judge_id in pairs})
    if judges:
        schedule("evaluation.send_assignment_emails", round.pk, judges)
    return judges


def assign(*, round, by=None):
    """Give every entry of ``round`` its k judges, keeping the assignments it already has.

    All or nothing: when some entries cannot be covered (too few judges without a conflict, or capacity
    reached), nothing is saved and the report names those entries and why. Each judge with new entries
    gets one email listing them.
    """
    with transaction.atomic():
        round = Round.objects.select_for_update().select_related("committee").get(pk=round.pk)
        if round.status != Round.Status.OPEN:
            raise EvaluationError(_("Open the round before assigning judges (it is %(status)s).")
                                  % {"status": round.get_status_display()})
        entries, members = _entries(round), _members(round)
        plan = _plan(round, entries, members)
        by_pk = {e.pk: e for e in entries}
        if not plan.feasible:
            shortfalls = [(by_pk[s.entry_id], s.missing, s.reason) for s in plan.shortfalls]
            record(actor=by, action="assignment.infeasible", target=round,
                   entries={by_pk[s.entry_id].application.reference or str(s.entry_id): s.reason
                            for s in plan.shortfalls})
            return AssignmentReport(shortfalls=shortfalls)
        judges = _create(round, plan.new, by=by, source=Assignment.Source.AUTOMATIC)
        record(actor=by, action="assignment.run", target=round, created=len(plan.new), judges=len(judges),
               pairs=[list(pair) for pair in plan.new])
    return AssignmentReport(created=len(plan.new), judges=judges)


def _check_open(round):
    if round.status != Round.Status.OPEN:
        raise EvaluationError(_("Assignments change only while the round is open."))


def assignment_problem(*, round, application, judge):
    """Why ``judge`` cannot be added to ``application`` in ``round`` — the manual path's checks — or None."""
    if round.status != Round.Status.OPEN:
        return _("Assignments change only while the round is open.")
    if not RoundEntry.objects.filter(round=round, application=application).exists():
        return _("%(application)s is not in %(round)s.") % {"application": application, "round": round}
    member = CommitteeMember.objects.filter(committee=round.committee, user=judge, is_active=True).first()
    if member is None:
        return _("%(judge)s is not an active member of %(committee)s.") % {"judge": judge,
                                                                           "committee": round.committee}
    reason = conflict_reason(judge=judge, application=application, round=round)
    if reason:
        return _("%(judge)s has a conflict with %(application)s: %(reason)s.") % {
            "judge": judge, "application": application.reference, "reason": reason}
    if Assignment.objects.filter(entry__round=round, entry__application=application, judge=judge).exists():
        return _("%(judge)s already reviews this entry.") % {"judge": judge}
    if member.capacity is not None and Assignment.objects.filter(round=round, judge=judge).count() >= member.capacity:
        return _("%(judge)s has reached their capacity of %(capacity)d entries.") % {
            "judge": judge, "capacity": member.capacity}
    return None


def add_assignment(*, round, application, judge, by):
    """The secretariat adds a judge to an entry, under the same checks as the automatic run."""
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        problem = assignment_problem(round=round, application=application, judge=judge)
        if problem:
            raise EvaluationError(problem)
        entry = RoundEntry.objects.get(round=round, application=application)
        try:
            with transaction.atomic():
                assignment = Assignment.objects.create(round=round, entry=entry, judge=judge,
                                                       source=Assignment.Source.MANUAL)
        except IntegrityError:
            raise EvaluationError(_("%(judge)s already reviews this entry.") % {"judge": judge}) from None
        record(actor=by, action="assignment.added", target=assignment, judge=judge.email,
               application=application.reference)
        schedule("evaluation.send_assignment_emails", round.pk, [judge.pk])
    return assignment


def _review_values(assignment):
    return {"status": assignment.status, "comment": assignment.comment,
            "scores": {s.criterion.code: s.value for s in assignment.scores.select_related("criterion")}}


def remove_assignment(*, assignment, by, reason=""):
    """Take an entry away from a judge (their review, if any, is kept in the audit log)."""
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().select_related("round", "entry__application").get(
            pk=assignment.pk)
        _check_open(assignment.round)
        record(actor=by, action="assignment.removed", target=assignment, reason=reason,
               judge=assignment.judge_id, application=assignment.entry.application.reference,
               review=_review_values(assignment))
        assignment.delete()


def _reassign(entry, *, by):
    """Find one more judge for ``entry`` right away; returns (new assignment or None, reason if none)."""
    round = entry.round
    members = _members(round)
    plan = _plan(round, [entry], members)
    if not plan.feasible:
        reason = plan.shortfalls[0].reason
        record(actor=by, action="assignment.reassignment_failed", target=entry, round=round.pk, reason=reason)
        return None, reason
    _create(round, plan.new, by=by, source=Assignment.Source.REASSIGNED)
    created = list(Assignment.objects.filter(entry=entry, judge_id__in=[j for _e, j in plan.new]))
    for assignment in created:
        record(actor=by, action="assignment.reassigned", target=assignment, judge=assignment.judge_id,
               application=entry.application.reference)
    return (created[0] if created else None), ""


def declare_conflict(*, assignment, by, reason):
    """The judge declares a conflict instead of scoring: the entry goes to another judge at once."""
    if not (reason or "").strip():
        raise EvaluationError(_("Say briefly why you have a conflict of interest; only the secretariat reads it."))
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().select_related("round", "entry__application").get(
            pk=assignment.pk)
        if assignment.judge_id != by.pk:
            raise EvaluationError(_("Only the assigned judge can declare their conflict."))
        if not assignment.round.accepts_reviews:
            raise EvaluationError(_("The round is closed; write to the secretariat instead."))
        entry = assignment.entry
        conflict, _created = Conflict.objects.update_or_create(
            judge=by, application=entry.application,
            defaults={"kind": Conflict.Kind.DECLARED, "reason": reason.strip(), "round": assignment.round,
                      "created_by": by})
        record(actor=by, action="conflict.declared", target=conflict, reason=conflict.reason,
               application=entry.application.reference, round=assignment.round_id, review=_review_values(assignment))
        assignment.delete()
        replacement, problem = _reassign(entry, by=by)
    return conflict, replacement, problem


def record_conflict(*, judge, application, reason, by):
    """The secretariat records a conflict; any assignment of that judge to it in an open round is moved."""
    if not (reason or "").strip():
        raise EvaluationError(_("Give the reason for the conflict."))
    with transaction.atomic():
        conflict, _created = Conflict.objects.update_or_create(
            judge=judge, application=application,
            defaults={"kind": Conflict.Kind.SECRETARIAT, "reason": reason.strip(), "created_by": by})
        record(actor=by, action="conflict.recorded", target=conflict, reason=conflict.reason,
               application=application.reference, judge=judge.email)
        moved = []
        for assignment in Assignment.objects.filter(judge=judge, entry__application=application,
                                                    round__status=Round.Status.OPEN).select_related("entry__round"):
            entry = assignment.entry
            record(actor=by, action="assignment.removed", target=assignment, reason=_("conflict of interest"),
                   review=_review_values(assignment))
            assignment.delete()
            moved.append(_reassign(entry, by=by))
    return conflict, moved


def remind_late_judges(*, round, by):
    """Email every judge of the round with reviews still to submit, now (one email each)."""
    if round.status != Round.Status.OPEN:
        raise EvaluationError(_("Reminders go out only while the round is open."))
    judges = sorted(set(Assignment.objects.filter(round=round).exclude(status=Assignment.Status.SUBMITTED)
                        .values_list("judge_id", flat=True)))
    record(actor=by, action="review.reminded", target=round, judges=judges)
    if judges:
        schedule("evaluation.send_late_reminders", round.pk, judges)
    return judges
