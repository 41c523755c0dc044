"""Two-factor authentication is required of the secretariat and of judges, whatever path they signed in by.

Who must use a second factor: staff, and whoever a higher app says (evaluation registers its judges), so accounts
never imports upward. Whether a session passed one: allauth records each authentication step in the session; a
second factor appears there as an ``mfa`` record, written by allauth's login stage or reauthentication, or by
``note_new_authenticator`` when the person has just set up their authenticator.
"""
import time

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings

_requirements = []

ACTIVE_AT = "portal_active_at"  # when a working-day session last moved its expiry forward
ACTIVITY_STEP_SECONDS = 5 * 60  # move it at most this often: one session write per 5 minutes, not per request


def require_second_factor_for(predicate):
    """A higher app adds who else must use a second factor: ``predicate(user) -> bool``."""
    if predicate not in _requirements:
        _requirements.append(predicate)
    return predicate


def must_use_second_factor(user):
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.is_superuser or any(predicate(user) for predicate in _requirements)


def has_second_factor(user):
    return Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.RECOVERY_CODES).exists()


def passed_second_factor(request):
    return any(step.get("method") == "mfa" for step in get_authentication_records(request, request.user))


def note_new_authenticator(sender, request, user, authenticator, **kwargs):
    """Setting up an authenticator proves it (allauth asks for a code from it): the session has passed."""
    if request is not None and getattr(request, "user", None) == user:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
        start_working_day(sender, request, user)  # allauth's "remember me" may have set a longer expiry


def start_working_day(sender, request, user, **kwargs):
    """Staff and judges: the session ends after a working day without activity."""
    if request is not None and hasattr(request, "session") and must_use_second_factor(user):
        request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        request.session[ACTIVE_AT] = time.time()


def keep_working_day(request):
    """Move a working-day session's expiry forward (saved with the session), at most every few minutes."""
    active_at = request.session.get(ACTIVE_AT)
    if active_at is not None and time.time() - active_at > ACTIVITY_STEP_SECONDS:
        request.session[ACTIVE_AT] = time.time()
