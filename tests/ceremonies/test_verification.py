"""/certificates/<code>/: valid, unknown, revoked — and who may download the PDF."""
import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory

from ceremonies import services
from ceremonies.models import Certificate
from tests.ceremonies.factories import EVALUATED_ELSEWHERE
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(published, gold, sofia, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_certificates(edition=gold.edition, by=sofia, override_reason=EVALUATED_ELSEWHERE)
    return Certificate.objects.get(award=gold)


def test_a_valid_code_confirms_the_certificate(certificate):
    page = Client().get(f"/certificates/{certificate.code}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "This certificate is valid." in body
    assert "Beyoğlu Belediyesi" in body and "Gold" in body and "Tech-InnovaCity" in body
    assert 'name="robots" content="noindex"' in body


def test_a_code_is_found_whatever_its_case(certificate):
    assert Client().get(f"/certificates/{certificate.code.lower()}/").status_code == 200


def test_an_unknown_code_is_said_to_be_unknown(db):
    page = Client().get("/certificates/SSCP-AAAA-BBBB-CCCC/")
    assert page.status_code == 404
    assert "We do not know this code." in page.content.decode()


def test_a_revoked_code_says_so_plainly(certificate, sofia):
    services.revoke_certificate(certificate=certificate, by=sofia, reason="Wrong entity name")
    page = Client().get(f"/certificates/{certificate.code}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "has been revoked and is no longer valid" in body
    assert "Beyoğlu Belediyesi" not in body and "Wrong entity name" not in body


def test_a_certificate_of_unpublished_results_reads_as_unknown(gold, sofia):
    services.issue_certificates(edition=gold.edition, by=sofia, enqueue=False, override_reason=EVALUATED_ELSEWHERE)
    certificate = Certificate.objects.get(award=gold)
    page = Client().get(f"/certificates/{certificate.code}/")
    assert page.status_code == 404 and "Beyoğlu" not in page.content.decode()


def test_the_recipient_and_the_secretariat_download_the_pdf_nobody_else(certificate, alice_client, sofia_client,
                                                                       charlie):
    url = f"/certificates/{certificate.code}/pdf/"
    for client in (alice_client, sofia_client):
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert f'filename="{certificate.code}.pdf"' in response["Content-Disposition"]
    assert Client().get(url).status_code == 404
    assert signed_in(charlie).get(url).status_code == 404


def test_a_revoked_certificate_is_no_longer_downloadable_by_its_recipient(certificate, alice_client, sofia):
    services.revoke_certificate(certificate=certificate, by=sofia, reason="Award removed")
    assert alice_client.get(f"/certificates/{certificate.code}/pdf/").status_code == 404


def test_the_recipient_cannot_download_before_the_results_are_published(gold, sofia, alice_client,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_certificates(edition=gold.edition, by=sofia, override_reason=EVALUATED_ELSEWHERE)
    certificate = Certificate.objects.get(award=gold)
    assert alice_client.get(f"/certificates/{certificate.code}/pdf/").status_code == 404


def test_the_dashboard_snippet_lists_the_recipients_certificates(certificate, alice, charlie):
    template = Template("{% load certificates %}{% my_certificates %}")
    request = RequestFactory().get("/dashboard/")
    request.user = alice.user
    html = template.render(Context({"request": request}))
    assert "Your certificates" in html and f"/certificates/{certificate.code}/pdf/" in html
    request.user = charlie
    assert "Your certificates" not in template.render(Context({"request": request}))
