"""Every form that fails shows one error summary at the top (announced, focusable, a link to each field), and each
error is tied to its field with aria-describedby. The shared include: templates/includes/error_summary.html."""
import re

import pytest

from tests.html import assert_errors_described, assert_links_lead_to_fields, parse, summary_of

pytestmark = pytest.mark.django_db


def test_a_form_without_errors_has_no_summary(alice_client):
    html = alice_client.get("/profile/").content.decode()
    assert "data-error-summary" not in html


def test_a_failed_profile_shows_the_summary_first_with_a_link_to_each_field(alice_client):
    html = alice_client.post("/profile/", {"applicant_type": "", "name": ""}).content.decode()
    page, summary = summary_of(html)
    assert summary.attrs["role"] == "alert" and summary.attrs["tabindex"] == "-1"
    hrefs = [link.attrs["href"] for link in assert_links_lead_to_fields(page, summary)]
    assert "#id_applicant_type_0" in hrefs and "#id_name" in hrefs  # a radio group links to its first choice
    assert html.index("data-error-summary") < html.index('id="id_applicant_type_0"'), "the summary is not on top"
    assert_errors_described(page)


def test_a_failed_submission_of_the_application_lists_each_missing_section_in_the_summary(alice_client, alices_draft):
    alices_draft.problem = ""
    alices_draft.save()
    response = alice_client.post(f"/apply/{alices_draft.pk}/", {"submit": "1", "title": alices_draft.title})
    html = response.content.decode()
    page, summary = summary_of(html)
    hrefs = [link.attrs["href"] for link in assert_links_lead_to_fields(page, summary)]
    assert "#id_problem" in hrefs
    assert_errors_described(page)


def test_the_sign_in_form_explains_a_wrong_password_in_the_summary(alice, client):
    html = client.post("/accounts/login/", {"login": "alice@beyoglu.example", "password": "wrong"}).content.decode()
    page, summary = summary_of(html)
    assert "not correct" in summary.text()


def test_sign_up_errors_are_summarised_and_tied_to_their_fields(client, edition):
    html = client.post("/accounts/signup/", {"email": "not-an-address", "password1": "x", "password2": "y"}
                       ).content.decode()
    page, summary = summary_of(html)
    assert "#id_email" in [link.attrs["href"] for link in assert_links_lead_to_fields(page, summary)]
    assert_errors_described(page)


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"])
def test_the_account_pages_use_the_portal_layout_and_form_style(client, edition, path):
    html = client.get(path).content.decode()
    assert 'class="skip-link"' in html and '<main id="main"' in html
    page = parse(html)
    inputs = [n for n in page.iter() if n.tag == "input" and n.attrs.get("type") in ("email", "password", "text")]
    assert inputs and all("form-control" in n.attrs.get("class", "") for n in inputs)
    assert not re.search(r"<p>\s*<label", html), "fields rendered as unstyled paragraphs"


@pytest.mark.parametrize("path", ["/accounts/password/change/", "/accounts/2fa/", "/accounts/email/"])
def test_the_signed_in_account_pages_use_the_portal_layout(alice_client, path):
    response = alice_client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<main id="main"' in html and "Account settings" in html
    assert not re.search(r"<p>\s*<label", html), "fields rendered as unstyled paragraphs"
