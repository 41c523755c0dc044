"""The ceremony page, its calendar file and the edition's timeline: public before the results, never before
the secretariat publishes them."""
from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import translation

from applications.models import Edition
from audit.models import AuditEntry
from ceremonies.calendar import ceremony_ics, fold
from ceremonies.ceremony import publish_ceremony, unpublish_ceremony
from ceremonies.models import Ceremony
from evaluation.models import Committee, Round
from tests.factories import EditionFactory

from .factories import KST, ceremony

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(sofia):
    edition = EditionFactory(year=2027)
    ceremony(edition)
    return Ceremony.objects.get(edition=edition)


def test_an_unpublished_ceremony_page_and_its_calendar_file_are_not_found(client, planned):
    assert client.get(reverse("ceremonies:ceremony", args=[2027])).status_code == 404
    assert client.get(reverse("ceremonies:ceremony_ics", args=[2027])).status_code == 404


def test_a_published_ceremony_is_public_before_the_results(client, planned, sofia):
    publish_ceremony(ceremony=planned, by=sofia)
    response = client.get(reverse("ceremonies:ceremony", args=[2027]))
    page = response.content.decode()
    assert response.status_code == 200 and not planned.edition.results_published
    assert "Dongdaemun Design Plaza" in page and "17:30" in page and "Award presentation" in page
    assert "KST" in page
    assert AuditEntry.objects.filter(action="ceremony.published").count() == 1


def test_unpublishing_the_ceremony_hides_it_again(client, planned, sofia):
    publish_ceremony(ceremony=planned, by=sofia)
    assert client.get(reverse("ceremonies:ceremony", args=[2027])).status_code == 200
    unpublish_ceremony(ceremony=planned, by=sofia)
    assert client.get(reverse("ceremonies:ceremony", args=[2027])).status_code == 404


def test_the_calendar_file_follows_rfc_5545_with_utc_times(client, planned, sofia):
    publish_ceremony(ceremony=planned, by=sofia)
    response = client.get(reverse("ceremonies:ceremony_ics", args=[2027]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode("utf-8")
    lines = body.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and body.endswith("END:VCALENDAR\r\n")
    # 17:30 in Seoul is 08:30 UTC.
    assert "DTSTART:20270925T083000Z" in lines and "DTEND:20270925T093000Z" in lines
    assert "LOCATION:Dongdaemun Design Plaza\\, Art Hall 2\\, 281 Eulji-ro\\, Jung-gu\\, Seoul" in body.replace(
        "\r\n ", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)


def test_long_utf8_lines_are_folded_without_splitting_a_character():
    line = "SUMMARY:" + "서울스마트도시상 시상식 " * 10
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert len(parts) > 1 and all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert "".join(parts) == line


def test_the_korean_ceremony_name_reaches_the_calendar_in_utf8(planned):
    planned.venue_ko = "동대문디자인플라자"
    planned.save()
    with translation.override("ko"):
        body = ceremony_ics(planned, summary="시상식", url="https://example.org/", host="example.org")
    assert "SUMMARY:시상식" in body and "동대문디자인플라자" in body


def _dated_edition(planned):
    edition = planned.edition
    edition.opens_at = datetime(2027, 2, 1, 9, 0, tzinfo=KST)
    edition.closes_at = datetime(2027, 4, 30, 23, 59, tzinfo=KST)
    edition.save()
    committee = Committee.objects.create(edition=edition, name="Evaluation Committee", kind=Committee.Kind.EVALUATION)
    Round.objects.create(edition=edition, number=1, name="Screening round", committee=committee,
                         opens_at=datetime(2027, 5, 10, 9, 0, tzinfo=KST),
                         closes_at=datetime(2027, 5, 31, 18, 0, tzinfo=KST))
    planned.announces_on = date(2027, 8, 20)
    planned.save()
    return edition


def test_the_timeline_shows_the_call_and_the_rounds_but_no_unpublished_ceremony(client, planned):
    _dated_edition(planned)
    page = client.get(reverse("ceremonies:timeline", args=[2027])).content.decode()
    assert "Call for applications opens" in page and "1 February 2027" in page
    assert "Screening round" in page and "31 May 2027" in page
    assert 'data-step="ceremony"' not in page and "20 August 2027" not in page


def test_the_timeline_shows_the_announcement_and_ceremony_once_published(client, planned, sofia):
    _dated_edition(planned)
    publish_ceremony(ceremony=planned, by=sofia)
    page = client.get(reverse("ceremonies:timeline", args=[2027])).content.decode()
    assert 'data-step="announcement"' in page and "20 August 2027" in page
    assert 'data-step="ceremony"' in page and "25 September 2027" in page
    assert reverse("ceremonies:ceremony", args=[2027]) in page


def test_an_edition_in_preparation_has_no_public_timeline(client, planned):
    Edition.objects.filter(pk=planned.edition_id).update(status=Edition.Status.PREPARING)
    assert client.get(reverse("ceremonies:timeline", args=[2027])).status_code == 404


def test_the_home_page_links_to_the_dates_of_the_current_edition(client, planned):
    Edition.objects.filter(pk=planned.edition_id).update(is_current=True)
    assert reverse("ceremonies:timeline", args=[2027]) in client.get(reverse("applications:home")).content.decode()


def test_the_secretariat_publishes_the_ceremony_page_from_the_admin(client, planned, sofia_client):
    response = sofia_client.post(reverse("admin:ceremonies_ceremony_changelist"),
                                 {"action": "publish_page", "_selected_action": [planned.pk]})
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.is_published
    assert client.get(reverse("ceremonies:ceremony", args=[2027])).status_code == 200
