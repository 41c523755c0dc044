"""Reading a round's results, its advancement preview and its progress, in a fixed number of queries."""
from collections import Counter, defaultdict

from django.contrib.auth import get_user_model

from .. import results as maths
from ..models import Assignment, CommitteeMember, Conflict, Round, Score


def _criteria(round):
    return [maths.CriterionSpec(id=c.pk, code=c.code, name=c.name, weight=c.weight)
            for c in round.criteria.all()]


def load_results(*, round, use_snapshot=True):
    """The ranking per category and the per-judge statistics. A finalized round answers from its frozen
    snapshot: scores can no longer change what it says."""
    if use_snapshot and round.status == Round.Status.FINALIZED and round.result_snapshot:
        return maths.Results.from_dict(round.result_snapshot)
    criteria = _criteria(round)
    code_of = {c.id: c.code for c in criteria}
    entry_rows = (round.entries.select_related("application__category", "application__applicant")
                  .order_by("application__category__order", "application__category__name", "application__reference"))
    entries, names = [], {}
    for entry in entry_rows:
        application = entry.application
        names[application.category_id] = application.category.name
        entries.append(maths.EntryResult(
            entry_id=entry.pk, category_id=application.category_id, reference=application.reference or "",
            title=str(application.display_title), country=str(application.applicant.country)))
    assignments = list(Assignment.objects.filter(round=round).values_list("pk", "entry_id", "judge_id", "status"))
    expected = Counter(entry_id for _pk, entry_id, _judge, _status in assignments)
    submitted = {pk: (entry_id, judge) for pk, entry_id, judge, status in assignments
                 if status == Assignment.Status.SUBMITTED}
    values = defaultdict(dict)
    for assignment_id, criterion_id, value in Score.objects.filter(
            assignment__round=round, assignment__status=Assignment.Status.SUBMITTED).values_list(
            "assignment_id", "criterion_id", "value"):
        if criterion_id in code_of:
            values[assignment_id][code_of[criterion_id]] = value
    reviews = [maths.ReviewScores(assignment_id=pk, entry_id=entry_id, judge_id=judge, values=values[pk])
               for pk, (entry_id, judge) in sorted(submitted.items())
               if len(values[pk]) == len(criteria)]
    assigned = Counter(judge for _pk, _entry, judge, _status in assignments)
    users = get_user_model().objects.filter(pk__in=assigned).only("email", "first_name", "last_name")
    judges = {user.pk: (str(user), assigned[user.pk]) for user in users}
    results = maths.compute(criteria=criteria, entries=entries, reviews=reviews, expected=expected, judges=judges,
                            basis=round.ranking_basis, tie_break=round.tie_break_codes,
                            disagreement_threshold=round.disagreement_threshold)
    for category in results.categories:
        category["name"] = names.get(category["id"], "")
    return results


def advancement_preview(*, round, results=None):
    """Per category: each ranked entry, what the rule says, the secretariat's override and the decision, and
    the tie at the cut (``tie``: its band, the tie-break criterion that settles it, or the entries left for the
    secretariat to decide, ``undecided``: those still without a decision)."""
    results = results or load_results(round=round, use_snapshot=False)
    overrides = {e.pk: (e.override, e.override_reason) for e in round.entries.all()}
    decided = {e.pk: e.advanced for e in round.entries.all()} if round.status == Round.Status.FINALIZED else None
    preview = []
    for category in results.categories:
        proposal = maths.propose(rows=category["rows"], rule=round.advancement_rule, top_n=round.advance_top_n,
                                 min_score=float(round.advance_min_score), overrides=overrides)
        tie = maths.cut_tie(rows=category["rows"], rule=round.advancement_rule, top_n=round.advance_top_n)
        band, unsettled = set(tie.band if tie else ()), set(tie.unsettled if tie else ())
        rows = [{"row": row, "by_rule": by_rule,
                 "decision": decided[row.entry_id] if decided is not None else decision,
                 "override": overrides.get(row.entry_id, ("", ""))[0],
                 "reason": overrides.get(row.entry_id, ("", ""))[1],
                 "in_tie_band": row.entry_id in band, "unsettled_tie": row.entry_id in unsettled}
                for row, by_rule, decision in proposal]
        preview.append({"id": category["id"], "name": category.get("name", ""), "rows": rows, "tie": tie,
                        "undecided": [r["row"] for r in rows if r["decision"] is None],
                        "advancing": sum(1 for r in rows if r["decision"])})
    return preview


def round_progress(*, round):
    """Reviews done per judge, who is behind, and entries with fewer live judges than the round asks.

    Only live reviews count: a judge who left the committee or was deactivated counts for the reviews they
    submitted, a conflicted judge not at all — even before ``refresh_assignments`` has released their entries,
    so that no entry is silently short of k.
    """
    User = get_user_model()
    rows = list(Assignment.objects.filter(round=round).values_list("entry_id", "entry__application_id", "judge_id",
                                                                   "status").order_by("judge_id"))
    live = set(CommitteeMember.objects.filter(committee_id=round.committee_id, is_active=True, user__is_active=True)
               .values_list("user_id", flat=True))
    conflicted = set(Conflict.objects.filter(application__round_entries__round=round)
                     .values_list("judge_id", "application_id"))
    per_judge, per_entry = defaultdict(Counter), Counter()
    for entry_id, application_id, judge_id, status in rows:
        counted = (judge_id, application_id) not in conflicted and (
            judge_id in live or status == Assignment.Status.SUBMITTED)
        per_judge[judge_id].update({"assigned": 1, status: 1, "counted": counted,
                                    "counted_submitted": counted and status == Assignment.Status.SUBMITTED})
        per_entry[entry_id] += counted
    users = {u.pk: u for u in User.objects.filter(pk__in=per_judge)}
    judges = [{"judge": users[judge_id], "total": c["assigned"], "submitted": c[Assignment.Status.SUBMITTED],
               "drafts": c[Assignment.Status.DRAFT], "behind": c[Assignment.Status.SUBMITTED] < c["assigned"],
               "live": judge_id in live} for judge_id, c in per_judge.items()]
    judges.sort(key=lambda r: (r["submitted"] - r["total"], str(r["judge"])))
    total = sum(c["counted"] for c in per_judge.values())
    submitted = sum(c["counted_submitted"] for c in per_judge.values())
    entries = list(round.entries.select_related("application").order_by("application__reference"))
    short = []
    for entry in entries:
        entry.n = per_entry[entry.pk]
        if entry.n < round.judges_per_entry:
            short.append(entry)
    return {"judges": judges, "total": total, "submitted": submitted,
            "percent": round_percent(submitted, total), "short_entries": short,
            "entries": len(entries)}


def round_percent(done, total):
    return int(100 * done / total) if total else 0
