"""Real headless Chromium, driven by Playwright, against pytest-django's ``live_server``.

Fixtures for every browser test:

- ``browser``: one Chromium for the whole session — Debian's, never a downloaded one.
- ``page``: a fresh browser context (own cookies, storage) per test, 10 s default timeout;
  a full-page screenshot of every page still open goes to ``test-artifacts/`` when the test fails.
- ``browser_context_factory``: more contexts in one test (a second user, JavaScript disabled…),
  with the same timeout and screenshots on failure.
- ``sign_in``: ``sign_in(page, user)`` gives the page a logged-in session without the login form.

A browser test also asks for pytest-django's ``live_server`` (which makes it a transactional-db test) and
opens ``live_server.url + "/path/"``. The live server runs in a thread of this process, so emails it sends
land in ``django.core.mail.outbox`` and the ORM sees the same database.
"""
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

# Playwright's sync API keeps an asyncio loop "running" in the main thread; Django would refuse ORM
# calls from test code (factories, assertions) there. The ORM is used synchronously, so this is safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
DEFAULT_TIMEOUT_MS = 10_000
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
expect.set_options(timeout=DEFAULT_TIMEOUT_MS)  # expect(...) waits as long as any other step


def chromium_executable():
    for candidate in CHROMIUM_CANDIDATES:
        if os.path.exists(candidate) and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail("Debian's chromium is not installed (apt-get install chromium; scripts/install.sh does it). "
                "Never `playwright install`.", pytrace=False)


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The live server shares this process's cache. allauth's rate limits live there (e.g. one verification email
    per address per 3 minutes), so an earlier test that registered the same address must not silence this one."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


def inject_script(page, path):
    """Run a local script (axe-core) in the page. Through the DevTools protocol, not an inline <script> tag:
    the portal's content security policy refuses inline scripts, as it should."""
    page.evaluate(Path(path).read_text(encoding="utf-8") + "\n;undefined")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_executable()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _failed(request):
    return any(getattr(request.node, f"rep_{when}", None) is not None and getattr(request.node, f"rep_{when}").failed
               for when in ("setup", "call"))


@pytest.fixture
def browser_context_factory(browser, request):
    contexts = []

    def make(**options):
        options.setdefault("locale", "en-GB")
        options.setdefault("timezone_id", "Asia/Seoul")
        context = browser.new_context(**options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make

    failed = _failed(request)
    for number, context in enumerate(contexts):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
            for page_number, open_page in enumerate(context.pages):
                try:
                    path = ARTIFACTS / f"{stem}-{number}-{page_number}.png"
                    open_page.screenshot(path=str(path), full_page=True)
                    print(f"screenshot: {path} ({open_page.url})")
                except Exception as error:  # a crashed page must not hide the test's own failure
                    print(f"no screenshot of {open_page.url}: {error}")
        context.close()


@pytest.fixture
def page(browser_context_factory):
    return browser_context_factory().new_page()


@pytest.fixture
def sign_in(live_server):
    """``sign_in(page, user)``: put a logged-in session cookie for ``user`` into the page's context."""
    from django.conf import settings

    from tests.conftest import signed_in

    def do(page, user):
        client = signed_in(user)
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                                   "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                                   "url": live_server.url}])
        return page

    return do
