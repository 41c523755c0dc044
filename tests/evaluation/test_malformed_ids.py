"""Malformed ids and filters on the judges' pages and the rounds' admin answer 404 or a page, never 500."""
import pytest

from prize_portal.ids import MAX_ID

MALFORMED = ["", "abc", "²", "١٢", "-1", "1.5", "%00", str(MAX_ID + 1), "9" * 30]


def _status(client, url):
    client.raise_request_exception = False
    return client.get(url).status_code


@pytest.mark.parametrize("bad", MALFORMED)
@pytest.mark.parametrize("query", ["round={}", "category={}", "status={}&sort={}", "round=1&category={}"])
def test_the_reviewer_dashboard_ignores_malformed_filters(hana_client, hanas_assignment, query, bad):
    response = hana_client.get("/review/?" + query.format(bad, bad))
    assert response.status_code == 200


@pytest.mark.parametrize("bad", MALFORMED)
@pytest.mark.parametrize("url", ["/review/assignments/{}/", "/review/assignments/{}/conflict/"])
def test_malformed_assignment_ids_are_not_found(hana_client, hanas_assignment, url, bad):
    assert _status(hana_client, url.format(bad)) == 404


@pytest.mark.parametrize("bad", MALFORMED)
@pytest.mark.parametrize("url", ["/admin/evaluation/round/{}/panel/", "/admin/evaluation/round/{}/change/",
                                 "/admin/evaluation/round/?status={}", "/admin/evaluation/assignment/?round__id__exact={}",
                                 "/admin/evaluation/conflict/?judge__id__exact={}"])
def test_malformed_ids_in_the_rounds_admin_never_crash(sofia_client, round_one, url, bad):
    assert _status(sofia_client, url.format(bad)) < 500


def test_a_conflict_reason_longer_than_allowed_is_kept_with_the_limit_shown(hana_client, hanas_assignment):
    typed = "Danışmanlık yaptım. " * 40  # 800 characters
    response = hana_client.post(f"/review/assignments/{hanas_assignment.pk}/conflict/", {"reason": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert typed.strip() in html and "At most 500 characters, please: this text has 799." in html
    assert 'maxlength="500"' not in html  # a browser would silently cut a pasted text
    assert "At most 500 characters." in html
