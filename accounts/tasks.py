"""Account emails (address confirmation, password reset, security notices), delivered through the outbox.

allauth renders them in the request, in the recipient's language; sending is the side effect, so it goes through
``outbox.services.schedule`` like every other email: a mail server or broker outage delays it, never loses it,
and never turns the person's sign-up or reset into an error page.
"""
from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task(name="accounts.send_account_email")
def send_account_email(message):
    """``message``: the rendered email as JSON (to, subject, body, from_email, alternatives)."""
    email = EmailMultiAlternatives(subject=message["subject"], body=message["body"],
                                   from_email=message.get("from_email"), to=message["to"])
    email.content_subtype = message.get("content_subtype", "plain")
    for content, mimetype in message.get("alternatives", []):
        email.attach_alternative(content, mimetype)
    email.send()
    return True
