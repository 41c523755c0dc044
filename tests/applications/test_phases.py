"""The edition's timeline: phases derived from facts, the steps that move it, and the home page telling the truth."""
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from applications import services
from applications.models import DeadlineExtension, Edition
from applications.phases import Phase, edition_phase
from audit.models import AuditEntry
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def past_deadline(edition, days=1):
    edition.closes_at = timezone.now() - timedelta(days=days)
    edition.save(update_fields=["closes_at"])
    return edition


def test_an_edition_is_in_call_open_until_its_deadline_then_call_closed(edition):
    assert edition_phase(edition).phase == Phase.CALL_OPEN
    assert edition_phase(past_deadline(edition)).phase == Phase.CALL_CLOSED


def test_the_call_stays_open_while_an_extension_is_running(edition, alice, sofia):
    past_deadline(edition)
    services.grant_extension(edition=edition, applicant=alice, until=timezone.now() + timedelta(hours=5),
                             reason="Power cut in the city hall", by=sofia)
    assert edition_phase(edition).phase == Phase.CALL_OPEN
    DeadlineExtension.objects.update(until=timezone.now() - timedelta(minutes=1))
    assert edition_phase(edition).phase == Phase.CALL_CLOSED


def test_preparing_published_and_archived_come_from_the_editions_own_facts(edition):
    edition.status = Edition.Status.PREPARING
    assert edition_phase(edition).phase == Phase.PREPARING
    edition.status, edition.results_published_at = Edition.Status.PUBLISHED, timezone.now()
    assert edition_phase(edition).phase == Phase.PUBLISHED
    edition.status = Edition.Status.ARCHIVED
    assert edition_phase(edition).phase == Phase.ARCHIVED


def test_opening_the_call_needs_a_prepared_edition_with_dates_and_categories(sofia):
    edition = EditionFactory(year=2030, is_current=False, status=Edition.Status.PREPARING, closes_at=None)
    with pytest.raises(services.ApplicationError, match="set when applications open and close"):
        services.open_call(edition=edition, by=sofia)
    edition.closes_at = edition.opens_at + timedelta(days=60)
    edition.save()
    services.open_call(edition=edition, by=sofia)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.PUBLISHED and edition_phase(edition).phase == Phase.CALL_OPEN
    assert AuditEntry.objects.filter(action="edition.call_opened", target_id=str(edition.pk)).exists()
    with pytest.raises(services.ApplicationError, match="not in preparation"):
        services.open_call(edition=edition, by=sofia)  # out of order: it is already open


def test_archiving_before_publication_is_refused_unless_a_reason_is_given_and_audited(edition, sofia):
    with pytest.raises(services.ApplicationError, match="its results are not published"):
        services.archive_edition(edition=edition, by=sofia)
    services.archive_edition(edition=edition, by=sofia, override_reason="Edition cancelled by the organisers")
    edition.refresh_from_db()
    assert edition.status == Edition.Status.ARCHIVED and not edition.is_current
    entry = AuditEntry.objects.get(action="edition.archived")
    assert entry.data["override"] == {"reason": "Edition cancelled by the organisers",
                                      "problems": ["its results are not published"]}


def test_the_edition_status_moves_only_through_the_services_in_the_admin(edition, sofia_client):
    page = sofia_client.get(f"/admin/applications/edition/{edition.pk}/change/").content.decode()
    assert 'name="status"' not in page and "Call for applications open" in page
    preparing = EditionFactory(year=2031, is_current=False, status=Edition.Status.PREPARING)
    sofia_client.post("/admin/applications/edition/", {"action": "open_call", "_selected_action": [preparing.pk]})
    preparing.refresh_from_db()
    assert preparing.status == Edition.Status.PUBLISHED


def home(client=None):
    return (client or Client()).get("/").content.decode()


def test_the_home_page_says_applications_are_open_only_while_they_are(edition):
    assert "Applications are open until" in home() and "Apply now" in home()
    past_deadline(edition)
    body = home()
    assert "Applications are open" not in body and "Apply now" not in body
    assert "Applications closed on" in body and "checking the eligibility" in body
    assert "How to apply" not in body


def test_the_home_page_of_an_edition_in_preparation_does_not_invite_applications(edition):
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.PREPARING)
    body = home()
    assert "will open soon" in body and "Apply now" not in body and "Applications are open" not in body


def test_the_home_page_points_to_the_finalists_and_winners_once_published(edition):
    past_deadline(edition)
    Edition.objects.filter(pk=edition.pk).update(results_published_at=timezone.now())
    body = home()
    assert "The finalists and winners are announced." in body and f'href="/winners/{edition.year}/"' in body
    assert "Apply now" not in body
