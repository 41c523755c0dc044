"""A city official on a slow link: a Save that never reaches the server must not lose what was typed."""
import pytest
from playwright.sync_api import expect

from tests.factories import ApplicationFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def draft_page(live_server, page, sign_in, edition, alice):
    draft = ApplicationFactory(edition=edition, applicant=alice, title="Açık Veri")
    sign_in(page, alice.user)
    page.goto(f"{live_server.url}/apply/{draft.pk}/")
    return draft, page


def test_text_typed_before_a_failed_save_is_offered_back_after_reload(draft_page, live_server):
    draft, page = draft_page
    page.get_by_label("Project title (required to submit)").fill("Açık Veri: flood warnings for Đà Nẵng")
    page.get_by_label("Summary (required to submit)").fill("Typed on a train; the connection dropped.")
    # The connection drops: the Save never reaches the server.
    page.route("**/apply/**", lambda route: route.abort() if route.request.method == "POST" else route.continue_())
    with page.expect_event("requestfailed") as failed:
        page.get_by_role("button", name="Save draft").last.click(no_wait_after=True)
    assert failed.value.method == "POST"
    page.unroute("**/apply/**")
    draft.refresh_from_db()
    assert draft.title == "Açık Veri"  # the server never got the new text

    page.goto(f"{live_server.url}/apply/{draft.pk}/")
    banner = page.locator("#local-backup")
    expect(banner).to_be_visible()
    expect(page.get_by_label("Project title (required to submit)")).to_have_value("Açık Veri")  # server copy
    banner.get_by_role("button", name="Restore my unsaved text").click()
    expect(page.get_by_label("Project title (required to submit)")).to_have_value(
        "Açık Veri: flood warnings for Đà Nẵng")
    expect(page.get_by_label("Summary (required to submit)")).to_have_value("Typed on a train; the connection dropped.")

    # Now the save goes through: the backup is obsolete and is not offered again.
    page.get_by_role("button", name="Save draft").last.click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    draft.refresh_from_db()
    assert draft.title == "Açık Veri: flood warnings for Đà Nẵng"
    page.reload()
    expect(page.locator("#local-backup")).to_be_hidden()


def test_no_backup_is_offered_when_everything_was_saved(draft_page, live_server):
    draft, page = draft_page
    page.get_by_label("Project title (required to submit)").fill("Saved normally")
    page.get_by_role("button", name="Save draft").last.click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    page.goto(f"{live_server.url}/apply/{draft.pk}/")
    expect(page.locator("#local-backup")).to_be_hidden()
