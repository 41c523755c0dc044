"""Malformed ids and filters answer 400 or 404 with a message, never 500: applicant pages and the admin."""
import pytest

from prize_portal.ids import MAX_ID

MALFORMED = ["", "abc", "²", "١٢", "-1", "1.5", "%00", str(MAX_ID + 1), "9" * 30]


def _never_a_server_error(client, url, method="get", data=None):
    client.raise_request_exception = False
    response = getattr(client, method)(url, data or {})
    assert response.status_code < 500, url
    return response


@pytest.mark.parametrize("bad", MALFORMED)
@pytest.mark.parametrize("url", ["/apply/{}/", "/applications/{}/", "/applications/{}/pdf/", "/attachments/{}/",
                                 "/applications/{}/withdraw/", "/winners/{}/", "/winners/{}.json",
                                 "/winners/2027/awards/{}/"])
def test_malformed_ids_in_applicant_addresses_are_not_found(alice_client, edition, url, bad):
    assert _never_a_server_error(alice_client, url.format(bad)).status_code == 404


@pytest.mark.parametrize("bad", MALFORMED)
def test_starting_an_application_in_a_malformed_category_says_so(alice_client, alice, edition, bad):
    response = _never_a_server_error(alice_client, "/apply/start/", "post", {"category": bad})
    assert response.status_code == 302
    assert "That category does not exist" in _messages(alice_client)


@pytest.mark.parametrize("bad", MALFORMED)
def test_removing_a_malformed_attachment_keeps_the_draft(alice_client, alices_draft, bad):
    response = _never_a_server_error(alice_client, f"/apply/{alices_draft.pk}/", "post",
                                     {"title": "Still here", "remove_attachment": bad})
    assert response.status_code == 302
    alices_draft.refresh_from_db()
    assert alices_draft.title == "Still here"


def _messages(client):
    response = client.get("/dashboard/")
    return " ".join(str(m) for m in response.context["messages"])


ADMIN_URLS = [
    "/admin/applications/application/{}/change/", "/admin/applications/applicantprofile/{}/change/",
    "/admin/applications/applicantprofile/{}/delete/", "/admin/applications/applicantprofile/{}/history/",
    "/admin/applications/application/?edition__id__exact={}", "/admin/applications/application/?edition={}",
    "/admin/applications/application/?id__in={}", "/admin/applications/application/?id__in=1,{}",
    "/admin/applications/application/?applicant__id__exact={}", "/admin/applications/application/?p={}",
    "/admin/applications/application/?o={}", "/admin/applications/application/?q={}",
    "/admin/applications/sentreminder/?offset_days={}", "/admin/applications/category/?edition__id__exact={}",
    "/admin/applications/edition/?year={}", "/admin/evaluation/round/?edition__id__exact={}",
    "/admin/ceremonies/editionresults/{}/publish/", "/admin/audit/auditentry/?target_id={}",
]


@pytest.mark.parametrize("bad", MALFORMED)
@pytest.mark.parametrize("url", ADMIN_URLS)
def test_malformed_ids_and_filters_in_the_admin_never_crash(sofia_client, alices_draft, url, bad):
    _never_a_server_error(sofia_client, url.format(bad))


def test_a_tampered_attachment_inline_on_the_application_page_is_not_a_server_error(sofia_client, alices_draft):
    from tests.html import form_data

    url = f"/admin/applications/application/{alices_draft.pk}/change/"
    data = form_data(sofia_client.get(url).content, "application_form")
    # A row for an attachment that does not exist, as a tampered form asks (found by tests/fuzz).
    data.update({"attachments-TOTAL_FORMS": ["1"], "attachments-INITIAL_FORMS": ["0"], "attachments-MAX_NUM_FORMS": ["x"]})
    assert _never_a_server_error(sofia_client, url, "post", data).status_code in (200, 302)


def test_a_tampered_version_inline_on_the_application_page_is_not_a_server_error(sofia_client, alices_draft):
    from tests.html import form_data

    url = f"/admin/applications/application/{alices_draft.pk}/change/"
    data = form_data(sofia_client.get(url).content, "application_form")
    # A row for a version that was never submitted, as a tampered form asks (found by tests/fuzz).
    data.update({"versions-TOTAL_FORMS": ["1"], "versions-INITIAL_FORMS": ["0"], "versions-MAX_NUM_FORMS": ["x"]})
    assert _never_a_server_error(sofia_client, url, "post", data).status_code in (200, 302)
