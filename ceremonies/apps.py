from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CeremoniesConfig(AppConfig):
    name = "ceremonies"
    verbose_name = _("Ceremony and publishing")

    def ready(self):
        from . import signals  # noqa: F401  (keeps public pages and certificates in step with their sources)
