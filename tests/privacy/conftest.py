"""A judged round to erase people from. Alice (a city) has an entry Hana reviewed, a never-submitted draft,
a submitted version, a deadline extension and two files, one of which names her contact person.
Her contact details are her own (the factory default is shared with Bob)."""
import pytest
from django.core.files.base import ContentFile

from applications.models import ApplicationVersion, Attachment, DeadlineExtension
from audit.services import record
from evaluation import services
from tests.evaluation.conftest import (  # noqa: F401  (fixtures)
    alices_entry, bobs_entry, carla, committee, full_scores, hana, omar, round_one, rounds,
)
from tests.factories import ApplicationFactory

ALICE_STRINGS = ("alice@beyoglu.example", "Beyoğlu Belediyesi", "Ayşe Demirtaş", "+90 212 555 0117",
                 "Beyoğlu Dijital Ofisi")
HANA_STRINGS = ("hana@snu-judges.example", "Hana Kim-Lee", "Seoul National University")


def attach(application, name, content):
    attachment = Attachment(application=application, original_name=name, content_type="text/plain",
                            size=len(content))
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


@pytest.fixture
def judged_round(round_one, alice, bob, alices_entry, bobs_entry, hana, omar, carla, sofia):
    """Every review submitted; Alice's personal strings copied where they travel in real life."""
    profile = alice
    profile.contact_name, profile.contact_phone, profile.organisation = ALICE_STRINGS[2], ALICE_STRINGS[3], \
        ALICE_STRINGS[4]
    profile.save()
    hana.last_name = "Kim-Lee"
    hana.save()
    for judge, entry, comment in [
        (hana, alices_entry, "Ayşe Demirtaş's team at Beyoğlu Belediyesi shows real results."),
        (omar, bobs_entry, "Solid mobility work."),
        (carla, bobs_entry, "Convincing pilot."),
    ]:
        assignment = judge.assignments.get(round=round_one, entry__application=entry)
        services.submit_review(assignment=assignment, by=judge, scores=full_scores(round_one, 6 + len(comment) % 3),
                               comment=comment)
    ApplicationVersion.objects.create(
        application=alices_entry, number=1, submitted_at=alices_entry.created_at, submitted_by=alice.user,
        sections={"title": alices_entry.title, "contact": "Ayşe Demirtaş, +90 212 555 0117"})
    DeadlineExtension.objects.create(edition=alices_entry.edition, applicant=alice, until=alices_entry.created_at,
                                     reason="Ayşe Demirtaş called from +90 212 555 0117")
    attach(alices_entry, "plan.txt", b"Project plan: sensors on every bus stop.")
    attach(alices_entry, "team.txt", "Team lead: Ayşe Demirtaş".encode())
    draft = ApplicationFactory(edition=alices_entry.edition, applicant=alice, title="Unsent idea")
    attach(draft, "draft.txt", b"An early sketch.")
    record(actor=sofia, action="test.contacted", target=alice, email=alice.user.email, phone=ALICE_STRINGS[3])
    round_one.refresh_from_db()
    return round_one
