"""An application as a PDF, rendered by WeasyPrint with the bundled fonts (every script renders).

A full application takes seconds to render (about 4 s at the word limits on a busy 2-core machine), so a web
request never renders one when there is a worker: it asks for the PDF of the application *as it reads now*
(named by a digest of its HTML, per language), gets it if a worker has stored it, and otherwise schedules the
rendering through the outbox and shows a page that reloads until it is ready. Without a broker (the quick
start) there is no worker to ask, so it is rendered at once, as before, and kept for the next download.
"""
import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation

from outbox.services import is_pending, schedule

FOLDER = "application-pdfs"
RENDER_TASK = "applications.render_application_pdf"


def render_application_pdf(application, *, show_private=False):
    """``show_private``: with the contact details (email, phone), for the owner and the secretariat only."""
    return _pdf_of(_html_of(application, show_private=show_private))


def pdf_for_download(application, *, show_private=False):
    """The PDF bytes of ``application`` as it reads now, in the active language; None while a worker prepares it.

    The reader's view (with or without contact details) is part of the HTML, so of the stored file's name."""
    language = translation.get_language()
    html = _html_of(application, show_private=show_private)
    path = _path(application.pk, language, html)
    if default_storage.exists(path):
        with default_storage.open(path, "rb") as stored:
            return stored.read()
    from celery import current_app

    if current_app.conf.task_always_eager:  # no worker to hand it to
        return _store(path, _pdf_of(html))
    if not is_pending(RENDER_TASK, application.pk, language, show_private):
        schedule(RENDER_TASK, application.pk, language, show_private)
    return None


def store_application_pdf(*, application_id, language, show_private=False):
    """Render and keep the PDF of the application as it reads now (the worker's side). Safe to run twice."""
    from .models import Application

    application = Application.objects.select_related("edition", "category", "applicant").get(pk=application_id)
    with translation.override(language):
        html = _html_of(application, show_private=show_private)
    path = _path(application.pk, language, html)
    if not default_storage.exists(path):
        _store(path, _pdf_of(html))
    return path


def _html_of(application, *, show_private=False):
    return render_to_string("applications/application_pdf.html", {"application": application,
                                                                   "show_private": show_private})


def _pdf_of(html):
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()


def _path(application_id, language, html):
    digest = hashlib.sha256(html.encode()).hexdigest()[:24]
    return f"{FOLDER}/{application_id}/{language}.{digest}.pdf"


def _store(path, data):
    """Keep ``data`` at ``path`` and drop this language's other versions (an edited draft's earlier PDFs, or a
    duplicate that a concurrent rendering saved under another name)."""
    default_storage.save(path, ContentFile(data))
    folder, name = path.rsplit("/", 1)
    language = name.split(".", 1)[0]
    for other in default_storage.listdir(folder)[1]:
        if other != name and other.startswith(f"{language}."):
            default_storage.delete(f"{folder}/{other}")
    return data
