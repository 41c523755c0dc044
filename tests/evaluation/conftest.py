"""Judge personas. Hana and Omar judge on the Evaluation Committee; Carla too, but she works at Alice's city
hall (same email domain), so she is conflicted with Alice's entry. Bob is an applicant, never a judge.

``round_one`` is open with Hana on Alice's entry and Omar and Carla on Bob's: Hana is the assigned judge,
Omar the unassigned one, Carla the conflicted one for Alice's entry.
"""
import pytest
from django.core.files.base import ContentFile

from applications.models import Application, Attachment
from evaluation import services
from evaluation.models import Committee, CommitteeMember, JudgeProfile, RoundEntry
from tests.conftest import signed_in
from tests.factories import ApplicationFactory, UserFactory


def make_judge(committee, email, *, organisation="", country="", region="", capacity=None, first_name=""):
    user = UserFactory(email=email, first_name=first_name or email.split("@")[0].title())
    JudgeProfile.objects.create(user=user, organisation=organisation, country=country, region=region)
    CommitteeMember.objects.create(committee=committee, user=user, capacity=capacity)
    return user


def audit_actions(target=None):
    """The audit log's actions in order, for ``target`` (any model instance) or for everything."""
    from audit.models import AuditEntry

    entries = AuditEntry.objects.all()
    if target is not None:
        entries = entries.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
    return list(entries.order_by("id").values_list("action", flat=True))


def eligible_application(edition, applicant, number, **fields):
    return ApplicationFactory(edition=edition, applicant=applicant, status=Application.Status.ELIGIBLE,
                              reference=f"SSCP-{edition.year}-{number:04d}", **fields)


@pytest.fixture
def committee(edition):
    return Committee.objects.create(edition=edition, name="Evaluation Committee", kind=Committee.Kind.EVALUATION)


@pytest.fixture
def hana(committee):
    return make_judge(committee, "hana@snu-judges.example", organisation="Seoul National University", country="KR",
                      region="asia", first_name="Hana")


@pytest.fixture
def omar(committee):
    return make_judge(committee, "omar@cairo-uni.example", organisation="Cairo University", country="EG",
                      region="africa", first_name="Omar")


@pytest.fixture
def carla(committee):
    return make_judge(committee, "carla@beyoglu.example", organisation="Universidade de Lisboa", country="PT",
                      region="europe", first_name="Carla")


@pytest.fixture
def alices_entry(edition, alice):
    return eligible_application(edition, alice, 1)


@pytest.fixture
def bobs_entry(edition, bob):
    return eligible_application(edition, bob, 2, title="Ankara akıllı ulaşım: smart mobility for all")


@pytest.fixture
def rounds(edition, committee, sofia):
    return services.create_default_rounds(edition=edition, committee=committee, by=sofia)


@pytest.fixture
def round_one(rounds, sofia, hana, omar, carla, alices_entry, bobs_entry):
    round = rounds[0]
    round.judges_per_entry = 1
    round.save()
    services.open_round(round=round, by=sofia)
    services.add_assignment(round=round, application=alices_entry, judge=hana, by=sofia)
    services.add_assignment(round=round, application=bobs_entry, judge=omar, by=sofia)
    services.add_assignment(round=round, application=bobs_entry, judge=carla, by=sofia)
    round.refresh_from_db()
    return round


@pytest.fixture
def nomination(edition, alice, round_one, hana, sofia):
    """Alice nominates Uğur Altay (Açık Şehir Lab) after round one opened; Hana reviews it (with his CV)."""
    application = eligible_application(
        edition, alice, 7, category=edition.categories.get(slug="leadership"), is_nomination=True,
        nominee_name="Uğur İbrahim Altay", nominee_email="ugur@acik-sehir.example",
        nominee_organisation="Açık Şehir Lab", nominee_country="TR")
    RoundEntry.objects.create(round=round_one, application=application)
    services.add_assignment(round=round_one, application=application, judge=hana, by=sofia)
    attachment = Attachment(application=application, original_name="altay-cv.pdf", content_type="application/pdf",
                            size=9)
    attachment.file.save("cv.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    return application


@pytest.fixture
def hanas_assignment(round_one, hana):
    return hana.assignments.get(round=round_one)


def full_scores(round, value=7):
    return {c.pk: value for c in round.criteria.all()}


@pytest.fixture
def hana_client(hana):
    return signed_in(hana)


@pytest.fixture
def omar_client(omar):
    return signed_in(omar)


@pytest.fixture
def carla_client(carla):
    return signed_in(carla)
