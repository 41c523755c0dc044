from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CeremoniesConfig(AppConfig):
    name = "ceremonies"
    verbose_name = _("Ceremony and publishing")

    def ready(self):
        from applications.signals import edition_started

        from . import signals  # noqa: F401  (keeps public pages and certificates in step with their sources)
        from .new_edition import copy_award_levels

        # A new edition takes over the award levels of the one it copies.
        edition_started.connect(copy_award_levels, dispatch_uid="ceremonies.copy_award_levels")
