from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Personal data under the person's control. Sits above every other app: it may import them all,
    none imports it."""

    name = "privacy"
    verbose_name = _("Privacy")
