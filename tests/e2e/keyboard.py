"""Driving pages with the keyboard alone: Tab to an element, Tab through every stop, and what is focused."""

# Everything a keyboard user must reach: visible, enabled, not taken out of the tab order on purpose. Each gets a
# key; the radios of one group share theirs (Tab enters a radio group once, the arrow keys move inside it).
MARK_INTERACTIVE_JS = """
() => {
  const selector = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], "
                 + "[contenteditable=''], [contenteditable='true']";
  const keys = [];
  document.querySelectorAll(selector).forEach((el, index) => {
    if (el.disabled || (el.type || "").toLowerCase() === "hidden" || el.getAttribute("tabindex") === "-1") return;
    if (!el.getClientRects().length || getComputedStyle(el).visibility === "hidden") return;
    const key = el.type === "radio" && el.name ? `radio:${el.name}` : `${el.tagName.toLowerCase()}#${index}`;
    el.dataset.a11yKey = key;
    if (!keys.includes(key)) keys.push(key);
  });
  return keys;
}
"""
POSITIVE_TABINDEX_JS = """
() => Array.from(document.querySelectorAll("[tabindex]")).filter(el => parseInt(el.getAttribute("tabindex"), 10) > 0)
  .map(el => el.outerHTML.slice(0, 120))
"""
FOCUSED_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return {key: el.dataset.a11yKey || null, html: el.outerHTML.slice(0, 120)};
}
"""
MATCHES_JS = "(selector) => !!document.activeElement && document.activeElement.matches(selector)"


def tab_stops(page, check=None):
    """Press Tab round the whole page once, from wherever the focus is (after the last stop it comes back to the
    first); returns (keys reached in order, stops that were not marked). ``check(page)`` runs at every stop.
    Call after ``page.evaluate(MARK_INTERACTIVE_JS)``."""
    total = page.evaluate("() => document.querySelectorAll('[data-a11y-key]').length")
    reached, unmarked, outside = [], [], 0
    for _ in range(4 * total + 4):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused is None:  # past the last element the focus leaves the document; the next Tab comes back in
            outside += 1
            if outside > 2:
                break
            continue
        if check is not None:
            check(page)
        if focused["key"] is None:
            unmarked.append(focused["html"])
        elif reached and focused["key"] == reached[-1]:
            continue  # a date field takes one Tab per part (day, month, year)
        elif focused["key"] in reached:
            break  # round again
        else:
            reached.append(focused["key"])
    return reached, unmarked


def tab_to(page, selector, limit=150):
    """Press Tab (never click) until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(MATCHES_JS, selector):
            return
    raise AssertionError(f"{selector} never took the focus after {limit} Tabs on {page.url}")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)
