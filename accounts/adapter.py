"""allauth's emails (confirmation, password reset, security notices) in the recipient's language."""
from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation
from django.utils.translation import gettext

from .language import current_language, language_of, language_of_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # The account's language when there is one; otherwise (an address not yet known) the page's.
        user = context.get("user")
        if user is not None and getattr(user, "language", ""):
            language = language_of(user)
        else:
            language = language_of_email(email, default=current_language())
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject):
        return f"[{gettext('Seoul Smart City Prize')}] {subject}"

    def save_user(self, request, user, form, commit=True):
        # Someone signing up on a Korean page reads Korean: their emails follow from the first one.
        user.language = user.language or current_language()
        return super().save_user(request, user, form, commit=commit)
