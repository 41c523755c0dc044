import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.core import mail

from applications import services
from applications.models import Application
from audit.models import AuditEntry
from tests.factories import ApplicantProfileFactory, ApplicationFactory, EditionFactory

KST = zoneinfo.ZoneInfo("Asia/Seoul")
pytestmark = pytest.mark.django_db


def category(edition, slug):
    return edition.categories.get(slug=slug)


def test_a_city_may_enter_tech_innovacity_but_not_leadership(edition, alice):
    assert services.entry_check(applicant=alice, category=category(edition, "tech-innovacity")) == (True, "")
    allowed, reason = services.entry_check(applicant=alice, category=category(edition, "leadership"))
    assert not allowed
    assert "cannot enter Leadership" in reason and "Individual" in reason


def test_a_city_may_nominate_someone_for_leadership(edition, alice):
    application = services.start_application(applicant=alice, category=category(edition, "leadership"),
                                             is_nomination=True)
    assert application.is_nomination


def test_a_nomination_without_a_nominee_yet_still_has_a_title_to_show(edition, alice):
    nomination = services.start_application(applicant=alice, category=category(edition, "leadership"),
                                            is_nomination=True)
    assert nomination.display_title == "(untitled)"  # the dashboard's link text and the page's heading
    services.save_draft(application=nomination, changes={"nominee_name": "Đặng Văn Minh"})
    assert nomination.display_title == "Đặng Văn Minh"


def test_an_individual_may_only_enter_leadership(edition):
    individual = ApplicantProfileFactory(applicant_type="individual", name="Uğur İbrahim Altay")
    assert services.entry_check(applicant=individual, category=category(edition, "leadership"))[0]
    assert not services.entry_check(applicant=individual, category=category(edition, "human-centricity"))[0]


def test_starting_in_a_forbidden_category_is_refused_with_the_reason(edition, alice):
    with pytest.raises(services.ApplicationError, match="cannot enter Leadership"):
        services.start_application(applicant=alice, category=category(edition, "leadership"))
    assert not Application.objects.exists()


def test_an_incomplete_profile_cannot_apply(edition):
    profile = ApplicantProfileFactory(contact_phone="")
    allowed, reason = services.entry_check(applicant=profile, category=category(edition, "tech-innovacity"))
    assert not allowed and "profile" in reason


def test_the_per_edition_limit_counts_everything_but_withdrawn(edition, alice):
    edition.max_applications_per_applicant = 2
    edition.save()
    ApplicationFactory(edition=edition, applicant=alice)
    ApplicationFactory(edition=edition, applicant=alice, status=Application.Status.WITHDRAWN)
    assert services.entry_check(applicant=alice, category=category(edition, "tech-innovacity"))[0]
    ApplicationFactory(edition=edition, applicant=alice)
    allowed, reason = services.entry_check(applicant=alice, category=category(edition, "tech-innovacity"))
    assert not allowed and "2 applications" in reason


def test_nobody_can_start_after_the_deadline(edition, alice):
    allowed, reason = services.entry_check(applicant=alice, category=category(edition, "tech-innovacity"),
                                           now=edition.closes_at + timedelta(seconds=1))
    assert not allowed and "deadline" in reason


def test_submitting_gives_a_reference_makes_it_read_only_and_emails_a_confirmation(alices_draft, alice):
    application = services.submit_application(application=alices_draft, user=alice.user)
    assert application.reference == f"SSCP-{application.edition.year}-0001"
    assert application.status == Application.Status.SUBMITTED
    assert not application.is_editable
    with pytest.raises(services.ApplicationError):
        services.save_draft(application=application, changes={"title": "changed"})
    # The test transaction never commits; run the on-commit callbacks as a commit would.
    assert AuditEntry.objects.filter(action="application.submitted", target_id=str(application.pk)).exists()


