from django.conf import settings
from django.utils import translation


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
