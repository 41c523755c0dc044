"""A person's language: chosen with the switcher, kept on their account, used for their pages and emails."""
from django.conf import settings
from django.utils import translation


def supported(code):
    """The language of ours that ``code`` names ("ko-KR" → "ko"), or None."""
    if not code:
        return None
    code = code.lower().split("-")[0].split("_")[0]
    return code if code in dict(settings.LANGUAGES) else None


def language_of(user, *, default=None):
    """The language to write to ``user`` in: their choice, else ``default``, else the portal's."""
    return supported(getattr(user, "language", "")) or supported(default) or settings.LANGUAGE_CODE


def language_of_email(email, *, default=None):
    """The same for an address that may (or may not yet) belong to an account."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email__iexact=email).only("language").first() if email else None
    return language_of(user, default=default)


def remember_language(user, code):
    """Store ``code`` on the account (when it is one of ours and differs)."""
    code = supported(code)
    if code and user.is_authenticated and user.language != code:
        user.language = code
        user.save(update_fields=["language"])


def current_language():
    return supported(translation.get_language()) or settings.LANGUAGE_CODE
