"""The demo's second factor: every demo staff member and judge shares one authenticator key, printed by
``manage.py seed_demo``, so a demo can be tried with any authenticator app (or ``manage.py demo_code``)."""
import time

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

# Base32, as authenticator apps expect it. A demo value: never give a real account this key.
DEMO_TOTP_SECRET = "SSCPDEMOSSCPDEMOSSCPDEMOSSCPDEMO"


def give_demo_authenticator(user):
    """Idempotent: the demo key as the user's authenticator, unless they already have one."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)


def current_code(secret=DEMO_TOTP_SECRET, *, at=None):
    """The code an authenticator app shows now for ``secret``."""
    return format_hotp_value(hotp_value(secret, int(at if at is not None else time.time()) // app_settings.TOTP_PERIOD))
