"""Coverage: no eligible entry falls out of the evaluation.

What a round is missing (an eligible entry not in it, an entry with fewer live judges or submitted reviews
than k, a category nobody advances from), what fixes each gap, and the entries that join or leave a round
after it opened: screened eligible late, or withdrawn by the applicant.

A *live* judge of an entry is an active member of the round's committee with no conflict with it, automatic
or recorded: an inactive or conflicted judge's assignment does not count towards k.
"""
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from applications.models import Application
from audit.services import record
from outbox.services import schedule

from ..models import Assignment, CommitteeMember, Round, RoundEntry
from .assigning import blocked_judges
from .errors import EvaluationError

NOT_IN_ROUND = "not_in_round"
SHORT_OF_JUDGES = "short_of_judges"
SHORT_OF_REVIEWS = "short_of_reviews"
NO_FINALIST = "no_finalist"
NEVER_EVALUATED = "never_evaluated"


@dataclass(frozen=True)
class Gap:
    kind: str
    subject: str  # an application's reference, or a category's name
    reason: str
    action: str

    def __str__(self):
        return f"{self.subject}: {self.reason}"


def _label(application):
    return application.reference or _("application #%(id)s") % {"id": application.pk}


def missing_applications(round):
    """The applications the round should hold but does not (an entry screened eligible after it opened)."""
    from .rounds import round_candidates

    if round.status in (Round.Status.DRAFT, Round.Status.FINALIZED):
        return Application.objects.none()  # a draft round takes them all when it opens; a finalized one is history
    try:
        candidates = round_candidates(round)
    except EvaluationError:
        return Application.objects.none()
    return candidates.exclude(round_entries__round=round).order_by("reference")


def live_judges(round, entries):
    """{entry_id: {judge_id: assignment status}} counting only live judges."""
    active = set(CommitteeMember.objects.filter(committee=round.committee, is_active=True)
                 .values_list("user_id", flat=True))
    blocked = blocked_judges(round=round, entries=entries) if entries else {}
    live = {entry.pk: {} for entry in entries}
    for entry_id, judge_id, status in Assignment.objects.filter(round=round).values_list(
            "entry_id", "judge_id", "status"):
        if entry_id in live and judge_id in active and judge_id not in blocked.get(entry_id, {}):
            live[entry_id][judge_id] = status
    return live


def _entries(round):
    return list(round.entries.select_related("application__applicant__user").order_by("application__reference"))


def _missing_gaps(round):
    if round.status == Round.Status.OPEN:
        action = _("Add the missing entries to the round, then run the assignment.")
    else:
        action = _("Reopen the round, add the missing entries and assign them, or override with a reason.")
    return [Gap(NOT_IN_ROUND, _label(application), _("eligible but not in the round (screened after it opened)"),
                action) for application in missing_applications(round)]


def round_gaps(round):
    """What the control panel lists: entries missing from the round, entries with fewer live judges than k."""
    gaps = _missing_gaps(round)
    if round.status == Round.Status.DRAFT:
        return gaps
    entries = _entries(round)
    k = round.judges_per_entry
    live = live_judges(round, entries)
    for entry in entries:
        count = len(live[entry.pk])
        if count < k:
            gaps.append(Gap(SHORT_OF_JUDGES, _label(entry.application),
                            _("%(live)d of %(k)d judges (inactive and conflicted judges do not count)") % {
                                "live": count, "k": k},
                            _("Run the assignment (tops up); if it cannot, raise a capacity or add judges.")
                            if round.status == Round.Status.OPEN else
                            _("Reopen the round and run the assignment, or override with a reason.")))
    return gaps


def closing_gaps(round):
    """What closing the round (or confirming its advancement) checks: every entry of the round, and only
    those, with k reviews submitted by live judges."""
    gaps = _missing_gaps(round)
    entries = _entries(round)
    live = live_judges(round, entries)
    k = round.judges_per_entry
    for entry in entries:
        submitted = sum(1 for status in live[entry.pk].values() if status == Assignment.Status.SUBMITTED)
        if submitted < k:
            action = (_("Remind the late judges, or run the assignment if judges are missing.")
                      if round.status == Round.Status.OPEN else _("Reopen the round, or override with a reason."))
            reason = (_("never evaluated: no review submitted") if submitted == 0 else
                      _("%(submitted)d of %(k)d reviews submitted") % {"submitted": submitted, "k": k})
            gaps.append(Gap(SHORT_OF_REVIEWS, _label(entry.application), reason, action))
    return gaps


