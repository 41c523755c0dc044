import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sites.models import Site
from django.core import mail
from django.test import Client

from accounts.models import User
from accounts.roles import SECRETARIAT_GROUP, is_secretariat
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)  # account emails leave through the outbox after commit
def test_registering_sends_a_verification_email_and_blocks_login_until_verified(client):
    response = client.post("/accounts/signup/", {"email": "Nguyen.Huong@DaNang.example", "password1": PASSWORD,
                                                 "password2": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email__iexact="nguyen.huong@danang.example")
    assert not EmailAddress.objects.get(user=user).verified
    [message] = mail.outbox
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body).group(1)

    fresh = Client()
    login = fresh.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert login.status_code == 302 and login["Location"] == "/accounts/confirm-email/"
    assert fresh.get("/dashboard/").status_code == 302

    assert client.post(link).status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert fresh.post("/accounts/login/", {"login": user.email, "password": PASSWORD})["Location"] == "/welcome/"
    assert fresh.get("/welcome/")["Location"] == "/dashboard/"


def test_email_is_the_login_and_there_is_no_username(db):
    user = UserFactory(email="ugur@izmir.example")
    assert User.USERNAME_FIELD == "email" and user.username is None
    assert Client().login(email="ugur@izmir.example", password=PASSWORD)


def test_the_site_is_named_after_the_prize_in_emails(settings):
    site = Site.objects.get(pk=settings.SITE_ID)
    assert site.name == "Seoul Smart City Prize" and site.domain == "127.0.0.1:8000"


def test_secretariat_staff_manage_the_prize_but_are_not_superusers(sofia):
    assert is_secretariat(sofia) and not sofia.is_superuser
    assert sofia.has_perm("applications.change_application")
    assert sofia.has_perm("applications.view_applicantprofile")
    assert sofia.has_perm("audit.view_auditentry") and not sofia.has_perm("audit.change_auditentry")
    assert not sofia.has_perm("accounts.delete_user") and not sofia.has_perm("auth.change_group")
    assert sofia.groups.filter(name=SECRETARIAT_GROUP).exists()


def test_staff_without_the_secretariat_group_are_not_secretariat(db):
    assert not is_secretariat(UserFactory(is_staff=True))


def test_an_applicant_is_not_secretariat_and_cannot_open_the_admin(alice_client, alice):
    assert not is_secretariat(alice.user)
    assert alice_client.get("/admin/").status_code == 302


def test_staff_can_turn_on_two_factor_authentication(sofia_client):
    assert sofia_client.post("/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 302
    response = sofia_client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    assert b"otpauth://" in response.content or b"Authenticator" in response.content


@pytest.mark.django_db(transaction=True)  # account emails leave through the outbox after commit
def test_a_user_can_change_their_email_address(alice_client, alice):
    response = alice_client.post("/accounts/email/", {"action_add": "", "email": "alice.new@beyoglu.example"})
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=alice.user, email="alice.new@beyoglu.example", verified=False).exists()
    assert any("alice.new@beyoglu.example" in m.to for m in mail.outbox)


@pytest.mark.django_db(transaction=True)  # account emails leave through the outbox after commit
def test_password_reset_sends_a_link(client, alice):
    client.post("/accounts/password/reset/", {"email": alice.user.email})
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body
