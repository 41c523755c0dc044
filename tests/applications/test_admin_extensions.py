"""Saving an applicant in the admin, with its deadline-extension inline, works and goes through the service."""
from datetime import timedelta

import pytest

from applications import services
from applications.models import DeadlineExtension
from tests.evaluation.conftest import audit_actions
from tests.html import form_data

pytestmark = pytest.mark.django_db


def change_url(profile):
    return f"/admin/applications/applicantprofile/{profile.pk}/change/"


def the_form(client, profile):
    return form_data(client.get(change_url(profile)).content, "applicantprofile_form")


@pytest.fixture
def alices_extension(sofia, alice, edition):
    return services.grant_extension(edition=edition, applicant=alice, until=edition.closes_at + timedelta(days=3),
                                    reason="Flood at the city hall", by=sofia)


def test_saving_an_applicant_with_an_extension_unchanged_works(sofia_client, alice, alices_extension):
    data = the_form(sofia_client, alice)
    data["city"] = ["Beyoğlu, İstanbul"]
    response = sofia_client.post(change_url(alice), data)
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.city == "Beyoğlu, İstanbul"
    assert DeadlineExtension.objects.get().reason == "Flood at the city hall"


def test_changing_an_extension_in_the_admin_is_saved_and_audited(sofia_client, alice, alices_extension):
    data = the_form(sofia_client, alice)
    data["extensions-0-reason"] = ["Typhoon week"]
    assert sofia_client.post(change_url(alice), data).status_code == 302
    assert DeadlineExtension.objects.get().reason == "Typhoon week"
    assert audit_actions(alice).count("deadline.extended") == 2


def test_granting_an_extension_from_the_applicant_page_works(sofia_client, alice, edition):
    data = the_form(sofia_client, alice)
    data.update({"extensions-TOTAL_FORMS": ["1"], "extensions-0-edition": [str(edition.pk)],
                 "extensions-0-until_0": ["2027-12-01"], "extensions-0-until_1": ["10:00"],
                 "extensions-0-reason": ["Power cut"]})
    assert sofia_client.post(change_url(alice), data).status_code == 302
    extension = DeadlineExtension.objects.get()
    assert (extension.reason, extension.granted_by.email) == ("Power cut", "sofia@wego.example")


def test_removing_an_extension_in_the_admin_deletes_it(sofia_client, alice, alices_extension):
    data = the_form(sofia_client, alice)
    data["extensions-0-DELETE"] = ["on"]
    assert sofia_client.post(change_url(alice), data).status_code == 302
    assert not DeadlineExtension.objects.exists()


def test_a_reason_longer_than_allowed_keeps_what_was_typed_with_the_limit(sofia_client, alice, alices_extension):
    data = the_form(sofia_client, alice)
    typed = "Ş" * 301
    data["extensions-0-reason"] = [typed]
    response = sofia_client.post(change_url(alice), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert typed in html and "At most 300 characters, please: this text has 301." in html
    assert 'maxlength="300"' not in html  # a browser would silently cut a pasted text
    assert DeadlineExtension.objects.get().reason == "Flood at the city hall"
