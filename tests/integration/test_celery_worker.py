"""End to end through Celery: the real worker, the real Redis broker, PostgreSQL, a real SMTP stand-in."""
import shutil
import subprocess
import time
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from applications.models import SentReminder
from applications.tasks import send_draft_reminders
from ceremonies import services
from ceremonies.models import Certificate
from tests.ceremonies.factories import EVALUATED_ELSEWHERE, finalist
from tests.factories import ApplicantProfileFactory, ApplicationFactory, EditionFactory, UserFactory

from .conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
NAMES = ["Uğur İbrahim Altay", "Prefeitura de São Paulo", "Ủy ban nhân dân thành phố Đà Nẵng", "서울특별시"]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")
def test_the_worker_renders_certificates_whose_text_has_each_exact_unicode_name(celery_worker):
    edition = EditionFactory()
    for name, extra in zip(NAMES, [dict(applicant_type="individual", category="leadership", title=""),
                                   dict(country="BR", city="São Paulo"), dict(country="VN", city="Đà Nẵng"),
                                   dict(country="KR", city="서울특별시", category="human-centricity")]):
        finalist(edition, name=name, **extra)
    sofia = UserFactory(email="sofia@wego.example")

    created, requested = services.issue_certificates(edition=edition, by=sofia,
                                                     override_reason=EVALUATED_ELSEWHERE)  # commits; on_commit enqueues
    assert created == requested == 4

    def all_ready():
        certificates = list(Certificate.objects.filter(edition=edition))
        return all(c.is_ready for c in certificates) and certificates
    certificates = wait_for(all_ready, message="the worker to render 4 certificates")
    for certificate in certificates:
        path = default_storage.path(certificate.file.name)
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
        assert certificate.recipient_name in text
        assert certificate.code in text
    assert sorted(c.recipient_name for c in certificates) == sorted(NAMES)
    assert celery_worker.succeeded("outbox.deliver") >= 4  # rendered there (through the outbox), not here

    # Regenerating through the worker keeps every code and replaces the files in place.
    codes = {c.pk: (c.code, c.file.name) for c in certificates}
    services.issue_certificates(edition=edition, by=sofia, override_reason=EVALUATED_ELSEWHERE)
    certificates = wait_for(all_ready, message="the worker to render them again")
    assert {c.pk: (c.code, c.file.name) for c in certificates} == codes


def test_running_the_reminder_task_twice_sends_each_due_reminder_exactly_once(celery_worker, smtp_sink):
    smtp_sink.messages.clear()
    edition = EditionFactory(closes_at=timezone.now() + timedelta(days=2, hours=6))
    alice = ApplicantProfileFactory(user=UserFactory(email="alice@beyoglu.example"))
    huong = ApplicantProfileFactory(user=UserFactory(email="huong@danang.example"), name="Đà Nẵng", country="VN",
                                    contact_name="Nguyễn Thị Hương")
    ApplicationFactory(edition=edition, applicant=alice)
    ApplicationFactory(edition=edition, applicant=huong, title="Cảnh báo lũ sớm cho Đà Nẵng")

    send_draft_reminders.delay()
    send_draft_reminders.delay()  # beat firing twice

    wait_for(lambda: SentReminder.objects.filter(sent_at__isnull=False).count() == 2,
             message="two reminders to be sent")
    # Give a duplicate every chance to arrive: the broker queue drains, then one more full scan.
    send_draft_reminders.delay()
    wait_for(lambda: len(smtp_sink.messages) >= 2, message="two emails at the SMTP server")
    wait_for(lambda: celery_worker.succeeded("applications.send_draft_reminders") == 3,
             message="the third scan to finish")
    time.sleep(1.0)  # and whatever it might have queued
    recipients = sorted(address for item in smtp_sink.messages for address in item["to"])
    assert recipients == ["alice@beyoglu.example", "huong@danang.example"]
    assert SentReminder.objects.count() == 2
    message = next(m["message"] for m in smtp_sink.messages if m["to"] == ["huong@danang.example"])
    assert "3 days left" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "Nguyễn Thị Hương" in body and "Cảnh báo lũ sớm cho Đà Nẵng" in body and "KST" in body
    assert message.get_body(("html",)) is not None
    assert celery_worker.succeeded("applications.send_draft_reminders") == 3
