"""A judge's journey in real headless Chromium: sign in, open an entry, score, save a draft, come back,
submit, and see the progress move."""
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.demo import DEMO_TOTP_SECRET, current_code, give_demo_authenticator
from evaluation import services
from evaluation.models import Committee, CommitteeMember, JudgeProfile
from tests.factories import PASSWORD, ApplicantProfileFactory, ApplicationFactory, EditionFactory, UserFactory

pytestmark = pytest.mark.e2e

UNLABELLED_CONTROLS_JS = """
() => Array.from(document.querySelectorAll("input, select, textarea"))
  .filter(el => !["hidden", "submit", "button", "reset", "image"].includes((el.type || "").toLowerCase()))
  .filter(el => el.getClientRects().length > 0)
  .filter(el => !(el.labels && el.labels.length && Array.from(el.labels).some(l => l.textContent.trim()))
                && !(el.getAttribute("aria-label") || "").trim())
  .map(el => el.outerHTML.slice(0, 160))
"""


@pytest.fixture
def judging(transactional_db):
    edition = EditionFactory(closes_at=timezone.now() - timedelta(days=1))  # no round opens before the call closed
    sofia = UserFactory(email="sofia@wego.example", is_staff=True, is_superuser=True)
    committee = Committee.objects.create(edition=edition, name="Evaluation Committee")
    hana = UserFactory(email="hana@snu-judges.example", first_name="Hana", last_name="Kim")
    JudgeProfile.objects.create(user=hana, organisation="Seoul National University", country="KR", region="asia")
    CommitteeMember.objects.create(committee=committee, user=hana)
    give_demo_authenticator(hana)  # judges sign in with a second factor
    for number, (name, title) in enumerate([("Prefeitura de São Paulo", "Tarifa zero: buses for everyone"),
                                            ("Beyoğlu Belediyesi", "Açık Veri: flood warnings in five languages")],
                                           start=1):
        ApplicationFactory(edition=edition, applicant=ApplicantProfileFactory(name=name), title=title,
                           status="eligible", reference=f"SSCP-{edition.year}-{number:04d}")
    first = services.create_default_rounds(edition=edition, committee=committee, by=sofia)[0]
    first.judges_per_entry = 1
    first.save()
    services.open_round(round=first, by=sofia)
    assert services.assign(round=first, by=sofia).feasible
    return hana, first


def test_a_judge_scores_saves_comes_back_submits_and_sees_progress_move(live_server, page, judging):
    hana, round = judging
    criteria = list(round.criteria.all())

    page.goto(f"{live_server.url}/accounts/login/?next=/review/")
    page.fill("#id_login", hana.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    # The password alone is not enough for a judge: allauth asks for the authenticator's code.
    page.fill("#id_code", current_code(DEMO_TOTP_SECRET))
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()

    expect(page.get_by_role("heading", name="My reviews", level=1)).to_be_visible()
    expect(page.get_by_text("0 of 2 submitted")).to_be_visible()
    expect(page.get_by_text("KST").first).to_be_visible()
    assert page.evaluate(UNLABELLED_CONTROLS_JS) == []

    # Open an entry: the whole application is there, with the rubric next to it.
    page.get_by_role("link", name="Tarifa zero: buses for everyone").click()
    expect(page.get_by_role("heading", name="Tarifa zero: buses for everyone", level=1)).to_be_visible()
    expect(page.get_by_text("Prefeitura de São Paulo")).to_be_visible()
    assert page.evaluate(UNLABELLED_CONTROLS_JS) == []

    # Score half of it and save a draft.
    for criterion in criteria[:3]:
        page.get_by_label(criterion.name).select_option("8")
    page.get_by_label("Overall comment").fill("Bold and inclusive; the evaluation of impact is still thin.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()

    # Leave, come back: nothing is lost.
    page.get_by_role("link", name="My reviews").first.click()
    row = page.get_by_role("row").filter(has_text="Tarifa zero")
    expect(row.get_by_text("Draft")).to_be_visible()
    row.get_by_role("link").click()
    expect(page.get_by_label(criteria[0].name)).to_have_value("8")
    expect(page.get_by_label("Overall comment")).to_have_value(re.compile("Bold and inclusive"))

    # Submitting with a criterion missing is refused, and says which.
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_text(re.compile(f"missing: .*{criteria[-1].name}"))).to_be_visible()

    # Finish and submit.
    for criterion in criteria[3:]:
        page.get_by_label(criterion.name).select_option("6")
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_text("Your review is submitted")).to_be_visible()
    expect(page.get_by_text("1 of 2 submitted")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "1")

    # The next entry is one click away; the dashboard shows the progress too.
    expect(page.get_by_role("link", name=re.compile("Next entry: SSCP-"))).to_be_visible()
    page.get_by_role("link", name="My reviews").first.click()
    expect(page.get_by_text("1 of 2 submitted")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Tarifa zero").get_by_text("Submitted")).to_be_visible()
    assert hana.assignments.get(entry__application__title__startswith="Tarifa").status == "submitted"
