"""A certificate as an A4 landscape PDF: HTML rendered by WeasyPrint with the bundled fonts, and a QR
code pointing at the public verification page."""
import base64
import io
import zoneinfo

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

KST = zoneinfo.ZoneInfo("Asia/Seoul")
STATIC_ROOT_FOR_PDF = settings.BASE_DIR / "static"


def verification_url(code):
    return f"{settings.SITE_URL}{reverse('ceremonies:certificate', args=[code])}"


def qr_data_uri(url):
    """The QR code as an inline PNG, 10 px per module (about 400 dpi at its printed 24 mm): sharp in print, and
    much cheaper for WeasyPrint to paint than an SVG of hundreds of little paths."""
    import qrcode

    image = qrcode.make(url, border=1, box_size=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def certificate_date(certificate, ceremony):
    """The day of the ceremony when there is one, else the day results were published, else today."""
    moment = (ceremony.starts_at if ceremony else None) or certificate.edition.results_published_at or timezone.now()
    return moment.astimezone(KST).date()


def certificate_html(certificate):
    """The certificate in its own language (``certificate.language``), whoever asks for it."""
    from .models import DEFAULT_SIGNATORIES, Ceremony

    ceremony = Ceremony.objects.filter(edition=certificate.edition).first()
    url = verification_url(certificate.code)
    language = certificate.language or settings.LANGUAGE_CODE
    signatories = DEFAULT_SIGNATORIES.get(language, DEFAULT_SIGNATORIES["en"])
    printed = ceremony.in_language(language) if ceremony else None
    with translation.override(language):
        return render_to_string("ceremonies/certificate_pdf.html", {
            "certificate": certificate, "edition": certificate.edition, "ceremony": ceremony,
            "date": certificate_date(certificate, ceremony), "verification_url": url, "qr": qr_data_uri(url),
            "signatory_left": printed.signatory_left if printed else signatories[0],
            "signatory_right": printed.signatory_right if printed else signatories[1],
        })


def html_to_pdf(html):
    from weasyprint import HTML

    return HTML(string=html, base_url=str(STATIC_ROOT_FOR_PDF)).write_pdf()


def render_pdf(certificate):
    return html_to_pdf(certificate_html(certificate))
