"""The public winners pages in real Chromium, with a screenshot kept in test-artifacts/winners.png."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ceremonies import services
from tests.ceremonies.factories import EVALUATED_ELSEWHERE, ceremony, finalist
from tests.factories import EditionFactory, UserFactory

from .conftest import inject_script

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def published_edition(transactional_db):
    edition = EditionFactory(year=2025, is_current=False)
    sofia = UserFactory(email="sofia@wego.example", is_staff=True)
    levels = services.ensure_default_levels(edition=edition)
    ceremony(edition)
    winners = [
        (finalist(edition, name="서울특별시 Seoul Metropolitan Government", city="서울특별시", country="KR",
                  title="AI chatbot counselling for lonely seniors"), "gold", ""),
        (finalist(edition, name="Prefeitura de São Paulo", city="São Paulo", country="BR",
                  title="Digital-skills classes in every library"), "silver", ""),
        (finalist(edition, name="Ủy ban nhân dân thành phố Đà Nẵng", city="Đà Nẵng", country="VN",
                  title="Open data for flood early warning"), "silver", ""),
        (finalist(edition, name="Ankara Akıllı Şehir Teknolojileri A.Ş.", city="Ankara", applicant_type="company",
                  title="Autonomous night buses"), "corporation", ""),
        (finalist(edition, name="Uğur İbrahim Altay", city="İzmir", applicant_type="individual",
                  category="leadership", title=""), "leadership", ""),
        (finalist(edition, name="بلدية دبي Dubai Municipality", city="دبي Dubai", country="AE",
                  category="human-centricity", title="Smart services for people of determination"),
         "special_mention", "Global Green Growth Institute"),
    ]
    for application, level, partner in winners:
        services.grant_award(application=application, level=levels[level], partner=partner, by=sofia,
                             citation="For putting residents first." if level == "gold" else "")
    finalist(edition, name="Beyoğlu Belediyesi", category="human-centricity", title="Dementia location trackers")
    services.publish_results(edition=edition, by=sofia, override_reason=EVALUATED_ELSEWHERE)
    return edition


def test_the_public_reads_the_winners_of_an_edition(live_server, page, published_edition):
    page.goto(f"{live_server.url}/winners/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Winners and finalists")
    page.get_by_role("link", name="3rd edition, 2025").click()

    expect(page).to_have_url(f"{live_server.url}/winners/2025/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Winners and finalists 2025")
    for name in ("서울특별시 Seoul Metropolitan Government", "Prefeitura de São Paulo",
                 "Ủy ban nhân dân thành phố Đà Nẵng", "Uğur İbrahim Altay", "بلدية دبي Dubai Municipality"):
        expect(page.get_by_role("link", name=name)).to_be_visible()
    tech = page.locator("section#tech-innovacity")
    expect(tech.get_by_role("heading", level=2)).to_have_text("Tech-InnovaCity")
    levels = tech.locator(".level-badge").all_inner_texts()
    assert [level.upper() for level in levels] == ["GOLD", "SILVER", "SILVER", "CORPORATION PRIZE"]
    expect(page.locator("section#human-centricity")).to_contain_text("Beyoğlu Belediyesi")  # a finalist
    expect(page.get_by_text("25 September 2025, 17:30 KST")).to_be_visible()
    assert page.locator('meta[property="og:title"]').get_attribute("content") == (
        "Seoul Smart City Prize 2025: winners and finalists")

    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(ARTIFACTS / "winners.png"), full_page=True)

    # Accessible: one language, one h1, named landmarks, every image described, keyboard skip link.
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").count() == 1
    assert page.locator("img:not([alt])").count() == 0
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    if AXE.exists():
        inject_script(page, AXE)
        violations = page.evaluate("async () => (await axe.run(document)).violations.map(v => v.id)")
        assert violations == []

    page.get_by_role("link", name="서울특별시 Seoul Metropolitan Government").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("서울특별시 Seoul Metropolitan Government")
    expect(page.get_by_text("For putting residents first.")).to_be_visible()


def test_the_open_data_is_served_to_the_browser(live_server, page, published_edition):
    response = page.request.get(f"{live_server.url}/winners/2025.json")
    assert response.ok and response.headers["content-type"].startswith("application/json")
    rows = response.json()
    assert {row["entity_name"] for row in rows} >= {"Uğur İbrahim Altay", "서울특별시 Seoul Metropolitan Government"}
