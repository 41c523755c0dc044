"""An application as a PDF, rendered by WeasyPrint with the bundled fonts (every script renders)."""
from django.conf import settings
from django.template.loader import render_to_string


def render_application_pdf(application, *, show_private=False):
    """``show_private``: with the contact details (email, phone), for the owner and the secretariat only."""
    from weasyprint import HTML

    html = render_to_string("applications/application_pdf.html", {"application": application,
                                                                   "show_private": show_private})
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()
