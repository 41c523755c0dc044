"""Only a superuser raises anyone's powers: the secretariat cannot change roles, staff accounts or passwords,
their own included. Every change to a user's roles is in the audit log."""
import pytest
from django.contrib.auth.models import Group, Permission

from accounts.roles import SECRETARIAT_GROUP, make_secretariat
from audit.models import AuditEntry
from tests.conftest import signed_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLE_INPUTS = ('name="is_staff"', 'name="is_superuser"', 'name="groups"', 'name="user_permissions"')


def change_url(user):
    return f"/admin/accounts/user/{user.pk}/change/"


def role_changes(user):
    return list(AuditEntry.objects.filter(action="user.roles_changed", target_id=str(user.pk)).order_by("id"))


@pytest.fixture
def root(db):
    return UserFactory(email="root@wego.example", is_staff=True, is_superuser=True)


@pytest.fixture
def root_client(root):
    return signed_in(root)


def crafted_post(user, **extra):
    """Everything a superuser's form would send, with the powers raised."""
    admin_group = Group.objects.get_or_create(name="Admins")[0]
    return {"email": user.email, "first_name": "Hacked", "last_name": user.last_name, "is_active": "on",
            "is_staff": "on", "is_superuser": "on", "groups": [admin_group.pk],
            "user_permissions": list(Permission.objects.values_list("pk", flat=True)[:3]),
            "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
            **extra}


def test_the_secretariat_sees_an_applicants_roles_but_no_field_to_change_them(sofia_client, alice):
    page = sofia_client.get(change_url(alice.user)).content.decode()
    assert 'name="first_name"' in page
    for role_input in ROLE_INPUTS:
        assert role_input not in page
    assert "password/" not in page  # no link to set the password


def test_a_crafted_post_by_the_secretariat_raises_no_ones_powers(sofia_client, alice):
    response = sofia_client.post(change_url(alice.user), crafted_post(alice.user))
    assert response.status_code == 302
    alice.user.refresh_from_db()
    assert alice.user.first_name == "Hacked"  # what the secretariat may change, changed
    assert not alice.user.is_staff and not alice.user.is_superuser
    assert not alice.user.groups.exists() and not alice.user.user_permissions.exists()
    assert role_changes(alice.user) == []


def test_the_secretariat_cannot_change_their_own_account_or_another_staff_account(sofia_client, sofia, root):
    for staff in (sofia, root):
        page = sofia_client.get(change_url(staff)).content.decode()
        for role_input in ROLE_INPUTS:
            assert role_input not in page
        response = sofia_client.post(change_url(staff), crafted_post(staff))
        assert response.status_code == 403
    sofia.refresh_from_db()
    assert not sofia.is_superuser and list(sofia.groups.values_list("name", flat=True)) == [SECRETARIAT_GROUP]
    assert not sofia.user_permissions.exists()


def test_the_secretariat_cannot_reach_anyones_password_form(sofia_client, sofia, alice):
    for user in (alice.user, sofia):
        url = f"/admin/accounts/user/{user.pk}/password/"
        assert sofia_client.get(url).status_code == 403
        assert sofia_client.post(url, {"password1": "taken-over-9876", "password2": "taken-over-9876"}
                                 ).status_code == 403
        user.refresh_from_db()
        assert not user.check_password("taken-over-9876")


def test_the_secretariat_cannot_add_users(sofia_client):
    assert sofia_client.get("/admin/accounts/user/add/").status_code == 403


def test_a_superuser_sets_a_password_and_makes_someone_secretariat_and_it_is_audited(root_client, root, alice):
    url = f"/admin/accounts/user/{alice.user.pk}/password/"
    assert root_client.get(url).status_code == 200
    assert root_client.post(url, {"usable_password": "true", "password1": "a-new-one-4321",
                                  "password2": "a-new-one-4321"}).status_code == 302
    alice.user.refresh_from_db()
    assert alice.user.check_password("a-new-one-4321")

    group = Group.objects.get(name=SECRETARIAT_GROUP)
    data = {**crafted_post(alice.user, first_name=""), "is_superuser": "", "groups": [group.pk], "user_permissions": []}
    response = root_client.post(change_url(alice.user), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    alice.user.refresh_from_db()
    assert alice.user.is_staff and not alice.user.is_superuser
    changes = role_changes(alice.user)
    assert [entry.data for entry in changes] == [{"is_staff": [False, True]}, {"groups": {"added": [SECRETARIAT_GROUP]}}]
    assert {entry.actor for entry in changes} == {root}


def test_role_changes_made_outside_the_admin_are_audited_too(db):
    user = UserFactory(email="tanvir@dhaka.example")
    make_secretariat(user)
    user.groups.clear()
    user.is_staff = False
    user.save()
    assert [entry.data for entry in role_changes(user)] == [
        {"is_staff": [False, True]}, {"groups": {"added": [SECRETARIAT_GROUP]}},
        {"groups": {"removed": [SECRETARIAT_GROUP]}}, {"is_staff": [True, False]}]


def test_a_superuser_created_is_audited_as_a_role_change(db):
    from accounts.models import User

    user = User.objects.create_superuser("root2@wego.example", "x-long-password-1")
    assert [entry.data for entry in role_changes(user)] == [{"is_staff": [False, True], "is_superuser": [False, True]}]
