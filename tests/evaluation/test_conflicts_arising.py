"""A conflict that arises after the assignment — whatever fact changed, by whatever path — takes the entry away
from the judge at once: the entry leaves their dashboard, its pages answer 404, scores are refused, the conflict
is stored with its reason, the entry gets another judge, the judge is told and the secretariat sees it.

The entry here is Alice's nomination of Uğur Altay (Açık Şehir Lab), assigned to Hana in ``round_one`` (k = 1);
Omar is free to take it over.
"""
import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from evaluation import services
from evaluation.models import Assignment, CommitteeMember, Conflict
from tests.admin_forms import post_admin_form

from .conftest import full_scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def hanas_review(nomination, hana, round_one):
    assignment = Assignment.objects.get(judge=hana, entry__application=nomination)
    return services.save_review_draft(assignment=assignment, by=hana, scores={"impact": 8}, comment="Promising")


def change_judge_organisation_in_the_admin(client, hana, **_):
    url = reverse("admin:evaluation_judgeprofile_change", args=[hana.judge_profile.pk])
    return post_admin_form(client, url, "judgeprofile_form", {"organisation": "AÇIK ŞEHİR LAB"})


def change_judge_email(client, hana, **_):
    # allauth's "make primary" (the judge's own email page) saves the user's new address.
    EmailAddress.objects.create(user=hana, email="hana@acik-sehir.example", verified=True).set_as_primary()


def change_applicant_profile_in_her_own_form(alice, **_):
    from tests.conftest import signed_in

    data = {"applicant_type": alice.applicant_type, "name": alice.name, "country": alice.country.code,
            "city": alice.city, "website": "", "organisation": "", "contact_name": alice.contact_name,
            "contact_position": alice.contact_position, "contact_email": "ayse@snu-judges.example",
            "contact_phone": alice.contact_phone}
    return signed_in(alice.user).post(reverse("applications:profile"), data)


def change_nominee(nomination, **_):
    # A correction saved by an import or a script: no form at all.
    nomination.nominee_organisation = "Seoul National University"
    nomination.save()


def switch_country_rule_on_in_the_admin(client, alice, round_one, **_):
    alice.country = "KR"
    alice.save()
    assert not Conflict.objects.exists()  # not yet: the round does not ask
    url = reverse("admin:evaluation_round_change", args=[round_one.pk])
    return post_admin_form(client, url, "round_form", {"conflict_same_country": "on"})


def deactivate_membership_in_the_admin(client, hana, committee, **_):
    url = reverse("admin:evaluation_committee_change", args=[committee.pk])
    index = list(committee.memberships.order_by("user__last_name", "user__email")).index(
        CommitteeMember.objects.get(user=hana, committee=committee))
    return post_admin_form(client, url, "committee_form", {f"memberships-{index}-is_active": None})


def deactivate_account_in_the_admin(client, hana, **_):
    url = reverse("admin:accounts_user_change", args=[hana.pk])
    return post_admin_form(client, url, "user_form", {"is_active": None})


PATHS = {
    "judge organisation (admin)": (change_judge_organisation_in_the_admin, "same organisation"),
    "judge email (allauth)": (change_judge_email, "same email domain: acik-sehir.example"),
    "applicant profile (her form)": (change_applicant_profile_in_her_own_form,
                                     "same email domain: snu-judges.example"),
    "nominee (import)": (change_nominee, "same organisation"),
    "country rule (admin)": (switch_country_rule_on_in_the_admin, "same country: KR"),
    "membership ended (admin)": (deactivate_membership_in_the_admin, "no longer an active member of"),
    "account deactivated (admin)": (deactivate_account_in_the_admin, "account deactivated"),
}
CONFLICTS = {"judge organisation (admin)", "judge email (allauth)", "applicant profile (her form)",
             "nominee (import)", "country rule (admin)"}


