"""Keeping assignments true to the facts they stand on, whenever those facts change.

An assignment stands while its judge is live (an active account, an active member of the round's committee) and
has no conflict with the entry. Those facts change after the assignment is made: the judge's organisation or
email, the applicant's profile, a nominee, the round's country rule, a membership. Every path that changes them
(forms, the admin, imports) ends here, through the receivers of ``evaluation.receivers``.

What happens to a review whose judge became conflicted, by round status:

- open: released, submitted or not (a conflicted review must not count; its values stay in the audit log), and
  the entry is topped up at once;
- closed: released as well, but nothing is topped up while reviews are closed: the entry shows as short in the
  control panel until the secretariat reopens the round and runs the assignment;
- finalized: frozen, nothing released; the stored conflict still takes the entry away from the judge.

A judge who left (membership ended or account deactivated) keeps their submitted reviews in open rounds; their
unsubmitted ones are released and topped up.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from audit.services import record
from outbox.services import schedule

from ..conflicts import application_facts, automatic_reason, judge_facts
from ..models import Assignment, CommitteeMember, Conflict, Round
from .assigning import _reassign, _review_values

VISIBLE = (Round.Status.OPEN, Round.Status.CLOSED, Round.Status.FINALIZED)
RELEASABLE = (Round.Status.OPEN, Round.Status.CLOSED)
RELEASED = "assignment.released"


@dataclass
class RefreshReport:
    found: list = field(default_factory=list)  # Conflict rows stored now
    cleared: list = field(default_factory=list)  # (judge id, application id) whose automatic conflict is gone
    released: list = field(default_factory=list)  # (judge id, application id, round id, reason)
    shortfalls: list = field(default_factory=list)  # (RoundEntry, why it could not be topped up)


def _ids(values):
    return {getattr(value, "pk", value) for value in values or ()}


def _any_of(**lookups):
    """Rows matching any of the lookups given a non-empty set of ids."""
    condition = Q(pk__in=[])
    for lookup, ids in lookups.items():
        if ids:
            condition |= Q(**{lookup: ids})
    return condition


class _Facts:
    """Each judge's and each application's facts, computed once per refresh."""

    def __init__(self):
        self._judges, self._entries = {}, {}

    def reason(self, judge, application, *, same_country):
        if judge.pk not in self._judges:
            self._judges[judge.pk] = judge_facts(judge)
        if application.pk not in self._entries:
            self._entries[application.pk] = application_facts(application)
        return automatic_reason(self._judges[judge.pk], self._entries[application.pk], same_country=same_country)


def refresh_assignments(*, judges=None, applications=None, rounds=None, by=None):
    """Recompute what the changed facts of ``judges``, ``applications`` or ``rounds`` (ids or instances) decide.

    For every judge × entry pair they touch: store the automatic conflict with its reason (or remove the stored
    one whose cause is gone), release the assignments that no longer stand, top the entries up, and email each
    judge who lost entries once. Idempotent: a second call with the same facts changes nothing.
    """
    judges, applications, rounds = _ids(judges), _ids(applications), _ids(rounds)
    report = RefreshReport()
    if not (judges or applications or rounds):
        return report
    with transaction.atomic():
        assignments = list(
            Assignment.objects.filter(_any_of(judge_id__in=judges, entry__application_id__in=applications,
                                              round_id__in=rounds), round__status__in=VISIBLE)
            .select_related("round__committee", "entry__round", "entry__application__applicant__user",
                            "judge__judge_profile").order_by("pk"))
        # The same lock ``assign`` takes, so an assignment run cannot interleave with the releases.
        list(Round.objects.select_for_update().filter(pk__in={a.round_id for a in assignments}).order_by("pk"))
        automatic = {(c.judge_id, c.application_id): c for c in Conflict.objects.filter(
            _any_of(judge_id__in=judges, application_id__in=applications, round_id__in=rounds),
            kind=Conflict.Kind.AUTOMATIC).select_related("round", "judge__judge_profile",
                                                          "application__applicant__user")}
        # Declared and recorded conflicts were acted on by their own services; they are left alone here.
        recorded = set(Conflict.objects.exclude(kind=Conflict.Kind.AUTOMATIC).filter(
            judge_id__in={a.judge_id for a in assignments},
            application_id__in={a.entry.application_id for a in assignments}).values_list("judge_id", "application_id"))
        facts = _Facts()
        _store_conflicts(assignments, automatic, recorded, facts, by=by, report=report)
        _release(assignments, recorded, facts, by=by, report=report)
    return report


def _store_conflicts(assignments, automatic, recorded, facts, *, by, report):
    """One automatic ``Conflict`` per conflicted pair, in any of the rounds the pair meets in."""
    pairs = defaultdict(lambda: {"rounds": {}, "people": None})
    for assignment in assignments:
        pair = pairs[(assignment.judge_id, assignment.entry.application_id)]
        pair["rounds"][assignment.round_id] = assignment.round
        pair["people"] = (assignment.judge, assignment.entry.application)
    for key, conflict in automatic.items():
        pair = pairs[key]
        if conflict.round_id:
            pair["rounds"].setdefault(conflict.round_id, conflict.round)
        pair["people"] = pair["people"] or (conflict.judge, conflict.application)
    for key, pair in pairs.items():
        if key in recorded:
            continue
        judge, application = pair["people"]
        asking = [r for r in pair["rounds"].values() if r.conflict_same_country]
        reason = facts.reason(judge, application, same_country=bool(asking))
        conflict = automatic.get(key)
        if reason is None:
            if conflict is not None:
                record(actor=by, action="conflict.cleared", target=conflict, judge=judge.email,
                       application=application.reference, reason=conflict.reason)
                conflict.delete()
                report.cleared.append(key)
            continue
        where = (asking or sorted(pair["rounds"].values(), key=lambda r: (r.status != Round.Status.OPEN, r.pk))
                 or [None])[0]
        if conflict is None:
            conflict, created = Conflict.objects.get_or_create(
                judge=judge, application=application,
                defaults={"kind": Conflict.Kind.AUTOMATIC, "reason": reason, "round": where})
            if created:
                record(actor=by, action="conflict.found", target=conflict, judge=judge.email,
                       application=application.reference, reason=reason)
                report.found.append(conflict)
        elif conflict.reason != reason:
            conflict.reason = reason
            conflict.save(update_fields=["reason"])


def _release(assignments, recorded, facts, *, by, report):
    live = set(CommitteeMember.objects.filter(
        is_active=True, user__is_active=True, user_id__in={a.judge_id for a in assignments},
        committee_id__in={a.round.committee_id for a in assignments}).values_list("committee_id", "user_id"))
    entries, lost = {}, defaultdict(set)
    for assignment in assignments:
        round, judge, application = assignment.round, assignment.judge, assignment.entry.application
        if round.status not in RELEASABLE:
            continue
        reason = None
        if (judge.pk, application.pk) not in recorded:
            reason = facts.reason(judge, application, same_country=round.conflict_same_country)
        if (reason is None and round.status == Round.Status.OPEN and assignment.status != Assignment.Status.SUBMITTED
                and (round.committee_id, judge.pk) not in live):
            reason = (_("no longer an active member of %(committee)s") % {"committee": round.committee.name}
                      if judge.is_active else _("account deactivated"))
        if reason is None:
            continue
        record(actor=by, action=RELEASED, target=round, judge=judge.pk, judge_email=judge.email,
               application=application.reference, entry=assignment.entry_id, reason=reason,
               review=_review_values(assignment))
        assignment.delete()
        report.released.append((judge.pk, application.pk, round.pk, reason))
        if round.status == Round.Status.OPEN:
            entries[assignment.entry_id] = assignment.entry
        if judge.is_active:
            lost[judge.pk].add(application.pk)
    for entry in entries.values():
        _replacement, problem = _reassign(entry, by=by)
        if problem:
            report.shortfalls.append((entry, problem))
    for judge_id, application_ids in sorted(lost.items()):
        schedule("evaluation.send_released_entries", judge_id, sorted(application_ids))


def released_entries(*, round, limit=200):
    """What left a judge's list in ``round`` and why, newest first, as the audit log recorded it."""
    from audit.models import AuditEntry

    entries = AuditEntry.objects.filter(action=RELEASED, target_type=Round._meta.label_lower, target_id=str(round.pk))
    rows = []
    for entry in entries.order_by("-at", "-id")[:limit]:
        status = (entry.data.get("review") or {}).get("status")
        rows.append({"at": entry.at, **entry.data, "review_status": Assignment.Status(status).label
                     if status in Assignment.Status.values else ""})
    return rows
