"""The applicant's pages through the real views: who may reach what, uploads, errors next to fields, the PDF."""
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from applications import services
from applications.models import Application, Attachment
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PERSONAS = ("anonymous", "owner", "another applicant", "staff")
LOGIN = "login"


def pdf_file(name="project-plan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


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


# --- Uploads through the real edit view ---------------------------------------------------------------------------

TYPED = {
    "title": "Beyoğlu'nda akıllı su yönetimi",
    "summary": "Sensors find leaks in the old water network of Beyoğlu.",
    "problem": "A third of the water was lost to leaks.",
    "sectors": ["environment"],
}
EXE = (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + bytes(200)
       + b"This program cannot be run in DOS mode.")
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(120)
HTML_WITH_SCRIPT = b"<!DOCTYPE html><html><script>document.location='https://evil.example'</script></html>"


@pytest.fixture
def blank_draft(edition, alice):
    return services.start_application(applicant=alice, category=edition.categories.get(slug="tech-innovacity"))


def stored_files():
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def assert_typed_text_survived(response, application):
    page = parse(response.content)
    assert field_value(page, "title") == TYPED["title"]
    assert field_value(page, "summary") == TYPED["summary"]
    assert field_value(page, "problem") == TYPED["problem"]
    environment = page.by_id("id_sectors_3")
    assert environment.attrs.get("value") == "environment" and "checked" in environment.attrs
    application.refresh_from_db()
    assert (application.title, application.summary, application.problem, application.sectors) == (
        TYPED["title"], TYPED["summary"], TYPED["problem"], TYPED["sectors"])
    assert application.status == Application.Status.DRAFT


@pytest.mark.parametrize(("content", "name"), [
    pytest.param(EXE, "budget.pdf", id="a Windows executable renamed .pdf"),
    pytest.param(ELF, "photo.png", id="a Linux executable renamed .png"),
    pytest.param(HTML_WITH_SCRIPT, "report.pdf", id="an HTML page renamed .pdf"),
    pytest.param(b"%PDF" + bytes(100), "almost.pdf", id="a truncated PDF signature"),
    pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(64), "broken.png", id="a PNG signature with no image"),
])
def test_a_file_that_is_not_really_a_pdf_jpeg_or_png_is_refused_and_the_typed_text_survives(
        alice_client, blank_draft, content, name):
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {
        **TYPED, "save": "1", "new_attachments": SimpleUploadedFile(name, content, content_type="application/pdf")})
    assert response.status_code == 200
    error = field_error(response.content, "new_attachments")
    assert f"“{name}” is not a PDF, JPEG or PNG file" in error and "not its name" in error
    assert "Your draft was saved, but some things need your attention below." in response.content.decode()
    assert_typed_text_survived(response, blank_draft)
    assert not blank_draft.attachments.exists() and stored_files() == []


def test_a_file_over_20_mb_is_refused_with_its_size_and_the_limit_and_the_typed_text_survives(
        alice_client, blank_draft):
    big = b"%PDF-1.7\n" + bytes(Attachment.MAX_SIZE + 1024 * 1024 - 9)  # 21 MB, a valid PDF header
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {
        **TYPED, "save": "1", "new_attachments": SimpleUploadedFile("site-photos.pdf", big, "application/pdf")})
    assert response.status_code == 200
    assert field_error(response.content, "new_attachments") == (
        "“site-photos.pdf” is 21.0 MB; each file may be at most 20.0 MB.")
    assert_typed_text_survived(response, blank_draft)
    assert not blank_draft.attachments.exists() and stored_files() == []


def test_one_byte_over_the_limit_is_refused_and_exactly_the_limit_is_accepted(alice_client, blank_draft):
    just_over = b"%PDF-1.7\n" + bytes(Attachment.MAX_SIZE + 1 - 9)
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {
        **TYPED, "save": "1", "new_attachments": SimpleUploadedFile("over.pdf", just_over, "application/pdf")})
    assert response.status_code == 200 and "“over.pdf” is" in field_error(response.content, "new_attachments")
    assert not blank_draft.attachments.exists()

    exactly = b"%PDF-1.7\n" + bytes(Attachment.MAX_SIZE - 9)
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {
        **TYPED, "save": "1", "new_attachments": SimpleUploadedFile("exactly.pdf", exactly, "application/pdf")})
    assert response.status_code == 302
    [attachment] = blank_draft.attachments.all()
    assert attachment.size == Attachment.MAX_SIZE and attachment.original_name == "exactly.pdf"


def test_an_empty_file_is_refused_and_the_typed_text_survives(alice_client, blank_draft):
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {
        **TYPED, "save": "1", "new_attachments": SimpleUploadedFile("empty.pdf", b"", "application/pdf")})
    assert response.status_code == 200
    assert "empty" in field_error(response.content, "new_attachments").lower()
    assert_typed_text_survived(response, blank_draft)
    assert not blank_draft.attachments.exists() and stored_files() == []


