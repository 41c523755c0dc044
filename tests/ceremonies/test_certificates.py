"""Certificates: every script renders, A4 landscape, a QR code to the verification page, idempotent."""
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from applications.models import Application
from audit.models import AuditEntry
from ceremonies import services
from ceremonies.certificates import certificate_html, html_to_pdf
from ceremonies.models import Certificate

from .factories import EVALUATED_ELSEWHERE, finalist

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")


def pdf_text(data, tmp_path):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_info(data, tmp_path):
    path = tmp_path / "info.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


def issue_and_render(edition, sofia, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_certificates(edition=edition, by=sofia, override_reason=EVALUATED_ELSEWHERE)
    return Certificate.objects.filter(edition=edition)


@needs_poppler
def test_every_name_renders_in_its_own_script(edition, sofia, levels, django_capture_on_commit_callbacks,
                                               tmp_path):
    names = {
        "Uğur İbrahim Altay": dict(applicant_type="individual", category="leadership", title="", city="İzmir"),
        "Prefeitura de São Paulo": dict(country="BR", city="São Paulo", title="Bibliotecas digitais"),
        "Ủy ban nhân dân thành phố Đà Nẵng": dict(country="VN", city="Đà Nẵng", title="Cảnh báo lũ sớm"),
        "서울특별시": dict(country="KR", city="서울특별시", category="human-centricity", title="스마트 돌봄"),
    }
    for name, extra in names.items():
        finalist(edition, name=name, **extra)
    certificates = issue_and_render(edition, sofia, django_capture_on_commit_callbacks)
    assert certificates.count() == 4
    for certificate in certificates:
        assert certificate.is_ready
        with default_storage.open(certificate.file.name, "rb") as handle:
            text = pdf_text(handle.read(), tmp_path)
        assert certificate.recipient_name in text, text
        assert certificate.code in text
        assert "Finalist" in text


@needs_poppler
def test_an_award_certificate_is_a4_landscape_with_level_category_and_code(gold, the_ceremony, sofia, tmp_path,
                                                                          django_capture_on_commit_callbacks):
    issue_and_render(gold.edition, sofia, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(award=gold)
    with default_storage.open(certificate.file.name, "rb") as handle:
        data = handle.read()
    # Keep a picture of the certificate for people to look at.
    if shutil.which("pdftoppm"):
        ARTIFACTS.mkdir(exist_ok=True)
        (tmp_path / "award.pdf").write_bytes(data)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(tmp_path / "award.pdf"),
                        str(ARTIFACTS / "certificate-award")], check=True)
    info = pdf_info(data, tmp_path)
    assert "Pages:           1" in info
    assert "841.89 x 595.276 pts" in info or "842 x 595 pts" in info  # A4 landscape
    text = pdf_text(data, tmp_path)
    assert "CERTIFICATEOFAWARD" in "".join(text.split())  # letter-spaced capitals
    for expected in ("Beyoğlu Belediyesi", "Gold", "Tech-InnovaCity", "Đà Nẵng",
                     "Seoul, 25 September", "Secretary General, WeGO", certificate.code, "certificates/" + certificate.code):
        assert expected in text, expected


def test_the_qr_code_points_at_the_verification_page(gold, sofia, settings):
    settings.SITE_URL = "https://prize.example"
    created, _requested = services.issue_certificates(edition=gold.edition, by=sofia, enqueue=False,
                                                      override_reason=EVALUATED_ELSEWHERE)
    certificate = Certificate.objects.get(award=gold)
    html = certificate_html(certificate)
    assert f"prize.example/certificates/{certificate.code}/" in html
    assert 'src="data:image/png;base64,' in html


def test_certificates_are_issued_for_each_award_and_each_finalist_once(gold, ugurs_finalist, sofia, edition):
    created, requested = services.issue_certificates(edition=edition, by=sofia, enqueue=False,
                                                     override_reason=EVALUATED_ELSEWHERE)
    # Alice: her Gold award and her finalist certificate; Uğur: finalist.
    assert created == 3 and requested == 3
    kinds = sorted(Certificate.objects.values_list("kind", flat=True))
    assert kinds == ["award", "finalist", "finalist"]
    again, requested = services.issue_certificates(edition=edition, by=sofia, enqueue=False,
                                                   override_reason=EVALUATED_ELSEWHERE)
    assert again == 0 and requested == 3
    assert AuditEntry.objects.filter(action="certificates.generated").count() == 2


