"""Every email the portal sends: a subject, a plain-text body and an HTML body, from templates."""
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_email(*, to, template, context, language=None):
    """Render ``emails/<template>_subject.txt``, ``.txt`` and ``.html`` and send them to ``to``."""
    context = {"SITE_URL": settings.SITE_URL, "CONTACT_EMAIL": settings.CONTACT_EMAIL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip().replace("\n", " ")
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to] if isinstance(to, str) else list(to))
    message.attach_alternative(html, "text/html")
    message.send()
    return message
