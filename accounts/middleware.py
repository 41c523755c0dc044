from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .second_factor import has_second_factor, keep_working_day, must_use_second_factor, passed_second_factor


class SecondFactorMiddleware:
    """A staff member or judge whose session has not passed a second factor is sent to pass one first.

    With an authenticator they reach only the page that asks for its code, and sign-out (not their account
    settings: those could remove the authenticator). Without one they reach the account pages, to set it up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.path_info.startswith(settings.STATIC_URL):
            if passed_second_factor(request):
                keep_working_day(request)
            elif must_use_second_factor(user):
                refusal = self.second_factor_first(request)
                if refusal is not None:
                    return refusal
        return self.get_response(request)

    @staticmethod
    def second_factor_first(request):
        path = request.path_info
        next_query = "?" + urlencode({"next": request.get_full_path()})
        if has_second_factor(request.user):
            if path in (reverse("mfa_reauthenticate"), reverse("account_logout")):
                return None
            return redirect(reverse("mfa_reauthenticate") + next_query)
        account_pages = reverse("account_login").removesuffix("login/")  # /accounts/: allauth's own pages
        if path.startswith(account_pages):
            return None
        messages.info(request, _("Secretariat staff and judges sign in with a second factor. Set up an "
                                 "authenticator app to continue."))
        return redirect(reverse("mfa_activate_totp") + next_query)


class AccountLanguageMiddleware:
    """After LocaleMiddleware (cookie, then browser) and authentication: a signed-in person's stored choice
    wins, on any device; the cookie is brought in step so the choice outlives signing out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = user.language if user is not None and user.is_authenticated else ""
        if language and language != getattr(request, "LANGUAGE_CODE", None):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language \
                and settings.LANGUAGE_COOKIE_NAME not in response.cookies:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
                                path=settings.LANGUAGE_COOKIE_PATH, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                                secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY)
        return response
