from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from applications.models import SentReminder
from evaluation import services, tasks
from evaluation.conflicts import (
    EntryFacts,
    JudgeFacts,
    automatic_reason,
    normalise_organisation,
    organisation_domain,
)

from .conftest import full_scores


def test_organisation_names_match_whatever_the_case_spacing_or_punctuation():
    assert normalise_organisation("  Beyoğlu  BELEDİYESİ. ") == normalise_organisation("beyoğlu belediyesi")
    assert normalise_organisation("AÇIK ŞEHİR LAB") == normalise_organisation("Açık Şehir Lab")
    assert normalise_organisation("Prefeitura de São Paulo") == normalise_organisation("PREFEITURA DE SAO PAULO")
    assert normalise_organisation("서울특별시") == "서울특별시"
    assert normalise_organisation("") == ""


def test_public_mail_services_say_nothing_about_an_employer():
    assert organisation_domain("kim@naver.com") is None
    assert organisation_domain("someone@gmail.com") is None
    assert organisation_domain("mayor@beyoglu.bel.tr") == "beyoglu.bel.tr"


def test_each_automatic_conflict_has_a_readable_reason():
    judge = JudgeFacts(id=1, organisation="seoul national university", domain="snu.ac.kr", country="KR")
    assert automatic_reason(judge, EntryFacts(id=9, organisations=frozenset({"seoul national university"})),
                            same_country=False) == "same organisation"
    assert automatic_reason(judge, EntryFacts(id=9, domains=frozenset({"snu.ac.kr"})),
                            same_country=False) == "same email domain: snu.ac.kr"
    entry = EntryFacts(id=9, countries=frozenset({"KR"}))
    assert automatic_reason(judge, entry, same_country=False) is None
    assert automatic_reason(judge, entry, same_country=True) == "same country: KR"


@pytest.mark.django_db
def test_a_nominees_organisation_counts_too(round_one, edition, bob, committee):
    from .conftest import eligible_application, make_judge

    judge = make_judge(committee, "x@somewhere.example", organisation="Açık Şehir Lab")
    nomination = eligible_application(edition, bob, 50, is_nomination=True, nominee_name="Uğur İbrahim Altay",
                                      nominee_organisation="AÇIK ŞEHİR LAB", category=edition.categories.get(
                                          slug="leadership"))
    assert services.conflict_reason(judge=judge, application=nomination, round=round_one) == "same organisation"


@pytest.mark.django_db
def test_review_reminders_go_to_late_judges_once_per_offset(round_one, hanas_assignment, hana, edition,
                                                             django_capture_on_commit_callbacks):
    round_one.closes_at = timezone.now() + timedelta(days=2, hours=12)
    round_one.save()
    services.submit_review(assignment=hanas_assignment, by=hana, scores=full_scores(round_one), comment="done")
    with django_capture_on_commit_callbacks(execute=True):  # emails leave through the outbox after commit
        assert tasks.send_review_reminders() == 2  # Omar and Carla, 3 days before
        assert tasks.send_review_reminders() == 0  # beat fires again: nothing new
    assert sorted(m.to[0] for m in mail.outbox) == ["carla@beyoglu.example", "omar@cairo-uni.example"]
    assert set(SentReminder.objects.values_list("purpose", "offset_days")) == {("review-deadline", 3)}
    assert "The round closes" in mail.outbox[0].body and "KST" in mail.outbox[0].body


@pytest.mark.django_db
def test_no_review_reminder_before_its_day(round_one):
    round_one.closes_at = timezone.now() + timedelta(days=10)
    round_one.save()
    assert tasks.send_review_reminders() == 0
    assert not mail.outbox


@pytest.mark.django_db
def test_the_demo_seeds_a_committee_three_rounds_and_an_open_assigned_round_one():
    from io import StringIO

    from applications import demo as applications_demo
    from evaluation.demo import demo_seed
    from evaluation.models import Assignment, Round

    edition = applications_demo.seed_current_edition()
    applications_demo.seed_people_and_applications(edition)
    logins = demo_seed(edition, {"judges": 4}, StringIO())
    assert len(logins) == 6 and all(role.startswith("judge") for role, _email in logins)
    first = Round.objects.get(edition=edition, number=1)
    assert first.status == Round.Status.OPEN and Round.objects.filter(edition=edition).count() == 3
    assert {e.assignments.count() for e in first.entries.all()} == {3}
    assert Assignment.objects.filter(round=first).exists()
    again = demo_seed(edition, {"judges": 4}, StringIO())  # safe to run twice
    assert again == logins
