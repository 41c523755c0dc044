from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        post_migrate.connect(set_up_roles_and_site, dispatch_uid="secretariat-group-and-site")


def set_up_roles_and_site(app_config, **kwargs):
    from .roles import ensure_secretariat_group, ensure_site

    # After every app's migrations (idempotent): each app's permissions exist only once it has migrated.
    ensure_secretariat_group()
    ensure_site()
