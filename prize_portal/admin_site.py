from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class PrizeAdminSite(admin.AdminSite):
    site_header = _("Seoul Smart City Prize — Secretariat")
    site_title = _("Seoul Smart City Prize")
    index_title = _("Secretariat")

    def index(self, request, extra_context=None):
        from applications.stats import current_edition_overview

        extra_context = {**(extra_context or {}), "edition_overview": current_edition_overview()}
        return super().index(request, extra_context)

    def login(self, request, extra_context=None):
        """No password-only login here: the admin's login is allauth's, with its second factor and rate limits."""
        return secure_admin_login(super().login)(request, extra_context)
