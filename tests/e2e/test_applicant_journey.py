"""The applicant's whole journey in real headless Chromium, from registration to the confirmation email."""
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from applications.models import Application
from tests.factories import PASSWORD, ApplicantProfileFactory, ApplicationFactory, EditionFactory, UserFactory
from tests.files import pdf_bytes

pytestmark = pytest.mark.e2e

# Every visible form control must have a label a screen reader announces.
UNLABELLED_CONTROLS_JS = """
() => Array.from(document.querySelectorAll("input, select, textarea"))
  .filter(el => !["hidden", "submit", "button", "reset", "image"].includes((el.type || "").toLowerCase()))
  .filter(el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden")
  .filter(el => !(el.labels && el.labels.length && Array.from(el.labels).some(l => l.textContent.trim()))
                && !(el.getAttribute("aria-label") || "").trim()
                && !(el.getAttribute("aria-labelledby") || "").trim())
  .map(el => el.outerHTML.slice(0, 160))
"""


def minimal_pdf(text="Flood warnings for Da Nang"):
    """A one-page PDF a reader opens (uploads are checked whole)."""
    return pdf_bytes(text)


def assert_basic_accessibility(page):
    assert page.evaluate("document.documentElement.lang"), f"<html> has no lang on {page.url}"
    assert page.evaluate(UNLABELLED_CONTROLS_JS) == [], f"form controls without a label on {page.url}"
    assert page.locator("main#main").count() == 1 and page.locator("a.skip-link[href='#main']").count() == 1


def test_a_city_registers_verifies_its_email_applies_with_a_pdf_and_gets_a_reference(live_server, page, tmp_path):
    edition = EditionFactory()
    email = "nguyen.huong@danang.example"

    # Register with email and password.
    page.goto(f"{live_server.url}/accounts/signup/")
    assert_basic_accessibility(page)
    page.fill("#id_email", email)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.locator("form:has(#id_email) [type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))
    assert not User.objects.get(email=email).emailaddress_set.get().verified

    # The verification link comes by email (the live server shares this process's locmem outbox).
    verifications = [m for m in mail.outbox if email in m.to]
    assert len(verifications) == 1, [(m.to, m.subject) for m in mail.outbox]
    verification = verifications[0]
    link = re.search(r"https?://\S+?(/accounts/confirm-email/[^/\s]+/)", verification.body).group(1)
    page.goto(live_server.url + link)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(lambda url: "/confirm-email/" not in url)
    assert User.objects.get(email=email).emailaddress_set.get(email=email).verified

    # Applicant profile: a complete one is needed before applying.
    page.goto(f"{live_server.url}/dashboard/")
    page.get_by_role("link", name="Complete your applicant profile").click()
    page.wait_for_url(re.compile(r"/profile/$"))
    assert_basic_accessibility(page)
    page.check("input[name=applicant_type][value=city]")
    page.fill("#id_name", "Ủy ban nhân dân thành phố Đà Nẵng")
    page.select_option("#id_country", "VN")
    page.fill("#id_city", "Đà Nẵng")
    page.fill("#id_website", "https://danang.gov.vn")
    page.fill("#id_contact_name", "Nguyễn Thị Hương")
    page.fill("#id_contact_position", "Deputy Director, Department of Information")
    assert page.input_value("#id_contact_email") == email
    page.fill("#id_contact_phone", "+84 236 000 0000")
    page.get_by_role("button", name="Save profile").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()

    # Start a Tech-InnovaCity application and fill every section.
    page.get_by_role("button", name="Apply in Tech-InnovaCity").click()
    page.wait_for_url(re.compile(r"/apply/\d+/$"))
    assert_basic_accessibility(page)
    application = Application.objects.get(applicant__user__email=email)
    assert application.category.slug == "tech-innovacity" and application.status == Application.Status.DRAFT

    title = "Đà Nẵng open-data flood warnings / 서울특별시 partnership"
    page.fill("#id_title", title)
    page.fill("#id_summary", "A people-centred flood warning service built on open data, in five languages.")
    expect(page.locator("#id_summary_count")).to_have_text("12 / 300 words")  # the progressive word counter
    page.fill("#id_problem", "Floods reached neighbourhoods before warnings did.")
    page.fill("#id_solution", "River sensors, an open-data platform and an SMS service.")
    page.check("input[name=target_groups][value=elderly]")
    page.check("input[name=target_groups][value=migrants]")
    page.fill("#id_inclusiveness", "Co-designed with older residents and migrant communities.")
    page.fill("#id_implementation_start", "2024-03-01")
    page.fill("#id_implementation_end", "2026-12-31")
    page.select_option("#id_implementation_stage", "implementation")
    page.fill("#id_budget", "USD 800,000 from the city budget and a national grant.")
    page.fill("#id_results", "Warnings arrive 40 minutes earlier; 120,000 residents subscribed.")
    page.fill("#id_sustainability", "In the city budget until 2030; the code is open source.")
    page.fill("#id_partners", "Đà Nẵng University of Science and Technology.")
    page.check("input[name=sectors][value=safety]")
    page.check("input[name=sectors][value=environment]")
    page.fill("#id_links", "https://danang.gov.vn/flood\nhttps://example.org/video")
    pdf = tmp_path / "project-brief.pdf"
    pdf.write_bytes(minimal_pdf())
    page.set_input_files("#id_new_attachments", str(pdf))

    # Save the draft: the text and the file are kept.
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    assert page.input_value("#id_title") == title
    expect(page.get_by_role("link", name="project-brief.pdf")).to_be_visible()
    application.refresh_from_db()
    assert application.title == title and application.status == Application.Status.DRAFT
    assert application.sectors == ["safety", "environment"] and str(application.implementation_end) == "2026-12-31"
    [attachment] = application.attachments.all()
    assert attachment.content_type == "application/pdf" and attachment.size == len(minimal_pdf())

    # Submit: the reference is shown, the application is read-only, the confirmation email arrives.
    page.get_by_role("button", name="Submit application").click()
    page.wait_for_url(re.compile(rf"/applications/{application.pk}/$"))
    reference = f"SSCP-{edition.year}-0001"
    expect(page.locator(".messages").get_by_text(reference)).to_be_visible()
    assert reference in page.locator("main").inner_text()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_role("button", name="Submit application")).to_have_count(0)
    application.refresh_from_db()
    assert application.reference == reference and application.status == Application.Status.SUBMITTED

    confirmations = [m for m in mail.outbox if m.to == [email] and reference in m.subject]
    assert len(confirmations) == 1, [(m.to, m.subject) for m in mail.outbox]
    confirmation = confirmations[0]
    assert reference in confirmation.body and title in confirmation.body
    assert confirmation.alternatives and reference in confirmation.alternatives[0][0]

    # The attachment is linked from the application page and served, with this session, by the checking view.
    link = page.get_by_role("link", name="project-brief.pdf")
    assert link.get_attribute("href") == f"/attachments/{attachment.pk}/"
    response = page.request.get(f"{live_server.url}/attachments/{attachment.pk}/")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body() == minimal_pdf()


