"""Private files (application PDFs, attachments, certificates, exports) are never cached, never sniffed, and
shown in the browser only when they are verified PDFs or images."""
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.base import ContentFile

from applications import services
from applications.models import Attachment
from tests.files import pdf_bytes

pytestmark = pytest.mark.django_db


def assert_private(response):
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives and "public" not in directives
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_application_pdf_is_private(alice_client, alices_draft):
    response = alice_client.get(f"/applications/{alices_draft.pk}/pdf/")
    assert_private(response)
    assert response["Content-Disposition"].startswith("attachment;")


def _attachment(application, name, content, content_type):
    attachment = Attachment(application=application, original_name=name, content_type=content_type,
                            size=len(content))
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


def test_a_verified_pdf_is_shown_in_the_browser_and_kept_private(alice_client, alices_draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    attachment = services.add_attachment(application=alices_draft,
                                         uploaded_file=SimpleUploadedFile("Su planı.pdf", pdf_bytes()))
    response = alice_client.get(f"/attachments/{attachment.pk}/")
    assert_private(response)
    assert response["Content-Disposition"].startswith("inline;") and "Su%20plan%C4%B1.pdf" in response[
        "Content-Disposition"]
    download = alice_client.get(f"/attachments/{attachment.pk}/?download=1")
    assert_private(download)
    assert download["Content-Disposition"].startswith("attachment;")


def test_a_file_not_verified_as_pdf_or_image_is_only_ever_downloaded(alice_client, alices_draft):
    attachment = _attachment(alices_draft, "notes.html", b"<script>alert(1)</script>", "text/html")
    response = alice_client.get(f"/attachments/{attachment.pk}/")
    assert_private(response)
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_applications_export_is_private(sofia_client, alices_draft):
    response = sofia_client.post("/admin/applications/application/", {
        "action": "export_csv", ACTION_CHECKBOX_NAME: [alices_draft.pk], "index": 0})
    assert_private(response)
    assert response["Content-Disposition"] == 'attachment; filename="applications.csv"'
