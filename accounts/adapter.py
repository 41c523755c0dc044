"""allauth's emails (confirmation, password reset, security notices) in the recipient's language."""
from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.models import Site
from django.utils import translation
from django.utils.translation import gettext

from outbox.services import schedule

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
            # allauth's templates name the portal by its Site: in the email's language, not the stored English.
            site = Site.objects.get_current()
            named = SimpleNamespace(domain=site.domain, name=gettext("Seoul Smart City Prize"))
            message = self.render_mail(template_prefix, email, {
                "request": allauth_context.request, "email": email, "current_site": named, **context})
        # Sent through the outbox, as every email: recorded now, delivered by a worker, retried until sent.
        schedule("accounts.send_account_email", {
            "to": list(message.to), "subject": message.subject, "body": message.body,
            "from_email": message.from_email, "content_subtype": message.content_subtype,
            "alternatives": [[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])]})

    def format_email_subject(self, subject):
        return f"[{gettext('Seoul Smart City Prize')}] {subject}"

    def save_user(self, request, user, form, commit=True):
        # Someone signing up on a Korean page reads Korean: their emails follow from the first one.
        user.language = user.language or current_language()
        return super().save_user(request, user, form, commit=commit)
