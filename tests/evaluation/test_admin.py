"""The secretariat runs the evaluation from the admin: every step through its pages, no shell."""
import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from evaluation import exports, services
from evaluation.models import Assignment, Conflict, Round, RoundEntry

from .conftest import NOT_ABOUT_COVERAGE, full_scores, make_judge

pytestmark = pytest.mark.django_db


def panel(round):
    return reverse("admin:evaluation_round_panel", args=[round.pk])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_the_secretariat_opens_assigns_reminds_closes_and_reopens_from_the_panel(
        rounds, sofia_client, committee, alices_entry, bobs_entry, django_capture_on_commit_callbacks):
    for i in range(3):
        make_judge(committee, f"panel{i}@jury{i}.example")
    round = rounds[0]
    sofia_client.post(panel(round), {"do": "open"})
    assert Round.objects.get(pk=round.pk).status == Round.Status.OPEN
    with django_capture_on_commit_callbacks(execute=True):
        response = sofia_client.post(panel(round), {"do": "assign"}, follow=True)
    assert "6 assignment(s) made; 3 judge(s)" in " ".join(messages_of(response))
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        sofia_client.post(panel(round), {"do": "remind"})
    assert len(mail.outbox) == 6
    response = sofia_client.post(panel(round), {"do": "close"}, follow=True)
    assert "Not yet: SSCP-2027-0001: never evaluated" in " ".join(messages_of(response))
    assert Round.objects.get(pk=round.pk).status == Round.Status.OPEN
    sofia_client.post(panel(round), {"do": "close", "override_reason": NOT_ABOUT_COVERAGE})
    assert Round.objects.get(pk=round.pk).status == Round.Status.CLOSED
    response = sofia_client.post(panel(round), {"do": "reopen", "reason": ""})
    assert Round.objects.get(pk=round.pk).status == Round.Status.CLOSED
    sofia_client.post(panel(round), {"do": "reopen", "reason": "A judge's scores were lost",
                                     "closes_at": (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%d %H:%M")})
    assert Round.objects.get(pk=round.pk).status == Round.Status.OPEN


def test_an_infeasible_assignment_is_shown_with_the_entries_and_reasons(round_one, sofia_client, hana, carla):
    round_one.judges_per_entry = 3
    round_one.save()
    response = sofia_client.post(panel(round_one), {"do": "assign"}, follow=True)
    text = " ".join(messages_of(response))
    assert "Nothing was assigned" in text and "SSCP-2027-0001: only 2 of the committee's 3 judges" in text


def test_the_panel_lists_late_judges(round_one, sofia_client):
    page = sofia_client.get(panel(round_one)).content.decode()
    assert "Judges, most behind first" in page and "carla@beyoglu.example" in page


def test_the_advancement_page_takes_an_override_with_a_reason_then_confirms(round_one, sofia, sofia_client, hana, omar,
                                                                           carla, rounds, bobs_entry):
    for assignment in Assignment.objects.filter(round=round_one).select_related("judge"):
        services.submit_review(assignment=assignment, by=assignment.judge, scores=full_scores(round_one), comment="ok")
    services.close_round(round=round_one, by=sofia, override_reason=NOT_ABOUT_COVERAGE)
    url = reverse("admin:evaluation_round_advancement", args=[round_one.pk])
    entry = RoundEntry.objects.get(round=round_one, application=bobs_entry)
    response = sofia_client.post(url, {"entry": entry.pk, "decision": "exclude", "reason": ""}, follow=True)
    assert "Give the reason" in " ".join(messages_of(response))
    sofia_client.post(url, {"entry": entry.pk, "decision": "exclude", "reason": "Duplicate of a 2026 entry"})
    page = sofia_client.get(url).content.decode()
    assert "Duplicate of a 2026 entry" in page
    response = sofia_client.post(url, {"confirm": "1"}, follow=True)
    assert "Human-CentriCity: nobody advances to the next round" in " ".join(messages_of(response))  # nobody entered it
    response = sofia_client.post(url, {"confirm": "1", "override_reason": "No entries in the other categories"},
                                 follow=True)
    assert "Advancement confirmed" in " ".join(messages_of(response))
    assert Round.objects.get(pk=round_one.pk).status == Round.Status.FINALIZED
    assert not rounds[1].entries.filter(application=bobs_entry).exists()


def test_exports_hold_every_score_and_neutralise_formulas(round_one, hana, hanas_assignment, sofia_client):
    services.submit_review(assignment=hanas_assignment, by=hana, scores=full_scores(round_one, 8),
                           comment="=HYPERLINK(\"http://evil\")", note="Uğur's budget")
    url = reverse("admin:evaluation_round_export", args=[round_one.pk, "scores", "csv"])
    response = sofia_client.get(url)
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    hanas = next(r for r in rows if r["judge_email"] == hana.email)
    assert hanas["inclusiveness"] == "8" and hanas["weighted"] == "8.0"
    assert hanas["comment"].startswith("'=") and hanas["note_for_secretariat"] == "Uğur's budget"
    assert len(rows) == 3
    response = sofia_client.get(reverse("admin:evaluation_round_export", args=[round_one.pk, "scores", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values[0]
    row = next(r for r in values[1:] if r[header.index("judge_email")] == hana.email)
    assert row[header.index("comment")].startswith("'=") and row[header.index("inclusiveness")] == 8
    response = sofia_client.get(reverse("admin:evaluation_round_export", args=[round_one.pk, "ranking", "csv"]))
    ranking = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [r["reference"] for r in ranking] == ["SSCP-2027-0001", "SSCP-2027-0002"]


def test_exports_give_review_statuses_as_words_times_in_kst_and_negative_scores_as_numbers(
        round_one, hana, hanas_assignment, sofia_client):
    services.submit_review(assignment=hanas_assignment, by=hana, scores=full_scores(round_one, 8), comment="ok")
    response = sofia_client.get(reverse("admin:evaluation_round_export", args=[round_one.pk, "scores", "csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    hanas = next(r for r in rows if r["judge_email"] == hana.email)
    hanas_assignment.refresh_from_db()
    assert hanas["status"] == str(hanas_assignment.get_status_display()) != hanas_assignment.status
    assert hanas["submitted_at_kst"] == timezone.localtime(hanas_assignment.submitted_at).strftime("%Y-%m-%d %H:%M")
    table = exports.ranking_table(round_one)
    header, rows = table[0], [list(row) for row in table[1]]
    rows[0][header.index("normalised_score")] = -1.5  # what a below-average entry gets
    response = exports.as_csv("ranking.csv", (header, rows))
    ranking = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert ranking[0]["normalised_score"] == "-1.5"
    sheet = load_workbook(io.BytesIO(exports.as_xlsx("ranking.xlsx", (header, rows), "ranking").content)).active
    assert [cell.value for cell in sheet[2]][header.index("normalised_score")] == -1.5


def test_the_results_page_shows_the_ranking_the_judges_and_the_agreement_sentence(round_one, sofia_client, hana,
                                                                                  hanas_assignment):
    services.submit_review(assignment=hanas_assignment, by=hana, scores=full_scores(round_one, 8), comment="ok")
    page = sofia_client.get(reverse("admin:evaluation_round_results", args=[round_one.pk])).content.decode()
    assert "SSCP-2027-0001" in page and "Not enough overlapping reviews" in page and "Severity" in page


def test_a_manual_assignment_in_the_admin_is_refused_when_conflicted(round_one, sofia_client, carla, alices_entry):
    entry = RoundEntry.objects.get(round=round_one, application=alices_entry)
    response = sofia_client.post(reverse("admin:evaluation_assignment_add"),
                                 {"round": round_one.pk, "entry": entry.pk, "judge": carla.pk})
    assert response.status_code == 200 and "same email domain" in response.content.decode()
    assert not Assignment.objects.filter(judge=carla, entry=entry).exists()


def test_a_manual_assignment_in_the_admin_goes_through_the_service(round_one, sofia_client, omar, alices_entry):
    entry = RoundEntry.objects.get(round=round_one, application=alices_entry)
    response = sofia_client.post(reverse("admin:evaluation_assignment_add"),
                                 {"round": round_one.pk, "entry": entry.pk, "judge": omar.pk})
    assert response.status_code == 302
    assert Assignment.objects.get(judge=omar, entry=entry).source == Assignment.Source.MANUAL


def test_deleting_an_assignment_in_the_admin_is_audited(round_one, sofia_client, hanas_assignment):
    from audit.models import AuditEntry

    url = reverse("admin:evaluation_assignment_delete", args=[hanas_assignment.pk])
    sofia_client.post(url, {"post": "yes"})
    assert not Assignment.objects.filter(pk=hanas_assignment.pk).exists()
    assert AuditEntry.objects.filter(action="assignment.removed").exists()


def test_recording_a_conflict_in_the_admin_moves_the_entry(round_one, sofia_client, hana, omar, alices_entry):
    response = sofia_client.post(reverse("admin:evaluation_conflict_add"),
                                 {"judge": hana.pk, "application": alices_entry.pk, "reason": "co-authored the plan"})
    assert response.status_code == 302
    assert Conflict.objects.get(judge=hana).kind == Conflict.Kind.SECRETARIAT
    assert Assignment.objects.filter(entry__application=alices_entry, judge=omar).exists()


def test_criteria_are_read_only_in_the_admin_once_the_round_opens(round_one, rounds, sofia_client):
    open_page = sofia_client.get(reverse("admin:evaluation_round_change", args=[round_one.pk])).content.decode()
    draft_page = sofia_client.get(reverse("admin:evaluation_round_change", args=[rounds[1].pk])).content.decode()
    assert 'name="criteria-0-weight"' not in open_page
    assert 'name="criteria-0-weight"' in draft_page


def test_inviting_a_judge_in_the_admin_sends_the_email(committee, sofia_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sofia_client.post(reverse("admin:evaluation_invitation_add"),
                                     {"committee": committee.pk, "email": "nour@aub.example", "name": "Nour Haddad"})
    assert response.status_code == 302
    assert mail.outbox[0].to == ["nour@aub.example"] and "Nour Haddad" in mail.outbox[0].body


def test_the_list_of_rounds_offers_the_actions(round_one, sofia_client, edition):
    for assignment in Assignment.objects.filter(round=round_one).select_related("judge"):  # every review is in
        services.submit_review(assignment=assignment, by=assignment.judge, scores=full_scores(round_one), comment="ok")
    page = sofia_client.get(reverse("admin:evaluation_round_changelist")).content.decode()
    for action in ("open_rounds", "run_assignment", "close_rounds", "remind_late_judges", "export_ranking_xlsx"):
        assert f'value="{action}"' in page
    response = sofia_client.post(reverse("admin:evaluation_round_changelist"),
                                 {"action": "close_rounds", "_selected_action": [round_one.pk]})
    assert response.status_code == 302
    assert Round.objects.get(pk=round_one.pk).status == Round.Status.CLOSED


def test_changing_a_rounds_settings_and_criteria_in_the_admin_is_audited(rounds, sofia_client):
    from audit.models import AuditEntry

    round = rounds[1]
    url = reverse("admin:evaluation_round_change", args=[round.pk])
    page = sofia_client.get(url)
    form = page.context["adminform"].form
    data = {name: ("" if value is None else value) for name, value in form.initial.items()
            if name in form.fields and name != "categories"}
    data.update({"judges_per_entry": 4, "tie_break_0": "impact", "opens_at_0": "", "opens_at_1": "",
                 "closes_at_0": "", "closes_at_1": ""})
    criteria = list(round.criteria.all())
    data.update({"criteria-TOTAL_FORMS": len(criteria), "criteria-INITIAL_FORMS": len(criteria),
                 "criteria-MIN_NUM_FORMS": 0, "criteria-MAX_NUM_FORMS": 1000})
    for i, c in enumerate(criteria):
        data.update({f"criteria-{i}-id": c.pk, f"criteria-{i}-round": round.pk, f"criteria-{i}-order": c.order,
                     f"criteria-{i}-code": c.code, f"criteria-{i}-name": c.name,
                     f"criteria-{i}-weight": "30" if c.code == "impact" else str(c.weight),
                     f"criteria-{i}-description": c.description})
    response = sofia_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    changed = AuditEntry.objects.get(action="round.changed")
    assert changed.data["judges_per_entry"] == "4"
    criteria_entry = AuditEntry.objects.get(action="round.criteria_changed")
    assert ["impact", "20.00"] in criteria_entry.data["old"] and ["impact", "30.00"] in criteria_entry.data["new"]
