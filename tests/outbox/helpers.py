"""Shared by the outbox tests and the broker-outage integration test."""
from applications.forms import ApplicationForm


def submit_form(draft):
    """What the applicant's browser posts to submit ``draft`` as it stands: every field of the form, and submit."""
    form = ApplicationForm(instance=draft)
    data = {name: form[name].value() for name in form.fields if name != "new_attachments"}
    return {**{name: value for name, value in data.items() if value is not None}, "submit": "1"}


class FlakySMTP:
    """Patches the test mail backend so its next ``failures`` sends fail as a dropped SMTP connection would."""

    def __init__(self, monkeypatch, failures=1):
        from smtplib import SMTPServerDisconnected

        from django.core.mail.backends.locmem import EmailBackend

        real_send = EmailBackend.send_messages
        self.left = failures

        def send_messages(backend, messages):
            if self.left:
                self.left -= 1
                raise SMTPServerDisconnected("Connection unexpectedly closed")
            return real_send(backend, messages)

        monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
