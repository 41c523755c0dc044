from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from privacy.models import Consent, DataExport, ErasureRequest, PrivacyNotice
from privacy.services import publish_notice, record_consent, request_export
from tests.factories import PASSWORD


@pytest.fixture
def notice(sofia):
    notice = PrivacyNotice.objects.create(version=1, text_en="We collect your name.", text_ko="이름을 수집합니다.",
                                          privacy_officer="Kim Minji, privacy@wego.example")
    return publish_notice(notice=notice, by=sofia)


def test_the_notice_page_shows_the_current_version_in_english_and_korean(client, notice):
    page = client.get("/privacy/").content.decode()
    assert "We collect your name." in page and "이름을 수집합니다." in page and "privacy@wego.example" in page


def test_sign_up_requires_consent_to_the_current_notice_and_records_it(client, notice):
    assert 'name="transfer_abroad"' in client.get("/accounts/signup/").content.decode()
    refused = client.post("/accounts/signup/", {"email": "huong@danang.example", "password1": PASSWORD,
                                                "password2": PASSWORD})
    assert refused.status_code == 200 and not User.objects.filter(email="huong@danang.example").exists()

    client.post("/accounts/signup/", {"email": "huong@danang.example", "password1": PASSWORD, "password2": PASSWORD,
                                      "collection_and_use": "on", "transfer_abroad": "on"})

    consent = Consent.objects.get(user__email="huong@danang.example")
    assert consent.notice == notice and consent.items == ["collection_and_use", "transfer_abroad"]


def test_a_new_notice_version_sends_the_person_to_consent_again(alice_client, alice, notice, sofia):
    record_consent(user=alice.user, notice=notice)
    assert alice_client.get("/dashboard/").status_code == 200
    second = PrivacyNotice.objects.create(version=2, text_en="Now also your phone.", text_ko="전화번호도.",
                                          privacy_officer="Kim Minji")
    publish_notice(notice=second, by=sofia)

    response = alice_client.get("/dashboard/")
    assert response.status_code == 302 and response["Location"].startswith("/privacy/consent/")
    assert alice_client.get("/privacy/").status_code == 200  # the notice itself stays open
    assert alice_client.get("/accounts/email/").status_code == 200  # and so does managing the account
    assert "Now also your phone." in alice_client.get(response["Location"]).content.decode()

    done = alice_client.post("/privacy/consent/", {"collection_and_use": "on", "transfer_abroad": "on",
                                                   "next": "/dashboard/"})
    assert done["Location"] == "/dashboard/" and Consent.objects.filter(user=alice.user, notice=second).exists()
    assert "Privacy notice version 2" in alice_client.get("/privacy/my-data/").content.decode()


def test_refusing_one_purpose_is_not_consent(alice_client, alice, notice):
    response = alice_client.post("/privacy/consent/", {"collection_and_use": "on", "next": "/dashboard/"})
    assert response.status_code == 200 and not Consent.objects.filter(user=alice.user).exists()


def test_only_the_owner_downloads_her_copy_privately_until_it_expires(alice_client, bob_client, alice,
                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = request_export(user=alice.user)
    url = f"/privacy/my-data/copy/{export.token}/"

    response = alice_client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert bob_client.get(url).status_code == 404

    DataExport.objects.filter(pk=export.pk).update(ready_at=timezone.now() - timedelta(days=8))
    assert alice_client.get(url).status_code == 404


def test_asking_for_a_copy_and_to_close_the_account_from_my_data(alice_client, alice,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post("/privacy/my-data/copy/")
    assert DataExport.objects.get(user=alice.user).status == DataExport.Status.READY
    assert "Download" in alice_client.get("/privacy/my-data/").content.decode()

    assert alice_client.post("/privacy/close-account/", {}).status_code == 200  # not confirmed
    alice_client.post("/privacy/close-account/", {"confirm": "on"})
    assert ErasureRequest.objects.filter(user=alice.user, done_at=None).count() == 1


def test_the_secretariat_erases_from_the_admin(sofia_client, alice, alices_draft):
    request = ErasureRequest.objects.create(user=alice.user)

    sofia_client.post("/admin/privacy/erasurerequest/", {"action": "erase_keeping_applications",
                                                         "_selected_action": [request.pk]})

    request.refresh_from_db()
    alice.user.refresh_from_db()
    assert request.done_at and request.mode == "anonymise" and not alice.user.is_active


def test_a_published_notice_is_never_edited(sofia_client, notice):
    assert sofia_client.get(f"/admin/privacy/privacynotice/{notice.pk}/change/").content.decode().count(
        'name="text_en"') == 0
    assert sofia_client.get("/admin/privacy/privacynotice/add/").status_code == 200


def test_the_admin_dry_run_reports_without_removing(sofia_client, alices_entry, edition):
    from applications.models import Application
    from privacy.models import RetentionPolicy

    Application.objects.filter(pk=alices_entry.pk).update(status="not_eligible", reference="SSCP-2027-0042")
    policy = RetentionPolicy.objects.create(edition=edition, until="2030-01-01")

    page = sofia_client.post("/admin/privacy/retentionpolicy/", {"action": "dry_run", "_selected_action": [policy.pk]},
                             follow=True).content.decode()

    assert "1 entries and 1 applicants anonymised" in page
    alices_entry.refresh_from_db()
    assert alices_entry.applicant.name == "Beyoğlu Belediyesi"
