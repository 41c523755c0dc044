"""WCAG 2.2 A/AA checks with axe-core in real headless Chromium: every page state of every persona
(tests/e2e/page_states.py), at 1280 px and at 320 px, in every language the portal lists (settings.LANGUAGES: a
language appears here as soon as its catalogue is listed there).

axe-core comes from npm (package.json / package-lock.json at the root; `bash scripts/install.sh` runs `npm ci`)
and is injected into each page from node_modules: nothing is fetched from outside. No rule is disabled and nothing
on the pages is excluded; the test fails on any violation, whatever its impact. A full-page screenshot of every
state is kept in test-artifacts/pages/<language>/<width>/ (git-ignored; CI keeps it as an artefact).
"""
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import inject_script
from .fixtures import *  # noqa: F401,F403 - persona fixtures, used through request.getfixturevalue
from .page_states import ALL_STATES

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "pages"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {1280: {"width": 1280, "height": 800}, 320: {"width": 320, "height": 640}}
LANGUAGES = [code for code, _name in settings.LANGUAGES]
BROWSER_LOCALES = {"en": "en-GB", "ko": "ko-KR"}
# axe-core retired its plain duplicate-id rule (WCAG 4.1.1 is obsolete in WCAG 2.2), but a duplicate id still
# breaks label-for, aria-describedby and in-page links, so it is checked here too.
DUPLICATE_IDS_JS = """
() => {
  const counts = {};
  document.querySelectorAll("[id]").forEach(el => { counts[el.id] = (counts[el.id] || 0) + 1; });
  return Object.keys(counts).filter(id => counts[id] > 1);
}
"""
RUN_AXE_JS = """
async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary || ""})),
  }));
}
"""


@pytest.fixture(scope="session")
def axe_script():
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `bash scripts/install.sh` (npm ci installs axe-core "
                    "from package-lock.json).", pytrace=False)
    return str(AXE)


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}  --  {summary[:300]}")
    return "\n".join(lines)


def assert_no_axe_violations(page, axe_script):
    inject_script(page, axe_script)
    violations = page.evaluate(RUN_AXE_JS, WCAG_TAGS)
    assert violations == [], f"axe-core found WCAG 2.2 A/AA violations on {page.url}:\n{describe(violations)}"
    assert page.evaluate(DUPLICATE_IDS_JS) == [], f"duplicate ids on {page.url}"


def open_state(request, live_server, page, sign_in, state):
    user, path, *actions = state(request)
    if user is not None:
        sign_in(page, user)
    response = page.goto(live_server.url + path)
    assert response.status < 400, f"{path} answered {response.status}"
    for action in actions:
        action(page)
    return page


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("persona, state", ALL_STATES, ids=[f"{p}-{s.__name__}" for p, s in ALL_STATES])
def test_the_page_state_has_no_wcag_violations(persona, state, width, language, request, live_server,
                                               browser_context_factory, sign_in, axe_script):
    context = browser_context_factory(viewport=WIDTHS[width], locale=BROWSER_LOCALES.get(language, language))
    page = open_state(request, live_server, context.new_page(), sign_in, state)
    assert page.evaluate("document.documentElement.lang") == language
    folder = SCREENSHOTS / language / str(width)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{persona}-{state.__name__}.png"), full_page=True)
    assert_no_axe_violations(page, axe_script)
