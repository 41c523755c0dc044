"""Who may see and do what with applications: the one place that decides.

Higher apps (evaluation) add readers through ``register_reader`` instead of being imported here.
"""
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
    """The owner, while it is a draft or submitted, and only before their deadline (as the service enforces)."""
    from .services import is_past_deadline

    return (is_owner(user, application)
            and application.status in (Application.Status.DRAFT, Application.Status.SUBMITTED)
            and not is_past_deadline(applicant=application.applicant, edition=application.edition))


def can_read_attachment(user, attachment):
    return can_read_application(user, attachment.application)


def own_applications(user):
    """The applications an applicant reaches from their own pages: their own, nothing else."""
    if not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(applicant__user=user)


def can_reopen_application(user, application):
    """The owner, while it is submitted and not yet screened, before their deadline (as the service enforces)."""
    from .services import is_past_deadline

    return (is_owner(user, application) and application.status == Application.Status.SUBMITTED
            and not is_past_deadline(applicant=application.applicant, edition=application.edition))


_progress_sources = []


def register_evaluation_progress(source):
    """``source(application) -> (round_number, advanced) | None``: the last round the entry took part in and
    whether it advanced from it (None while that round is undecided). Registered by evaluation."""
    _progress_sources.append(source)
    return source


def evaluation_progress(application):
    for source in _progress_sources:
        progress = source(application)
        if progress is not None:
            return progress
    return None


def applicant_status_label(application):
    """What the applicant is told: the one rule. Outcomes (not advanced, finalist, winner) are shown only once
    the edition publishes its results; until then an entry in the evaluation is "under evaluation"."""
    Status = Application.Status
    status = application.status
    if status == Status.DRAFT:
        return _("Reopened: not submitted") if application.is_reopened else _("Draft")
    if status == Status.NOT_ELIGIBLE:
        if application.screening_reason:
            return _("Not eligible: %(reason)s") % {"reason": application.screening_reason}
        return _("Not eligible")
    if status in (Status.SUBMITTED, Status.WITHDRAWN):
        return application.get_status_display()
    published = application.edition.results_published
    if status in (Status.FINALIST, Status.WINNER):
        return application.get_status_display() if published else _("Under evaluation")
    progress = evaluation_progress(application)  # eligible: where is it in the evaluation?
    if progress is None:
        return _("Eligible")
    round_number, advanced = progress
    if advanced is False and published:
        return _("Not advanced (after round %(number)d)") % {"number": round_number}
    return _("Under evaluation")
