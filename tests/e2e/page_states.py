"""Every page state worth auditing, per persona: a visitor, Alice the applicant, Hana the judge and Sofia of the
secretariat. Shared by the axe audit, the screenshots and the zoom checks.

A state takes pytest's ``request`` and returns (user to sign in or None, path[, action before the check]). The
fixtures it asks for through ``request.getfixturevalue`` are imported by the test modules that use ``STATES``.
"""
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from applications import services as application_services
from applications.models import Application
from ceremonies import services as ceremony_services
from ceremonies.models import Certificate
from evaluation import services as evaluation_services
from tests.evaluation.conftest import full_scores
from tests.factories import ApplicationFactory, EditionFactory

from .test_applicant_journey import minimal_pdf


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


def submit_the_form(expect_error_summary=True):
    def submit(page):
        page.locator("main form [type=submit]:visible").last.click()
        page.wait_for_load_state()
        if expect_error_summary:
            expect(page.locator("[data-error-summary]")).to_be_focused()
    return submit


# --- a visitor --------------------------------------------------------------------------------------------------------

def home(request):
    request.getfixturevalue("edition")
    return None, "/"


def about(request):
    request.getfixturevalue("edition")
    return None, "/about/"


def signup(request):
    request.getfixturevalue("edition")
    return None, "/accounts/signup/"


def signup_with_errors(request):
    request.getfixturevalue("edition")

    def mismatched(page):
        page.fill("#id_email", "not an address")
        page.fill("#id_password1", "short")
        page.fill("#id_password2", "other")
        submit_the_form()(page)

    return None, "/accounts/signup/", mismatched


def login(request):
    request.getfixturevalue("edition")
    return None, "/accounts/login/"


def login_with_an_error(request):
    request.getfixturevalue("alice")

    def wrong_password(page):
        page.fill("#id_login", "alice@beyoglu.example")
        page.fill("#id_password", "not-the-password")
        submit_the_form()(page)
        expect(page.locator("[data-error-summary]")).to_be_visible()  # in either language

    return None, "/accounts/login/", wrong_password


def password_reset(request):
    request.getfixturevalue("edition")
    return None, "/accounts/password/reset/"


def judge_invitation(request):
    committee, sofia = request.getfixturevalue("committee"), request.getfixturevalue("sofia")
    invitation = evaluation_services.invite_judge(committee=committee, email="new.judge@kaist.example", by=sofia)
    return None, f"/review/invitations/{invitation.token}/"


def published_results(request):
    request.getfixturevalue("seoul_finalist")
    request.getfixturevalue("the_ceremony")
    request.getfixturevalue("published")
    edition = request.getfixturevalue("edition")
    edition.refresh_from_db()  # published through another copy of the row
    return edition


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
    ceremony_services.issue_certificates(edition=edition, by=sofia, enqueue=False)
    certificate = Certificate.objects.get(award=award)
    ceremony_services.render_certificate(certificate_id=certificate.pk)
    return certificate


def certificate_revoked(request):
    certificate = issued_certificate(request)
    ceremony_services.revoke_certificate(certificate=certificate, by=request.getfixturevalue("sofia"),
                                         reason="Wrong entity name")
    return None, f"/certificates/{certificate.code}/"


# --- Alice, applicant -------------------------------------------------------------------------------------------------

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


def profile_with_errors(request):
    def emptied(page):
        page.fill("#id_name", "")
        page.fill("#id_contact_email", "not an address")
        page.locator("main form [type=submit]").click()
        page.wait_for_load_state()
        expect(page.locator("[data-error-summary]")).to_be_focused()

    return request.getfixturevalue("alice").user, "/profile/", emptied


def application_edit(request):
    draft = alices_draft_with_attachment(request)
    return draft.applicant.user, f"/apply/{draft.pk}/"


def application_edit_with_errors(request):
    draft = alices_draft_with_attachment(request)
    Application.objects.filter(pk=draft.pk).update(problem="", budget="")

    def submit_incomplete(page):
        page.locator("button[name=submit]").click()
        page.wait_for_load_state()
        expect(page.locator("[data-error-summary]")).to_be_focused()
        expect(page.locator(".invalid-feedback").first).to_be_visible()

    return draft.applicant.user, f"/apply/{draft.pk}/", submit_incomplete


