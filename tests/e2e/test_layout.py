"""Reflow: at 320 px the dashboards stack their rows so the status is always on screen, and the key pages read at
200 % zoom (a 1280 px window zoomed to 200 % lays out like a 640 px one, drawn at twice the pixels) with no
sideways scrolling."""
import pytest

from .fixtures import *  # noqa: F401,F403 - persona fixtures, used through request.getfixturevalue
from .page_states import (
    application_edit_with_errors,
    applicant_dashboard,
    home,
    judge_dashboard,
    judge_review,
    login_with_an_error,
    profile,
    signup,
    winners_edition,
)
from .test_accessibility import open_state

pytestmark = pytest.mark.e2e

HORIZONTAL_OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = Array.from(document.querySelectorAll("body *")).filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.right > width + 1 || r.left < -1) && getComputedStyle(el).position !== "absolute";
  }).map(el => el.outerHTML.slice(0, 100));
  return {scroll: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5)};
}
"""
STATUS_CELLS_JS = """
(selector) => Array.from(document.querySelectorAll(selector)).map(row => {
  const status = row.querySelector("td[data-label] .status-badge");
  const r = status.getBoundingClientRect();
  return {text: status.textContent.trim(), left: r.left, right: r.right, width: r.width};
})
"""


@pytest.mark.parametrize("state, rows", [(applicant_dashboard, "main table.table-stack tbody tr"),
                                         (judge_dashboard, "#assignments tbody tr")],
                         ids=["applicant_dashboard", "judge_dashboard"])
def test_at_320px_the_dashboards_stack_each_row_with_its_status_on_screen(state, rows, request, live_server,
                                                                          browser_context_factory, sign_in):
    page = browser_context_factory(viewport={"width": 320, "height": 640}).new_page()
    open_state(request, live_server, page, sign_in, state)
    statuses = page.evaluate(STATUS_CELLS_JS, rows)
    assert len(statuses) >= 2
    for status in statuses:
        assert status["width"] > 0 and status["left"] >= 0 and status["right"] <= 320, status
    assert page.evaluate(HORIZONTAL_OVERFLOW_JS)["scroll"] <= 0
    # Stacked, each cell says which column it is.
    label = page.evaluate("(s) => getComputedStyle(document.querySelector(s + ' td[data-label]'), '::before').content",
                          rows)
    assert label.strip('"').endswith(": ")


@pytest.mark.parametrize("viewport", [{"width": 640, "height": 400, "zoom": "200 %"},
                                      {"width": 320, "height": 640, "zoom": "phone"}], ids=["200-percent", "320px"])
@pytest.mark.parametrize("state", [home, signup, login_with_an_error, profile, applicant_dashboard,
                                   application_edit_with_errors, judge_dashboard, judge_review, winners_edition],
                         ids=lambda state: state.__name__)
def test_the_key_pages_reflow_without_sideways_scrolling(state, viewport, request, live_server,
                                                         browser_context_factory, sign_in):
    size = {"width": viewport["width"], "height": viewport["height"]}
    page = browser_context_factory(viewport=size, device_scale_factor=2).new_page()
    open_state(request, live_server, page, sign_in, state)
    overflow = page.evaluate(HORIZONTAL_OVERFLOW_JS)
    assert overflow["scroll"] <= 0, f"{page.url} scrolls sideways by {overflow['scroll']}px: {overflow['wide']}"
