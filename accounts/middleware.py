from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .second_factor import has_second_factor, keep_working_day, must_use_second_factor, passed_second_factor


class SecondFactorMiddleware:
    """A staff member or judge whose session has not passed a second factor reaches only the account pages
    (sign in, sign out, set up or enter the second factor): every other page sends them there first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            keep_working_day(request)
            if not passed_second_factor(request) and not self.is_open(request.path_info) \
                    and must_use_second_factor(user):
                return self.second_factor_page(request)
        return self.get_response(request)

    @staticmethod
    def is_open(path):
        account_pages = reverse("account_login").removesuffix("login/")  # /accounts/: allauth's own pages
        return path.startswith((account_pages, settings.STATIC_URL, "/i18n/"))

    @staticmethod
    def second_factor_page(request):
        next_query = "?" + urlencode({"next": request.get_full_path()})
        if has_second_factor(request.user):
            return redirect(reverse("mfa_reauthenticate") + next_query)
        messages.info(request, _("Secretariat staff and judges sign in with a second factor. Set up an "
                                 "authenticator app to continue."))
        return redirect(reverse("mfa_activate_totp") + next_query)
