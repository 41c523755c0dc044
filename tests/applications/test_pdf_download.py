"""The application PDF never holds a web request for seconds: with a worker it is rendered in the background
(a page reloads until it is ready), and a draft's text boxes are bounded so no PDF grows without limit."""
import pytest
from django.core.files.storage import default_storage

from applications import pdf
from applications.models import SECTION_DRAFT_CHARACTERS, Application
from outbox.models import OutboxMessage
from outbox.services import sweep
from tests.html import field_error, field_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def renderings(monkeypatch):
    """Counts WeasyPrint runs (each takes seconds for a full application)."""
    calls = []
    real = pdf._pdf_of

    def counted(html):
        calls.append(html)
        return real(html)

    monkeypatch.setattr(pdf, "_pdf_of", counted)
    return calls


@pytest.fixture
def with_a_worker():
    """A broker (in memory: nobody listens, the test delivers with ``sweep`` as a worker would)."""
    from prize_portal.celery import app

    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


def test_with_a_worker_the_request_only_asks_and_a_page_reloads_until_the_pdf_is_ready(
        alice_client, alices_draft, renderings, with_a_worker):
    url = f"/applications/{alices_draft.pk}/pdf/"
    response = alice_client.get(url)
    assert response.status_code == 202 and renderings == []
    page = response.content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page and "is being prepared" in page
    assert alice_client.get(url).status_code == 202  # the reload: still preparing, not asked twice
    assert OutboxMessage.objects.filter(task="applications.render_application_pdf").count() == 1

    assert sweep() == 1  # the worker renders it
    assert len(renderings) == 1
    response = alice_client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(renderings) == 1

    alices_draft.title = "Akıllı su: a new title"
    alices_draft.save()
    assert alice_client.get(url).status_code == 202  # the PDF of the draft as it reads now, not the old one
    sweep()
    assert alice_client.get(url).status_code == 200
    assert len(default_storage.listdir(f"application-pdfs/{alices_draft.pk}")[1]) == 1  # the old one is gone


def test_without_a_worker_the_pdf_is_rendered_at_once_and_kept_for_the_next_download(
        alice_client, alices_draft, renderings):
    url = f"/applications/{alices_draft.pk}/pdf/"
    assert alice_client.get(url).status_code == 200
    assert alice_client.get(url).status_code == 200
    assert len(renderings) == 1


def test_a_pasted_book_is_refused_for_that_box_with_its_length_and_everything_else_is_kept(alice_client, alices_draft):
    book = ("Sensors find leaks in the old water network of Beyoğlu. " * 400).strip()  # 22,399 characters
    response = alice_client.post(f"/apply/{alices_draft.pk}/", {
        "title": "Akıllı su", "problem": book, "results": "Leaks fell by a third.", "save": "1"})
    assert response.status_code == 200
    assert field_error(response.content, "problem") == (
        f"This is too long to keep: 22399 characters, and a draft keeps at most {SECTION_DRAFT_CHARACTERS} here. "
        "Your text is still in the box: shorten it and save again.")
    assert field_value(response.content, "problem") == book
    draft = Application.objects.get(pk=alices_draft.pk)
    assert (draft.title, draft.results) == ("Akıllı su", "Leaks fell by a third.")
    assert draft.problem == alices_draft.problem  # the stored one is unchanged


def test_exactly_the_limit_is_kept(alice_client, alices_draft):
    text = ("x" * 9 + " ") * (SECTION_DRAFT_CHARACTERS // 10)
    assert len(text) == SECTION_DRAFT_CHARACTERS
    response = alice_client.post(f"/apply/{alices_draft.pk}/", {"problem": text, "save": "1"})
    assert response.status_code == 302
    assert Application.objects.get(pk=alices_draft.pk).problem == text.strip()
