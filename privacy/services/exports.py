"""A copy of my data: one JSON document plus the person's uploaded files, in a zip built in the background.

Only what the person gave us or wrote themselves: their account, profile, applications with their versions,
reminders sent to them and, for judges, their own reviews. Nothing of another applicant or judge.
"""
import io
import json
import zipfile
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from applications.models import SentReminder
from audit.services import record
from evaluation.models import Assignment, CommitteeMember, Conflict, JudgeProfile
from outbox.services import schedule

from ..models import EXPORT_LIFETIME, Consent, DataExport
from .files import delete_file

APPLICATION_FIELDS = ("reference", "status", "title", "summary", "problem", "solution", "target_groups",
                      "inclusiveness", "implementation_start", "implementation_end", "implementation_stage",
                      "budget", "results", "sustainability", "partners", "sectors", "links", "achievements",
                      "is_nomination", "nominee_name", "nominee_email", "nominee_position", "nominee_organisation",
                      "created_at", "updated_at", "submitted_at", "withdrawn_at")
PROFILE_FIELDS = ("applicant_type", "name", "city", "website", "organisation", "contact_name", "contact_position",
                  "contact_email", "contact_phone", "updated_at")


def request_export(*, user):
    """Ask for a copy; the archive is built by a worker and the person downloads it from their privacy page."""
    with transaction.atomic():
        export = DataExport.objects.create(user=user)
        record(actor=user, action="privacy.export_requested", target=export)
        schedule("privacy.build_export", export.pk)
        return export


def _values(instance, fields):
    return {name: getattr(instance, name) for name in fields}


def _applications(profile):
    for application in profile.applications.select_related("edition", "category").order_by("created_at"):
        files = [{"name": a.original_name, "size": a.size, "uploaded_at": a.uploaded_at,
                  "in_archive": _archive_path(a)} for a in application.attachments.all()]
        versions = [{"number": v.number, "submitted_at": v.submitted_at, "sections": v.sections,
                     "attachments": v.attachments} for v in application.versions.all()]
        yield {**_values(application, APPLICATION_FIELDS), "edition": application.edition.year,
               "category": application.category.name, "nominee_country": str(application.nominee_country),
               "attachments": files, "versions": versions}


def _archive_path(attachment):
    folder = attachment.application.reference or f"draft-{attachment.application_id}"
    return f"files/{folder}/{attachment.pk}-{PurePosixPath(attachment.original_name).name}"


def _judging(user):
    profile = JudgeProfile.objects.filter(user=user).first()
    reviews = []
    for assignment in (Assignment.objects.filter(judge=user).select_related("round", "entry__application")
                       .prefetch_related("scores__criterion")):
        reviews.append({"round": assignment.round.name, "entry": assignment.entry.application.reference,
                        "status": assignment.status, "comment": assignment.comment,
                        "note_for_secretariat": assignment.note_for_secretariat,
                        "submitted_at": assignment.submitted_at,
                        "scores": {s.criterion.name: s.value for s in assignment.scores.all()}})
    return {
        "profile": profile and {"country": str(profile.country), "region": profile.region,
                                "organisation": profile.organisation, "expertise": profile.expertise,
                                "languages": profile.languages, "bio": profile.bio},
        "committees": [{"committee": str(m.committee), "role": m.role, "joined_at": m.joined_at}
                       for m in CommitteeMember.objects.filter(user=user).select_related("committee__edition")],
        "reviews": reviews,
        # The judge's own declarations; automatic reasons describe the applicant, so only the fact is given.
        "conflicts": [{"entry": c.application.reference, "kind": c.kind,
                       "reason": c.reason if c.kind == Conflict.Kind.DECLARED else ""}
                      for c in Conflict.objects.filter(judge=user).select_related("application")],
    }


def personal_data(user):
    """The whole copy, as plain data."""
    data = {
        "account": {"email": user.email, "first_name": user.first_name, "last_name": user.last_name,
                    "date_joined": user.date_joined, "last_login": user.last_login},
        "consents": [{"notice_version": c.notice.version, "consented_at": c.consented_at, "items": c.items}
                     for c in Consent.objects.filter(user=user).select_related("notice")],
        "messages": [{"purpose": r.purpose, "about": r.key, "days_before": r.offset_days, "sent_at": r.sent_at}
                     for r in SentReminder.objects.filter(recipient=user)],
    }
    profile = getattr(user, "applicant_profile", None)
    if profile is not None:
        data["applicant"] = {**_values(profile, PROFILE_FIELDS), "country": str(profile.country),
                             "deadline_extensions": [{"edition": e.edition.year, "until": e.until, "reason": e.reason}
                                                     for e in profile.extensions.select_related("edition")],
                             "applications": list(_applications(profile))}
    if JudgeProfile.objects.filter(user=user).exists() or Assignment.objects.filter(judge=user).exists():
        data["judge"] = _judging(user)
    return data


def build_export(*, export_id):
    """Write the archive of one request (idempotent: a ready archive is left as it is)."""
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status == DataExport.Status.READY:
        return export
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        data = personal_data(export.user)
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        profile = getattr(export.user, "applicant_profile", None)
        if profile is not None:
            for application in profile.applications.prefetch_related("attachments"):
                for attachment in application.attachments.all():
                    if attachment.file and default_storage.exists(attachment.file.name):
                        with default_storage.open(attachment.file.name, "rb") as handle:
                            archive.writestr(_archive_path(attachment), handle.read())
    export.file.save("export.zip", ContentFile(buffer.getvalue()), save=False)
    export.status, export.ready_at = DataExport.Status.READY, timezone.now()
    export.save(update_fields=["file", "status", "ready_at"])
    return export


def remove_expired_exports(now=None):
    """An archive of someone's personal data does not outlive its link."""
    expired = DataExport.objects.filter(ready_at__lt=(now or timezone.now()) - EXPORT_LIFETIME).exclude(file="")
    for export in expired:
        delete_file(export.file)
    return expired.update(file="")
