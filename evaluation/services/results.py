"""Reading a round's results, its advancement preview and its progress, in a fixed number of queries."""
from collections import Counter, defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from .. import results as maths
from ..models import Assignment, Round, Score


def _criteria(round):
    return [maths.CriterionSpec(id=c.pk, code=c.code, name=c.name, weight=float(c.weight))
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
                            disagreement_threshold=float(round.disagreement_threshold))
    for category in results.categories:
        category["name"] = names.get(category["id"], "")
    return results


def advancement_preview(*, round, results=None):
    """Per category: each ranked entry, what the rule says, the secretariat's override and the decision."""
    results = results or load_results(round=round, use_snapshot=False)
    overrides = {e.pk: (e.override, e.override_reason) for e in round.entries.all()}
    decided = {e.pk: e.advanced for e in round.entries.all()} if round.status == Round.Status.FINALIZED else None
    preview = []
    for category in results.categories:
        proposal = maths.propose(rows=category["rows"], rule=round.advancement_rule, top_n=round.advance_top_n,
                                 min_score=float(round.advance_min_score), overrides=overrides)
        rows = [{"row": row, "by_rule": by_rule,
                 "decision": decided[row.entry_id] if decided is not None else decision,
                 "override": overrides.get(row.entry_id, ("", ""))[0],
                 "reason": overrides.get(row.entry_id, ("", ""))[1]}
                for row, by_rule, decision in proposal]
        preview.append({"id": category["id"], "name": category.get("name", ""), "rows": rows,
                        "advancing": sum(1 for r in rows if r["decision"])})
    return preview


def round_progress(*, round):
    """Reviews done per judge, who is behind, and entries with fewer judges than the round asks."""
    User = get_user_model()
    per_judge = (Assignment.objects.filter(round=round).values("judge_id")
                 .annotate(total=Count("pk"), submitted=Count("pk", filter=Q(status=Assignment.Status.SUBMITTED)),
                           drafts=Count("pk", filter=Q(status=Assignment.Status.DRAFT)))
                 .order_by("judge_id"))
    rows = list(per_judge)
    users = {u.pk: u for u in User.objects.filter(pk__in=[r["judge_id"] for r in rows])}
    judges = [{"judge": users[r["judge_id"]], "total": r["total"], "submitted": r["submitted"], "drafts": r["drafts"],
               "behind": r["submitted"] < r["total"]} for r in rows]
    judges.sort(key=lambda r: (r["submitted"] - r["total"], str(r["judge"])))
    total = sum(r["total"] for r in rows)
    submitted = sum(r["submitted"] for r in rows)
    short = list(round.entries.annotate(n=Count("assignments")).filter(n__lt=round.judges_per_entry)
                 .select_related("application").order_by("application__reference"))
    return {"judges": judges, "total": total, "submitted": submitted,
            "percent": round_percent(submitted, total), "short_entries": short,
            "entries": round.entries.count()}


def round_percent(done, total):
    return int(100 * done / total) if total else 0
