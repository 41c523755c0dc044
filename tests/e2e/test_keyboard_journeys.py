"""Whole journeys with the keyboard alone (Tab, typing, Space, Enter; never a click): an applicant from
registration to a submitted application, and a judge from the list of entries to a submitted review."""
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from applications.models import Application
from evaluation.models import Assignment
from tests.factories import PASSWORD, EditionFactory

from .fixtures import *  # noqa: F401,F403 - persona fixtures
from .keyboard import tab_to, type_into

pytestmark = pytest.mark.e2e


def press_on(page, selector, key="Enter"):
    tab_to(page, selector)
    page.keyboard.press(key)


def test_an_applicant_registers_and_submits_an_application_with_the_keyboard_alone(live_server, page):
    edition = EditionFactory()
    email = "minji.park@suwon.example"

    page.goto(f"{live_server.url}/accounts/signup/")
    type_into(page, "#id_email", email)
    type_into(page, "#id_password1", PASSWORD)
    type_into(page, "#id_password2", PASSWORD)
    press_on(page, "main form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))

    # The verification link arrives by email; following it is the one step outside this page.
    link = re.search(r"https?://\S+?(/accounts/confirm-email/[^/\s]+/)",
                     next(m for m in mail.outbox if email in m.to).body).group(1)
    page.goto(live_server.url + link)
    press_on(page, "main form button[type=submit]")
    page.wait_for_url(lambda url: "/confirm-email/" not in url)

    page.goto(f"{live_server.url}/dashboard/")
    press_on(page, "main a[href='/profile/']")
    page.wait_for_url(re.compile(r"/profile/$"))
    press_on(page, "input[name=applicant_type]", "Space")  # the first kind, a city
    type_into(page, "#id_name", "Suwon Special City")
    tab_to(page, "#id_country")
    page.keyboard.type("South Korea")  # a closed select picks the option typed
    type_into(page, "#id_city", "Suwon")
    type_into(page, "#id_contact_name", "Park Min-ji")
    type_into(page, "#id_contact_position", "Smart City Officer")
    type_into(page, "#id_contact_phone", "+82 31 000 0000")
    press_on(page, "main form button[type=submit]")
    page.wait_for_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()

    tech = edition.categories.get(slug="tech-innovacity")
    press_on(page, f"main form:has(input[name=category][value='{tech.pk}']):not(:has(input[name=nomination])) button")
    page.wait_for_url(re.compile(r"/apply/\d+/$"))
    texts = {"#id_title": "Suwon listens: open data for noise", "#id_summary": "Noise sensors and open data.",
             "#id_problem": "Night noise near the station.", "#id_solution": "Sensors and a public map.",
             "#id_inclusiveness": "Co-designed with night workers.", "#id_budget": "KRW 900 million.",
             "#id_results": "Complaints fell by a third.", "#id_sustainability": "In the city budget."}
    for selector, text in texts.items():
        type_into(page, selector, text)
        if selector == "#id_summary":
            press_on(page, "#id_sectors_0", "Space")
        if selector == "#id_solution":
            press_on(page, "#id_target_groups_0", "Space")
        if selector == "#id_inclusiveness":
            tab_to(page, "#id_implementation_start")
            # The browser moves from part to part; day and month are equal, whichever order its locale puts them in.
            page.keyboard.type("03032024")
            tab_to(page, "#id_implementation_stage")
            page.keyboard.type("Being implemented")
    press_on(page, "button[name=submit]")
    page.wait_for_url(re.compile(r"/applications/\d+/$"))

    application = Application.objects.get(applicant__user__email=email)
    assert application.status == Application.Status.SUBMITTED, application.status
    assert application.title == texts["#id_title"] and application.applicant.country == "KR"
    assert str(application.implementation_start) == "2024-03-03"
    expect(page.locator(".messages")).to_contain_text(f"SSCP-{edition.year}-0001")


def test_a_judge_opens_an_entry_and_submits_a_review_with_the_keyboard_alone(live_server, page, sign_in,
                                                                              hanas_assignment):
    round = hanas_assignment.round
    sign_in(page, hanas_assignment.judge)
    page.goto(f"{live_server.url}/review/")
    press_on(page, f"#assignments a[href='/review/assignments/{hanas_assignment.pk}/']")
    page.wait_for_url(re.compile(rf"/review/assignments/{hanas_assignment.pk}/$"))

    # Submitting too early: the focus goes to the error summary, and its first link leads to the first criterion.
    press_on(page, "button[name=submit]")
    page.wait_for_load_state()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    first = round.criteria.first()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(f"#id_score_{first.code}")).to_be_focused()

    for criterion in round.criteria.all():
        tab_to(page, f"#id_score_{criterion.code}")
        page.keyboard.type("7")
    type_into(page, "#id_comment", "Clear problem, convincing results, modest reach.")
    press_on(page, "button[name=submit]")
    expect(page.get_by_text("Your review is submitted.")).to_be_visible()

    hanas_assignment.refresh_from_db()
    assert hanas_assignment.status == Assignment.Status.SUBMITTED
    assert sorted(hanas_assignment.scores.values_list("value", flat=True)) == [7] * round.criteria.count()
