"""Production: everything secure by default; secrets must come from the environment."""
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import SECRET_KEY, env_bool

DEBUG = env_bool("DEBUG", False)
if SECRET_KEY.startswith("dev-only") and not env_bool("ALLOW_DEV_SECRET_KEY"):
    raise ImproperlyConfigured("Set SECRET_KEY in the environment for production.")

# WhiteNoise serves the collected static files, right after the security middleware.
MIDDLEWARE = [*MIDDLEWARE[:1], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
STORAGES_STATIC = "whitenoise.storage.CompressedManifestStaticFilesStorage"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": STORAGES_STATIC}}  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
