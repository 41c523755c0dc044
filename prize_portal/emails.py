"""Every email the portal sends: a subject, a plain-text body and an HTML body, from templates."""
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def render_templated_email(*, template, context, language=None):
    """``(subject, text, html)`` of ``emails/<template>``: what would be sent, for a preview or for sending."""
    context = {"SITE_URL": settings.SITE_URL, "CONTACT_EMAIL": settings.CONTACT_EMAIL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip().replace("\n", " ")
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    return subject, text, html


def send_templated_email(*, to, template, context, language=None):
    """Render ``emails/<template>_subject.txt``, ``.txt`` and ``.html`` and send them to ``to``."""
    subject, text, html = render_templated_email(template=template, context=context, language=language)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to] if isinstance(to, str) else list(to))
    message.attach_alternative(html, "text/html")
    message.send()
    return message
