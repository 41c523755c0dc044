from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from .roles import ensure_secretariat_group

        post_migrate.connect(lambda **kwargs: ensure_secretariat_group(), dispatch_uid="secretariat-group")
