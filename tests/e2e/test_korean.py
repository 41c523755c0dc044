"""Korean in a real Chromium that has no Korean font of its own: the portal's Hangul web font is fetched only by
pages that show Hangul, the switcher works with JavaScript off, and a screenshot is kept in test-artifacts/."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import EditionFactory

from .test_accessibility import assert_no_axe_violations, axe_script  # noqa: F401 (a fixture)

pytestmark = pytest.mark.e2e
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def fonts_fetched(page, url):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url.rsplit("/", 1)[-1])
            if request.url.endswith(".woff2") else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return fetched


def test_english_pages_fetch_no_hangul_font_but_the_switchers_tiny_one(live_server, browser_context_factory,
                                                                       transactional_db):
    EditionFactory()
    page = browser_context_factory(locale="en-GB").new_page()
    fetched = fonts_fetched(page, live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert fetched == ["NotoSansKR-Hangul-Switcher-Regular.woff2"]


def test_a_korean_browser_gets_korean_pages_drawn_with_the_portals_hangul_font(live_server, browser_context_factory,
                                                                              transactional_db):
    EditionFactory()
    page = browser_context_factory(locale="ko-KR").new_page()
    fetched = fonts_fetched(page, live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("link", name="지금 신청하기")).to_be_visible()
    assert "NotoSansKR-Hangul-Common-Regular.woff2" in fetched
    assert not any("Rare" in name for name in fetched)  # the page shows only common syllables
    # Chromium here has no Korean font: the text is drawn with ours, not as empty boxes.
    loaded = page.evaluate("""() => [...document.fonts].filter(face => face.family.includes('Portal Hangul')
                                  && face.status === 'loaded').map(face => face.unicodeRange)""")
    assert any(ranges.startswith("U+AC00") for ranges in loaded), loaded  # the common syllables' face
    # First in the stack: further down, Chromium left some words as boxes after the font arrived.
    family = page.evaluate("getComputedStyle(document.querySelector('.navbar-brand')).fontFamily")
    assert family.startswith('"Portal Hangul"'), family
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home-ko.png"))


def test_the_switcher_works_with_javascript_turned_off(live_server, browser_context_factory, transactional_db):
    EditionFactory()
    page = browser_context_factory(locale="en-GB", java_script_enabled=False).new_page()
    page.goto(live_server.url + "/about/")
    page.get_by_role("button", name="한국어").click()
    expect(page).to_have_url(live_server.url + "/about/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_korean_pages_have_no_wcag_violations(live_server, browser_context_factory, transactional_db, axe_script):
    EditionFactory()
    page = browser_context_factory(locale="ko-KR").new_page()
    for path in ("/", "/about/", "/accounts/login/"):
        page.goto(live_server.url + path)
        assert_no_axe_violations(page, axe_script)
