"""Pages work under the content security policy: the browser reports no violation, and the portal's own script
still runs (the word counter on the application form)."""
import pytest
from playwright.sync_api import expect

from tests.factories import ApplicationFactory

pytestmark = pytest.mark.e2e


def watch_violations(page):
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return violations


def test_the_applicant_pages_run_their_script_without_any_policy_violation(live_server, page, sign_in, edition, alice):
    draft = ApplicationFactory(edition=edition, applicant=alice)
    violations = watch_violations(page)
    for path in ("/", "/accounts/login/", "/winners/"):
        page.goto(live_server.url + path)
    sign_in(page, alice.user)
    page.goto(f"{live_server.url}/apply/{draft.pk}/")
    expect(page.locator(".word-count").first).to_be_visible()  # written by static/js/portal.js
    assert violations == []


def test_the_admin_works_without_any_policy_violation(live_server, page, sign_in, sofia, edition):
    violations = watch_violations(page)
    sign_in(page, sofia)
    for path in ("/admin/", "/admin/applications/application/", "/admin/evaluation/round/add/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
    # The admin's own JavaScript runs: the "select all" checkbox of a change list.
    page.goto(f"{live_server.url}/admin/applications/edition/")
    page.locator("#action-toggle").check()
    expect(page.locator("input.action-select").first).to_be_checked()
    assert violations == []
