from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.signals import authenticator_added
        from django.contrib.auth.signals import user_logged_in

        from . import role_audit, second_factor

        post_migrate.connect(set_up_roles_and_site, dispatch_uid="secretariat-group-and-site")
        user_logged_in.connect(second_factor.start_working_day, dispatch_uid="staff-working-day")
        authenticator_added.connect(second_factor.note_new_authenticator, dispatch_uid="new-authenticator-passes")
        role_audit.connect()
        user_logged_in.connect(remember_language_at_login, dispatch_uid="remember-language-at-login")


def set_up_roles_and_site(app_config, **kwargs):
    from .roles import ensure_secretariat_group, ensure_site

    # After every app's migrations (idempotent): each app's permissions exist only once it has migrated.
    ensure_secretariat_group()
    ensure_site()


def remember_language_at_login(sender, request, user, **kwargs):
    """Someone signing in who never chose a language keeps the one they are reading the portal in (as the
    cookie or the browser decided for this request: LocaleMiddleware's ``LANGUAGE_CODE``)."""
    from .language import remember_language

    if not user.language and request is not None:
        remember_language(user, getattr(request, "LANGUAGE_CODE", None))
