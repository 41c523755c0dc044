"""Alice reopens her submitted application, edits it and submits again; Sofia compares the two versions."""
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from applications import services
from applications.models import Application, ApplicationVersion
from applications.versions import compare, word_diff
from audit.models import AuditEntry
from tests.conftest import signed_in
from tests.factories import ApplicationFactory

from ..files import pdf_bytes

pytestmark = pytest.mark.django_db
PDF = pdf_bytes("Sensor map")  # a real PDF: uploads are checked whole


@pytest.fixture
def alices_submitted(alices_draft, alice):
    return services.submit_application(application=alices_draft, user=alice.user)


def reopen_edit_resubmit(application, user, **changes):
    services.reopen_application(application=application, user=user)
    application.refresh_from_db()
    services.save_draft(application=application, changes=changes)
    return services.submit_application(application=application, user=user)


def test_the_first_submission_keeps_version_1_with_the_sections_and_files(alice, alices_draft):
    upload = SimpleUploadedFile("Sensör haritası.pdf", PDF, content_type="application/pdf")
    services.add_attachment(application=alices_draft, uploaded_file=upload)
    application = services.submit_application(application=alices_draft, user=alice.user)
    version = application.versions.get()
    assert version.number == 1 and version.submitted_by == alice.user
    assert version.sections["title"] == application.title
    assert version.sections["target_groups"] == ["elderly", "migrants"]
    assert [a["name"] for a in version.attachments] == ["Sensör haritası.pdf"]


def test_reopen_edit_resubmit_keeps_the_reference_and_makes_version_2(alice, alices_submitted):
    reference = alices_submitted.reference
    application = reopen_edit_resubmit(alices_submitted, alice.user,
                                       results="Warnings now arrive 55 minutes earlier, in six languages.")
    assert application.reference == reference and application.status == Application.Status.SUBMITTED
    assert list(application.versions.values_list("number", flat=True)) == [1, 2]
    assert application.versions.get(number=1).sections["results"] == "Warnings now arrive 40 minutes earlier."
    assert "55 minutes" in application.versions.get(number=2).sections["results"]
    actions = list(AuditEntry.objects.filter(target_id=str(application.pk)).order_by("id")
                   .values_list("action", flat=True))
    assert actions == ["application.submitted", "application.reopened", "application.submitted"]


def test_a_reopened_application_is_a_draft_until_submitted_again(alice, alices_submitted):
    application = services.reopen_application(application=alices_submitted, user=alice.user)
    assert application.status == Application.Status.DRAFT and application.is_reopened
    assert application.submitted_at is None  # the draft reminders and the counts see a draft
    assert Application.objects.filter(status=Application.Status.DRAFT, pk=application.pk).exists()


def test_reopening_after_the_deadline_is_refused(alice, alices_submitted, edition):
    with pytest.raises(services.ApplicationError, match="deadline has passed"):
        services.reopen_application(application=alices_submitted, user=alice.user,
                                    now=edition.closes_at + timedelta(seconds=1))
    alices_submitted.refresh_from_db()
    assert alices_submitted.status == Application.Status.SUBMITTED


def test_someone_else_cannot_reopen_alices_application(bob, sofia, alices_submitted):
    for user in (bob.user, sofia):
        with pytest.raises(services.ApplicationError, match="Only the applicant"):
            services.reopen_application(application=alices_submitted, user=user)
    alices_submitted.refresh_from_db()
    assert alices_submitted.status == Application.Status.SUBMITTED


def test_a_screened_application_cannot_be_reopened(alice, alices_submitted, sofia):
    services.screen_application(application=alices_submitted, eligible=True, by=sofia)
    with pytest.raises(services.ApplicationError):
        services.reopen_application(application=alices_submitted, user=alice.user)


def test_alice_reopens_from_her_application_page_and_is_told_it_is_not_submitted(alice_client, alices_submitted):
    detail = alice_client.get(f"/applications/{alices_submitted.pk}/").content.decode()
    assert f"/applications/{alices_submitted.pk}/reopen/" in detail
    response = alice_client.post(f"/applications/{alices_submitted.pk}/reopen/", follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/apply/{alices_submitted.pk}/"
    assert 'id="reopened-warning"' in html and "<strong>not submitted</strong>" in html


def test_bob_cannot_reopen_alices_application_through_the_portal(bob, alices_submitted):
    response = signed_in(bob.user).post(f"/applications/{alices_submitted.pk}/reopen/")
    assert response.status_code == 404
    alices_submitted.refresh_from_db()
    assert alices_submitted.status == Application.Status.SUBMITTED


def test_the_reopen_button_is_gone_after_the_deadline(alice_client, alices_submitted, edition):
    edition.closes_at = timezone.now() - timedelta(minutes=1)
    edition.save()
    assert "/reopen/" not in alice_client.get(f"/applications/{alices_submitted.pk}/").content.decode()


def test_the_word_diff_marks_removed_and_added_words():
    assert word_diff("Warnings arrive 40 minutes earlier.", "Warnings arrive 55 minutes earlier.") == [
        ("same", "Warnings arrive"), ("removed", "40"), ("added", "55"), ("same", "minutes earlier.")]


def test_compare_lists_only_the_changed_sections_as_changed(alice, alices_submitted):
    application = reopen_edit_resubmit(alices_submitted, alice.user, results="Warnings arrive 55 minutes earlier.")
    rows = {str(row["label"]): row for row in compare(*application.versions.order_by("number"))}
    assert rows["results and impact"]["changed"] and not rows["project title"]["changed"]
    assert ("added", "55") in rows["results and impact"]["parts"]


def test_sofia_compares_the_two_versions_in_the_admin(alice, alices_submitted, sofia):
    application = reopen_edit_resubmit(alices_submitted, alice.user,
                                       results="Warnings now arrive 55 minutes earlier, in six languages.")
    client = signed_in(sofia)
    change = client.get(f"/admin/applications/application/{application.pk}/change/").content.decode()
    url = f"/admin/applications/application/{application.pk}/versions/compare/"
    assert f"{url}?a=1&amp;b=2" in change
    html = client.get(url, {"a": "1", "b": "2"}).content.decode()
    assert "<del>40</del>" in html and "<ins>55</ins>" in html and "<ins>earlier, in six languages.</ins>" in html
    assert "(changed)" in html


def test_the_compare_page_survives_nonsense_and_is_for_the_secretariat_only(alice, alices_submitted, sofia):
    url = f"/admin/applications/application/{alices_submitted.pk}/versions/compare/"
    assert signed_in(sofia).get(url, {"a": "x", "b": "99"}).status_code == 200
    assert signed_in(alice.user).get(url).status_code == 302  # to the admin login
    draft = ApplicationFactory(edition=alices_submitted.edition, applicant=alice)
    page = signed_in(sofia).get(f"/admin/applications/application/{draft.pk}/versions/compare/")
    assert page.status_code == 200 and "no submitted version yet" in page.content.decode()
    assert ApplicationVersion.objects.count() == 1


def test_a_reopened_application_is_reminded_as_a_draft(edition, alice, alices_submitted,
                                                       django_capture_on_commit_callbacks):
    from applications.tasks import send_draft_reminders

    edition.closes_at = timezone.now() + timedelta(days=2, hours=12)
    edition.save()
    services.reopen_application(application=alices_submitted, user=alice.user)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_draft_reminders.delay().get() == 1
    assert [m.to for m in mail.outbox] == [["alice@beyoglu.example"]]
