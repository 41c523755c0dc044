"""The keyboard alone: every stop reachable in page order, and no focused element ever hidden behind the application
form's sticky save bar (WCAG 2.2 "Focus not obscured"), at 1280 px and at 320 px, with and without errors."""
import pytest
from playwright.sync_api import expect

from .fixtures import *  # noqa: F401,F403 - persona fixtures, used through request.getfixturevalue
from .keyboard import MARK_INTERACTIVE_JS, POSITIVE_TABINDEX_JS, tab_stops
from .page_states import application_edit, application_edit_with_errors, nomination_edit
from .test_accessibility import WIDTHS, open_state

pytestmark = pytest.mark.e2e

# The focused element, and the error tied to it, must be wholly clear of the sticky bar (found by its computed
# position, not by a class, so the check holds whatever the markup); the element itself must be on screen.
# Returns a description of what is hidden, or None.
OBSCURED_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // Whatever stays put while the page scrolls (the save bar, or anything else sticky or fixed) and holds no focus.
  const bars = Array.from(document.querySelectorAll("body *")).filter(other => !other.contains(el)
    && ["sticky", "fixed"].includes(getComputedStyle(other).position) && other.getClientRects().length)
    .map(other => other.getBoundingClientRect());
  const under = r => bars.some(b => r.bottom > b.top + 0.5 && r.top < b.bottom - 0.5
                                    && r.right > b.left && r.left < b.right);
  const b = bars[0] || {top: NaN, bottom: NaN};
  const errors = (el.getAttribute("aria-describedby") || "").split(/\\s+/).filter(id => id.endsWith("_error"))
    .map(id => document.getElementById(id)).filter(Boolean);
  const r = el.getBoundingClientRect();
  const problems = [];
  if (under(r)) problems.push("under the bar");
  if (r.top < -1 || r.bottom > window.innerHeight + 1) problems.push("off screen");
  errors.forEach(error => {
    if (under(error.getBoundingClientRect())) problems.push(`its error #${error.id} is under the bar`);
  });
  if (!problems.length) return null;
  const span = box => `${Math.round(box.top)}-${Math.round(box.bottom)}`;
  const where = `element ${span(r)}, bar ${span(b)}`;
  return `${el.outerHTML.slice(0, 100)}: ${problems.join(", ")} (${where})`;
}
"""


def test_the_edit_page_works_from_the_keyboard(request, live_server, page, sign_in):
    user, path = application_edit(request)
    sign_in(page, user)
    page.goto(live_server.url + path)

    # The first Tab lands on the skip link, which then shows on screen; following it puts the focus on <main>.
    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["width"] > 0, f"the focused skip link is off screen: {box}"
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    assert page.url.endswith("#main")

    # No positive tabindex anywhere, and Tab alone reaches every interactive element, in one pass.
    assert page.evaluate(POSITIVE_TABINDEX_JS) == []
    page.goto(live_server.url + path)
    interactive = page.evaluate(MARK_INTERACTIVE_JS)
    assert len(interactive) > 20, interactive  # the whole form is there, not an error page
    reached, unmarked = tab_stops(page)
    missing = [key for key in interactive if key not in reached]
    assert missing == [], f"not reachable with Tab: {missing}"
    assert unmarked == [], f"Tab stops that are hidden or meant to be skipped: {unmarked}"
    assert reached[0] == page.locator("a.skip-link").get_attribute("data-a11y-key"), "the skip link comes first"
    assert reached == interactive, "the Tab order follows the page's order"


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("state", [application_edit, application_edit_with_errors, nomination_edit],
                         ids=lambda state: state.__name__)
def test_no_tab_stop_is_hidden_behind_the_sticky_save_bar(state, width, request, live_server,
                                                          browser_context_factory, sign_in):
    # Bootstrap scrolls smoothly unless the reader asks for reduced motion; measure where the page comes to rest.
    page = browser_context_factory(viewport=WIDTHS[width], reduced_motion="reduce").new_page()
    open_state(request, live_server, page, sign_in, state)
    interactive = page.evaluate(MARK_INTERACTIVE_JS)
    hidden = []

    def check(page):
        problem = page.evaluate(OBSCURED_JS)
        if problem and problem not in hidden:
            hidden.append(problem)

    reached, _unmarked = tab_stops(page, check)
    assert len(reached) >= len(interactive) - 1 > 20, "the walk did not cover the form"
    assert hidden == [], f"{len(hidden)} of {len(reached)} tab stops hidden at {width}px:\n" + "\n".join(hidden)
