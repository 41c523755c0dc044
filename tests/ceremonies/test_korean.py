"""Korean on the ceremony's side: names entered by the secretariat in Korean (English when there is none),
and certificates printed in the recipient's language, or in the one the secretariat chooses."""
import pytest
from django.core.files.storage import default_storage
from django.test import Client

from audit.models import AuditEntry
from ceremonies import services
from ceremonies.models import Certificate

from .factories import EVALUATED_ELSEWHERE
from .test_certificates import issue_and_render, needs_poppler, pdf_text

pytestmark = pytest.mark.django_db
KOREAN = "ko-KR,ko;q=0.9"


@pytest.fixture
def korean_texts(edition, the_ceremony):
    """Korean for the theme, one category and the ceremony; Human-CentriCity is left without a Korean name."""
    edition.theme_ko = "포용적 디지털 전환"
    edition.save()
    edition.categories.filter(slug="human-centricity").update(name_ko="", description_ko="")
    the_ceremony.venue_ko = "동대문디자인플라자 아트홀 2관"
    the_ceremony.save()
    return edition


def winners_page(edition, language):
    return Client().get(f"/winners/{edition.year}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_public_pages_show_the_korean_names_to_korean_readers_and_english_where_none_was_entered(
        korean_texts, gold, seoul_finalist, published):
    page = winners_page(korean_texts, KOREAN)
    assert "포용적 디지털 전환" in page  # the edition's theme
    assert "테크-이노바시티" in page and "Tech-InnovaCity" not in page  # a category with a Korean name
    assert "Human-CentriCity" in page  # no Korean name entered: the English one
    assert "금상" in page and "Gold" not in page  # the award level
    assert "동대문디자인플라자 아트홀 2관" in page  # the ceremony's venue
    assert "제5회 서울스마트시티상(2027)" in page


def test_english_readers_see_the_english_names(korean_texts, gold, seoul_finalist, published):
    page = winners_page(korean_texts, "en")
    assert "Tech-InnovaCity" in page and "Gold" in page and "Dongdaemun Design Plaza" in page
    assert "테크-이노바시티" not in page and "금상" not in page and "포용적" not in page


def test_the_open_data_keeps_the_english_names_whoever_asks(korean_texts, gold, published):
    data = Client().get(f"/winners/{korean_texts.year}.json", HTTP_ACCEPT_LANGUAGE=KOREAN).json()
    assert {row["level_name"] for row in data} == {"Gold"}
    assert {row["category_name"] for row in data} == {"Tech-InnovaCity"}


@needs_poppler
def test_a_certificate_is_printed_in_korean_for_a_recipient_who_reads_korean(
        alice, gold, the_ceremony, sofia, tmp_path, django_capture_on_commit_callbacks):
    alice.user.language = "ko"
    alice.user.save()
    issue_and_render(gold.edition, sofia, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(award=gold)
    assert certificate.language == "ko"
    with default_storage.open(certificate.file.name, "rb") as handle:
        text = " ".join(pdf_text(handle.read(), tmp_path).split())
    assert "상장" in text and "서울스마트시티상" in text
    assert "금상" in text and "테크-이노바시티 부문" in text
    assert "서울, 2027년 9월 25일" in text  # the day of the ceremony, as Korean writes dates
    assert "서울특별시장" in text and "터키" in text  # Korean signatory line; the country's Korean name
    assert "Certificate" not in text and certificate.category_name == "테크-이노바시티"


@needs_poppler
def test_the_secretariat_can_print_a_certificate_in_english_instead(
        alice, gold, the_ceremony, sofia, tmp_path, django_capture_on_commit_callbacks):
    alice.user.language = "ko"
    alice.user.save()
    issue_and_render(gold.edition, sofia, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(award=gold)
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.print_certificates_in(certificates=[certificate], language="en", by=sofia)
    certificate.refresh_from_db()
    assert changed == 1 and certificate.language == "en" and certificate.is_ready
    assert AuditEntry.objects.filter(action="certificate.language_changed", target_id=str(certificate.pk)).exists()
    with default_storage.open(certificate.file.name, "rb") as handle:
        text = " ".join(pdf_text(handle.read(), tmp_path).split())
    assert "Gold" in text and "Tech-InnovaCity" in text and "25 September 2027" in text and "상장" not in text


def test_the_admin_action_chooses_the_language_of_the_selected_certificates(
        gold, sofia, sofia_client, django_capture_on_commit_callbacks):
    services.issue_certificates(edition=gold.edition, by=sofia, enqueue=False, override_reason=EVALUATED_ELSEWHERE)
    certificate = Certificate.objects.get(award=gold)
    assert certificate.language == "en"  # Alice never chose a language
    with django_capture_on_commit_callbacks(execute=False):
        response = sofia_client.post("/admin/ceremonies/certificate/", {
            "action": "print_in_korean", "_selected_action": [certificate.pk]})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.language == "ko" and certificate.requested_at is not None


def test_certificates_are_printed_only_in_the_portals_languages(gold, sofia):
    services.issue_certificates(edition=gold.edition, by=sofia, enqueue=False, override_reason=EVALUATED_ELSEWHERE)
    with pytest.raises(services.AwardError):
        services.print_certificates_in(certificates=Certificate.objects.all(), language="fr", by=sofia)
