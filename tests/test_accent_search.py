"""The admin finds names without their accents: "Sao Paulo" finds "São Paulo", "Beyoglu" finds "Beyoğlu",
"Da Nang" finds "Đà Nẵng" (prize_portal/search.py)."""
import pytest
from django.urls import reverse

from evaluation.models import JudgeProfile
from prize_portal.search import fold
from tests.factories import ApplicantProfileFactory, ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name, typed", [("São Paulo", "sao paulo"), ("Beyoğlu", "beyoglu"), ("Đà Nẵng", "da nang"),
                                         ("İstanbul", "istanbul")])
def test_names_fold_to_plain_letters(name, typed):
    assert fold(name) == typed


def _found(client, url, term):
    return client.get(url, {"q": term}).content.decode()


@pytest.fixture
def applicants(edition):
    sao = ApplicantProfileFactory(name="Prefeitura de São Paulo", city="São Paulo", country="BR")
    beyoglu = ApplicantProfileFactory(name="Beyoğlu Belediyesi", city="Beyoğlu", country="TR")
    danang = ApplicantProfileFactory(name="Đà Nẵng People's Committee", city="Đà Nẵng", country="VN")
    for profile in (sao, beyoglu, danang):
        ApplicationFactory(edition=edition, applicant=profile, title=f"Open data for {profile.city}")
    return sao, beyoglu, danang


@pytest.mark.parametrize("term, expected, absent", [
    ("Sao Paulo", "Prefeitura de São Paulo", "Beyoğlu Belediyesi"),
    ("Beyoglu", "Beyoğlu Belediyesi", "Prefeitura de São Paulo"),
    ("Da Nang", "Đà Nẵng People&#x27;s Committee", "Beyoğlu Belediyesi"),
    ("São Paulo", "Prefeitura de São Paulo", "Beyoğlu Belediyesi"),
])
def test_the_applicant_search_ignores_accents(sofia_client, applicants, term, expected, absent):
    page = _found(sofia_client, reverse("admin:applications_applicantprofile_changelist"), term)
    assert expected in page and absent not in page


def test_the_application_search_ignores_accents(sofia_client, applicants):
    page = _found(sofia_client, reverse("admin:applications_application_changelist"), "beyoglu")
    assert "Open data for Beyoğlu" in page and "Open data for São Paulo" not in page


def test_every_word_must_match_somewhere(sofia_client, applicants):
    page = _found(sofia_client, reverse("admin:applications_applicantprofile_changelist"), "Sao Beyoglu")
    assert "Prefeitura de São Paulo" not in page and "Beyoğlu Belediyesi" not in page


def test_the_judge_search_ignores_accents(sofia_client, edition):
    user = UserFactory(email="nguyen@danang.example", first_name="Nguyễn", last_name="Đức Anh")
    JudgeProfile.objects.create(user=user, organisation="Đà Nẵng University", country="VN")
    UserFactory(email="other@example.org", first_name="Other", last_name="Person")
    page = _found(sofia_client, reverse("admin:evaluation_judgeprofile_changelist"), "Duc Anh")
    assert "Nguyễn Đức Anh" in page and "Other Person" not in page
    page = _found(sofia_client, reverse("admin:accounts_user_changelist"), "nguyen duc")
    assert "nguyen@danang.example" in page and "other@example.org" not in page
