"""Judges see what judging needs and no more: never the applicant's or a nominee's email and phone — on the
application page, in the PDF they download, on the review page. The owner still sees them."""
import shutil
import subprocess

import pytest
from django.urls import reverse

from evaluation.models import Assignment
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")


def contact_details(alice):
    return ["alice@beyoglu.example", alice.contact_phone, "ugur@acik-sehir.example"]


def pdf_text(data, tmp_path):
    path = tmp_path / "application.pdf"
    path.write_bytes(data)
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def test_a_judges_application_and_review_pages_show_no_contact_details(nomination, alice, hana, hana_client):
    review = Assignment.objects.get(judge=hana, entry__application=nomination)
    for url in (reverse("applications:detail", args=[nomination.pk]), reverse("evaluation:review", args=[review.pk])):
        page = hana_client.get(url).content.decode()
        assert "Uğur İbrahim Altay" in page  # the page itself is there
        for detail in contact_details(alice):
            assert detail not in page, (url, detail)


def test_the_owner_still_sees_the_contact_details(nomination, alice):
    page = signed_in(alice.user).get(reverse("applications:detail", args=[nomination.pk])).content.decode()
    for detail in contact_details(alice):
        assert detail in page


@needs_poppler
def test_the_pdf_a_judge_downloads_has_no_contact_details_but_the_owners_has(nomination, alice, hana_client,
                                                                             tmp_path):
    url = reverse("applications:pdf", args=[nomination.pk])
    judges = pdf_text(hana_client.get(url).content, tmp_path)
    owners = pdf_text(signed_in(alice.user).get(url).content, tmp_path)
    assert "Uğur İbrahim Altay" in judges
    for detail in contact_details(alice):
        assert detail not in judges and detail in owners, detail
