from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .services.consent import needs_consent

# Signing out, managing the account, reading the notice and the admin need no fresh consent first.
ALWAYS_OPEN = ("/accounts/", "/privacy/", "/static/", "/admin/", "/i18n/")


class ConsentMiddleware:
    """A signed-in person whose consent is for an older notice (or none) is asked again before going on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and request.method == "GET"
                and not request.path.startswith(ALWAYS_OPEN) and needs_consent(user, request.session)):
            return redirect(f"{reverse('privacy:consent')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
