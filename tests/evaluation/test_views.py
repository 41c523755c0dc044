"""The judge's pages as a judge uses them, through the Django test client."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation import services
from evaluation.models import Assignment, Round

from .conftest import NOT_ABOUT_COVERAGE, full_scores

pytestmark = pytest.mark.django_db


def review_url(assignment):
    return reverse("evaluation:review", args=[assignment.pk])


def form_data(round, value=7, **extra):
    data = {f"score_{c.code}": str(value) for c in round.criteria.all()}
    data.update(extra)
    return data


def test_the_dashboard_lists_my_entries_with_deadline_in_kst_and_progress(round_one, hanas_assignment, hana_client):
    round_one.closes_at = timezone.now() + timedelta(days=3, hours=2)
    round_one.save()
    page = hana_client.get(reverse("evaluation:dashboard")).content.decode()
    assert "SSCP-2027-0001" in page and "Açık Veri" in page and ("Turkey" in page or "Türkiye" in page)
    assert "KST" in page and "3 days" in page
    assert "0 of 1 submitted" in page
    assert "SSCP-2027-0002" not in page  # Bob's entry is not Hana's


def test_the_dashboard_filters_by_status_and_sorts(round_one, omar, omar_client, edition, bob, sofia):
    from .conftest import eligible_application

    extra = eligible_application(edition, bob, 3, title="Zebra crossings that talk")
    from evaluation.models import RoundEntry

    RoundEntry.objects.create(round=round_one, application=extra)
    services.add_assignment(round=round_one, application=extra, judge=omar, by=sofia)
    first = omar.assignments.get(entry__application__reference="SSCP-2027-0002")
    services.save_review_draft(assignment=first, by=omar, scores={}, comment="started")
    url = reverse("evaluation:dashboard")
    page = omar_client.get(url, {"status": "draft"}).content.decode()
    assert "SSCP-2027-0002" in page and "SSCP-2027-0003" not in page
    page = omar_client.get(url, {"sort": "title"}).content.decode()
    assert page.index("Ankara akıllı") < page.index("Zebra crossings")
    page = omar_client.get(url, {"sort": "status"}).content.decode()
    assert page.index("SSCP-2027-0002") < page.index("SSCP-2027-0003")  # draft before not_started


def test_the_review_page_shows_the_whole_application_the_rubric_and_attachments_as_links(round_one, hanas_assignment,
                                                                                        hana_client):
    page = hana_client.get(review_url(hanas_assignment)).content.decode()
    for text in ("Problem addressed", "Sustainability and transferability", "Inclusiveness and people-centredness",
                 "weight 25 of 100", "Overall comment", "Note for the secretariat", "Save draft", "Submit review",
                 "Declare a conflict of interest"):
        assert text in page, text
    assert '<label class="form-label fw-semibold" for="id_score_innovation">' in page


def test_saving_a_draft_then_coming_back_shows_what_was_typed(round_one, hanas_assignment, hana_client):
    response = hana_client.post(review_url(hanas_assignment), {"score_impact": "9", "comment": "Half done", "save": "1"})
    assert response.status_code == 302
    page = hana_client.get(review_url(hanas_assignment)).content.decode()
    assert '<option value="9" selected>' in page and "Half done" in page and "Draft saved." in page


def test_a_failed_submission_still_saves_the_draft_and_explains(round_one, hanas_assignment, hana_client):
    data = form_data(round_one, comment="", submit="1")
    response = hana_client.post(review_url(hanas_assignment), data)
    assert response.status_code == 200
    assert "Write an overall comment before submitting." in response.content.decode()
    assignment = Assignment.objects.get(pk=hanas_assignment.pk)
    assert assignment.status == Assignment.Status.DRAFT and assignment.scores.count() == 6


def test_submitting_moves_the_progress_bar(round_one, hanas_assignment, hana_client):
    response = hana_client.post(review_url(hanas_assignment), form_data(round_one, comment="Convincing", submit="1"),
                                follow=True)
    page = response.content.decode()
    assert "Your review is submitted" in page and "1 of 1 submitted" in page and 'aria-valuenow="1"' in page
    assert "Update submitted review" in page and "Save draft" not in page


def test_after_the_round_closes_the_review_is_read_only(round_one, hanas_assignment, hana, hana_client, sofia):
    services.save_review_draft(assignment=hanas_assignment, by=hana, scores={}, comment="my view")
    services.close_round(round=round_one, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    page = hana_client.get(review_url(hanas_assignment)).content.decode()
    assert "read-only" in page and "Submit review" not in page and "my view" in page
    response = hana_client.post(review_url(hanas_assignment), form_data(round_one, comment="sneaky", submit="1"))
    assert response.status_code == 302
    assert Assignment.objects.get(pk=hanas_assignment.pk).comment == "my view"


@pytest.mark.parametrize(("visibility", "before_own", "after_own"), [
    (Round.Visibility.NEVER, False, False),
    (Round.Visibility.AFTER_OWN, False, True),
    (Round.Visibility.ALWAYS, True, True),
])
def test_other_judges_scores_appear_only_as_the_round_allows(round_one, omar, carla, sofia, visibility, before_own,
                                                             after_own, omar_client):
    round_one.score_visibility = visibility
    round_one.save()
    carlas = carla.assignments.get()
    services.submit_review(assignment=carlas, by=carla, scores=full_scores(round_one, 3), comment="Carla's secret view")
    omars = omar.assignments.get()
    page = omar_client.get(review_url(omars)).content.decode()
    assert ("Carla&#x27;s secret view" in page) is before_own
    services.submit_review(assignment=omars, by=omar, scores=full_scores(round_one, 8), comment="mine")
    page = omar_client.get(review_url(omars)).content.decode()
    assert ("Carla&#x27;s secret view" in page) is after_own
    assert "carla@beyoglu.example" not in page  # never who the other judge is


def test_next_entry_leads_to_my_next_unsubmitted_entry(round_one, omar, omar_client, edition, bob, sofia):
    from evaluation.models import RoundEntry

    from .conftest import eligible_application

    extra = eligible_application(edition, bob, 3)
    RoundEntry.objects.create(round=round_one, application=extra)
    second = services.add_assignment(round=round_one, application=extra, judge=omar, by=sofia)
    first = omar.assignments.get(entry__application__reference="SSCP-2027-0002")
    page = omar_client.get(review_url(first)).content.decode()
    assert f'href="{review_url(second)}"' in page and "Next entry: SSCP-2027-0003" in page


def test_declaring_a_conflict_through_the_page(round_one, hanas_assignment, hana_client, omar):
    url = reverse("evaluation:declare_conflict", args=[hanas_assignment.pk])
    page = hana_client.post(url, {"reason": ""}).content.decode()
    assert "This field is required" in page
    response = hana_client.post(url, {"reason": "My sister works there"}, follow=True)
    assert "The conflict is recorded" in response.content.decode()
    assert Assignment.objects.filter(entry=hanas_assignment.entry, judge=omar).exists()


def test_an_invited_expert_without_an_account_creates_one_and_lands_on_the_dashboard(committee, sofia, client):
    from django.contrib.auth import get_user_model

    invitation = services.invite_judge(committee=committee, email="thandi@wits.example", by=sofia)
    url = reverse("evaluation:accept_invitation", args=[invitation.token])
    assert "Choose a password" in client.get(url).content.decode()
    response = client.post(url, {"first_name": "Thandi", "last_name": "Nkosi", "password1": "kgotla-2027-jury",
                                 "password2": "kgotla-2027-jury"})
    assert response.status_code == 302 and response["Location"] == reverse("evaluation:dashboard")
    user = get_user_model().objects.get(email="thandi@wits.example")
    assert committee.memberships.filter(user=user).exists()
    # Judges sign in with a second factor: the dashboard first leads the new judge to set one up.
    assert client.get(reverse("evaluation:dashboard"))["Location"].startswith(reverse("mfa_activate_totp"))


def test_an_invited_expert_with_an_account_signs_in_to_accept(committee, sofia, hana, hana_client, client):
    invitation = services.invite_judge(committee=committee, email=hana.email, by=sofia)
    url = reverse("evaluation:accept_invitation", args=[invitation.token])
    assert "Sign in to accept" in client.get(url).content.decode()
    assert hana_client.post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.accepted_by == hana


def test_a_korean_browser_gets_pages_declared_in_the_language_they_are_in_with_korean_time(
        round_one, hanas_assignment, hana_client):
    round_one.closes_at = timezone.now() + timedelta(days=2)
    round_one.save()
    page = hana_client.get(review_url(hanas_assignment), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert '<html lang="ko">' in page and "KST" in page and "심사 마감" in page


def test_the_navigation_flag_says_who_is_a_judge(hana, bob, rf):
    from django.contrib.auth.models import AnonymousUser

    from evaluation.context_processors import reviewer

    for user, expected in ((hana, True), (bob.user, False), (AnonymousUser(), False)):
        request = rf.get("/")
        request.user = user
        assert bool(reviewer(request)["is_judge"]) is expected