def test_regenerating_replaces_the_file_and_keeps_the_code(gold, sofia, edition,
                                                           django_capture_on_commit_callbacks):
    issue_and_render(edition, sofia, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(award=gold)
    code, name = certificate.code, certificate.file.name
    issue_and_render(edition, sofia, django_capture_on_commit_callbacks)
    certificate.refresh_from_db()
    assert certificate.code == code and certificate.file.name == name
    assert certificate.is_ready
    assert len(default_storage.listdir(f"certificates/{edition.year}")[1]) == 2  # award + finalist, no leftovers


def test_rendering_twice_is_harmless(gold, sofia, edition, django_capture_on_commit_callbacks):
    issue_and_render(edition, sofia, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(award=gold)
    assert services.render_certificate(certificate_id=certificate.pk) is False  # already current


@needs_poppler
def test_a_changed_name_re_renders_the_certificate(gold, sofia, edition, tmp_path,
                                                   django_capture_on_commit_callbacks):
    issue_and_render(edition, sofia, django_capture_on_commit_callbacks)
    profile = gold.application.applicant
    with django_capture_on_commit_callbacks(execute=True):
        profile.name = "Beyoğlu Belediye Başkanlığı"
        profile.save()
    gold.refresh_from_db()
    assert gold.entity_name == "Beyoğlu Belediye Başkanlığı"
    certificate = Certificate.objects.get(award=gold)
    assert certificate.is_ready and certificate.recipient_name == "Beyoğlu Belediye Başkanlığı"
    with default_storage.open(certificate.file.name, "rb") as handle:
        assert "Beyoğlu Belediye Başkanlığı" in pdf_text(handle.read(), tmp_path)


def test_a_changed_award_re_renders_its_certificate(gold, sofia, edition, levels,
                                                    django_capture_on_commit_callbacks):
    issue_and_render(edition, sofia, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_award(award=gold, changes={"level": levels["silver"]}, by=sofia)
    certificate = Certificate.objects.get(award=gold)
    assert certificate.level_name == "Silver" and certificate.is_ready
    assert AuditEntry.objects.filter(action="award.changed", target_id=str(gold.pk)).exists()


def test_nothing_is_enqueued_when_the_transaction_rolls_back(gold, sofia, edition,
                                                             django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError):
        with transaction.atomic():
            services.issue_certificates(edition=edition, by=sofia, override_reason=EVALUATED_ELSEWHERE)
            raise RuntimeError("something else failed")
    assert callbacks == []
    assert not Certificate.objects.exists()


def test_revoking_keeps_the_code_and_is_recorded(gold, sofia, edition):
    services.issue_certificates(edition=edition, by=sofia, enqueue=False, override_reason=EVALUATED_ELSEWHERE)
    certificate = Certificate.objects.get(award=gold)
    services.revoke_certificate(certificate=certificate, by=sofia, reason="Issued to the wrong entity")
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert AuditEntry.objects.filter(action="certificate.revoked", target_id=str(certificate.pk)).exists()
    with pytest.raises(services.AwardError):
        services.revoke_certificate(certificate=certificate, by=sofia, reason="again")
    assert services.render_certificate(certificate_id=certificate.pk, force=True) is False


def test_removing_an_award_revokes_its_certificate_and_makes_a_finalist_again(gold, sofia, edition):
    services.issue_certificates(edition=edition, by=sofia, enqueue=False, override_reason=EVALUATED_ELSEWHERE)
    certificate = Certificate.objects.get(award=gold)
    application = gold.application
    services.remove_award(award=gold, by=sofia, reason="Jury decision reversed")
    certificate.refresh_from_db()
    application.refresh_from_db()
    assert certificate.is_revoked
    assert application.status == Application.Status.FINALIST


def test_raw_weasyprint_renders_the_same_html(gold, sofia):
    services.issue_certificates(edition=gold.edition, by=sofia, enqueue=False, override_reason=EVALUATED_ELSEWHERE)
    data = html_to_pdf(certificate_html(Certificate.objects.get(award=gold)))
    assert data.startswith(b"%PDF")