def test_with_several_files_the_good_ones_are_kept_and_each_bad_one_is_named(alice_client, blank_draft):
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {**TYPED, "save": "1", "new_attachments": [
        pdf_file("plan.pdf"), SimpleUploadedFile("setup.pdf", EXE), SimpleUploadedFile("tool.png", ELF)]})
    assert response.status_code == 200
    error = field_error(response.content, "new_attachments")
    assert "“setup.pdf” is not a PDF" in error and "“tool.png” is not a PDF" in error and "plan.pdf" not in error
    assert list(blank_draft.attachments.values_list("original_name", flat=True)) == ["plan.pdf"]
    assert_typed_text_survived(response, blank_draft)


def test_a_good_pdf_is_stored_under_a_random_name_and_listed_on_the_form(alice_client, blank_draft):
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {**TYPED, "save": "1", "new_attachments": pdf_file(
        "Beyoğlu su planı.pdf")})
    assert response.status_code == 302 and response["Location"] == f"/apply/{blank_draft.pk}/"
    [attachment] = blank_draft.attachments.all()
    assert attachment.content_type == "application/pdf" and attachment.original_name == "Beyoğlu su planı.pdf"
    assert attachment.file.name.startswith(f"attachments/{blank_draft.edition.year}/")
    assert "su" not in Path(attachment.file.name).stem and len(Path(attachment.file.name).stem) == 32
    page = alice_client.get(f"/apply/{blank_draft.pk}/").content.decode()
    assert "Draft saved." in page and f'href="/attachments/{attachment.pk}/">Beyoğlu su planı.pdf</a>' in page


def test_removing_an_attachment_keeps_the_text_typed_in_the_same_post(alice_client, blank_draft):
    attachment = services.add_attachment(application=blank_draft, uploaded_file=pdf_file())
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {**TYPED, "remove_attachment": str(attachment.pk)})
    assert response.status_code == 302
    assert not blank_draft.attachments.exists() and stored_files() == []
    blank_draft.refresh_from_db()
    assert blank_draft.title == TYPED["title"]


def test_removing_an_attachment_with_a_bad_link_in_the_same_post_keeps_the_typed_link_and_shows_the_error(
        alice_client, blank_draft):
    attachment = services.add_attachment(application=blank_draft, uploaded_file=pdf_file())
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {**TYPED, "links": "www dot beyoglu",
                                                               "remove_attachment": str(attachment.pk)})
    assert response.status_code == 200  # not a redirect that would drop what was typed
    assert "www dot beyoglu" in field_error(response.content, "links")
    assert field_value(response.content, "links") == "www dot beyoglu"
    assert_typed_text_survived(response, blank_draft)
    assert not blank_draft.attachments.exists()


def test_a_file_chosen_in_the_same_post_as_removing_another_is_still_added(alice_client, blank_draft):
    old = services.add_attachment(application=blank_draft, uploaded_file=pdf_file("old.pdf"))
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {**TYPED, "remove_attachment": str(old.pk),
                                                               "new_attachments": pdf_file("new.pdf")})
    assert response.status_code == 302
    assert list(blank_draft.attachments.values_list("original_name", flat=True)) == ["new.pdf"]


def test_an_eleventh_file_is_refused_but_removing_one_makes_room_in_the_same_post(alice_client, blank_draft):
    files = [services.add_attachment(application=blank_draft, uploaded_file=pdf_file(f"annex-{n}.pdf"))
             for n in range(Attachment.MAX_PER_APPLICATION)]
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {**TYPED, "save": "1",
                                                               "new_attachments": pdf_file("eleventh.pdf")})
    assert response.status_code == 200
    assert "“eleventh.pdf” was not added: an application can have at most 10 files" in field_error(
        response.content, "new_attachments")
    assert_typed_text_survived(response, blank_draft)
    assert blank_draft.attachments.count() == 10

    response = alice_client.post(f"/apply/{blank_draft.pk}/", {**TYPED, "remove_attachment": str(files[0].pk),
                                                               "new_attachments": pdf_file("eleventh.pdf")})
    assert response.status_code == 302
    names = set(blank_draft.attachments.values_list("original_name", flat=True))
    assert len(names) == 10 and "eleventh.pdf" in names and "annex-0.pdf" not in names


def test_a_post_with_no_fields_at_all_changes_nothing_and_does_not_crash(alice_client, alices_draft):
    before = Application.objects.filter(pk=alices_draft.pk).values().get()
    response = alice_client.post(f"/apply/{alices_draft.pk}/", {})
    assert response.status_code == 400
    assert Application.objects.filter(pk=alices_draft.pk).values().get() == before


def test_a_bad_link_line_is_named_next_to_the_links_and_everything_else_typed_is_kept(alice_client, blank_draft):
    links = "https://beyoglu.bel.tr/su\nbeyoglu dot gov slash water\nhttps://example.org/video"
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {**TYPED, "links": links, "save": "1"})
    assert response.status_code == 200
    error = field_error(response.content, "links")
    assert "beyoglu dot gov slash water" in error and "https://beyoglu.bel.tr/su" not in error
    assert field_value(response.content, "links") == links  # the applicant's own lines, to correct
    assert_typed_text_survived(response, blank_draft)
    blank_draft.refresh_from_db()
    assert blank_draft.links == ""  # the invalid value is not stored…
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {
        **TYPED, "links": "https://beyoglu.bel.tr/su\n\n  https://example.org/video  ", "save": "1"})
    assert response.status_code == 302
    blank_draft.refresh_from_db()
    assert blank_draft.links == "https://beyoglu.bel.tr/su\nhttps://example.org/video"  # …the corrected one is


