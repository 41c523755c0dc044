"""The edition's timeline: which phase it is in, derived from facts rather than stored twice.

preparing ─▶ call open ─▶ call closed ─▶ evaluation (round 1, 2, 3) ─▶ results ready ─▶ published ─▶ archived

- preparing / archived: ``Edition.status`` (moved by ``services.open_call`` and ``services.archive_edition``);
- call open / closed: the deadline, and every deadline extension, has passed — nobody can still submit;
- evaluation, results ready: the rounds' statuses, read through a hook the evaluation app registers
  (this app never imports it);
- published: ``results_published_at``.

Each step that moves the edition forward checks where it is with ``guard``: an out-of-order step is refused
unless the secretariat gives a reason, which the step's audit entry keeps.
"""
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Edition, deadline_passed


class Phase(models.TextChoices):
    PREPARING = "preparing", gettext_lazy("Preparing")
    CALL_OPEN = "call_open", gettext_lazy("Call for applications open")
    CALL_CLOSED = "call_closed", gettext_lazy("Call closed: screening")
    EVALUATION = "evaluation", gettext_lazy("Evaluation")
    RESULTS_READY = "results_ready", gettext_lazy("Results ready, not yet public")
    PUBLISHED = "published", gettext_lazy("Results published")
    ARCHIVED = "archived", gettext_lazy("Archived")


ORDER = list(Phase)


@dataclass(frozen=True)
class EvaluationState:
    """What the evaluation app says about an edition: the furthest round that has opened, and whether the
    last round is finalized."""

    round_number: int
    round_status: str
    round_status_label: str = ""
    finished: bool = False


@dataclass(frozen=True)
class EditionPhase:
    phase: Phase
    evaluation: EvaluationState | None = None

    @property
    def label(self):
        if self.phase == Phase.EVALUATION and self.evaluation:
            return _("Evaluation: round %(number)d (%(status)s)") % {
                "number": self.evaluation.round_number, "status": str(self.evaluation.round_status_label).lower()}
        return str(self.phase.label)

    def is_before(self, phase):
        return ORDER.index(self.phase) < ORDER.index(phase)

    def is_after(self, phase):
        return ORDER.index(self.phase) > ORDER.index(phase)


_evaluation_readers = []


def register_evaluation_reader(reader):
    """``reader(edition) -> EvaluationState | None``: the evaluation app's view of its rounds."""
    if reader not in _evaluation_readers:
        _evaluation_readers.append(reader)
    return reader


def evaluation_state(edition):
    for reader in _evaluation_readers:
        state = reader(edition)
        if state is not None:
            return state
    return None


def call_has_closed(edition, now=None):
    """Past the deadline and past every extension granted: nobody can submit any more."""
    now = now or timezone.now()
    if edition.closes_at is None or not deadline_passed(edition.closes_at, now):
        return False
    return not edition.extensions.filter(until__gte=now.replace(microsecond=0)).exists()


def edition_phase(edition, now=None):
    if edition.status == Edition.Status.ARCHIVED:
        return EditionPhase(Phase.ARCHIVED)
    if edition.status == Edition.Status.PREPARING:
        return EditionPhase(Phase.PREPARING)
    if edition.results_published:
        return EditionPhase(Phase.PUBLISHED)
    state = evaluation_state(edition)
    if state is not None:
        return EditionPhase(Phase.RESULTS_READY if state.finished else Phase.EVALUATION, state)
    return EditionPhase(Phase.CALL_CLOSED if call_has_closed(edition, now) else Phase.CALL_OPEN)


# --- the guards of each step ----------------------------------------------------------------------

def problems_before_evaluation(edition, now=None):
    """Why no round may open yet: the call must have closed (and the results not be out)."""
    phase = edition_phase(edition, now)
    if phase.phase == Phase.PREPARING:
        return [_("the edition is still being prepared: its call has not even opened")]
    if phase.phase == Phase.CALL_OPEN:
        return [_("the call for applications is still open (until %(deadline)s KST, or a later extension)") % {
            "deadline": _kst(edition.closes_at)}]
    if phase.is_after(Phase.RESULTS_READY):
        return [_("the results are already %(phase)s") % {"phase": str(phase.phase.label).lower()}]
    return []


def problems_before_publication(edition, now=None):
    """Why the results may not go public yet: the evaluation must be over."""
    phase = edition_phase(edition, now)
    if phase.phase == Phase.RESULTS_READY:
        return []
    if phase.phase == Phase.CALL_OPEN:
        return [_("applications are still open")]
    if phase.phase == Phase.EVALUATION:
        return [_("the evaluation is not over: %(phase)s") % {"phase": phase.label}]
    if phase.phase in (Phase.PREPARING, Phase.CALL_CLOSED):
        return [_("no round has been finalized yet (%(phase)s)") % {"phase": str(phase.phase.label).lower()}]
    return [_("the edition is %(phase)s") % {"phase": str(phase.phase.label).lower()}]


def problems_before_certificates(edition, now=None):
    if edition_phase(edition, now).is_before(Phase.PUBLISHED):
        return [_("the results are not published yet; certificates would reveal them")]
    return []


MAX_SHOWN = 6


def guard(*, problems, override_reason, error):
    """Refuse a step with ``problems`` unless a reason is given. Returns what the step's audit entry adds:
    nothing, or the override (reason and what was overridden)."""
    problems = [str(problem) for problem in problems if problem]
    if not problems:
        return {}
    reason = (override_reason or "").strip()
    if not reason:
        shown = problems[:MAX_SHOWN] + ([_("and %(count)d more") % {"count": len(problems) - MAX_SHOWN}]
                                        if len(problems) > MAX_SHOWN else [])
        raise error(_("Not yet: %(problems)s. To go ahead anyway, give the reason; the audit log keeps it.") % {
            "problems": "; ".join(str(p) for p in shown)})
    return {"override": {"reason": reason, "problems": problems}}


def _kst(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"