def test_the_confirmation_email_has_html_text_the_reference_and_the_summary(alices_draft, alice,
                                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = services.submit_application(application=alices_draft, user=alice.user)
    [message] = mail.outbox
    assert message.to == [alice.user.email]
    assert application.reference in message.subject
    assert application.reference in message.body and application.summary in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and application.reference in html and "Đà Nẵng" in html


def test_references_are_sequential_per_edition(edition, alice, bob):
    first = services.submit_application(application=ApplicationFactory(edition=edition, applicant=alice), user=alice.user)
    second = services.submit_application(application=ApplicationFactory(edition=edition, applicant=bob), user=bob.user)
    other_edition = EditionFactory(year=2028, is_current=False)
    third = services.submit_application(application=ApplicationFactory(edition=other_edition, applicant=bob),
                                        user=bob.user)
    assert [first.reference, second.reference, third.reference] == ["SSCP-2027-0001", "SSCP-2027-0002",
                                                                     "SSCP-2028-0001"]


def test_submitting_twice_is_refused_and_keeps_the_reference(alices_draft, alice):
    services.submit_application(application=alices_draft, user=alice.user)
    with pytest.raises(services.ApplicationError, match="already been submitted"):
        services.submit_application(application=alices_draft, user=alice.user)
    assert Application.objects.get(pk=alices_draft.pk).reference.endswith("0001")


def test_an_incomplete_application_cannot_be_submitted(alices_draft, alice):
    alices_draft.summary = ""
    alices_draft.save()
    with pytest.raises(services.ApplicationError):
        services.submit_application(application=alices_draft, user=alice.user)
    assert services.completeness_errors(alices_draft) == {"summary": "This is required before you can submit."}


def test_the_summary_word_limit_is_enforced_at_submission(alices_draft):
    alices_draft.summary = "word " * 301
    assert "301 words; the limit is 300" in services.completeness_errors(alices_draft)["summary"]
    alices_draft.summary = "word " * 300
    assert "summary" not in services.completeness_errors(alices_draft)


def test_a_nomination_needs_the_nominees_contact_and_the_nominee_is_asked_to_confirm(
        edition, alice, django_capture_on_commit_callbacks):
    nomination = services.start_application(applicant=alice, category=category(edition, "leadership"),
                                            is_nomination=True)
    services.save_draft(application=nomination, changes={"summary": "Mayor who opened the city's data.",
                                                        "achievements": "Open data law.", "sectors": ["governance"]})
    assert set(services.completeness_errors(nomination)) == {"nominee_name", "nominee_email", "nominee_position",
                                                             "nominee_country"}
    services.save_draft(application=nomination, changes={"nominee_name": "Đặng Văn Minh", "nominee_email":
                                                        "minh@danang.example", "nominee_position": "Mayor",
                                                        "nominee_country": "VN"})
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application=nomination, user=alice.user)
    request = next(m for m in mail.outbox if m.to == ["minh@danang.example"])
    assert "Đặng Văn Minh" in request.body and str(nomination.nominee_token) in request.body
    services.confirm_nomination(application=nomination)
    nomination.refresh_from_db()
    assert nomination.nominee_confirmed_at is not None


