from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .language import remember_language


@require_POST
def set_language(request):
    """The language switcher (a plain form, no JavaScript): Django sets the cookie and returns to ``next``;
    a signed-in person's choice is also kept on their account, for their other devices and their emails."""
    response = django_set_language(request)
    if request.user.is_authenticated:
        remember_language(request.user, request.POST.get("language"))
    return response
