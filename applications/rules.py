"""Who may see and do what with applications: the one place that decides.

Higher apps (evaluation) add readers through ``register_reader`` instead of being imported here.
"""
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


def applicant_status_label(application):
    """What the applicant is told: results show only once the edition publishes them."""
    hidden_until_published = {Application.Status.FINALIST, Application.Status.WINNER}
    if application.status in hidden_until_published and not application.edition.results_published:
        return Application.Status.ELIGIBLE.label
    return application.get_status_display()
