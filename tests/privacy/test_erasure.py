import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from applications.models import Application, Attachment
from audit.models import AuditEntry
from evaluation.models import Assignment
from evaluation.services import load_results
from privacy.models import ErasureRequest
from privacy.services import ErasureError, erase_person, request_erasure

from .conftest import ALICE_STRINGS, HANA_STRINGS

Mode = ErasureRequest.Mode


def everything_stored():
    """Every text, email and JSON value of every model, and the text of every stored file."""
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields
                  if isinstance(f, (models.CharField, models.TextField, models.JSONField))]
        for row in model._default_manager.values_list(*fields) if fields else ():
            for value in row:
                yield f"{model._meta.label}", json.dumps(value, ensure_ascii=False, default=str)
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            yield str(path), path.read_bytes().decode("utf-8", errors="ignore")


def remaining(strings):
    return sorted({(where, s) for where, text in everything_stored() for s in strings
                   if s.casefold() in text.casefold()})


def without_judge_names(results):
    data = results.as_dict()
    for judge in data["judges"]:
        judge.pop("name")
    return data


def test_the_fixture_really_spreads_alices_strings_around(judged_round, alice):
    places = {where.split("/")[0] for where, _s in remaining(ALICE_STRINGS)}
    assert {"applications.ApplicantProfile", "applications.ApplicationVersion", "applications.DeadlineExtension",
            "audit.AuditEntry", "evaluation.Assignment", "accounts.User"} <= places


@pytest.mark.parametrize("mode", Mode.values)
def test_after_erasure_no_string_of_alice_remains_and_the_results_are_unchanged(judged_round, alice, sofia, mode):
    before = load_results(round=judged_round).as_dict()

    erase_person(user=alice.user, mode=mode, by=sofia)

    assert remaining(ALICE_STRINGS) == []
    assert load_results(round=judged_round).as_dict() == before


def test_anonymised_applicant_keeps_her_entry_under_a_stable_label(judged_round, alice, alices_entry, sofia):
    erase_person(user=alice.user, mode=Mode.ANONYMISE, by=sofia)

    alice.refresh_from_db()
    alices_entry.refresh_from_db()
    assert alice.name == "Applicant 1"
    assert alices_entry.status == Application.Status.ELIGIBLE and alices_entry.versions.count() == 1
    assert list(alices_entry.attachments.values_list("original_name", flat=True)) == ["plan.txt"]
    assert not Application.objects.filter(title="Unsent idea").exists()  # the draft is gone
    assert "Applicant 1's team at Applicant 1" in Assignment.objects.get(entry__application=alices_entry).comment


def test_keeping_only_the_judging_record_removes_the_content_but_not_the_reviews(judged_round, alice, alices_entry,
                                                                               sofia):
    erase_person(user=alice.user, mode=Mode.JUDGING_ONLY, by=sofia)

    alices_entry.refresh_from_db()
    assert alices_entry.summary == "" and alices_entry.title
    assert not alices_entry.versions.exists() and not Attachment.objects.filter(application=alices_entry).exists()
    assert Assignment.objects.get(entry__application=alices_entry).scores.count() == judged_round.criteria.count()


def test_an_erased_judge_becomes_judge_a_and_her_scores_stay(judged_round, hana, sofia):
    before = without_judge_names(load_results(round=judged_round))

    erase_person(user=hana, mode=Mode.ANONYMISE, by=sofia)

    hana.refresh_from_db()
    assert str(hana) == "Judge A" and not hana.is_active and not hana.has_usable_password()
    assert remaining(HANA_STRINGS) == []
    assert without_judge_names(load_results(round=judged_round)) == before


def test_the_erasure_is_audited_with_counts_only(judged_round, alice, sofia):
    request_erasure(user=alice.user)

    erase_person(user=alice.user, mode=Mode.ANONYMISE, by=sofia)

    entry = AuditEntry.objects.get(action="privacy.erased")
    assert entry.target_id == str(alice.user.pk) and entry.actor == sofia
    assert entry.data["mode"] == "anonymise" and entry.data["drafts"] == 1
    request = ErasureRequest.objects.get(user=alice.user)
    assert request.done_at and request.decided_by == sofia


def test_published_awards_stay_as_published(judged_round, alice, alices_entry, sofia, edition):
    from ceremonies.models import Award, AwardLevel
    from django.utils import timezone

    level = AwardLevel.objects.create(edition=edition, slug="gold", name="Gold")
    award = Award.objects.create(edition=edition, level=level, application=alices_entry, entity_type="city",
                                 entity_name="Beyoğlu Belediyesi", project_title=alices_entry.title)
    type(edition).objects.filter(pk=edition.pk).update(results_published_at=timezone.now())

    erase_person(user=alice.user, mode=Mode.ANONYMISE, by=sofia)

    award.refresh_from_db()
    assert award.entity_name == "Beyoğlu Belediyesi"
    alices_entry.refresh_from_db()
    alices_entry.save()  # a later save of the entry does not rewrite what was published
    award.refresh_from_db()
    assert award.entity_name == "Beyoğlu Belediyesi"


def test_nobody_erases_themself(judged_round, sofia):
    with pytest.raises(ErasureError):
        erase_person(user=sofia, mode=Mode.ANONYMISE, by=sofia)


def test_scrubbing_replaces_whole_words_only_even_in_the_append_only_audit_log(sofia):
    from audit.services import record
    from privacy.services.scrub import scrub_everywhere

    entry = record(actor=sofia, action="test.note", target=sofia, note="Hana met the mayor of Hanam; HANA agreed")

    scrub_everywhere(["Hana"], "Judge A")

    entry.refresh_from_db()
    assert entry.data["note"] == "Judge A met the mayor of Hanam; Judge A agreed"
