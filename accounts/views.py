from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .language import remember_language


@csrf_exempt  # checked below for signed-in people only: anonymous pages are cached whole, token and all
@require_POST
def set_language(request):
    """The language switcher (a plain form, no JavaScript): Django sets the cookie and returns to ``next``;
    a signed-in person's choice is also kept on their account, for their other devices and their emails.
    For an anonymous visitor it changes nothing but that cookie, so it needs no CSRF token."""
    if request.user.is_authenticated:
        rejected = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
        if rejected is not None:
            return rejected
    response = django_set_language(request)
    if request.user.is_authenticated:
        remember_language(request.user, request.POST.get("language"))
    return response
