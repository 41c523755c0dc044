"""After signing in, each person lands where their work is."""
from evaluation.models import Committee
from tests.conftest import signed_in
from tests.evaluation.conftest import make_judge


def test_an_applicant_lands_on_their_applications(alice_client):
    assert alice_client.get("/welcome/")["Location"] == "/dashboard/"


def test_secretariat_staff_land_in_the_admin(sofia_client):
    assert sofia_client.get("/welcome/")["Location"] == "/admin/"


def test_a_judge_lands_on_their_reviews(edition):
    committee = Committee.objects.create(edition=edition, name="Evaluation Committee", kind=Committee.Kind.EVALUATION)
    judge = make_judge(committee, "hana@snu-judges.example")
    assert signed_in(judge).get("/welcome/")["Location"] == "/review/"


def test_nobody_lands_anywhere_without_signing_in(client, db):
    assert client.get("/welcome/")["Location"].startswith("/accounts/login/")
