"""Retention: after an edition's period, applicants who did not win are anonymised and their files removed.

The dry run and the real run share ``_plan``: what the report lists is exactly what ``apply_retention`` does.
"""
from django.db import transaction
from django.utils import timezone

from applications.models import Application
from audit.services import record
from ceremonies.models import Award

from ..models import RetentionPolicy
from .erasure import anonymise_entry, anonymise_profile, delete_drafts
from .labels import applicant_label
from .scrub import personal_strings, scrub_everywhere


class RetentionError(Exception):
    pass


def _not_winning(edition):
    return (edition.applications.exclude(reference=None).exclude(status=Application.Status.WINNER)
            .exclude(pk__in=Award.objects.exclude(application=None).values("application"))
            .select_related("applicant").order_by("reference"))


def _profile_expires(profile, expiring):
    """The applicant as a whole is anonymised only when none of their entries outlives this run."""
    return not profile.applications.exclude(pk__in=[a.pk for a in expiring]).exclude(
        status=Application.Status.DRAFT, reference=None).exists()


def _plan(edition):
    applications = list(_not_winning(edition))
    profiles = {a.applicant for a in applications}
    return applications, [p for p in profiles if _profile_expires(p, applications)]


def retention_report(*, edition, today=None):
    """What the retention of ``edition`` would remove, without removing anything."""
    policy = RetentionPolicy.objects.filter(edition=edition).first()
    applications, profiles = _plan(edition)
    drafts = edition.applications.filter(status=Application.Status.DRAFT, reference=None).count()
    return {
        "edition": edition.year,
        "expires_on": policy and policy.expires_on,
        "legal_hold": bool(policy and policy.legal_hold),
        "legal_hold_reason": policy.legal_hold_reason if policy else "",
        "due": bool(policy and policy.is_due(today)),
        "applications": [{"reference": a.reference, "label": applicant_label(a), "status": a.status,
                          "files": a.attachments.count()} for a in applications],
        "applicants_anonymised": len(profiles),
        "files": sum(a.attachments.count() for a in applications),
        "drafts": drafts,
    }


def apply_retention(*, edition, by=None, today=None):
    """Anonymise the non-winning applicants of ``edition`` once its period has passed; refused under a legal
    hold or before the period ends. Safe to run again: what is anonymised stays so."""
    report = retention_report(edition=edition, today=today)
    if report["legal_hold"]:
        raise RetentionError("A legal hold is set on this edition.")
    if not report["due"]:
        raise RetentionError("The retention period of this edition has not passed.")
    with transaction.atomic():
        applications, profiles = _plan(edition)
        delete_drafts(edition.applications.all())
        for application in applications:
            strings = personal_strings([application.nominee_name, application.nominee_email,
                                        application.nominee_organisation])
            anonymise_entry(application, keep_content=True, strings=strings, remove_files=True)
            scrub_everywhere(strings, applicant_label(application), keep={Award: Award.objects.all()})
        for profile in profiles:
            strings = personal_strings([profile.name, profile.contact_name, profile.contact_email,
                                        profile.contact_phone, profile.organisation, profile.website])
            label = anonymise_profile(profile)
            scrub_everywhere(strings, label, keep={Award: Award.objects.all()})
        policy = RetentionPolicy.objects.get(edition=edition)
        RetentionPolicy.objects.filter(pk=policy.pk).update(applied_at=timezone.now())
        record(actor=by, action="privacy.retention_applied", target=policy,
               applications=len(report["applications"]), applicants=report["applicants_anonymised"],
               files=report["files"], drafts=report["drafts"])
    return report


def apply_due_retention(today=None):
    """The periodic task: every due edition not yet done."""
    done = []
    for policy in RetentionPolicy.objects.filter(legal_hold=False, applied_at=None).select_related("edition"):
        if policy.is_due(today):
            apply_retention(edition=policy.edition, today=today)
            done.append(policy.edition.year)
    return done
