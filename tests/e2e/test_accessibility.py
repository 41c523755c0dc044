"""WCAG 2.1 A/AA checks of the portal's key pages with axe-core, in real headless Chromium.

axe-core comes from npm (package.json / package-lock.json at the root; `bash scripts/install.sh` runs `npm ci`)
and is injected into each page from node_modules: nothing is fetched from outside. Every page is its own test,
so a failure names the page, and the message lists each violation with the offending elements.
No rule is disabled and nothing on the pages is excluded. Pages are shown in the states that vary most
(badges of every status, a nomination not yet named, form errors), since that is where problems hide.
"""
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from applications import services as application_services
from applications.models import Application
from ceremonies import services as ceremony_services
from ceremonies.models import Certificate
from evaluation import services as evaluation_services
from tests.ceremonies.conftest import (  # noqa: F401 - fixtures, used through request.getfixturevalue
    alices_finalist,
    gold,
    levels,
    published,
    seoul_finalist,
    the_ceremony,
)
from tests.evaluation.conftest import (  # noqa: F401 - fixtures, used through request.getfixturevalue
    alices_entry,
    bobs_entry,
    carla,
    committee,
    full_scores,
    hana,
    hanas_assignment,
    omar,
    round_one,
    rounds,
)
from tests.ceremonies.factories import EVALUATED_ELSEWHERE
from tests.factories import ApplicationFactory, EditionFactory

from .conftest import inject_script
from .test_applicant_journey import minimal_pdf

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
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
    assert violations == [], f"axe-core found WCAG 2.1 A/AA violations on {page.url}:\n{describe(violations)}"
    assert page.evaluate(DUPLICATE_IDS_JS) == [], f"duplicate ids on {page.url}"


# --- the pages, each with just the data it needs ----------------------------------------------------------------------
# A scenario takes pytest's `request` and returns (user to sign in or None, path[, action before the check]).

def alices_draft_with_attachment(request):
    edition, alice = request.getfixturevalue("edition"), request.getfixturevalue("alice")
    draft = ApplicationFactory(edition=edition, applicant=alice)
    application_services.add_attachment(
        application=draft, uploaded_file=SimpleUploadedFile("Beyoğlu-plan.pdf", minimal_pdf(), "application/pdf"))
    return draft


def alices_submitted_application(request):
    edition, alice = request.getfixturevalue("edition"), request.getfixturevalue("alice")
    application = ApplicationFactory(edition=edition, applicant=alice,
                                     category=edition.categories.get(slug="human-centricity"),
                                     title="Yaşlılar için akıllı ev: smart homes for older residents")
    application_services.add_attachment(
        application=application,
        uploaded_file=SimpleUploadedFile("smart-homes.pdf", minimal_pdf("Smart homes"), "application/pdf"))
    return application_services.submit_application(application=application, user=alice.user)


def home(request):
    request.getfixturevalue("edition")
    return None, "/"


def about(request):
    request.getfixturevalue("edition")
    return None, "/about/"


def signup(request):
    request.getfixturevalue("edition")
    return None, "/accounts/signup/"


def login(request):
    request.getfixturevalue("edition")
    return None, "/accounts/login/"


def login_with_an_error(request):
    request.getfixturevalue("alice")

    def wrong_password(page):
        page.fill("#id_login", "alice@beyoglu.example")
        page.fill("#id_password", "not-the-password")
        page.locator("main form [type=submit]").click()
        expect(page.locator("main")).to_contain_text("not correct")

    return None, "/accounts/login/", wrong_password


def applicant_dashboard(request):
    """Every kind of row: a draft, a submitted entry, a nomination whose nominee is not named yet, and an entry
    withdrawn from a past edition (so each status badge colour is on the page)."""
    edition, alice = request.getfixturevalue("edition"), request.getfixturevalue("alice")
    alices_draft_with_attachment(request)
    alices_submitted_application(request)
    application_services.start_application(applicant=alice, category=edition.categories.get(slug="leadership"),
                                           is_nomination=True)
    past = EditionFactory(year=edition.year - 2, is_current=False)
    ApplicationFactory(edition=past, applicant=alice, status=Application.Status.WITHDRAWN,
                       reference=f"SSCP-{past.year}-0001", submitted_at=timezone.now() - timedelta(days=700))
    return alice.user, "/dashboard/"


def profile(request):
    return request.getfixturevalue("alice").user, "/profile/"


