"""Shared personas. Alice applies for her city; Bob applies for his company; Sofia is secretariat staff."""
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from accounts.roles import make_secretariat
from applications.choices import ApplicantType

from .factories import ApplicantProfileFactory, ApplicationFactory, EditionFactory, UserFactory


def pytest_configure(config):
    """Korean pages need the compiled catalogues, which are not committed: compile any that is stale."""
    for po in (Path(__file__).resolve().parent.parent / "locale").glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def default_language():
    """A request made in Korean leaves Korean active in this thread; every test starts in the default language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits (allauth's one verification email per address) and page caches never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def edition(db):
    return EditionFactory()


@pytest.fixture
def alice(db):
    return ApplicantProfileFactory(user=UserFactory(email="alice@beyoglu.example"), name="Beyoğlu Belediyesi")


@pytest.fixture
def bob(db):
    return ApplicantProfileFactory(user=UserFactory(email="bob@ankara-tech.example"), applicant_type=ApplicantType.COMPANY,
                                   name="Ankara Akıllı Şehir Teknolojileri A.Ş.", city="Ankara")


@pytest.fixture
def sofia(db):
    return make_secretariat(UserFactory(email="sofia@wego.example", first_name="Sofia"))


@pytest.fixture
def alices_draft(edition, alice):
    return ApplicationFactory(edition=edition, applicant=alice)


def signed_in(user):
    """A client signed in as ``user``, with a session that has passed the second factor (staff and judges need it:
    accounts.middleware sends any other session of theirs to set up or enter one)."""
    client = Client()
    client.force_login(user)
    pass_second_factor(client, user)
    return client


def pass_second_factor(client, user):
    """Record in the client's session what allauth records once a code from the authenticator was accepted."""
    from allauth.account.internal.flows.login import record_authentication
    from django.http import HttpRequest

    request = HttpRequest()
    request.session = client.session
    record_authentication(request, user, "mfa", type="totp")
    request.session.save()


@pytest.fixture
def alice_client(alice):
    return signed_in(alice.user)


@pytest.fixture
def bob_client(bob):
    return signed_in(bob.user)


@pytest.fixture
def sofia_client(sofia):
    return signed_in(sofia)
