"""Who may see and do what with applications: the one place that decides.

Higher apps (evaluation) add readers through ``register_reader`` instead of being imported here.
"""
from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts.roles import is_secretariat

from .models import Application

_extra_readers = []


def register_reader(predicate):
    """``predicate(user, application) -> bool``: another app's reason to let a user read an application."""
    _extra_readers.append(predicate)
    return predicate


def is_owner(user, application):
    return user.is_authenticated and application.applicant.user_id == user.pk


def can_read_application(user, application):
    if not user.is_authenticated:
        return False
    if is_owner(user, application) or is_secretariat(user):
        return True
    return any(predicate(user, application) for predicate in _extra_readers)


def can_see_contact_details(user, application):
    """Email and phone of the applicant and of a nominee: the owner and the secretariat, never a judge."""
    return is_owner(user, application) or (user.is_authenticated and is_secretariat(user))


def can_edit_application(user, application):
    return is_owner(user, application) and application.is_editable


def can_withdraw_application(user, application):
    """The owner, while the service would accept it: a draft or submitted application before their deadline,
    or one under evaluation until the results are published."""
    from .services import withdrawal_problem

    return is_owner(user, application) and withdrawal_problem(application=application) is None


def can_read_attachment(user, attachment):
    return can_read_application(user, attachment.application)


def own_applications(user):
    """The applications an applicant reaches from their own pages: their own, nothing else."""
    if not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(applicant__user=user)


@dataclass(frozen=True)
class EvaluationStage:
    """Where an eligible application stands in the evaluation, as the evaluation app reports it."""

    round_number: int
    not_advanced: bool = False  # its last round is finalized and it did not go on


_stage_readers = []


def register_stage_reader(reader):
    """``reader(application) -> EvaluationStage | None``: the evaluation app's view of one application."""
    if reader not in _stage_readers:
        _stage_readers.append(reader)
    return reader


def evaluation_stage(application):
    for reader in _stage_readers:
        stage = reader(application)
        if stage is not None:
            return stage
    return None


def applicant_status_label(application):
    """What the applicant is told: submitted, eligible or not, under evaluation, then — only once the edition
    publishes its results — not advanced (after round N), finalist or winner."""
    status = application.status
    published = application.edition.results_published
    if status in (Application.Status.FINALIST, Application.Status.WINNER):
        return application.get_status_display() if published else _("Under evaluation")
    if status == Application.Status.ELIGIBLE:
        stage = evaluation_stage(application)
        if stage is None:
            return _("Eligible")
        if stage.not_advanced and published:
            return _("Not advanced (after round %(number)d)") % {"number": stage.round_number}
        return _("Under evaluation")
    return application.get_status_display()