def round_categories(round):
    categories = list(round.categories.all())
    return categories or list(round.edition.categories.all())


def advancement_gaps(round, preview):
    """Closing gaps, and every category of the round from which nobody would advance."""
    advancing = {category["id"] for category in preview if category["advancing"]}
    last = not Round.objects.filter(edition=round.edition_id, number__gt=round.number).exists()
    reason = _("no finalist") if last else _("nobody advances to the next round")
    gaps = [Gap(NO_FINALIST, category.name, reason,
                _("Include an entry with a reason, or override with a reason.")) for category in round_categories(round)
            if category.pk not in advancing]
    return closing_gaps(round) + gaps


def edition_gaps(edition):
    """What publishing the results checks: an eligible entry that no round ever held, a category with no
    finalist."""
    never = (Application.objects.filter(edition=edition, status=Application.Status.ELIGIBLE)
             .exclude(round_entries__isnull=False).order_by("reference"))
    gaps = [Gap(NEVER_EVALUATED, _label(application), _("eligible but never evaluated in any round"),
                _("Reopen a round and add it, or override with a reason.")) for application in never]
    finalist = Q(applications__status__in=(Application.Status.FINALIST, Application.Status.WINNER))
    for category in edition.categories.exclude(pk__in=edition.categories.filter(finalist)).order_by("order"):
        gaps.append(Gap(NO_FINALIST, category.name, _("no finalist"),
                        _("Finalize the last round with a finalist in it, or override with a reason.")))
    return gaps


# --- entries joining or leaving a round after it opened ------------------------------------------------

def _join(round, application, *, by, source):
    entry, created = RoundEntry.objects.get_or_create(round=round, application=application)
    if created:
        record(actor=by, action="round.entry_added", target=round, application=_label(application), source=source)
    return entry if created else None


def add_missing_entries(*, round, by):
    """Every eligible application missing from the open round joins it; the next top-up assigns judges."""
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        if round.status != Round.Status.OPEN:
            raise EvaluationError(_("Entries join a round only while it is open."))
        return [entry for application in missing_applications(round)
                if (entry := _join(round, application, by=by, source="control panel"))]


def join_open_rounds(*, application, by):
    """An application just screened eligible joins each open round that takes it (round 1, in practice)."""
    joined = []
    for round in Round.objects.select_for_update().filter(edition=application.edition_id, status=Round.Status.OPEN):
        if missing_applications(round).filter(pk=application.pk).exists():
            entry = _join(round, application, by=by, source="screened after the round opened")
            if entry:
                joined.append(entry)
    return joined


def withdraw_from_rounds(*, application, by, reason=""):
    """A withdrawn application leaves every round still running (its reviews are kept in the audit log); its
    judges are told. Finalized rounds keep it: they are history. Returns the rounds it left."""
    left = []
    entries = (RoundEntry.objects.select_for_update().filter(application=application)
               .exclude(round__status=Round.Status.FINALIZED).select_related("round"))
    for entry in entries:
        assignments = list(entry.assignments.prefetch_related("scores__criterion"))
        judges = sorted(a.judge_id for a in assignments)
        record(actor=by, action="round.entry_withdrawn", target=entry.round, application=_label(application),
               reason=reason, judges=judges,
               reviews={str(a.judge_id): {"status": a.status, "comment": a.comment,
                                          "scores": {s.criterion.code: s.value for s in a.scores.all()}}
                        for a in assignments})
        if judges and entry.round.status != Round.Status.DRAFT:
            schedule("evaluation.send_withdrawal_notices", entry.round_id, application.pk, judges)
        entry.delete()
        left.append(entry.round)
    return left
