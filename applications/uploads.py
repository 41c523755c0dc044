"""Checking an uploaded file by its content, never by its name."""
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .models import Attachment

SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


def detect_content_type(uploaded_file):
    uploaded_file.seek(0)
    head = uploaded_file.read(16)
    uploaded_file.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def _image_is_readable(uploaded_file):
    from PIL import Image

    try:
        with Image.open(uploaded_file) as image:
            image.verify()
        return True
    except Exception:
        return False
    finally:
        uploaded_file.seek(0)


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
    if content_type is None or (content_type.startswith("image/") and not _image_is_readable(uploaded_file)):
        raise ValidationError(
            _("“%(name)s” is not a PDF, JPEG or PNG file. We check what a file contains, not its name; "
              "please export it as PDF, JPEG or PNG.") % {"name": name}
        )
    return content_type
