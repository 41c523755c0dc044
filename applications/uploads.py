"""Checking an uploaded file by its content, never by its name: the whole file must be what it claims."""
import logging
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .models import Attachment

SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
# A 40-megapixel photo decodes to about 120 MB; larger images are refused before decoding (decompression bombs).
MAX_IMAGE_PIXELS = 40_000_000
# What may follow a PDF's last %%EOF: line ends and padding some writers add, nothing else (no HTML, no program).
PDF_TRAILER_SLACK = 1024


def detect_content_type(uploaded_file):
    uploaded_file.seek(0)
    head = uploaded_file.read(16)
    uploaded_file.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def _read_tail(uploaded_file, size):
    uploaded_file.seek(max(uploaded_file.size - size, 0))
    return uploaded_file.read()


def _pdf_problem(uploaded_file):
    """Why the file is not a whole, readable PDF (a sentence), or None."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    tail = _read_tail(uploaded_file, PDF_TRAILER_SLACK + 16)
    end = tail.rfind(b"%%EOF")
    if end == -1 or tail[end + 5:].strip(b"\r\n\t \x00"):
        return _("it does not end as a PDF does: something else is attached after the document")
    uploaded_file.seek(0)
    try:
        reader = PdfReader(uploaded_file, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return _("it is protected by a password; please upload it without one")
        if len(reader.pages) == 0:
            return _("it has no pages")
        for page in reader.pages:  # every page object must be there and readable, not just the header
            page.mediabox  # noqa: B018
    except FileNotDecryptedError:
        return _("it is protected by a password; please upload it without one")
    except Exception:  # pypdf raises many kinds on damaged or forged files; any of them means "not a PDF"
        logging.getLogger(__name__).info("Upload refused: not a readable PDF", exc_info=True)
        return _("it cannot be read as a PDF (it may be damaged, or another kind of file renamed)")
    finally:
        uploaded_file.seek(0)
    return None


@contextmanager
def _strict_image_loading():
    """WeasyPrint, once imported, tells Pillow to accept truncated images (a global). Checking an upload
    needs Pillow's own strict default back, for the few milliseconds of the check."""
    from PIL import ImageFile

    before, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def _image_problem(uploaded_file):
    """Why the file is not an image that decodes whole within the pixel limit, or None."""
    from PIL import Image

    try:
        with _strict_image_loading():
            with Image.open(uploaded_file) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    return _("it is %(width)d × %(height)d pixels; images may have at most %(max)d megapixels") % {
                        "width": image.width, "height": image.height, "max": MAX_IMAGE_PIXELS // 1_000_000}
                image.verify()  # the file's structure and checksums
            uploaded_file.seek(0)
            with Image.open(uploaded_file) as image:
                image.load()  # every pixel: a truncated or forged image fails here, not in a judge's browser
    except Image.DecompressionBombError:  # Pillow's own guard, at twice its default limit, fires on opening
        return _("it has more pixels than images may have (at most %(max)d megapixels)") % {
            "max": MAX_IMAGE_PIXELS // 1_000_000}
    except Exception:  # Pillow raises many kinds on damaged or forged images
        return _("it cannot be read as an image (it may be damaged, or another kind of file renamed)")
    finally:
        uploaded_file.seek(0)
    return None


def check_upload(uploaded_file, *, existing_count=0):
    """Return the detected content type, or raise ValidationError saying why the file is refused."""
    name = uploaded_file.name
    if existing_count >= Attachment.MAX_PER_APPLICATION:
        raise ValidationError(
            _("“%(name)s” was not added: an application can have at most %(max)d files. Remove one first.")
            % {"name": name, "max": Attachment.MAX_PER_APPLICATION}
        )
    if uploaded_file.size == 0:  # Django's own file field refuses empty uploads first; services may be called directly
        raise ValidationError(_("“%(name)s” is empty (0 bytes). Please choose the file again.") % {"name": name})
    if uploaded_file.size > Attachment.MAX_SIZE:
        size, limit = filesizeformat(uploaded_file.size), filesizeformat(Attachment.MAX_SIZE)
        if size == limit:  # just over the limit: rounded, both would read "20.0 MB"
            size = _("%(bytes)s bytes") % {"bytes": f"{uploaded_file.size:,}"}
        raise ValidationError(_("“%(name)s” is %(size)s; each file may be at most %(max)s.")
                              % {"name": name, "size": size, "max": limit})
    content_type = detect_content_type(uploaded_file)
    if content_type is None:
        raise ValidationError(
            _("“%(name)s” is not a PDF, JPEG or PNG file. We check what a file contains, not its name; "
              "please export it as PDF, JPEG or PNG.") % {"name": name}
        )
    problem = _pdf_problem(uploaded_file) if content_type == "application/pdf" else _image_problem(uploaded_file)
    if problem:
        raise ValidationError(_("“%(name)s” was not added: %(problem)s.") % {"name": name, "problem": problem})
    return content_type
