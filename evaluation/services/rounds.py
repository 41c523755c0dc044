"""Rounds: defaults, the status transitions draft → open → closed → finalized, and advancement."""
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications import phases
from applications.models import Application
from audit.services import record

from ..models import Criterion, Round, RoundEntry
from . import coverage
from .errors import EvaluationError

Status = Round.Status

DEFAULT_CRITERIA = [
    ("innovation", gettext_lazy("Innovation"), Decimal("15"),
     gettext_lazy("How new is the policy or technology, for this city and for cities like it?")),
    ("inclusiveness", gettext_lazy("Inclusiveness and people-centredness"), Decimal("25"),
     gettext_lazy("Does it put residents first and reach those most often left out: older people, people with "
                  "disabilities, migrants, low-income residents?")),
    ("impact", gettext_lazy("Impact (measurable results)"), Decimal("20"),
     gettext_lazy("What has changed, measured and evidenced, against the problem it set out to solve?")),
    ("sustainability", gettext_lazy("Sustainability"), Decimal("15"),
     gettext_lazy("Will it last: funding, ownership, environmental footprint?")),
    ("transferability", gettext_lazy("Transferability and scalability"), Decimal("15"),
     gettext_lazy("Could other cities adopt it, and can it grow?")),
    ("governance", gettext_lazy("Governance and partnership"), Decimal("10"),
     gettext_lazy("Are citizens, companies, universities and public bodies genuinely involved?")),
]

DEFAULT_ROUNDS = [
    {"number": 1, "name": gettext_lazy("Document review"), "judges_per_entry": 3, "advance_top_n": 10,
     "score_visibility": Round.Visibility.NEVER,
     "description": gettext_lazy("Eligibility and completeness check and first document review of every eligible "
                                 "entry.")},
    {"number": 2, "name": gettext_lazy("In-depth evaluation"), "judges_per_entry": 5, "advance_top_n": 7,
     "score_visibility": Round.Visibility.AFTER_OWN,
     "description": gettext_lazy("In-depth evaluation of the shortlisted entries, several judges each.")},
    {"number": 3, "name": gettext_lazy("Final deliberation"), "judges_per_entry": 5, "advance_top_n": 7,
     "score_visibility": Round.Visibility.ALWAYS,
     "description": gettext_lazy("Final deliberation of the finalists by the senior panel.")},
]


def add_default_criteria(round):
    ensure_criteria_editable(round)
    for order, (code, name, weight, description) in enumerate(DEFAULT_CRITERIA, start=1):
        Criterion.objects.get_or_create(round=round, code=code, defaults={
            "name": str(name), "weight": weight, "description": str(description), "order": order})


def create_default_rounds(*, edition, committee, by=None):
    """The three rounds of an edition, each with the default criteria; rounds that exist are left alone."""
    rounds = []
    with transaction.atomic():
        for spec in DEFAULT_ROUNDS:
            values = {key: str(value) if key in ("name", "description") else value for key, value in spec.items()}
            round, created = Round.objects.get_or_create(edition=edition, number=spec["number"],
                                                         defaults={**values, "committee": committee})
            if created:
                add_default_criteria(round)
                record(actor=by, action="round.created", target=round)
            rounds.append(round)
    return rounds


def ensure_criteria_editable(round):
    if round.status != Status.DRAFT:
        raise EvaluationError(_("The criteria cannot change once the round has opened."))


def _locked(round, *expected):
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.status not in expected:
        raise EvaluationError(_("%(round)s is %(status)s; this needs it to be %(expected)s.") % {
            "round": round, "status": round.get_status_display(),
            "expected": _(" or ").join(str(Status(s).label).lower() for s in expected)})
    return round


def round_candidates(round):
    """The applications a round takes: eligible ones in round 1, those advanced from the round before after."""
    categories = list(round.categories.values_list("pk", flat=True))
    if round.number == 1:
        applications = Application.objects.filter(edition=round.edition, status=Application.Status.ELIGIBLE)
    else:
        previous = Round.objects.filter(edition=round.edition, number__lt=round.number).order_by("-number").first()
        if previous is None or previous.status != Status.FINALIZED:
            raise EvaluationError(_("The round before this one must be finalized first."))
        # An entry withdrawn since it advanced is never carried forward.
        applications = Application.objects.filter(round_entries__round=previous, round_entries__advanced=True,
                                                  status__in=(Application.Status.ELIGIBLE, Application.Status.FINALIST))
    if categories:
        applications = applications.filter(category__in=categories)
    return applications


