import datetime

import pytest
from django.core.management import CommandError, call_command

from applications.models import Application, Attachment
from audit.models import AuditEntry
from ceremonies.models import Award, AwardLevel
from privacy.models import RetentionPolicy
from privacy.services import RetentionError, apply_due_retention, apply_retention, retention_report

FUTURE = datetime.date(2040, 1, 1)


@pytest.fixture
def policy(judged_round, edition):
    return RetentionPolicy.objects.create(edition=edition, years=3)


@pytest.fixture
def bob_won(edition, bobs_entry):
    level = AwardLevel.objects.create(edition=edition, slug="gold", name="Gold")
    return Award.objects.create(edition=edition, level=level, application=bobs_entry, entity_type="company",
                                entity_name="Ankara Akıllı Şehir Teknolojileri A.Ş.")


def test_the_dry_run_lists_what_would_go_and_removes_nothing(policy, edition, bob_won, alice):
    report = retention_report(edition=edition, today=FUTURE)

    assert [row["reference"] for row in report["applications"]] == ["SSCP-2027-0001"]  # Bob won
    assert (report["files"], report["drafts"], report["applicants_anonymised"], report["due"]) == (2, 1, 1, True)
    alice.refresh_from_db()
    assert alice.name == "Beyoğlu Belediyesi" and Attachment.objects.count() == 3


def test_applying_anonymises_those_who_did_not_win_and_removes_their_files(policy, edition, bob_won, alice, bob,
                                                                          alices_entry, bobs_entry):
    apply_retention(edition=edition, today=FUTURE)

    alice.refresh_from_db()
    bob.refresh_from_db()
    assert alice.name == "Applicant 1" and alice.contact_phone == ""
    assert not Attachment.objects.filter(application__applicant=alice).exists()
    assert not Application.objects.filter(applicant=alice, reference=None).exists()
    assert bob.name == "Ankara Akıllı Şehir Teknolojileri A.Ş."
    assert AuditEntry.objects.filter(action="privacy.retention_applied").count() == 1


def test_a_legal_hold_stops_retention(policy, edition):
    policy.legal_hold, policy.legal_hold_reason = True, "Court case 2031-77"
    policy.save()

    with pytest.raises(RetentionError):
        apply_retention(edition=edition, today=FUTURE)
    assert apply_due_retention(today=FUTURE) == []
    assert Attachment.objects.count() == 3


def test_nothing_happens_before_the_period_ends(policy, edition):
    with pytest.raises(RetentionError):
        apply_retention(edition=edition, today=datetime.date.today())
    assert apply_due_retention(today=datetime.date.today()) == []


def test_the_periodic_task_applies_each_due_edition_once(policy, edition):
    assert apply_due_retention(today=FUTURE) == [edition.year]
    assert apply_due_retention(today=FUTURE) == []


def test_the_command_reports_and_refuses_what_is_not_due(policy, edition, capsys):
    call_command("retention_report", "--edition", str(edition.year))
    out = capsys.readouterr().out
    assert "Would anonymise SSCP-2027-0001 as Applicant 1" in out and "not due yet" in out
    with pytest.raises(CommandError):
        call_command("retention_report", "--edition", str(edition.year), "--apply")
    assert Attachment.objects.count() == 3


def test_beat_runs_retention_and_the_task_is_registered():
    from outbox.services import task_named
    from prize_portal.celery import app

    assert "privacy.apply_retention" in {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert task_named("privacy.apply_retention").name == "privacy.apply_retention"
