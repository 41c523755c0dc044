"""Erasure that keeps the record: the person's data goes, submitted applications and judging stay, anonymised.

Rows are changed with ``QuerySet.update``: the judging record is frozen as it was, no save signal recomputes
conflicts or re-renders a certificate from half-erased data.
"""
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from applications.models import Application, Attachment
from audit.services import record
from ceremonies.models import Award, Certificate
from evaluation.models import Invitation, JudgeProfile

from ..models import DataExport, ErasureRequest
from .files import delete_file, file_mentions
from .labels import applicant_label, person_label
from .scrub import personal_strings, scrub_everywhere

Mode = ErasureRequest.Mode
BLANK_SECTIONS = ("summary", "problem", "solution", "inclusiveness", "budget", "results", "sustainability",
                  "partners", "links", "achievements", "screening_reason")


class ErasureError(Exception):
    pass


def request_erasure(*, user):
    """The person asks to close their account; one open request at a time."""
    with transaction.atomic():
        open_request = ErasureRequest.objects.filter(user=user, done_at=None).first()
        if open_request:
            return open_request
        request = ErasureRequest.objects.create(user=user)
        record(actor=user, action="privacy.erasure_requested", target=request)
        return request


def strings_of(user):
    """Everything that names the person: searched for and replaced in every text column."""
    values = [user.email, user.first_name, user.last_name, user.get_full_name()]
    profile = getattr(user, "applicant_profile", None)
    if profile is not None:
        values += [profile.name, profile.contact_name, profile.contact_email, profile.contact_phone,
                   profile.organisation, profile.website]
        for application in profile.applications.filter(is_nomination=True):
            values += [application.nominee_name, application.nominee_email, application.nominee_organisation]
    judge = JudgeProfile.objects.filter(user=user).first()
    if judge is not None:
        values.append(judge.organisation)
    values += Invitation.objects.filter(email__iexact=user.email).values_list("name", flat=True)
    return personal_strings(values)


def published_awards():
    """Public record: stays exactly as published."""
    return Award.objects.filter(edition__results_published_at__isnull=False)


def delete_drafts(applications):
    """Never-submitted drafts go entirely, with their files."""
    drafts = applications.filter(status=Application.Status.DRAFT, reference=None)
    for attachment in Attachment.objects.filter(application__in=drafts):
        delete_file(attachment.file)
    count = drafts.count()
    drafts.delete()
    return count


def anonymise_entry(application, *, keep_content, strings, remove_files=False):
    """The entry keeps its reference, category, status and judging; who made it (or was nominated) goes.

    ``keep_content``: the sections, versions and files not naming the person stay; otherwise they go too.
    ``remove_files``: the files go even when the content stays (retention). Returns the number of files removed."""
    label = applicant_label(application)
    changes = {}
    if application.is_nomination:
        changes.update(nominee_name=label, nominee_email="", nominee_position="", nominee_organisation="")
    attachments = list(application.attachments.all())
    if keep_content and not remove_files:  # project documents stay with the entry, unless they name the person
        attachments = [a for a in attachments if file_mentions(a.file, strings)]
    else:
        # The title stays: the results of the round list it (it names a project, not a person).
        changes.update({name: "" for name in BLANK_SECTIONS}, target_groups=[], sectors=[])
        application.versions.all().delete()
    for attachment in attachments:
        delete_file(attachment.file)
    Attachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()
    Application.objects.filter(pk=application.pk).update(**changes)
    return len(attachments)


def anonymise_profile(profile):
    label = person_label(profile.user)
    type(profile).objects.filter(pk=profile.pk).update(
        name=label, contact_name=label, contact_email="", contact_phone="", contact_position="", organisation="",
        website="")
    return label


def _erase_applications(profile, mode, strings, counts):
    counts["drafts"] = delete_drafts(profile.applications.all())
    # A published award is public record: it keeps what it says, and is cut loose from the erased application
    # so that no later refresh of the award's snapshot prints the anonymised name instead.
    counts["published_awards"] = published_awards().filter(application__applicant=profile).update(application=None)
    counts["files"] = sum(anonymise_entry(application, keep_content=mode == Mode.ANONYMISE, strings=strings)
                          for application in profile.applications.all())
    anonymise_profile(profile)


def _remove_own_records(user, counts):
    certificates = Certificate.objects.filter(judge=user) | Certificate.objects.filter(
        application__applicant__user=user)
    certificates = certificates.exclude(award__in=published_awards())
    for certificate in certificates:
        delete_file(certificate.file)
    counts["certificates"] = Certificate.objects.filter(pk__in=list(certificates.values_list("pk", flat=True))
                                                        ).delete()[0]
    for export in DataExport.objects.filter(user=user):
        delete_file(export.file)
    DataExport.objects.filter(user=user).delete()
    counts["invitations"] = Invitation.objects.filter(email__iexact=user.email).delete()[0]
    counts["judge_profile"] = JudgeProfile.objects.filter(user=user).delete()[0]


def _close_account(user, label):
    from allauth.account.models import EmailAddress
    from django.contrib.sessions.models import Session

    EmailAddress.objects.filter(user=user).delete()
    if hasattr(user, "authenticator_set"):
        user.authenticator_set.all().delete()
    for session in Session.objects.all().iterator():  # signed out everywhere
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
    user.set_unusable_password()
    get_user_model().objects.filter(pk=user.pk).update(
        email=f"erased-{user.pk}@erased.invalid", first_name=label, last_name="", is_active=False,
        password=user.password)


def erase_person(*, user, mode, by):
    """Erase ``user`` as the secretariat decided (``mode``), in one transaction; audited with counts only."""
    if mode not in Mode.values:
        raise ErasureError("Unknown erasure mode.")
    if user.pk == by.pk:
        raise ErasureError("Someone else in the secretariat decides on your own erasure.")
    with transaction.atomic():
        strings = strings_of(user)
        label = person_label(user)
        counts = {}
        profile = getattr(user, "applicant_profile", None)
        if profile is not None:
            _erase_applications(profile, mode, strings, counts)
        _remove_own_records(user, counts)
        _close_account(user, label)
        keep = {Award: published_awards(), Certificate: Certificate.objects.filter(award__in=published_awards())}
        counts["rows_scrubbed"] = scrub_everywhere(strings, label, keep=keep)
        now = timezone.now()
        requests = ErasureRequest.objects.filter(user=user, done_at=None)
        if not requests.exists():
            ErasureRequest.objects.create(user=user)
        requests.update(mode=mode, decided_by=by, done_at=now, counts=counts)
        user.refresh_from_db()
        record(actor=by, action="privacy.erased", target=user, mode=mode, **counts)
        return counts