@pytest.mark.parametrize("path", PATHS)
def test_the_entry_leaves_the_judge_whatever_fact_changed(
        path, nomination, hanas_review, hana, omar, alice, round_one, committee, hana_client, sofia_client,
        django_capture_on_commit_callbacks):
    change, reason = PATHS[path]
    review_url = reverse("evaluation:review", args=[hanas_review.pk])
    attachment = nomination.attachments.get()
    assert hana_client.get(review_url).status_code == 200
    assert hana_client.get(reverse("applications:detail", args=[nomination.pk])).status_code == 200
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = change(client=sofia_client, hana=hana, alice=alice, nomination=nomination, round_one=round_one,
                          committee=committee)
    assert response is None or response.status_code == 302, getattr(response, "context", None)

    hana.refresh_from_db()
    refused = 404 if hana.is_active else 302  # a deactivated account is signed out altogether
    for url in (review_url, reverse("applications:detail", args=[nomination.pk]),
                reverse("applications:pdf", args=[nomination.pk]),
                reverse("applications:attachment", args=[attachment.pk])):
        assert hana_client.get(url).status_code == refused, url
    scores = {f"score_{c.code}": 9 for c in round_one.criteria.all()}
    assert hana_client.post(review_url, {"submit": "1", "comment": "mine", **scores}).status_code == refused
    assert not nomination.round_entries.get().assignments.filter(judge=hana).exists()
    dashboard = hana_client.get(reverse("evaluation:dashboard"))
    assert dashboard.status_code != 200 or nomination.reference not in dashboard.content.decode()

    entry = nomination.round_entries.get()
    assert list(entry.assignments.values_list("judge", flat=True)) == [omar.pk]  # topped up to k = 1
    if path in CONFLICTS:
        conflict = Conflict.objects.get(judge=hana, application=nomination)
        assert (conflict.kind, conflict.reason) == (Conflict.Kind.AUTOMATIC, reason)
    panel = sofia_client.get(reverse("admin:evaluation_round_panel", args=[round_one.pk])).content.decode()
    assert "released-entries" in panel and nomination.reference in panel and reason in panel
    told = [m for m in mail.outbox if m.to == [hana.email]]
    if hana.is_active:
        assert len(told) == 1 and "left your list" in told[0].subject and nomination.reference in told[0].body
    else:
        assert told == []  # nobody writes to a closed account
    assert any(m.to == [omar.email] and nomination.reference in m.body for m in mail.outbox)


def test_the_released_draft_is_kept_in_the_audit_log(nomination, hanas_review, hana,
                                                     django_capture_on_commit_callbacks):
    from audit.models import AuditEntry

    with django_capture_on_commit_callbacks(execute=True):
        change_nominee(nomination)
    released = AuditEntry.objects.get(action="assignment.released")
    assert released.data["review"] == {"status": "draft", "comment": "Promising", "scores": {"impact": 8}}
    assert released.data["judge"] == hana.pk and released.data["reason"] == "same organisation"


def test_a_submitted_review_stops_counting_when_a_conflict_arises_in_an_open_round(
        nomination, hana, omar, round_one, django_capture_on_commit_callbacks):
    assignment = Assignment.objects.get(judge=hana, entry__application=nomination)
    services.submit_review(assignment=assignment, by=hana, scores=full_scores(round_one, 9), comment="Excellent")
    with django_capture_on_commit_callbacks(execute=True):
        change_nominee(nomination)
    entry = nomination.round_entries.get()
    assert list(entry.assignments.values_list("judge", "status")) == [(omar.pk, Assignment.Status.NOT_STARTED)]
    row = next(r for c in services.load_results(round=round_one, use_snapshot=False).categories
               for r in c["rows"] if r.entry_id == entry.pk)
    assert (row.done, row.weighted_mean) == (0, None)


def test_in_a_closed_round_the_review_is_released_and_the_entry_shows_short(
        nomination, hana, round_one, sofia, django_capture_on_commit_callbacks):
    assignment = Assignment.objects.get(judge=hana, entry__application=nomination)
    services.submit_review(assignment=assignment, by=hana, scores=full_scores(round_one, 9), comment="Excellent")
    services.close_round(round=round_one, by=sofia)
    with django_capture_on_commit_callbacks(execute=True):
        change_nominee(nomination)
    entry = nomination.round_entries.get()
    assert not entry.assignments.exists()  # nothing tops up while reviews are closed
    assert entry in services.round_progress(round=round_one)["short_entries"]


def test_in_a_finalized_round_nothing_moves_but_the_judge_loses_the_entry(
        nomination, hana, round_one, sofia, hana_client, django_capture_on_commit_callbacks):
    from evaluation.models import Round

    assignment = Assignment.objects.get(judge=hana, entry__application=nomination)
    Round.objects.filter(pk=round_one.pk).update(status=Round.Status.FINALIZED)
    with django_capture_on_commit_callbacks(execute=True):
        change_nominee(nomination)
    assert Assignment.objects.filter(pk=assignment.pk).exists()
    assert Conflict.objects.filter(judge=hana, application=nomination, kind=Conflict.Kind.AUTOMATIC).exists()
    assert hana_client.get(reverse("evaluation:review", args=[assignment.pk])).status_code == 404


