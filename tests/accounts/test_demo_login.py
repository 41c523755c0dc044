"""The demo's staff and judges sign in with the demo password and a code for the key seed_demo prints."""
import io

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client

from accounts.demo import DEMO_TOTP_SECRET, current_code
from accounts.models import User
from applications.demo import DEMO_PASSWORD
from evaluation.models import CommitteeMember

pytestmark = pytest.mark.django_db


def test_seed_demo_prints_the_authenticator_key_and_gives_it_to_staff_and_judges_only():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=io.StringIO())  # twice: still one authenticator each
    assert DEMO_TOTP_SECRET in out.getvalue() and "manage.py demo_code" in out.getvalue()
    with_key = set(Authenticator.objects.filter(type=Authenticator.Type.TOTP).values_list("user__email", flat=True))
    assert {"admin@demo.example", "secretariat@demo.example"} <= with_key
    judges = set(CommitteeMember.objects.values_list("user__email", flat=True))
    assert judges and judges <= with_key
    assert not Authenticator.objects.filter(user__applicant_profile__isnull=False,
                                            user__committee_memberships__isnull=True).exists()
    assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).count() == len(with_key)


def test_a_demo_secretariat_login_takes_the_password_then_the_printed_code():
    call_command("seed_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo_code", stdout=out)
    assert out.getvalue().strip() == current_code(DEMO_TOTP_SECRET)

    client = Client()
    assert client.post("/accounts/login/", {"login": "secretariat@demo.example", "password": DEMO_PASSWORD}
                       )["Location"] == "/accounts/2fa/authenticate/"
    assert client.post("/accounts/2fa/authenticate/", {"code": out.getvalue().strip()}).status_code == 302
    assert client.session[SESSION_KEY] == str(User.objects.get(email="secretariat@demo.example").pk)
    assert client.get("/admin/").status_code == 200
