"""The secretariat's results desk: preview, a deliberate publish, generate all with progress, awards."""
import pytest

from applications.models import Application
from audit.models import AuditEntry
from ceremonies import services
from ceremonies.models import Award, Certificate
from tests.ceremonies.factories import EVALUATED_ELSEWHERE
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def desk(edition, suffix=""):
    return f"/admin/ceremonies/editionresults/{edition.pk}/{suffix}"


def test_every_ceremonies_admin_page_opens_for_the_secretariat(sofia_client, gold, the_ceremony, edition):
    services.issue_certificates(edition=edition, by=None, enqueue=False, override_reason=EVALUATED_ELSEWHERE)
    for url in ("/admin/ceremonies/award/", f"/admin/ceremonies/award/{gold.pk}/change/",
                "/admin/ceremonies/award/add/", "/admin/ceremonies/awardlevel/", "/admin/ceremonies/ceremony/",
                f"/admin/ceremonies/ceremony/{the_ceremony.pk}/change/", "/admin/ceremonies/certificate/",
                "/admin/ceremonies/editionresults/", desk(edition, "change/"), desk(edition, "progress/")):
        assert sofia_client.get(url).status_code == 200, url


def test_applicants_and_outsiders_never_reach_the_desk(alice_client, charlie, edition):
    for client in (alice_client, signed_in(charlie)):
        assert client.get(desk(edition, "change/")).status_code == 302  # to the admin login
        assert client.post(desk(edition, "publish/"), {"confirm": "yes"}).status_code == 302
    edition.refresh_from_db()
    assert not edition.results_published


def test_publishing_asks_for_confirmation_first(sofia_client, gold, edition):
    page = sofia_client.get(desk(edition, "publish/")).content.decode()
    assert "Yes, publish the results" in page
    assert "applications are still open" in page and "Leadership: no finalist" in page  # what blocks it
    edition.refresh_from_db()
    assert not edition.results_published
    sofia_client.post(desk(edition, "publish/"), {"confirm": "yes"})
    edition.refresh_from_db()
    assert not edition.results_published  # refused without a reason
    sofia_client.post(desk(edition, "publish/"), {"confirm": "yes", "override_reason": EVALUATED_ELSEWHERE})
    edition.refresh_from_db()
    assert edition.results_published
    entry = AuditEntry.objects.get(action="results.published")
    assert entry.actor.email == "sofia@wego.example" and entry.data["override"]["reason"] == EVALUATED_ELSEWHERE


def test_withdrawing_needs_a_reason(sofia_client, published, edition):
    sofia_client.post(desk(edition, "withdraw/"), {"reason": ""})
    edition.refresh_from_db()
    assert edition.results_published
    sofia_client.post(desk(edition, "withdraw/"), {"reason": "A misspelt name"})
    edition.refresh_from_db()
    assert not edition.results_published


def test_generate_all_issues_renders_and_shows_progress(sofia_client, gold, ugurs_finalist, edition,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        refused = sofia_client.post(desk(edition, "certificates/"))  # the results are not published
        response = sofia_client.post(desk(edition, "certificates/"), {"override_reason": EVALUATED_ELSEWHERE})
    assert not refused["Location"].endswith("/progress/")
    assert response.status_code == 302 and response["Location"].endswith("/progress/")
    assert Certificate.objects.filter(edition=edition).count() == 3
    progress = sofia_client.get(desk(edition, "progress/?format=json")).json()
    assert progress == {"total": 3, "ready": 3, "failed": 0, "pending": 0, "percent": 100}
    page = sofia_client.get(desk(edition, "progress/")).content.decode()
    assert "3 of 3 certificates ready" in page and 'http-equiv="refresh"' not in page


def test_progress_refreshes_while_certificates_are_rendering(sofia_client, gold, edition):
    services.issue_certificates(edition=edition, by=None, enqueue=False,
                                override_reason=EVALUATED_ELSEWHERE)  # requested, not rendered yet
    page = sofia_client.get(desk(edition, "progress/")).content.decode()
    assert "0 of 2 certificates ready" in page and 'http-equiv="refresh"' in page


def test_adding_an_award_for_a_finalist_goes_through_the_rules(sofia_client, seoul_finalist, levels, edition,
                                                               alices_draft):
    data = {"edition": edition.pk, "application": seoul_finalist.pk, "level": levels["gold"].pk,
            "citation": "Care that reaches every senior.", "partner": "", "category": "", "entity_type": "",
            "entity_name": "", "project_title": "", "city": "", "country": "", "summary": ""}
    response = sofia_client.post("/admin/ceremonies/award/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    award = Award.objects.get()
    assert award.entity_name == "서울특별시 Seoul Metropolitan Government" and award.category.slug == "human-centricity"
    seoul_finalist.refresh_from_db()
    assert seoul_finalist.status == Application.Status.WINNER
    refused = sofia_client.post("/admin/ceremonies/award/add/", {**data, "application": alices_draft.pk})
    assert "Only finalists can receive an award" in refused.content.decode()
    assert Award.objects.count() == 1


def test_revoking_from_the_admin_asks_for_a_reason(sofia_client, gold, edition):
    services.issue_certificates(edition=edition, by=None, enqueue=False, override_reason=EVALUATED_ELSEWHERE)
    certificate = Certificate.objects.get(award=gold)
    form = {"action": "revoke", "_selected_action": [certificate.pk]}
    assert "Revoke certificates" in sofia_client.post("/admin/ceremonies/certificate/", form).content.decode()
    sofia_client.post("/admin/ceremonies/certificate/", {**form, "apply": "1", "reason": "Duplicate"})
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Duplicate"