def test_the_application_form_saves_a_draft_with_javascript_disabled(live_server, browser_context_factory, sign_in):
    edition = EditionFactory()
    alice = ApplicantProfileFactory(user=UserFactory(email="alice@beyoglu.example"), name="Beyoğlu Belediyesi")
    page = browser_context_factory(java_script_enabled=False).new_page()
    sign_in(page, alice.user)

    page.goto(f"{live_server.url}/dashboard/")
    page.get_by_role("button", name="Apply in Tech-InnovaCity").click()
    page.wait_for_url(re.compile(r"/apply/\d+/$"))
    assert page.locator("#id_summary_count").count() == 0  # really no JavaScript: the word counter is absent
    page.fill("#id_title", "Beyoğlu'nda herkes için dijital beceriler")
    page.fill("#id_summary", "Kütüphanelerde ücretsiz dijital beceri kursları.")
    page.check("input[name=sectors][value=education]")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()

    expect(page.get_by_text("Draft saved.")).to_be_visible()
    page.reload()
    assert page.input_value("#id_title") == "Beyoğlu'nda herkes için dijital beceriler"
    assert page.input_value("#id_summary") == "Kütüphanelerde ücretsiz dijital beceri kursları."
    assert page.is_checked("input[name=sectors][value=education]")
    application = Application.objects.get(applicant=alice, edition=edition)
    assert application.title == "Beyoğlu'nda herkes için dijital beceriler" and application.sectors == ["education"]

    # Submitting an incomplete draft without JavaScript shows the errors next to the fields, text kept.
    page.get_by_role("button", name="Submit application").click()
    page.wait_for_load_state()
    expect(page.get_by_text("It cannot be submitted yet")).to_be_visible()
    for field in ("problem", "target_groups", "implementation_start", "implementation_stage"):
        # Shown (not just present in the HTML: Bootstrap hides .invalid-feedback unless styled as invalid).
        error = page.locator(f"#div_id_{field} #id_{field}_error")
        expect(error).to_have_text("This is required before you can submit.")
        expect(error).to_be_visible()
    expect(page.locator("#id_title_error")).to_have_count(0)
    expect(page.locator("#id_sectors_error")).to_have_count(0)
    assert page.input_value("#id_title") == "Beyoğlu'nda herkes için dijital beceriler"
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT and application.reference is None


def test_pressing_enter_in_a_text_field_saves_the_draft_and_never_removes_an_attachment(
        live_server, page, sign_in, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from applications import services

    edition = EditionFactory()
    alice = ApplicantProfileFactory(user=UserFactory(email="alice@beyoglu.example"), name="Beyoğlu Belediyesi")
    draft = ApplicationFactory(edition=edition, applicant=alice, title="Su kaçakları")
    for name in ("plan.pdf", "budget.pdf"):
        services.add_attachment(application=draft, uploaded_file=SimpleUploadedFile(name, minimal_pdf()))
    sign_in(page, alice.user)

    page.goto(f"{live_server.url}/apply/{draft.pk}/")
    page.fill("#id_title", "Su kaçaklarını bulan sensörler")
    page.press("#id_title", "Enter")  # implicit submission: the form's default button
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    draft.refresh_from_db()
    assert draft.title == "Su kaçaklarını bulan sensörler"
    assert sorted(draft.attachments.values_list("original_name", flat=True)) == ["budget.pdf", "plan.pdf"]
