"""An application as a PDF, rendered by WeasyPrint with the bundled fonts (every script renders), in the
language of the page it is downloaded from."""
from django.conf import settings
from django.template.loader import render_to_string


def render_application_pdf(application):
    from weasyprint import HTML

    html = render_to_string("applications/application_pdf.html", {"application": application})
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()
