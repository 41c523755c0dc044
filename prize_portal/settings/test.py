"""Settings for the test suite: PostgreSQL when DATABASE_URL is set, else SQLite."""
import os

from .base import *  # noqa: F401,F403
from .base import DATABASES, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"
# A fixed name lets a Celery worker subprocess reach the test database.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME", "test_prize_portal")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"]["NAME"] = str(VAR_DIR / f"{DATABASES['default']['TEST']['NAME']}.sqlite3")
# Tests compute an authenticator code and send it a moment later: one 30-second step either side keeps a code
# computed just before a step boundary valid (production keeps allauth's default of none).
MFA_TOTP_TOLERANCE = 1
