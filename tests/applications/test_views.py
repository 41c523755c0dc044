"""The applicant's pages through the real views: who may reach what, private files, the PDF."""
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from applications import services
from applications.models import Application, Attachment
from tests.conftest import signed_in
from tests.factories import ApplicationFactory

from tests.files import pdf_bytes

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()
PERSONAS = ("anonymous", "owner", "another applicant", "staff")
LOGIN = "login"


def pdf_file(name="project-plan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def clients(alice, bob, sofia):
    return {"anonymous": Client(), "owner": signed_in(alice.user), "another applicant": signed_in(bob.user),
            "staff": signed_in(sofia)}


@pytest.fixture
def world(edition, alice, bob):
    """Alice's draft and submitted applications, each with a file; Bob's nomination for Leadership."""
    draft = ApplicationFactory(edition=edition, applicant=alice)
    draft_file = services.add_attachment(application=draft, uploaded_file=pdf_file("draft-plan.pdf"))
    submitted = ApplicationFactory(edition=edition, applicant=alice, title="Dijital kütüphaneler",
                                   category=edition.categories.get(slug="human-centricity"))
    submitted_file = services.add_attachment(application=submitted, uploaded_file=pdf_file("budget.pdf"))
    services.submit_application(application=submitted, user=alice.user)
    nomination = ApplicationFactory(edition=edition, applicant=bob, category=edition.categories.get(slug="leadership"),
                                    is_nomination=True, nominee_name="Nguyễn Văn An", nominee_email="an@danang.example")
    return {"draft": draft.pk, "draft_file": draft_file.pk, "submitted": submitted.pk,
            "submitted_file": submitted_file.pk, "token": nomination.nominee_token,
            "not_a_nomination_token": draft.nominee_token, "unknown_token": "0b0e5c1e-8a0f-4c6e-9d5e-0d3c1f7a9b21",
            "missing": 999_999}


# Every URL of applications/urls.py, GET: (anonymous, owner = Alice, another applicant = Bob, staff = Sofia).
# An int is the status; LOGIN a redirect to the login page; "->/path/" a redirect there.
ACCESS_MATRIX = [
    ("home", "/", (200, 200, 200, 200)),
    ("about", "/about/", (200, 200, 200, 200)),
    ("dashboard", "/dashboard/", (LOGIN, 200, 200, 200)),
    ("profile", "/profile/", (LOGIN, 200, 200, 200)),
    ("start (POST only)", "/apply/start/", (LOGIN, 405, 405, 405)),
    ("edit a draft", "/apply/{draft}/", (LOGIN, 200, 404, 404)),
    ("edit a submitted one", "/apply/{submitted}/", (LOGIN, "->/applications/{submitted}/", 404, 404)),
    ("edit a missing one", "/apply/{missing}/", (LOGIN, 404, 404, 404)),
    ("detail of a draft", "/applications/{draft}/", (LOGIN, "->/apply/{draft}/", 404, 200)),
    ("detail of a submitted one", "/applications/{submitted}/", (LOGIN, 200, 404, 200)),
    ("pdf of a draft", "/applications/{draft}/pdf/", (LOGIN, 200, 404, 200)),
    ("pdf of a submitted one", "/applications/{submitted}/pdf/", (LOGIN, 200, 404, 200)),
    ("withdraw a draft", "/applications/{draft}/withdraw/", (LOGIN, 200, 404, 404)),
    ("withdraw a submitted one", "/applications/{submitted}/withdraw/", (LOGIN, 200, 404, 404)),
    ("attachment of a draft", "/attachments/{draft_file}/", (LOGIN, 200, 404, 200)),
    ("attachment of a submitted one", "/attachments/{submitted_file}/", (LOGIN, 200, 404, 200)),
    ("attachment that does not exist", "/attachments/{missing}/", (LOGIN, 404, 404, 404)),
    ("confirm a nomination (the token is the key)", "/nominations/{token}/", (200, 200, 200, 200)),
    ("confirm with an unknown token", "/nominations/{unknown_token}/", (404, 404, 404, 404)),
    ("confirm with a token that is not a nomination's", "/nominations/{not_a_nomination_token}/",
     (404, 404, 404, 404)),
]


@pytest.mark.parametrize(("url", "persona", "expected"), [
    pytest.param(url, persona, expected, id=f"{name} × {persona}")
    for name, url, row in ACCESS_MATRIX for persona, expected in zip(PERSONAS, row)
])
def test_every_applicant_url_answers_each_persona_as_the_access_rules_say(world, clients, url, persona, expected):
    path = url.format(**world)
    response = clients[persona].get(path)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={path}"
    elif isinstance(expected, str):
        assert response.status_code == 302
        assert response["Location"] == expected[2:].format(**world)
    else:
        assert response.status_code == expected
    if response.status_code == 200 and "/pdf/" in path:
        assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF-")
    if response.status_code == 200 and path.startswith("/attachments/"):
        assert b"".join(response.streaming_content) == PDF
        assert response["Cache-Control"] == "private, no-store" and response["X-Content-Type-Options"] == "nosniff"


# State-changing POSTs by someone who is not the owner change nothing and answer 404 (or the login page).
@pytest.mark.parametrize("persona", ["anonymous", "another applicant", "staff"])
@pytest.mark.parametrize(("url", "data"), [
    pytest.param("/apply/{draft}/", {"title": "Hijacked", "save": "1"}, id="save someone's draft"),
    pytest.param("/apply/{draft}/", {"title": "Hijacked", "submit": "1"}, id="submit someone's draft"),
    pytest.param("/apply/{draft}/", {"remove_attachment": "{draft_file}"}, id="remove someone's attachment"),
    pytest.param("/applications/{draft}/withdraw/", {}, id="withdraw someone's draft"),
    pytest.param("/applications/{submitted}/withdraw/", {}, id="withdraw someone's submitted application"),
])
def test_nobody_but_the_owner_can_change_an_application(world, clients, persona, url, data):
    path = url.format(**world)
    before = {a.pk: (a.status, a.title, a.reference) for a in Application.objects.all()}
    response = clients[persona].post(path, {k: v.format(**world) for k, v in data.items()})
    if persona == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 404
    assert {a.pk: (a.status, a.title, a.reference) for a in Application.objects.all()} == before
    assert set(Attachment.objects.values_list("pk", flat=True)) == {world["draft_file"], world["submitted_file"]}


@pytest.mark.parametrize(("persona", "expected"), [
    ("anonymous", "/accounts/login/?next=/apply/start/"),
    ("owner", "/apply/{new}/"),             # a city may enter Tech-InnovaCity
    ("another applicant", "/apply/{new}/"),  # so may a company
    ("staff", "/profile/"),                  # no applicant profile: asked to complete one first
])
def test_starting_an_application_in_tech_innovacity(edition, clients, persona, expected):
    category = edition.categories.get(slug="tech-innovacity")
    response = clients[persona].post("/apply/start/", {"category": category.pk})
    assert response.status_code == 302
    new = Application.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert response["Location"] == expected.format(new=new)
    assert Application.objects.count() == (1 if "{new}" in expected else 0)


def test_a_category_the_applicant_may_not_enter_is_refused_with_the_reason(edition, alice_client):
    response = alice_client.post("/apply/start/", {"category": edition.categories.get(slug="leadership").pk},
                                 follow=True)
    assert response.redirect_chain[-1][0] == "/dashboard/"
    assert "cannot enter Leadership" in response.content.decode()
    assert not Application.objects.exists()


def test_an_applicant_never_sees_someone_elses_application_on_their_dashboard(world, clients):
    alices = clients["owner"].get("/dashboard/").content.decode()
    bobs = clients["another applicant"].get("/dashboard/").content.decode()
    assert "Dijital kütüphaneler" in alices and "Dijital kütüphaneler" not in bobs
    assert f"/apply/{world['draft']}/" in alices and f"/apply/{world['draft']}/" not in bobs


# --- Files are never public ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("persona", PERSONAS)
def test_an_attachment_is_never_served_from_a_guessable_public_url(world, clients, persona):
    attachment = Attachment.objects.get(pk=world["draft_file"])
    assert Path(attachment.file.path).is_file()  # it really is on disk…
    for path in (f"{settings.MEDIA_URL}{attachment.file.name}", f"/media/{attachment.file.name}",
                 f"/{attachment.file.name}", attachment.file.url):
        assert clients[persona].get(path).status_code == 404, path  # …but no URL serves it directly


def test_the_owner_can_download_an_attachment_under_its_original_name(world, clients):
    response = clients["owner"].get(f"/attachments/{world['draft_file']}/?download=1")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="draft-plan.pdf"'
    assert b"".join(response.streaming_content) == PDF


# --- The application as a PDF -------------------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_the_application_pdf_downloads_with_its_unicode_title_and_answers(alice_client, alices_draft, tmp_path):
    alices_draft.title = "Đà Nẵng và 서울특별시: İstanbul'un ağı"
    alices_draft.results = "Warnings arrive 40 minutes earlier in São Paulo too."
    alices_draft.save()
    services.submit_application(application=alices_draft, user=alices_draft.applicant.user)
    response = alice_client.get(f"/applications/{alices_draft.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reference = f"SSCP-{alices_draft.edition.year}-0001"
    assert response["Content-Disposition"] == f'attachment; filename="{reference}.pdf"'
    path = tmp_path / "application.pdf"
    path.write_bytes(response.content)
    text = unicodedata.normalize("NFC", subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                                                       capture_output=True, text=True).stdout)
    for expected in ("Đà Nẵng", "서울특별시", "İstanbul'un ağı", "São Paulo", reference, "Beyoğlu Belediyesi"):
        assert expected in text, expected