def test_submitting_an_incomplete_draft_shows_each_error_next_to_its_field_and_keeps_the_draft(
        alice_client, blank_draft):
    response = alice_client.post(f"/apply/{blank_draft.pk}/", {**TYPED, "submit": "1"})
    assert response.status_code == 200
    page = parse(response.content)
    missing = [field for field in services.required_fields(blank_draft) if field not in TYPED]
    assert missing == ["solution", "target_groups", "inclusiveness", "implementation_start",
                       "implementation_stage", "budget", "results", "sustainability"]
    for field in missing:
        assert field_error(page, field) == "This is required before you can submit.", field
    for field in ("title", "summary", "problem", "sectors", "partners", "links"):
        assert field_error(page, field) == "", field
    assert "It cannot be submitted yet" in response.content.decode()
    assert_typed_text_survived(response, blank_draft)
    assert blank_draft.reference is None


def test_a_summary_over_the_word_limit_is_refused_at_submit_with_the_count(alice_client, alices_draft):
    data = {field: getattr(alices_draft, field) for field in (
        "title", "problem", "solution", "inclusiveness", "implementation_stage", "budget", "results",
        "sustainability", "partners", "links")}
    data.update(implementation_start=alices_draft.implementation_start.isoformat(),
                target_groups=alices_draft.target_groups, sectors=alices_draft.sectors, summary="word " * 301,
                submit="1")
    response = alice_client.post(f"/apply/{alices_draft.pk}/", data)
    assert response.status_code == 200
    assert field_error(response.content, "summary") == "The summary has 301 words; the limit is 300."
    alices_draft.refresh_from_db()
    assert alices_draft.status == Application.Status.DRAFT and alices_draft.summary.split() == ["word"] * 301


def test_a_complete_draft_submits_from_the_form_and_shows_its_reference(alice_client, alices_draft):
    data = {field: getattr(alices_draft, field) for field in (
        "title", "summary", "problem", "solution", "inclusiveness", "implementation_stage", "budget", "results",
        "sustainability", "partners", "links")}
    data.update(implementation_start=alices_draft.implementation_start.isoformat(),
                target_groups=alices_draft.target_groups, sectors=alices_draft.sectors, submit="1")
    response = alice_client.post(f"/apply/{alices_draft.pk}/", data, follow=True)
    reference = f"SSCP-{alices_draft.edition.year}-0001"
    assert response.redirect_chain == [(f"/applications/{alices_draft.pk}/", 302)]
    assert reference in response.content.decode()
    alices_draft.refresh_from_db()
    assert alices_draft.reference == reference and alices_draft.status == Application.Status.SUBMITTED
    # Read-only from now on: the form sends Alice to the read-only page, and a POST changes nothing.
    response = alice_client.post(f"/apply/{alices_draft.pk}/", {"title": "Changed afterwards", "save": "1"})
    assert response.status_code == 302 and response["Location"] == f"/applications/{alices_draft.pk}/"
    alices_draft.refresh_from_db()
    assert alices_draft.title != "Changed afterwards"


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


# --- A small HTML tree (standard library) so tests can say where on a page a message is ---------------------------

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return " ".join(" ".join(c if isinstance(c, str) else c.text() for c in self.children).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def by_id(self, element_id):
        return next((node for node in self.iter() if node.attrs.get("id") == element_id), None)

    def is_inside(self, other):
        node = self.parent
        while node is not None:
            if node is other:
                return True
            node = node.parent
        return False


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID_ELEMENTS:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:  # tolerate elements closed implicitly
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    if isinstance(html, Node):
        return html
    builder = _TreeBuilder()
    builder.feed(html.decode("utf-8") if isinstance(html, bytes) else html)
    builder.close()
    return builder.root


def field_error(html, name):
    """The error shown for form field ``name``, asserted to sit inside that field's own block ("" if none)."""
    page = parse(html)
    block = page.by_id(f"div_id_{name}")
    assert block is not None, f"no block for field {name!r} on the page"
    error = page.by_id(f"id_{name}_error")
    if error is None:
        return ""
    assert error.is_inside(block), f"the error of {name!r} is not next to its field"
    return error.text()


def field_value(html, name):
    """What a re-rendered form shows in field ``name``: an input's value or a textarea's text."""
    element = parse(html).by_id(f"id_{name}")
    assert element is not None, f"no field {name!r} on the page"
    if element.tag == "textarea":
        text = "".join(c for c in element.children if isinstance(c, str))
        return text[1:] if text.startswith("\n") else text  # HTML drops the newline right after <textarea>
    return element.attrs.get("value")
