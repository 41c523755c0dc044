"""Reviews: a judge saves a draft (nothing is ever lost) and submits; every change is audited."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record

from ..models import Assignment, Score
from .assigning import conflict_reason
from .errors import EvaluationError

Status = Assignment.Status


def _clean_scores(round, criteria, scores):
    cleaned = {}
    for criterion in criteria:
        value = scores.get(criterion.pk, scores.get(criterion.code))
        if value in (None, ""):
            continue
        try:
            value = int(value)
        except (TypeError, ValueError):
            raise EvaluationError(_("%(criterion)s: a score is a whole number.") % {"criterion": criterion.name}) from None
        if not round.scale_min <= value <= round.scale_max:
            raise EvaluationError(_("%(criterion)s: scores go from %(low)d to %(high)d.") % {
                "criterion": criterion.name, "low": round.scale_min, "high": round.scale_max})
        cleaned[criterion.pk] = value
    return cleaned


def _write(*, assignment, by, scores, comment, note, submit, now):
    now = now or timezone.now()
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().select_related(
            "round", "entry__application__applicant__user").get(pk=assignment.pk)
        round = assignment.round
        if assignment.judge_id != by.pk:
            raise EvaluationError(_("Only the assigned judge can write this review."))
        # Stored or by the live facts: refused even before the refresh has released the entry.
        if conflict_reason(judge=by, application=assignment.entry.application, round=round):
            raise EvaluationError(_("You have a conflict of interest with this entry: it is no longer yours to "
                                    "review."))
        if not round.accepts_reviews_at(now):
            raise EvaluationError(_("The round is closed: this review can no longer change."))
        if not submit and assignment.status == Status.SUBMITTED:
            raise EvaluationError(_("This review is submitted; change it with “Update submitted review”."))
        criteria = list(round.criteria.all())
        cleaned = _clean_scores(round, criteria, scores)
        comment, note = (comment or "").strip(), (note or "").strip()
        if submit:
            missing = [c for c in criteria if c.pk not in cleaned]
            problems = {c.code: _("Give a score for %(criterion)s before submitting.") % {"criterion": c.name}
                        for c in missing}
            if not comment:
                problems["comment"] = _("Write an overall comment before submitting.")
            if missing:
                raise EvaluationError(_("Score every criterion before submitting (missing: %(missing)s).")
                                      % {"missing": ", ".join(c.name for c in missing)}, problems=problems)
            if problems:
                raise EvaluationError(problems["comment"], problems=problems)
        old_scores = {s.criterion_id: s for s in assignment.scores.all()}
        code = {c.pk: c.code for c in criteria}
        changes = {}
        for criterion_id, value in cleaned.items():
            score = old_scores.get(criterion_id)
            if score is None:
                Score.objects.create(assignment=assignment, criterion_id=criterion_id, value=value)
            elif score.value != value:
                Score.objects.filter(pk=score.pk).update(value=value)
            if score is None or score.value != value:
                changes[code[criterion_id]] = {"old": score.value if score else None, "new": value}
        removed = [s for criterion_id, s in old_scores.items() if criterion_id not in cleaned]
        for score in removed:
            changes[code.get(score.criterion_id, score.criterion_id)] = {"old": score.value, "new": None}
        Score.objects.filter(pk__in=[s.pk for s in removed]).delete()
        data = {}
        if changes:
            data["scores"] = changes
        for field, value in (("comment", comment), ("note_for_secretariat", note)):
            if getattr(assignment, field) != value:
                data[field] = {"old": getattr(assignment, field), "new": value}
                setattr(assignment, field, value)
        new_status = Status.SUBMITTED if submit else Status.DRAFT
        if assignment.status != new_status:
            data["status"] = {"old": assignment.status, "new": new_status}
            assignment.status = new_status
        if submit and assignment.submitted_at is None:
            assignment.submitted_at = now
        assignment.save(update_fields=["status", "comment", "note_for_secretariat", "submitted_at", "updated_at"])
        record(actor=by, action="review.submitted" if submit else "review.saved", target=assignment, **data)
    return assignment


def save_review_draft(*, assignment, by, scores, comment="", note="", now=None):
    """Not started / draft → draft. Incomplete is fine."""
    return _write(assignment=assignment, by=by, scores=scores, comment=comment, note=note, submit=False, now=now)


def submit_review(*, assignment, by, scores, comment, note="", now=None):
    """Not started / draft / submitted → submitted: every criterion scored and an overall comment."""
    return _write(assignment=assignment, by=by, scores=scores, comment=comment, note=note, submit=True, now=now)
