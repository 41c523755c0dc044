"""Every evaluation URL × every kind of visitor. A judge who is not assigned, or is conflicted, learns nothing:
the entry's pages answer 404, exactly as for an entry that does not exist."""
import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from applications.models import Attachment
from evaluation import services
from evaluation.models import Assignment
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "applicant", "assigned_judge", "unassigned_judge", "conflicted_judge", "staff")
LOGIN, ADMIN_LOGIN = "login", "admin-login"

#                         anonymous  applicant  assigned  unassigned  conflicted  staff
MATRIX = {
    "dashboard":         (LOGIN,     403,       200,      200,        200,        200),
    "review":            (LOGIN,     404,       200,      404,        404,        404),
    "declare_conflict":  (LOGIN,     404,       200,      404,        404,        404),
    "application":       (LOGIN,     404,       200,      404,        404,        200),
    "attachment":        (LOGIN,     404,       200,      404,        404,        200),
    "invitation":        (200,       200,       200,      200,        200,        200),
    "admin_panel":       (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    "admin_results":     (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    "admin_advancement": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    "admin_export_csv":  (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    "admin_export_xlsx": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    "admin_assignments": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    "admin_assignment":  (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    "admin_conflicts":   (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
}


@pytest.fixture
def world(round_one, hanas_assignment, alices_entry, bob, hana, omar, carla, sofia, committee):
    attachment = Attachment(application=alices_entry, original_name="Beyoğlu-plan.pdf", content_type="application/pdf",
                            size=9)
    attachment.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    invitation = services.invite_judge(committee=committee, email="new.judge@wits.example", by=sofia)
    pk = round_one.pk
    urls = {
        "dashboard": reverse("evaluation:dashboard"),
        "review": reverse("evaluation:review", args=[hanas_assignment.pk]),
        "declare_conflict": reverse("evaluation:declare_conflict", args=[hanas_assignment.pk]),
        "application": reverse("applications:detail", args=[alices_entry.pk]),
        "attachment": reverse("applications:attachment", args=[attachment.pk]),
        "invitation": reverse("evaluation:accept_invitation", args=[invitation.token]),
        "admin_panel": reverse("admin:evaluation_round_panel", args=[pk]),
        "admin_results": reverse("admin:evaluation_round_results", args=[pk]),
        "admin_advancement": reverse("admin:evaluation_round_advancement", args=[pk]),
        "admin_export_csv": reverse("admin:evaluation_round_export", args=[pk, "scores", "csv"]),
        "admin_export_xlsx": reverse("admin:evaluation_round_export", args=[pk, "ranking", "xlsx"]),
        "admin_assignments": reverse("admin:evaluation_assignment_changelist"),
        "admin_assignment": reverse("admin:evaluation_assignment_change", args=[hanas_assignment.pk]),
        "admin_conflicts": reverse("admin:evaluation_conflict_changelist"),
    }
    clients = {"anonymous": Client(), "applicant": signed_in(bob.user), "assigned_judge": signed_in(hana),
               "unassigned_judge": signed_in(omar), "conflicted_judge": signed_in(carla), "staff": signed_in(sofia)}
    return urls, clients


CASES = [(name, persona, expected) for name, row in MATRIX.items() for persona, expected in zip(PERSONAS, row)]


@pytest.mark.parametrize(("name", "persona", "expected"), CASES, ids=[f"{n}-{p}" for n, p, _e in CASES])
def test_access_matrix(world, name, persona, expected):
    urls, clients = world
    response = clients[persona].get(urls[name])
    if expected == LOGIN:
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    else:
        assert response.status_code == expected


def test_writing_to_someone_elses_review_is_404_and_changes_nothing(world, hanas_assignment, round_one):
    urls, clients = world
    criterion = round_one.criteria.first()
    for persona in ("unassigned_judge", "conflicted_judge", "applicant", "staff"):
        response = clients[persona].post(urls["review"], {f"score_{criterion.code}": "1", "comment": "x",
                                                          "submit": "1"})
        assert response.status_code == 404
        response = clients[persona].post(urls["declare_conflict"], {"reason": "taking it over"})
        assert response.status_code == 404
    assert not hanas_assignment.scores.exists()
    assert Assignment.objects.get(pk=hanas_assignment.pk).status == Assignment.Status.NOT_STARTED


def test_a_judge_who_declared_a_conflict_loses_access_to_the_entry_at_once(world, hanas_assignment, hana,
                                                                           alices_entry):
    urls, clients = world
    client = clients["assigned_judge"]
    response = client.post(urls["declare_conflict"], {"reason": "I consulted for Beyoğlu"})
    assert response.status_code == 302
    for name in ("review", "declare_conflict", "application", "attachment"):
        assert client.get(urls[name]).status_code == 404, name


def test_a_conflict_recorded_after_assignment_hides_the_entry_even_before_anything_is_moved(world, hana,
                                                                                           alices_entry):
    from evaluation.models import Conflict

    urls, clients = world
    Conflict.objects.create(judge=hana, application=alices_entry, reason="found out later")
    for name in ("review", "application", "attachment"):
        assert clients["assigned_judge"].get(urls[name]).status_code == 404, name


def test_judges_see_nothing_of_a_round_still_in_draft(rounds, hana, alices_entry, hana_client):
    assert hana_client.get(reverse("applications:detail", args=[alices_entry.pk])).status_code == 404
