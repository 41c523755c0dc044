"""Nothing that holds an applicant's or a judge's work is deleted from the admin: the deletion is refused with the
proper action named, on the delete page and through the bulk action alike. What may go is audited."""
import pytest
from django.utils import timezone

from applications.models import SentReminder
from audit.models import AuditEntry
from evaluation import services
from evaluation.models import Assignment, Invitation, Round
from tests.conftest import signed_in
from tests.evaluation.conftest import (  # noqa: F401 (the judge personas)
    alices_entry, bobs_entry, carla, committee, full_scores, hana, hanas_assignment, omar, round_one, rounds)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def admin_url(obj, suffix=""):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{suffix}"


def delete_one(client, obj):
    """The delete page, then its confirmation, as the admin's own buttons send them."""
    page = client.get(admin_url(obj, f"{obj.pk}/delete/"))
    client.post(admin_url(obj, f"{obj.pk}/delete/"), {"post": "yes"})
    return page.content.decode()


def delete_selected(client, obj):
    return client.post(admin_url(obj), {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
                       follow=True).content.decode()


def exists(obj):
    return type(obj)._default_manager.filter(pk=obj.pk).exists()


def deletions_audited(obj):
    return AuditEntry.objects.filter(action="admin.deleted", target_type=obj._meta.label_lower,
                                     target_id=str(obj.pk)).count()


@pytest.fixture
def reviewed(hanas_assignment, round_one, hana):
    services.submit_review(assignment=hanas_assignment, by=hana, scores=full_scores(round_one),
                           comment="Inclusive and measurable.")
    return hanas_assignment


@pytest.fixture
def conflict(round_one, carla, bobs_entry, sofia):
    conflict, _moved = services.record_conflict(judge=carla, application=bobs_entry, reason="Same city hall", by=sofia)
    return conflict


@pytest.fixture
def accepted_invitation(committee, sofia):
    invitation = services.invite_judge(committee=committee, email="ines@lisboa-uni.example", by=sofia)
    services.accept_invitation(invitation=invitation, user=UserFactory(email="ines@lisboa-uni.example"))
    return invitation


@pytest.fixture
def sent_reminder(alice):
    return SentReminder.objects.create(recipient=alice.user, purpose="draft-deadline", key="edition-2027",
                                       offset_days=7, sent_at=timezone.now())


@pytest.mark.parametrize("kept, proper_action", [
    ("round_one", "Close the round instead"),
    ("reviewed", "record a conflict instead"),
    ("conflict", "Record the conflict again"),
    ("accepted_invitation", "mark them inactive in the committee instead"),
    ("sent_reminder", "never sent twice"),
])
def test_work_is_never_deleted_and_the_refusal_names_the_proper_action(kept, proper_action, request, sofia_client):
    obj = request.getfixturevalue(kept)
    page = delete_one(sofia_client, obj)
    assert "Cannot delete" in page and proper_action in page
    assert exists(obj)
    assert proper_action in delete_selected(sofia_client, obj)
    assert exists(obj)
    assert deletions_audited(obj) == 0


def test_an_edition_with_judging_cannot_be_deleted_even_by_a_superuser(round_one, reviewed, edition):
    root = signed_in(UserFactory(email="root@wego.example", is_staff=True, is_superuser=True))
    page = delete_one(root, edition)
    assert "Cannot delete" in page and "Close the round instead" in page
    assert page.count("is part of a judge") == 1  # one example of the scores, not every score
    assert exists(edition) and exists(round_one) and exists(reviewed)


def test_a_superuser_cannot_delete_a_judge_whose_conflicts_are_on_record(conflict, carla):
    root = signed_in(UserFactory(email="root@wego.example", is_staff=True, is_superuser=True))
    assert "Record the conflict again" in delete_one(root, carla)
    assert exists(carla) and exists(conflict)


def test_a_round_without_assignments_may_be_deleted_and_the_deletion_is_audited(rounds, sofia_client, sofia):
    draft = rounds[2]
    assert not draft.assignments.exists()
    delete_one(sofia_client, draft)
    assert not exists(draft)
    entry = AuditEntry.objects.get(action="admin.deleted", target_type="evaluation.round", target_id=str(draft.pk))
    assert entry.actor == sofia and entry.target_label == str(draft)


def test_an_invitation_nobody_accepted_may_be_deleted_in_bulk_and_is_audited(committee, sofia, sofia_client):
    invitation = services.invite_judge(committee=committee, email="kwame@accra.example", by=sofia)
    delete_selected(sofia_client, invitation)
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    assert deletions_audited(invitation) == 1


def test_an_assignment_nobody_started_is_removed_through_the_service_which_audits_it(hanas_assignment, sofia_client):
    delete_one(sofia_client, hanas_assignment)
    assert not Assignment.objects.filter(pk=hanas_assignment.pk).exists()
    assert AuditEntry.objects.filter(action="assignment.removed", target_id=str(hanas_assignment.pk)).exists()


def test_kept_work_is_refused_even_if_the_admin_method_is_called_directly(round_one, sofia):
    from django.contrib import admin
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    request = RequestFactory().post("/")
    request.user = sofia
    with pytest.raises(PermissionDenied):
        admin.site._registry[Round].delete_queryset(request, Round.objects.filter(pk=round_one.pk))
    with pytest.raises(PermissionDenied):
        admin.site._registry[Round].delete_model(request, round_one)
    assert exists(round_one)
