"""The whole uploaded file must be what it claims; odd names get a message; private files are never cached."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from applications import services
from tests.files import image_bytes, pdf_bytes
from tests.html import field_error, field_value

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(120) + b"This program cannot be run in DOS mode."


def _png_header_claiming(width, height):
    """A PNG whose header claims ``width`` × ``height`` with almost no data: a decompression bomb."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(1000)))
            + chunk(b"IEND", b""))


@pytest.fixture
def blank_draft(edition, alice):
    return services.start_application(applicant=alice, category=edition.categories.get(slug="tech-innovacity"))


def upload(client, draft, name, content, **typed):
    return client.post(f"/apply/{draft.pk}/", {"title": "Akıllı su", **typed, "save": "1",
                                               "new_attachments": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(("content", "reason"), [
    pytest.param(b"%PDF-1.4\n" + HTML, "does not end as a PDF", id="a PDF header followed by HTML"),
    pytest.param(b"%PDF-1.7\n" + EXE + b"\n%%EOF\n", "cannot be read as a PDF", id="a PDF header, a program, %%EOF"),
    pytest.param(pdf_bytes() + HTML, "does not end as a PDF", id="a real PDF with HTML appended"),
    pytest.param(pdf_bytes()[:-200] + b"%%EOF\n", "cannot be read as a PDF", id="a PDF cut short"),
    pytest.param(b"%PDF-1.4\n%%EOF\n", "cannot be read as a PDF", id="a PDF with nothing inside"),
])
def test_a_pdf_must_parse_as_a_pdf_whole(alice_client, blank_draft, content, reason):
    response = upload(alice_client, blank_draft, "plan.pdf", content)
    assert response.status_code == 200
    error = field_error(response.content, "new_attachments")
    assert "“plan.pdf” was not added" in error and reason in error
    assert field_value(response.content, "title") == "Akıllı su"
    assert not blank_draft.attachments.exists()


@pytest.mark.parametrize(("content", "reason"), [
    pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(64), "cannot be read as an image", id="a PNG signature, no image"),
    pytest.param(image_bytes("PNG", 400, 300)[:-800], "cannot be read as an image", id="a truncated PNG"),
    pytest.param(image_bytes("JPEG", 400, 300)[:-800], "cannot be read as an image", id="a truncated JPEG"),
    pytest.param(_png_header_claiming(20_000, 20_000), "at most 40 megapixels", id="a 400-megapixel PNG bomb"),
    pytest.param(_png_header_claiming(8_000, 6_000), "images may have at most 40 megapixels", id="48 megapixels"),
])
def test_an_image_must_decode_within_the_pixel_limit(alice_client, blank_draft, content, reason):
    response = upload(alice_client, blank_draft, "site.png", content)
    assert response.status_code == 200
    assert reason in field_error(response.content, "new_attachments")
    assert not blank_draft.attachments.exists()


def test_a_truncated_image_is_refused_even_after_weasyprint_relaxed_pillow(alice_client, blank_draft):
    import weasyprint  # noqa: F401  (its import sets ImageFile.LOAD_TRUNCATED_IMAGES = True)
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    response = upload(alice_client, blank_draft, "site.jpg", image_bytes("JPEG", 400, 300)[:-800])
    assert "cannot be read as an image" in field_error(response.content, "new_attachments")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # left as WeasyPrint wants it


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("plan.pdf", pdf_bytes(), "application/pdf"), ("site.png", image_bytes("PNG"), "image/png"),
    ("site.jpg", image_bytes("JPEG"), "image/jpeg")])
def test_real_pdfs_and_images_are_accepted(alice_client, blank_draft, name, content, kind):
    assert upload(alice_client, blank_draft, name, content).status_code == 302
    assert blank_draft.attachments.get().content_type == kind


def multipart(fields, files, boundary=b"sscp-boundary-7d3f"):
    """A multipart body built by hand, so a file name can be raw bytes (the test client would encode it)."""
    body = io.BytesIO()
    for name, value in fields.items():
        body.write(b"--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                   % (boundary, name.encode(), value.encode()))
    for name, (filename, content) in files.items():
        body.write(b"--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                   b"Content-Type: application/pdf\r\n\r\n%s\r\n" % (boundary, name.encode(), filename, content))
    body.write(b"--%s--\r\n" % boundary)
    return body.getvalue(), "multipart/form-data; boundary=" + boundary.decode()


@pytest.mark.parametrize("filename", [b"r\xe9sum\xe9.pdf", "사업계획서.pdf".encode("cp949")],
                         ids=["Latin-1", "Korean EUC-KR"])
def test_a_file_whose_name_is_not_utf8_gets_a_clear_message_instead_of_vanishing(alice_client, blank_draft,
                                                                                   filename):
    body, content_type = multipart({"title": "Akıllı su", "save": "1"},
                                   {"new_attachments": (filename, pdf_bytes())})
    response = alice_client.generic("POST", f"/apply/{blank_draft.pk}/", body, content_type=content_type)
    assert response.status_code == 200
    error = field_error(response.content, "new_attachments")
    assert "was not added: its name could not be read" in error and ".pdf”" in error
    assert field_value(response.content, "title") == "Akıllı su"


def test_a_utf8_name_in_a_hand_built_body_is_accepted(alice_client, blank_draft):
    body, content_type = multipart({"title": "x", "save": "1"},
                                   {"new_attachments": ("사업계획서.pdf".encode(), pdf_bytes())})
    assert alice_client.generic("POST", f"/apply/{blank_draft.pk}/", body, content_type=content_type).status_code == 302
    assert blank_draft.attachments.get().original_name == "사업계획서.pdf"
