"""Secretariat staff and judges sign in with a second factor, on every path; applicants may choose to."""
import re

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from accounts.demo import DEMO_TOTP_SECRET, current_code, give_demo_authenticator
from tests.evaluation.conftest import (  # noqa: F401 (the judge personas)
    alices_entry, bobs_entry, carla, committee, hana, hanas_assignment, omar, round_one, rounds)
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ACTIVATE = "/accounts/2fa/totp/activate/"
ENTER_CODE = "/accounts/2fa/reauthenticate/"


def password_only(user):
    """A session made with the password alone (as Django's own admin login, or any other path, would make it)."""
    client = Client()
    client.force_login(user)
    return client


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


@pytest.mark.parametrize("path", ["/admin/", "/admin/applications/application/", "/welcome/", "/dashboard/"])
def test_a_secretariat_session_without_a_second_factor_is_sent_to_set_one_up(sofia, path):
    response = password_only(sofia).get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{ACTIVATE}?next={path.replace('/', '%2F')}"


def test_a_judge_session_without_a_second_factor_is_sent_to_set_one_up_before_judging(hana):
    response = password_only(hana).get("/review/")
    assert response.status_code == 302 and response["Location"].startswith(ACTIVATE)


def test_a_judge_with_an_authenticator_but_a_password_only_session_is_asked_for_a_code(hana, sofia):
    give_demo_authenticator(hana)
    give_demo_authenticator(sofia)
    assert password_only(hana).get("/review/")["Location"] == f"{ENTER_CODE}?next=%2Freview%2F"
    assert password_only(sofia).get("/admin/")["Location"] == f"{ENTER_CODE}?next=%2Fadmin%2F"


def test_entering_the_code_lets_the_judge_through(hana, hanas_assignment):
    give_demo_authenticator(hana)
    client = password_only(hana)
    response = client.post(f"{ENTER_CODE}?next=/review/", {"code": current_code(DEMO_TOTP_SECRET)})
    assert response.status_code == 302 and response["Location"] == "/review/"
    assert client.get("/review/").status_code == 200


def test_with_an_authenticator_nothing_but_the_code_page_and_sign_out_is_open(sofia):
    give_demo_authenticator(sofia)
    client = password_only(sofia)
    for settings_page in ("/accounts/email/", "/accounts/2fa/", "/accounts/2fa/totp/deactivate/",
                          "/accounts/reauthenticate/", "/accounts/password/change/"):
        assert client.get(settings_page)["Location"].startswith(f"{ENTER_CODE}?next="), settings_page
    assert client.get(ENTER_CODE).status_code == 200
    client.post("/accounts/logout/")
    assert signed_in_user_id(client) is None


def test_without_an_authenticator_the_account_pages_and_sign_out_stay_open_to_set_one_up(sofia):
    client = password_only(sofia)
    assert client.get(ACTIVATE, follow=True).status_code == 200  # allauth asks for the password again first
    assert client.get("/accounts/email/").status_code == 200
    client.post("/accounts/logout/")
    assert signed_in_user_id(client) is None


def test_an_applicant_is_not_required_to_use_a_second_factor(alice):
    assert password_only(alice.user).get("/dashboard/").status_code == 200


def test_the_admin_login_does_not_accept_a_password_alone(sofia):
    give_demo_authenticator(sofia)
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": sofia.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert signed_in_user_id(client) is None
    assert client.get("/admin/").status_code == 302


def test_the_admin_login_is_allauths_which_asks_for_the_code_after_the_password(sofia):
    give_demo_authenticator(sofia)
    client = Client()
    login_page = client.get("/admin/login/?next=/admin/")["Location"]
    assert login_page == "/accounts/login/?next=%2Fadmin%2F"
    response = client.post(login_page, {"login": sofia.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert signed_in_user_id(client) is None  # not signed in until the code is entered

    assert client.post("/accounts/2fa/authenticate/", {"code": "000000"}).status_code == 200
    assert signed_in_user_id(client) is None
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(DEMO_TOTP_SECRET)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth announces the new authenticator once its transaction commits
def test_staff_without_an_authenticator_set_one_up_after_the_password_and_then_reach_the_admin(sofia):
    client = Client()
    response = client.post("/accounts/login/", {"login": sofia.email, "password": PASSWORD}, follow=True)
    assert [url for url, _status in response.redirect_chain][:2] == ["/welcome/", f"{ACTIVATE}?next=%2Fwelcome%2F"]
    assert "Set up an authenticator app" in response.content.decode()
    # allauth confirms the password once more before an authenticator is added
    confirm = response.redirect_chain[-1][0]
    assert confirm.startswith("/accounts/reauthenticate/")
    response = client.post(confirm, {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith(ACTIVATE)

    secret = response.context["form"].secret
    activated = client.post(ACTIVATE, {"code": current_code(secret)})
    assert activated.status_code == 302
    assert Authenticator.objects.filter(user=sofia, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200
    assert client.session.get_expiry_age() == 8 * 60 * 60  # a working day, whatever "remember me" said


def test_a_judge_who_joins_by_invitation_is_led_to_set_up_a_second_factor(committee, sofia):
    from evaluation import services

    invitation = services.invite_judge(committee=committee, email="ines@lisboa-uni.example", by=sofia)
    client = Client()
    response = client.post(reverse("evaluation:accept_invitation", args=[invitation.token]), {
        "first_name": "Inês", "last_name": "Gonçalves", "password1": PASSWORD, "password2": PASSWORD}, follow=True)
    assert signed_in_user_id(client) is not None
    assert re.match(r"/accounts/(2fa/totp/activate|reauthenticate)/", response.redirect_chain[-1][0])
