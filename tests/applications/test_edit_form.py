"""The application form through the real edit view: uploads refused with a reason, errors next to their fields,
and nothing the applicant typed is ever lost."""
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from applications import services
from applications.models import Application, Attachment
from tests.files import pdf_bytes
from tests.html import field_error, field_value, parse

from .test_views import pdf_file

pytestmark = pytest.mark.django_db

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

    exactly = pdf_bytes(size=Attachment.MAX_SIZE)
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