def test_an_automatic_conflict_goes_when_its_cause_goes(nomination, hana, omar, round_one, sofia,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        change_nominee(nomination)
    assert Conflict.objects.filter(judge=hana, application=nomination).exists()
    with django_capture_on_commit_callbacks(execute=True):
        nomination.nominee_organisation = "Açık Şehir Lab"
        nomination.save()
    assert not Conflict.objects.filter(judge=hana, application=nomination).exists()
    assert services.assignment_problem(round=round_one, application=nomination, judge=hana) is None


def test_the_judge_gets_nothing_even_before_the_refresh_has_run(nomination, hanas_review, hana, hana_client,
                                                               round_one):
    from applications.models import Application

    # Changed behind every signal (a raw update), so no refresh runs: only the live facts say so.
    Application.objects.filter(pk=nomination.pk).update(nominee_organisation="Seoul National University")
    review_url = reverse("evaluation:review", args=[hanas_review.pk])
    assert hana_client.get(review_url).status_code == 404
    assert hana_client.get(reverse("applications:detail", args=[nomination.pk])).status_code == 404
    assert nomination.reference not in hana_client.get(reverse("evaluation:dashboard")).content.decode()
    with pytest.raises(services.EvaluationError):
        services.submit_review(assignment=hanas_review, by=hana, scores=full_scores(round_one), comment="x")


def test_changes_made_in_one_transaction_refresh_once_and_email_each_judge_once(
        nomination, alices_entry, hana, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        change_nominee(nomination)
        hana.judge_profile.organisation = "Beyoğlu Belediyesi"  # now conflicted with Alice's other entry as well
        hana.judge_profile.save()
    told = [m for m in mail.outbox if m.to == [hana.email]]
    assert len(told) == 1
    assert nomination.reference in told[0].body and alices_entry.reference in told[0].body


def test_a_judge_who_left_keeps_submitted_reviews_and_progress_counts_only_live_judges(
        nomination, alices_entry, hana, omar, round_one, committee, django_capture_on_commit_callbacks):
    submitted = Assignment.objects.get(judge=hana, entry__application=alices_entry)
    services.submit_review(assignment=submitted, by=hana, scores=full_scores(round_one), comment="Good")
    # Before the refresh (a raw update): her unsubmitted entry no longer counts towards k.
    CommitteeMember.objects.filter(user=hana).update(is_active=False)
    progress = services.round_progress(round=round_one)
    assert [e.application for e in progress["short_entries"]] == [nomination]
    with django_capture_on_commit_callbacks(execute=True):
        CommitteeMember.objects.get(user=hana).save()
    assert Assignment.objects.filter(pk=submitted.pk).exists()
    assert list(nomination.round_entries.get().assignments.values_list("judge", flat=True)) == [omar.pk]
    assert services.round_progress(round=round_one)["short_entries"] == []


def test_a_deleted_membership_releases_the_unsubmitted_entries(nomination, hana, omar, committee,
                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        CommitteeMember.objects.get(user=hana, committee=committee).delete()
    assert list(nomination.round_entries.get().assignments.values_list("judge", flat=True)) == [omar.pk]


def test_an_automatic_conflict_cannot_be_deleted_by_hand(nomination, hana, sofia_client,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        change_nominee(nomination)
    conflict = Conflict.objects.get(judge=hana, application=nomination)
    response = sofia_client.get(reverse("admin:evaluation_conflict_delete", args=[conflict.pk]))
    assert response.status_code == 403


def test_refreshing_twice_with_the_same_facts_changes_nothing(nomination, hana, omar, round_one):
    from evaluation.models import JudgeProfile

    JudgeProfile.objects.filter(user=hana).update(organisation="Açık Şehir Lab")  # behind the receivers' back
    first = services.refresh_assignments(judges=[hana])
    assert [(c.judge_id, c.application_id, c.reason) for c in first.found] == [
        (hana.pk, nomination.pk, "same organisation")]
    assert [(judge, application) for judge, application, _round, _reason in first.released] == [
        (hana.pk, nomination.pk)]
    again = services.refresh_assignments(judges=[hana], applications=[nomination], rounds=[round_one])
    assert (again.found, again.cleared, again.released, again.shortfalls) == ([], [], [], [])
    assert list(nomination.round_entries.get().assignments.values_list("judge", flat=True)) == [omar.pk]


def test_an_entry_no_judge_can_take_over_is_reported_short(nomination, hana, omar, carla, round_one):
    from evaluation.models import JudgeProfile

    CommitteeMember.objects.filter(user__in=[omar, carla]).update(is_active=False)
    JudgeProfile.objects.filter(user=hana).update(organisation="Açık Şehir Lab")
    report = services.refresh_assignments(judges=[hana])
    assert [entry.application for entry, _why in report.shortfalls] == [nomination]
    assert nomination in [e.application for e in services.round_progress(round=round_one)["short_entries"]]