def nomination_edit(request):
    edition, alice = request.getfixturevalue("edition"), request.getfixturevalue("alice")
    nomination = application_services.start_application(
        applicant=alice, category=edition.categories.get(slug="leadership"), is_nomination=True)
    return alice.user, f"/apply/{nomination.pk}/"


def application_detail(request):
    application = alices_submitted_application(request)
    return application.applicant.user, f"/applications/{application.pk}/"


def withdraw(request):
    application = alices_submitted_application(request)
    return application.applicant.user, f"/applications/{application.pk}/withdraw/"


def certificate_valid(request):
    certificate = issued_certificate(request)  # seen by its recipient: with the download button
    return request.getfixturevalue("alice").user, f"/certificates/{certificate.code}/"


def account_email(request):
    return request.getfixturevalue("alice").user, "/accounts/email/"


def password_change(request):
    return request.getfixturevalue("alice").user, "/accounts/password/change/"


def password_change_with_errors(request):
    def wrong(page):
        page.fill("#id_oldpassword", "not-my-password")
        page.fill("#id_password1", "x")
        page.fill("#id_password2", "y")
        submit_the_form()(page)

    return request.getfixturevalue("alice").user, "/accounts/password/change/", wrong


def two_factor(request):
    return request.getfixturevalue("alice").user, "/accounts/2fa/"


# --- Hana, judge ------------------------------------------------------------------------------------------------------

def judge_dashboard(request):
    """Hana has a review in draft and one submitted: both badges and a half-full progress bar."""
    round, judge, sofia = (request.getfixturevalue(name) for name in ("round_one", "hana", "sofia"))
    evaluation_services.add_assignment(round=round, application=request.getfixturevalue("bobs_entry"), judge=judge,
                                       by=sofia)
    first, second = judge.assignments.filter(round=round).order_by("pk")
    evaluation_services.save_review_draft(assignment=first, by=judge, scores={}, comment="Promising; to finish.")
    evaluation_services.submit_review(assignment=second, by=judge, scores=full_scores(round),
                                      comment="Convincing.")
    return judge, "/review/"


def judge_review(request):
    assignment = request.getfixturevalue("hanas_assignment")
    return assignment.judge, f"/review/assignments/{assignment.pk}/"


def judge_review_with_missing_scores(request):
    assignment = request.getfixturevalue("hanas_assignment")

    def submit_unscored(page):
        page.locator("button[name=submit]").click()
        page.wait_for_load_state()
        expect(page.locator("[data-error-summary]")).to_be_focused()

    return assignment.judge, f"/review/assignments/{assignment.pk}/", submit_unscored


def declare_conflict_with_error(request):
    assignment = request.getfixturevalue("hanas_assignment")
    return assignment.judge, f"/review/assignments/{assignment.pk}/conflict/", submit_the_form()


# --- Sofia, secretariat (her own pages are Django's admin, outside the portal's layout) -------------------------------

def secretariat_reviews(request):
    return request.getfixturevalue("sofia"), "/review/"


def secretariat_dashboard(request):
    request.getfixturevalue("edition")
    return request.getfixturevalue("sofia"), "/dashboard/"


STATES = {
    "visitor": [home, about, signup, signup_with_errors, login, login_with_an_error, password_reset, judge_invitation,
                winners_index, winners_edition, award_detail, certificate_revoked],
    "applicant": [applicant_dashboard, profile, profile_with_errors, application_edit, application_edit_with_errors,
                  nomination_edit, application_detail, withdraw, certificate_valid, account_email, password_change,
                  password_change_with_errors, two_factor],
    "judge": [judge_dashboard, judge_review, judge_review_with_missing_scores, declare_conflict_with_error],
    "secretariat": [secretariat_reviews, secretariat_dashboard],
}
ALL_STATES = [(persona, state) for persona, states in STATES.items() for state in states]