class TestDeadline:
    """Deadlines are Korea time: the whole last second counts, the next day does not."""

    @pytest.fixture
    def closing(self, edition):
        edition.closes_at = datetime(2027, 5, 30, 23, 59, 59, tzinfo=KST)
        edition.opens_at = datetime(2027, 3, 3, 0, 0, tzinfo=KST)
        edition.save()
        return edition.closes_at

    def test_a_submit_at_235959_kst_on_the_closing_day_is_accepted(self, closing, alices_draft, alice):
        at = datetime(2027, 5, 30, 23, 59, 59, 999000, tzinfo=KST)
        assert services.submit_application(application=alices_draft, user=alice.user, now=at).reference

    def test_a_submit_at_midnight_the_next_day_is_refused(self, closing, alices_draft, alice):
        at = datetime(2027, 5, 31, 0, 0, 0, tzinfo=KST)
        with pytest.raises(services.ApplicationError, match="deadline has passed"):
            services.submit_application(application=alices_draft, user=alice.user, now=at)
        alices_draft.refresh_from_db()
        assert alices_draft.status == Application.Status.DRAFT and alices_draft.reference is None

    def test_an_extension_is_honoured_for_that_applicant_only(self, closing, alices_draft, alice, bob, sofia):
        services.grant_extension(edition=alices_draft.edition, applicant=alice, reason="Typhoon: offices closed",
                                 until=datetime(2027, 6, 2, 18, 0, tzinfo=KST), by=sofia)
        at = datetime(2027, 6, 2, 17, 59, tzinfo=KST)
        assert services.submit_application(application=alices_draft, user=alice.user, now=at).reference
        bobs = ApplicationFactory(edition=alices_draft.edition, applicant=bob)
        with pytest.raises(services.ApplicationError):
            services.submit_application(application=bobs, user=bob.user, now=at)
        assert AuditEntry.objects.filter(action="deadline.extended", actor=sofia).exists()

    def test_an_extension_ends_at_its_own_time(self, closing, alices_draft, alice, sofia):
        services.grant_extension(edition=alices_draft.edition, applicant=alice, reason="Late documents",
                                 until=datetime(2027, 6, 2, 18, 0, tzinfo=KST), by=sofia)
        with pytest.raises(services.ApplicationError):
            services.submit_application(application=alices_draft, user=alice.user,
                                        now=datetime(2027, 6, 2, 18, 0, 1, tzinfo=KST))

    def test_withdrawal_is_possible_only_before_the_deadline(self, closing, alices_draft, alice):
        with pytest.raises(services.ApplicationError, match="before the deadline"):
            services.withdraw_application(application=alices_draft, user=alice.user,
                                          now=datetime(2027, 5, 31, 0, 0, tzinfo=KST))
        services.withdraw_application(application=alices_draft, user=alice.user,
                                      now=datetime(2027, 5, 30, 12, 0, tzinfo=KST))
        alices_draft.refresh_from_db()
        assert alices_draft.status == Application.Status.WITHDRAWN


def test_a_withdrawn_application_is_kept_not_deleted(alices_draft, alice):
    services.submit_application(application=alices_draft, user=alice.user)
    services.withdraw_application(application=alices_draft, user=alice.user)
    kept = Application.objects.get(pk=alices_draft.pk)
    assert kept.status == Application.Status.WITHDRAWN and kept.reference and kept.withdrawn_at


def test_screening_marks_eligible_or_not_with_a_reason_and_tells_the_applicant(
        alices_draft, alice, sofia, django_capture_on_commit_callbacks):
    services.submit_application(application=alices_draft, user=alice.user)
    with pytest.raises(services.ApplicationError, match="reason"):
        services.screen_application(application=alices_draft, eligible=False, reason=" ", by=sofia)
    with django_capture_on_commit_callbacks(execute=True):
        services.screen_application(application=alices_draft, eligible=False, reason="Project not yet started",
                                    by=sofia)
    alices_draft.refresh_from_db()
    assert alices_draft.status == Application.Status.NOT_ELIGIBLE
    assert "Project not yet started" in mail.outbox[-1].body
    with pytest.raises(services.ApplicationError, match="only submitted"):
        services.screen_application(application=alices_draft, eligible=True, by=sofia)


def test_drafts_cannot_be_screened(alices_draft, sofia):
    with pytest.raises(services.ApplicationError):
        services.screen_application(application=alices_draft, eligible=True, by=sofia)


def test_the_audit_log_is_append_only(alices_draft, alice):
    services.submit_application(application=alices_draft, user=alice.user)
    entry = AuditEntry.objects.get(action="application.submitted")
    entry.action = "tampered"
    with pytest.raises(ValueError):
        entry.save()
