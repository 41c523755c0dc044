"""One small prize, built once, for the access matrix: the personas and one object of every kind.

Alice applies for her city (an eligible entry in round 1 with a file, a draft, a nomination of Nadia); Bob
applies too. Hana, Cora and Rémy were assigned Alice's entry; then Cora's organisation was changed to Alice's
city hall (a plain save, as the admin does) and Rémy was removed from the committee. Omar judges on the same
committee but was never given Alice's entry. Sofia is secretariat; Root is a superuser.
"""
from dataclasses import dataclass, field

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.core.files.base import ContentFile

from accounts.roles import SECRETARIAT_GROUP, make_secretariat
from applications.models import Application, Attachment, SentReminder
from audit.models import AuditEntry
from ceremonies.models import Certificate, EditionResults
from ceremonies.services import ensure_default_levels
from evaluation import services
from evaluation.models import CommitteeMember, Conflict, Invitation, JudgeProfile
from outbox.models import OutboxMessage

from .ceremonies.factories import AwardFactory, ceremony
from .evaluation.conftest import eligible_application, make_judge
from .factories import ApplicantProfileFactory, ApplicationFactory, EditionFactory, UserFactory

PERSONAS = ("anonymous", "applicant", "other_applicant", "nominee", "assigned_judge", "unassigned_judge",
            "conflicted_judge", "removed_judge", "secretariat", "superuser")
JUDGES = ("assigned_judge", "unassigned_judge", "conflicted_judge", "removed_judge")


@dataclass(repr=False)  # a failing cell's report must not query the database
class World:
    users: dict  # persona -> user (no entry for "anonymous")
    entry: Application  # Alice's eligible application, in round 1
    draft: Application  # Alice's draft
    nomination: Application  # Alice's nomination of Nadia
    attachment: Attachment
    assignments: dict  # persona -> their assignment on Alice's entry (assigned, conflicted, removed judges)
    round: object
    invitation: Invitation
    certificate: Certificate  # Hana's service certificate, rendered
    award: object
    edition: object
    admin_objects: dict = field(default_factory=dict)  # model label -> one object to open in the admin
    export: object = None  # Alice's ready copy of her data
    cookies: dict = field(default_factory=dict)  # persona -> the cookies of their signed-in session

    def assignment_for(self, persona):
        """The persona's own assignment on Alice's entry, else the assigned judge's: a judge who lost access
        must lose it to their own assignment too."""
        return self.assignments.get(persona, self.assignments["assigned_judge"])