def _add_entries(round, applications):
    existing = set(round.entries.values_list("application_id", flat=True))
    new = [RoundEntry(round=round, application_id=pk) for pk in applications.values_list("pk", flat=True)
           if pk not in existing]
    RoundEntry.objects.bulk_create(new)
    return len(new)


def _check_setup(round):
    criteria = list(round.criteria.all())
    problems = []
    if not criteria:
        problems.append(_("add at least one criterion"))
    if any(c.weight <= 0 for c in criteria):
        problems.append(_("every criterion needs a weight above zero"))
    if round.scale_min >= round.scale_max:
        problems.append(_("the lowest score must be below the highest"))
    if round.committee.edition_id != round.edition_id:
        problems.append(_("the committee belongs to another edition"))
    if round.judges_per_entry < 1:
        problems.append(_("each entry needs at least one judge"))
    unknown = set(round.tie_break_codes) - {c.code for c in criteria}
    if unknown:
        problems.append(_("the tie-break names unknown criteria: %(codes)s") % {"codes": ", ".join(sorted(unknown))})
    if problems:
        raise EvaluationError(_("%(round)s cannot open yet: %(problems)s.") % {
            "round": round, "problems": "; ".join(str(p) for p in problems)})


def open_round(*, round, by, now=None, override_reason=""):
    """Draft → open: the round takes its entries. Judges are assigned next, with ``assign``.

    Not before the call has closed (nobody can still submit), unless overridden with a reason."""
    now = now or timezone.now()
    with transaction.atomic():
        round = _locked(round, Status.DRAFT)
        override = phases.guard(problems=phases.problems_before_evaluation(round.edition, now),
                                override_reason=override_reason, error=EvaluationError)
        _check_setup(round)
        if round.closes_at and round.closes_at <= now:
            raise EvaluationError(_("The closing date has already passed; set a later one."))
        added = _add_entries(round, round_candidates(round))
        if not round.entries.exists():
            raise EvaluationError(_("%(round)s has no entries to evaluate.") % {"round": round})
        round.status, round.opened_at = Status.OPEN, now
        round.save(update_fields=["status", "opened_at"])
        record(actor=by, action="round.opened", target=round, entries=added, **override)
    return round


def close_round(*, round, by, now=None, override_reason=""):
    """Open → closed: reviews become read-only. Refused while an eligible entry is missing from the round or
    an entry is short of reviews, unless overridden with a reason."""
    with transaction.atomic():
        round = _locked(round, Status.OPEN)
        override = phases.guard(problems=coverage.closing_gaps(round), override_reason=override_reason,
                                error=EvaluationError)
        round.status, round.closed_at = Status.CLOSED, now or timezone.now()
        round.save(update_fields=["status", "closed_at"])
        pending = round.assignments.exclude(status="submitted").count()
        record(actor=by, action="round.closed", target=round, reviews_not_submitted=pending, **override)
    return round


def reopen_round(*, round, by, reason, closes_at=None, now=None):
    """Closed → open again, for a reason the audit log keeps; optionally with a new closing time."""
    now = now or timezone.now()
    if not (reason or "").strip():
        raise EvaluationError(_("Give the reason for reopening the round."))
    with transaction.atomic():
        round = _locked(round, Status.CLOSED)
        previous_close = round.closes_at
        if closes_at is not None:
            round.closes_at = closes_at
        if round.closes_at and round.closes_at <= now:
            raise EvaluationError(_("The closing date has passed: give a new closing date-time to reopen."))
        round.status = Status.OPEN
        round.save(update_fields=["status", "closes_at"])
        record(actor=by, action="round.reopened", target=round, reason=reason.strip(),
               closes_at={"old": previous_close.isoformat() if previous_close else None,
                          "new": round.closes_at.isoformat() if round.closes_at else None})
    return round


def set_override(*, entry, decision, reason, by):
    """Include or exclude an entry against the rule (reason required), or go back to the rule ("")."""
    if decision not in RoundEntry.Override.values:
        raise EvaluationError(_("Unknown decision."))
    if decision and not (reason or "").strip():
        raise EvaluationError(_("Give the reason for including or excluding %(entry)s.") % {"entry": entry})
    with transaction.atomic():
        _locked(entry.round, Status.CLOSED)
        entry = RoundEntry.objects.select_for_update().get(pk=entry.pk)
        old = {"decision": entry.override, "reason": entry.override_reason}
        entry.override, entry.override_reason = decision, (reason or "").strip() if decision else ""
        entry.override_by = by
        entry.save(update_fields=["override", "override_reason", "override_by"])
        record(actor=by, action="advancement.override", target=entry, round=entry.round_id,
               old=old, new={"decision": entry.override, "reason": entry.override_reason})
    return entry


