"""Settings for the Celery worker the integration tests start: the test settings, pointed at the test
database itself (the worker is another process, so it must open the database the tests created), the
broker and shared media folder the tests choose, and a real SMTP connection to the tests' sink."""
import os

from prize_portal.settings.test import *  # noqa: F401,F403
from prize_portal.settings.test import DATABASES

DATABASES["default"]["NAME"] = DATABASES["default"]["TEST"]["NAME"]
MEDIA_ROOT = os.environ["PORTAL_TEST_MEDIA_ROOT"]
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("PORTAL_TEST_SMTP_PORT", "25"))
EMAIL_USE_TLS = False
EMAIL_TIMEOUT = 10
CELERY_TASK_ALWAYS_EAGER = False
