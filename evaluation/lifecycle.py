"""How the evaluation follows the applications app without being imported by it: the edition's phase reads
the rounds through ``evaluation_state``; screening and withdrawal reach the rounds through signals."""
from applications.phases import EvaluationState

from .models import Round, RoundEntry


def evaluation_state(edition):
    """The furthest round that has opened, and whether the last round is finalized (None: none opened)."""
    rounds = list(Round.objects.filter(edition=edition).order_by("number").values_list("number", "status"))
    started = [(number, status) for number, status in rounds if status != Round.Status.DRAFT]
    if not started:
        return None
    number, status = started[-1]
    return EvaluationState(round_number=number, round_status=status, round_status_label=Round.Status(status).label,
                           finished=rounds[-1][1] == Round.Status.FINALIZED)


def on_application_screened(sender, application, eligible, by, **kwargs):
    from .services.coverage import join_open_rounds

    if eligible:
        join_open_rounds(application=application, by=by)


def on_application_withdrawn(sender, application, by, reason="", **kwargs):
    from .services.coverage import withdraw_from_rounds

    withdraw_from_rounds(application=application, by=by, reason=reason)


def connect():
    from applications import phases, signals

    phases.register_evaluation_reader(evaluation_state)
    signals.application_screened.connect(on_application_screened, dispatch_uid="evaluation.screened")
    signals.application_withdrawn.connect(on_application_withdrawn, dispatch_uid="evaluation.withdrawn")