def set_application_stage(*, applications, status, by, reason):
    """The one place where the evaluation changes an application's stage (eligible ⇄ finalist)."""
    allowed = {Application.Status.ELIGIBLE, Application.Status.FINALIST}
    if status not in allowed:
        raise EvaluationError(_("The evaluation only moves applications between eligible and finalist."))
    changed = []
    for application in Application.objects.select_for_update().filter(pk__in=[a.pk for a in applications],
                                                                        status__in=allowed).exclude(status=status):
        previous = application.status
        application.status = status
        application.save(update_fields=["status", "updated_at"])
        record(actor=by, action="application.stage_changed", target=application, old=previous, new=status,
               reason=reason)
        changed.append(application)
    return changed


def last_round_outcome(application):
    """``(round number, advanced)`` for the last round the application took part in, ``advanced`` None until that
    round is finalized; None if it was never in a round. What the applicant's status reads (via applications.rules)."""
    entry = (RoundEntry.objects.filter(application=application).exclude(round__status=Status.DRAFT)
             .select_related("round").order_by("-round__number").first())
    if entry is None:
        return None
    return entry.round.number, entry.advanced if entry.round.status == Status.FINALIZED else None


def confirm_advancement(*, round, by, now=None, override_reason=""):
    """Closed → finalized: the preview (rule, tie-break, overrides) becomes the decision.

    Results are frozen in the round; entries that advance join the next round, or — after the last
    round — become finalists. Refused while the round misses an entry or reviews, or a category would have
    nobody advancing, unless overridden with a reason.
    """
    from .results import advancement_preview, load_results

    now = now or timezone.now()
    with transaction.atomic():
        round = _locked(round, Status.CLOSED)
        results = load_results(round=round, use_snapshot=False)
        preview = advancement_preview(round=round, results=results)
        _refuse_unsettled_ties(preview)
        override = phases.guard(problems=coverage.advancement_gaps(round, preview), override_reason=override_reason,
                                error=EvaluationError)
        entries = {e.pk: e for e in round.entries.select_related("application")}
        advancing = []
        for category in preview:
            for item in category["rows"]:
                entry = entries[item["row"].entry_id]
                entry.advanced, entry.rank = item["decision"], item["row"].rank
                if entry.advanced:
                    advancing.append(entry)
        RoundEntry.objects.bulk_update(entries.values(), ["advanced", "rank"])
        round.status, round.finalized_at = Status.FINALIZED, now
        round.result_snapshot = {**results.as_dict(), "frozen_at": now.isoformat()}
        round.save(update_fields=["status", "finalized_at", "result_snapshot"])
        next_round = Round.objects.filter(edition=round.edition, number__gt=round.number).order_by("number").first()
        if next_round is not None and next_round.status == Status.DRAFT:
            _add_entries(next_round, round_candidates(next_round))
        elif next_round is None:
            set_application_stage(applications=[e.application for e in advancing], status=Application.Status.FINALIST,
                                  by=by, reason=_("Finalist after %(round)s") % {"round": round})
        record(actor=by, action="round.finalized", target=round,
               advanced=sorted(e.application.reference or str(e.application_id) for e in advancing),
               overrides={e.application.reference or str(e.application_id): [e.override, e.override_reason]
                          for e in entries.values() if e.override},
               ties_at_cut=_ties_at_cut(preview), **override)
    return round


def _refuse_unsettled_ties(preview):
    """A tie at the cut that the declared tie-break cannot settle is never settled by list order."""
    undecided = [(category["name"], row.reference) for category in preview for row in category["undecided"]]
    if undecided:
        raise EvaluationError(_(
            "The tie at the cut is not settled by the tie-break: include or exclude %(entries)s, with a reason, "
            "before confirming.") % {"entries": ", ".join(f"{reference} ({name})" for name, reference in undecided)})


def _ties_at_cut(preview):
    """For the audit log: per category, the tie band and how it was settled."""
    ties = {}
    for category in preview:
        tie = category["tie"]
        if tie is not None:
            references = {item["row"].entry_id: item["row"].reference for item in category["rows"]}
            ties[str(category["name"] or category["id"])] = {
                "band": [references[pk] for pk in tie.band],
                "settled_by": f"tie-break: {tie.settled_by}" if tie.settled_by else "secretariat"}
    return ties
