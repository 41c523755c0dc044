"""Demo data: an Evaluation Committee of judges, the three default rounds, round 1 open and assigned.

``manage.py seed_demo`` finds and calls ``demo_seed``; ``--judges M`` adds M more judges (benchmarks).
"""
import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from applications.demo import DEMO_PASSWORD
from applications.models import Application

from . import services
from .models import Assignment, Committee, CommitteeMember, JudgeProfile, Round
from .models.committees import Region

JUDGES = [
    ("amara.okafor@unilag-smartcity.example", "Amara", "Okafor", "NG", Region.AFRICA, "University of Lagos",
     ["mobility", "governance"], "English, Yoruba"),
    ("hyejin.lee@snu-cide.example", "혜진 Hye-jin", "Lee 이", "KR", Region.ASIA,
     "Seoul National University, Center for International Development Evaluation", ["welfare", "education"],
     "Korean, English"),
    ("lucia.fernandez@bid-urbano.example", "Lucía", "Fernández", "CO", Region.LATIN_AMERICA,
     "Laboratorio Urbano de Medellín", ["safety", "culture"], "Spanish, English, Portuguese"),
    ("mehmet.oz@itu-kent.example", "Mehmet", "Öztürk", "TR", Region.EUROPE, "İstanbul Teknik Üniversitesi",
     ["energy", "environment"], "Turkish, English"),
    ("sarah.cohen@civic-tech.example", "Sarah", "Cohen", "CA", Region.NORTH_AMERICA, "Civic Tech Toronto",
     ["governance", "economy"], "English, French"),
    ("liam.nguyen@rmit-cities.example", "Liam", "Nguyễn", "AU", Region.OCEANIA, "RMIT Centre for Urban Research",
     ["health", "mobility"], "English, Vietnamese"),
]
REGIONS = list(Region.values)


def _judge(email, first_name, last_name, country, region, organisation, expertise, languages):
    from allauth.account.models import EmailAddress

    User = get_user_model()
    user, created = User.objects.get_or_create(email=email, defaults={"first_name": first_name,
                                                                      "last_name": last_name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    JudgeProfile.objects.update_or_create(user=user, defaults={
        "country": country, "region": region, "organisation": organisation, "expertise": expertise,
        "languages": languages, "bio": f"{first_name} {last_name} works at {organisation}."})
    return user


def _bulk_judges(committee, count):
    """``count`` extra judges, made in batches (benchmarks): judge-N@juryN.example."""
    User = get_user_model()
    existing = set(User.objects.filter(email__startswith="judge-", email__endswith=".example")
                   .values_list("email", flat=True))
    wanted = [f"judge-{i}@jury{i}.example" for i in range(count)]
    User.objects.bulk_create([User(email=email, first_name="Judge", last_name=email.split("@")[0][6:])
                              for email in wanted if email not in existing])
    users = list(User.objects.filter(email__in=wanted))
    JudgeProfile.objects.bulk_create([JudgeProfile(user=user, region=REGIONS[user.pk % len(REGIONS)],
                                                   organisation=f"Jury organisation {user.pk}") for user in users],
                                     ignore_conflicts=True)
    CommitteeMember.objects.bulk_create([CommitteeMember(committee=committee, user=user) for user in users],
                                        ignore_conflicts=True)
    return users


def _demo_reviews(round):
    """Half of the first judges' reviews submitted, so the results page and the progress panel show real numbers.
    The other judges' queues stay untouched for whoever tries the reviewer dashboard."""
    if Assignment.objects.filter(round=round, status=Assignment.Status.SUBMITTED).exists():
        return  # seed_demo ran before: leave the round as it is
    rng = random.Random(round.pk)
    criteria = list(round.criteria.all())
    reviewers = [spec[0] for spec in JUDGES[2:]]  # the first two demo judges keep a fresh queue
    pending = (Assignment.objects.filter(round=round, judge__email__in=reviewers, status=Assignment.Status.NOT_STARTED)
               .select_related("judge").order_by("pk"))
    for assignment in pending[: max(1, pending.count() // 2)]:
        scores = {criterion.pk: rng.randint(round.scale_min + 3, round.scale_max) for criterion in criteria}
        services.submit_review(assignment=assignment, by=assignment.judge, scores=scores,
                               comment="Clear problem statement and measurable results; strong inclusion of "
                                       "older residents. (demo review)")


def demo_seed(edition, options, stdout):
    now = timezone.now()
    with transaction.atomic():
        committee, _created = Committee.objects.get_or_create(
            edition=edition, name="Evaluation Committee", defaults={"kind": Committee.Kind.EVALUATION})
        logins = []
        for spec in JUDGES:
            user = _judge(*spec)
            CommitteeMember.objects.get_or_create(committee=committee, user=user)
            logins.append(("judge (Evaluation Committee)", user.email))
        CommitteeMember.objects.filter(committee=committee, user__email=JUDGES[1][0]).update(
            role=CommitteeMember.Role.CHAIR)
        if options.get("judges"):
            _bulk_judges(committee, options["judges"])
            stdout.write(f"  {options['judges']} extra judges: judge-N@juryN.example (no password; for benchmarks)")
        # The demo's screening: every submitted application is eligible, but for the latest one, which is left
        # for the secretariat to screen in the admin.
        submitted = Application.objects.filter(edition=edition, status=Application.Status.SUBMITTED)
        latest = submitted.order_by("submitted_at", "pk").last()
        if latest is not None and not Application.objects.filter(edition=edition, status=Application.Status.ELIGIBLE).exists():
            submitted.exclude(pk=latest.pk).update(status=Application.Status.ELIGIBLE)
        rounds = services.create_default_rounds(edition=edition, committee=committee)
        schedule = [(0, 21), (28, 49), (56, 70)]
        for round, (opens, closes) in zip(rounds, schedule):
            if round.status == Round.Status.DRAFT and round.opens_at is None:
                round.opens_at, round.closes_at = now + timedelta(days=opens), now + timedelta(days=closes)
                round.save(update_fields=["opens_at", "closes_at"])
    first = rounds[0]
    if first.status == Round.Status.DRAFT:
        # The demo shows the call and round 1 at once, so every screen has something in it: an audited override.
        services.open_round(round=first, by=None, override_reason="Demo data: round 1 opens while the call is open")
    if first.status in (Round.Status.DRAFT, Round.Status.OPEN):
        first.refresh_from_db()
        report = services.assign(round=first, by=None)
        if report.feasible:
            stdout.write(f"Round 1 open: {report.created} new assignments for {len(report.judges)} judges.")
            _demo_reviews(first)
        else:
            stdout.write(f"Round 1 open, but {len(report.shortfalls)} entries could not be assigned:")
            for entry, _missing, reason in report.shortfalls[:10]:
                stdout.write(f"  {entry.application.reference}: {reason}")
    return logins