def application_edit(request):
    draft = alices_draft_with_attachment(request)
    return draft.applicant.user, f"/apply/{draft.pk}/"


def application_edit_with_errors(request):
    draft = alices_draft_with_attachment(request)
    Application.objects.filter(pk=draft.pk).update(problem="", budget="")

    def submit_incomplete(page):
        page.locator("button[name=submit]").click()
        expect(page.locator(".invalid-feedback").first).to_be_visible()

    return draft.applicant.user, f"/apply/{draft.pk}/", submit_incomplete


def application_detail(request):
    application = alices_submitted_application(request)
    return application.applicant.user, f"/applications/{application.pk}/"


def judge_dashboard(request):
    """Hana has a review in draft and one submitted: both badges and a half-full progress bar."""
    round, judge, sofia = (request.getfixturevalue(name) for name in ("round_one", "hana", "sofia"))
    evaluation_services.add_assignment(round=round, application=request.getfixturevalue("bobs_entry"), judge=judge,
                                       by=sofia)
    first, second = judge.assignments.filter(round=round).order_by("pk")
    evaluation_services.save_review_draft(assignment=first, by=judge, scores={}, comment="Promising; to finish.")
    evaluation_services.submit_review(assignment=second, by=judge, scores=full_scores(round), comment="Convincing.")
    return judge, "/review/"


def judge_review(request):
    assignment = request.getfixturevalue("hanas_assignment")
    return assignment.judge, f"/review/assignments/{assignment.pk}/"


def published_results(request):
    request.getfixturevalue("seoul_finalist")
    request.getfixturevalue("the_ceremony")
    request.getfixturevalue("published")
    return request.getfixturevalue("edition")


def winners_index(request):
    published_results(request)
    return None, "/winners/"


def winners_edition(request):
    edition = published_results(request)
    return None, f"/winners/{edition.year}/"


def award_detail(request):
    edition = published_results(request)
    award = request.getfixturevalue("gold")
    return None, f"/winners/{edition.year}/awards/{award.pk}/"


def issued_certificate(request):
    edition = published_results(request)
    award, sofia = request.getfixturevalue("gold"), request.getfixturevalue("sofia")
    ceremony_services.issue_certificates(edition=edition, by=sofia, enqueue=False, override_reason=EVALUATED_ELSEWHERE)
    certificate = Certificate.objects.get(award=award)
    ceremony_services.render_certificate(certificate_id=certificate.pk)
    return certificate


def certificate_valid(request):
    certificate = issued_certificate(request)  # seen by its recipient: with the download button
    return request.getfixturevalue("alice").user, f"/certificates/{certificate.code}/"


def certificate_revoked(request):
    certificate = issued_certificate(request)
    ceremony_services.revoke_certificate(certificate=certificate, by=request.getfixturevalue("sofia"),
                                         reason="Wrong entity name")
    return None, f"/certificates/{certificate.code}/"


PAGES = [home, about, signup, login, login_with_an_error, applicant_dashboard, profile, application_edit,
         application_edit_with_errors, application_detail, judge_dashboard, judge_review, winners_index,
         winners_edition, award_detail, certificate_valid, certificate_revoked]


@pytest.mark.parametrize("scenario", PAGES, ids=[scenario.__name__ for scenario in PAGES])
def test_the_page_has_no_wcag_violations(scenario, request, live_server, page, sign_in, axe_script):
    user, path, *action = scenario(request)
    if user is not None:
        sign_in(page, user)
    response = page.goto(live_server.url + path)
    assert response.status < 400, f"{path} answered {response.status}"
    for step in action:
        step(page)
    assert_no_axe_violations(page, axe_script)


# --- keyboard ---------------------------------------------------------------------------------------------------------

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
    reached, unmarked = [], []
    for _ in range(4 * len(interactive)):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused is None:  # past the last element, the focus leaves the document
            break
        if focused["key"] is None:
            unmarked.append(focused["html"])
        elif reached and focused["key"] == reached[-1]:
            continue  # a date field takes one Tab per part (day, month, year)
        elif focused["key"] in reached:
            break  # round again
        else:
            reached.append(focused["key"])
    missing = [key for key in interactive if key not in reached]
    assert missing == [], f"not reachable with Tab: {missing}"
    assert unmarked == [], f"Tab stops that are hidden or meant to be skipped: {unmarked}"
    assert reached[0] == page.locator("a.skip-link").get_attribute("data-a11y-key"), "the skip link comes first"
    assert reached == interactive, "the Tab order follows the page's order"