def build_world():
    edition = EditionFactory()
    sofia = make_secretariat(UserFactory(email="sofia@wego.example", first_name="Sofia"))
    root = UserFactory(email="root@wego.example", is_staff=True, is_superuser=True)
    alice = ApplicantProfileFactory(user=UserFactory(email="alice@beyoglu.example"), name="Beyoğlu Belediyesi")
    bob = ApplicantProfileFactory(user=UserFactory(email="bob@ankara-tech.example"), applicant_type="company",
                                  name="Ankara Akıllı Şehir Teknolojileri A.Ş.", city="Ankara")
    nadia = UserFactory(email="nadia@example.org", first_name="Nadia")
    entry = eligible_application(edition, alice, 1)
    bobs_entry = eligible_application(edition, bob, 2)
    draft = ApplicationFactory(edition=edition, applicant=alice,
                               category=edition.categories.get(slug="human-centricity"))
    nomination = ApplicationFactory(
        edition=edition, applicant=alice, category=edition.categories.get(slug="leadership"), is_nomination=True,
        nominee_name="Nadia Haddad", nominee_email=nadia.email, nominee_organisation="Beyoğlu Belediyesi")
    attachment = Attachment.objects.create(application=entry, file=ContentFile(b"%PDF-1.4 plan", name="plan.pdf"),
                                           original_name="plan.pdf", content_type="application/pdf", size=13)

    committee_round = services.create_default_rounds(edition=edition, committee=_committee(edition), by=sofia)[0]
    committee = committee_round.committee
    hana = make_judge(committee, "hana@snu-judges.example", organisation="Seoul National University")
    # Full with Bob's entry, so that he is never given Alice's when Cora's conflict releases it.
    omar = make_judge(committee, "omar@cairo-uni.example", organisation="Cairo University", capacity=1)
    cora = make_judge(committee, "cora@lisboa.example", organisation="Universidade de Lisboa")
    remy = make_judge(committee, "remy@lyon.example", organisation="Université de Lyon")
    committee_round.judges_per_entry = 3
    committee_round.save()
    # The draft row needs the call open: the round opens early, with the reason the secretariat would give.
    services.open_round(round=committee_round, by=sofia, override_reason="Access matrix: drafts and judging at once")
    assignments = {persona: services.add_assignment(round=committee_round, application=entry, judge=judge, by=sofia)
                   for persona, judge in (("assigned_judge", hana), ("conflicted_judge", cora),
                                          ("removed_judge", remy))}
    services.add_assignment(round=committee_round, application=bobs_entry, judge=omar, by=sofia)
    # After assignment: Cora joins Alice's city hall, Rémy leaves the committee.
    profile = JudgeProfile.objects.get(user=cora)
    profile.organisation = alice.name
    profile.save()
    CommitteeMember.objects.filter(committee=committee, user=remy).update(is_active=False)

    invitation = Invitation.objects.create(committee=committee, email="newjudge@kyoto-u.example", invited_by=sofia)
    certificate = Certificate.objects.create(edition=edition, kind=Certificate.Kind.SERVICE, judge=hana,
                                             recipient_name="Hana")
    certificate.file.save("service.pdf", ContentFile(b"%PDF-1.4 certificate"))
    award = AwardFactory(edition=edition)
    outsider = make_judge(committee, "ines@example.net")
    users = {"applicant": alice.user, "other_applicant": bob.user, "nominee": nadia, "assigned_judge": hana,
             "unassigned_judge": omar, "conflicted_judge": cora, "removed_judge": remy, "secretariat": sofia,
             "superuser": root}
    world = World(users=users, entry=entry, draft=draft, nomination=nomination, attachment=attachment,
                  assignments=assignments, round=committee_round, invitation=invitation, certificate=certificate,
                  award=award, edition=edition)
    world.admin_objects = {
        "auth.group": Group.objects.get(name=SECRETARIAT_GROUP),
        "sites.site": Site.objects.get(pk=settings.SITE_ID),
        "account.emailaddress": alice.user.emailaddress_set.get(),
        "mfa.authenticator": Authenticator.objects.create(user=outsider, type=Authenticator.Type.TOTP,
                                                          data={"secret": "JBSWY3DPEHPK3PXP"}),
        "accounts.user": bob.user,
        "audit.auditentry": AuditEntry.objects.order_by("pk").first(),
        "applications.edition": edition,
        "applications.category": entry.category,
        "applications.applicantprofile": bob,
        "applications.application": entry,
        "applications.sentreminder": SentReminder.objects.create(recipient=alice.user, purpose="draft-deadline",
                                                                 key="edition-2027", offset_days=7),
        "evaluation.committee": committee,
        "evaluation.invitation": invitation,
        "evaluation.judgeprofile": JudgeProfile.objects.get(user=hana),
        "evaluation.assignment": assignments["assigned_judge"],
        "evaluation.conflict": Conflict.objects.create(judge=outsider, application=bobs_entry, reason="Advised Bob"),
        "evaluation.round": committee_round,
        "ceremonies.awardlevel": ensure_default_levels(edition=edition)["gold"],
        "ceremonies.award": award,
        "ceremonies.ceremony": ceremony(edition),
        "ceremonies.certificate": certificate,
        "ceremonies.editionresults": EditionResults.objects.get(pk=edition.pk),
        "outbox.outboxmessage": OutboxMessage.objects.order_by("pk").first(),
        **_privacy_objects(alice, bob, edition),
    }
    world.export = world.admin_objects["privacy.dataexport"]
    return world


def _privacy_objects(alice, bob, edition):
    """A notice not yet published (so nobody is asked to consent), Alice's consent and ready copy of her data,
    Bob's request to close his account, a retention policy."""
    from django.utils import timezone

    from privacy.models import Consent, DataExport, ErasureRequest, PrivacyNotice, RetentionPolicy

    notice = PrivacyNotice.objects.create(version=1, text_en="Notice", text_ko="고지", privacy_officer="DPO")
    export = DataExport.objects.create(user=alice.user, status=DataExport.Status.READY, ready_at=timezone.now())
    export.file.save("copy.zip", ContentFile(b"PK"))
    return {
        "privacy.privacynotice": notice,
        "privacy.consent": Consent.objects.create(user=alice.user, notice=notice, items=["collection_and_use"]),
        "privacy.dataexport": export,
        "privacy.erasurerequest": ErasureRequest.objects.create(user=bob.user),
        "privacy.retentionpolicy": RetentionPolicy.objects.create(edition=edition, years=5),
    }


def _committee(edition):
    from evaluation.models import Committee

    return Committee.objects.create(edition=edition, name="Evaluation Committee", kind=Committee.Kind.EVALUATION)
