"""The rules of applying for the prize. Views and the admin call these; tests call them directly.

Each transition checks the state it starts from, changes state in one transaction,
records an audit entry and schedules its emails with ``transaction.on_commit``.
"""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from outbox.services import schedule

from . import phases, signals
from .choices import ApplicantType
from .models import (
    SECTION_WORD_LIMIT,
    SUMMARY_WORD_LIMIT,
    Application,
    ApplicationVersion,
    Attachment,
    DeadlineExtension,
    Edition,
    ReferenceSequence,
    deadline_passed,
)
from .uploads import check_upload

Status = Application.Status


class ApplicationError(Exception):
    """A rule of the prize refused the action; the message is for the user."""


def current_edition():
    return Edition.objects.filter(is_current=True).first()


def deadline_for(*, applicant, edition):
    """The applicant's own closing time: the edition's, or a later one the secretariat granted."""
    extension = DeadlineExtension.objects.filter(edition=edition, applicant=applicant).first()
    if extension and (edition.closes_at is None or extension.until > edition.closes_at):
        return extension.until
    return edition.closes_at


def is_past_deadline(*, applicant, edition, now=None):
    deadline = deadline_for(applicant=applicant, edition=edition)
    return deadline is None or deadline_passed(deadline, now or timezone.now())


def entry_check(*, applicant, category, is_nomination=False, now=None):
    """May this applicant start an application in this category? Returns (allowed, reason)."""
    now = now or timezone.now()
    edition = category.edition
    if not applicant.is_complete:
        return False, _("Complete your applicant profile before you apply.")
    if not edition.is_current or edition.status != Edition.Status.PUBLISHED:
        return False, _("This edition is not accepting applications.")
    if edition.opens_at is None or now < edition.opens_at:
        return False, _("Applications for this edition are not open yet.")
    if is_past_deadline(applicant=applicant, edition=edition, now=now):
        return False, _("The deadline for this edition has passed.")
    if is_nomination:
        if not category.accepts_nominations:
            return False, _("%(category)s does not accept nominations.") % {"category": category.name}
    elif applicant.applicant_type not in category.eligible_applicant_types:
        return False, _("%(type)s applicants cannot enter %(category)s. It is open to: %(allowed)s.") % {
            "type": ApplicantType(applicant.applicant_type).label,
            "category": category.name,
            "allowed": ", ".join(str(label) for label in category.eligible_type_labels()),
        }
    # Nominations are counted apart from the applicant's own entries: nominating someone must never use up the
    # nominator's own slots. Each kind has the edition's limit, so a nominator cannot flood a category either.
    active = applicant.applications.filter(edition=edition, is_nomination=is_nomination).exclude(
        status=Status.WITHDRAWN).count()
    if active >= edition.max_applications_per_applicant:
        if is_nomination:
            return False, _("You have already made %(count)d nominations in this edition, the most allowed.") % {
                "count": active}
        return False, _("You already have %(count)d applications of your own in this edition, the most allowed "
                        "(nominations of other people are counted apart).") % {"count": active}
    return True, ""


def start_application(*, applicant, category, is_nomination=False, now=None):
    allowed, reason = entry_check(applicant=applicant, category=category, is_nomination=is_nomination, now=now)
    if not allowed:
        raise ApplicationError(reason)
    application = Application.objects.create(
        edition=category.edition, category=category, applicant=applicant, is_nomination=is_nomination
    )
    record(actor=applicant.user, action="application.started", target=application, category=category.slug)
    return application


def _ensure_editable(application):
    if not application.is_editable:
        raise ApplicationError(_("This application has been submitted and can no longer be changed."))


def save_draft(*, application, changes):
    """Store whatever the applicant has typed so far; incomplete is fine."""
    _ensure_editable(application)
    for field, value in changes.items():
        setattr(application, field, value)
    application.save()
    return application


def add_attachment(*, application, uploaded_file):
    _ensure_editable(application)
    content_type = check_upload(uploaded_file, existing_count=application.attachments.count())
    attachment = Attachment(
        application=application,
        original_name=uploaded_file.name[:255],
        content_type=content_type,
        size=uploaded_file.size,
    )
    attachment.file.save(uploaded_file.name, uploaded_file, save=False)
    attachment.save()
    return attachment


def remove_attachment(*, attachment):
    _ensure_editable(attachment.application)
    attachment.file.delete(save=False)
    attachment.delete()


def word_count(text):
    return len(text.split())


PROJECT_SECTIONS = ("title", "summary", "problem", "solution", "target_groups", "inclusiveness",
                    "implementation_start", "implementation_stage", "budget", "results", "sustainability", "sectors")
INDIVIDUAL_SECTIONS = ("summary", "achievements", "sectors")
NOMINEE_FIELDS = ("nominee_name", "nominee_email", "nominee_position", "nominee_country")


def required_fields(application):
    fields = INDIVIDUAL_SECTIONS if application.category.is_for_individuals else PROJECT_SECTIONS
    return fields + (NOMINEE_FIELDS if application.is_nomination else ())


def completeness_errors(application):
    """What still stops submission, as {field: message}. Empty means complete."""
    errors = {}
    for field in required_fields(application):
        if not getattr(application, field):
            errors[field] = _("This is required before you can submit.")
    if word_count(application.summary) > SUMMARY_WORD_LIMIT:
        errors["summary"] = _("The summary has %(count)d words; the limit is %(limit)d.") % {
            "count": word_count(application.summary), "limit": SUMMARY_WORD_LIMIT}
    for field in ("problem", "solution", "inclusiveness", "budget", "results", "sustainability", "partners",
                  "achievements"):
        count = word_count(getattr(application, field))
        if count > SECTION_WORD_LIMIT:
            errors[field] = _("This section has %(count)d words; the limit is %(limit)d.") % {
                "count": count, "limit": SECTION_WORD_LIMIT}
    start, end = application.implementation_start, application.implementation_end
    if start and end and end < start:
        errors["implementation_end"] = _("The end date is before the start date.")
    return errors


def _next_reference(edition):
    # The row lock serialises concurrent submits of one edition: numbers are sequential with no gaps,
    # because a rolled-back submit also rolls back its increment.
    ReferenceSequence.objects.get_or_create(edition=edition)
    sequence = ReferenceSequence.objects.select_for_update().get(edition=edition)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"SSCP-{edition.year}-{sequence.last_number:04d}"


def submit_application(*, application, user, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        # Lock only the application row: submits of different drafts must not queue behind each other.
        application = (Application.objects.select_for_update(of=("self",))
                       .select_related("edition", "category", "applicant").get(pk=application.pk))
        if application.status != Status.DRAFT:
            raise ApplicationError(_("This application has already been submitted (%(reference)s).") % {
                "reference": application.reference or application.get_status_display()})
        if is_past_deadline(applicant=application.applicant, edition=application.edition, now=now):
            raise ApplicationError(_("The deadline has passed: applications closed at %(deadline)s KST.") % {
                "deadline": timezone.localtime(deadline_for(applicant=application.applicant,
                                                            edition=application.edition)).strftime("%Y-%m-%d %H:%M:%S")})
        if completeness_errors(application):
            raise ApplicationError(_("Some required sections are missing or too long."))
        # A reopened application keeps the reference it was given at its first submission.
        application.reference = application.reference or _next_reference(application.edition)
        application.status = Status.SUBMITTED
        application.submitted_at = now
        application.save(update_fields=["reference", "status", "submitted_at", "updated_at"])
        version = _keep_version(application=application, user=user, now=now)
        record(actor=user, action="application.submitted", target=application, reference=application.reference,
               version=version.number)
        schedule("applications.send_submission_confirmation", application.pk)
        if application.is_nomination:
            schedule("applications.send_nomination_request", application.pk)
    return application


def _keep_version(*, application, user, now):
    from .versions import snapshot

    sections, attachments = snapshot(application)
    last = application.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return ApplicationVersion.objects.create(application=application, number=last + 1, submitted_at=now,
                                             submitted_by=user if user is not None and user.is_authenticated else None,
                                             sections=sections, attachments=attachments)


def reopen_application(*, application, user, now=None):
    """Submitted → draft again, for the applicant to edit before their deadline. The reference is kept; the
    application counts as a draft (not submitted, reminded as a draft) until they submit it again."""
    from .rules import is_owner

    now = now or timezone.now()
    with transaction.atomic():
        application = (Application.objects.select_for_update(of=("self",))
                       .select_related("edition", "applicant").get(pk=application.pk))
        if not is_owner(user, application):
            raise ApplicationError(_("Only the applicant can reopen their application."))
        if application.status != Status.SUBMITTED:
            raise ApplicationError(_("Only a submitted application that has not been screened yet can be reopened."))
        if is_past_deadline(applicant=application.applicant, edition=application.edition, now=now):
            raise ApplicationError(_("The deadline has passed: the application can no longer be reopened."))
        application.status = Status.DRAFT
        application.submitted_at = None  # not submitted now; each submission's time is kept in its version
        application.save(update_fields=["status", "submitted_at", "updated_at"])
        record(actor=user, action="application.reopened", target=application, reference=application.reference)
    return application


UNDER_EVALUATION = (Status.ELIGIBLE, Status.FINALIST)


def withdrawal_problem(*, application, now=None):
    """Why ``application`` cannot be withdrawn now, or None. Before the deadline a draft or a submitted
    application; while it is evaluated (eligible, or a finalist before the results are out) at any time."""
    if application.status in (Status.DRAFT, Status.SUBMITTED):
        if is_past_deadline(applicant=application.applicant, edition=application.edition, now=now):
            return _("Applications can only be withdrawn before the deadline.")
        return None
    if application.status in UNDER_EVALUATION:
        if application.edition.results_published:
            return _("The results are published; write to the secretariat instead.")
        return None
    return _("Only an application that is a draft, submitted or under evaluation can be withdrawn.")


def withdraw_application(*, application, user, reason="", now=None):
    """The applicant withdraws. Under evaluation, the evaluation hears of it (``application_withdrawn``): the
    entry leaves its round and its judges are told. The application is kept, marked withdrawn."""
    now = now or timezone.now()
    with transaction.atomic():
        application = Application.objects.select_for_update().select_related("edition", "applicant").get(
            pk=application.pk)
        problem = withdrawal_problem(application=application, now=now)
        if problem:
            raise ApplicationError(problem)
        previous = application.status
        application.status = Status.WITHDRAWN
        application.withdrawn_at = now
        application.save(update_fields=["status", "withdrawn_at", "updated_at"])
        record(actor=user, action="application.withdrawn", target=application, previous_status=previous,
               reason=(reason or "").strip())
        signals.application_withdrawn.send(sender=Application, application=application, previous_status=previous,
                                           by=user, reason=(reason or "").strip())
    return application


def screen_application(*, application, eligible, reason="", by):
    """The secretariat's eligibility decision on a submitted application; the applicant is told."""
    if not eligible and not reason.strip():
        raise ApplicationError(_("Give the reason an application is not eligible; the applicant will read it."))
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status != Status.SUBMITTED:
            raise ApplicationError(_("%(app)s is %(status)s; only submitted applications can be screened.") % {
                "app": application.reference or application.pk, "status": application.get_status_display()})
        application.status = Status.ELIGIBLE if eligible else Status.NOT_ELIGIBLE
        application.screening_reason = reason.strip()
        application.save(update_fields=["status", "screening_reason", "updated_at"])
        record(actor=by, action="application.screened", target=application, eligible=eligible, reason=reason)
        schedule("applications.send_screening_result", application.pk)
        # An entry screened eligible once round 1 is open joins it there (the evaluation app listens).
        signals.application_screened.send(sender=Application, application=application, eligible=eligible, by=by)
    return application


def grant_extension(*, edition, applicant, until, reason, by):
    extension, _created = DeadlineExtension.objects.update_or_create(
        edition=edition, applicant=applicant, defaults={"until": until, "reason": reason, "granted_by": by}
    )
    record(actor=by, action="deadline.extended", target=applicant, edition=edition.year, until=until.isoformat(),
           reason=reason)
    return extension


def confirm_nomination(*, application, now=None):
    if not application.is_nomination:
        raise ApplicationError(_("This application is not a nomination."))
    if application.nominee_confirmed_at is None:
        application.nominee_confirmed_at = now or timezone.now()
        application.save(update_fields=["nominee_confirmed_at", "updated_at"])
        record(actor=None, action="nomination.confirmed", target=application)
    return application


# --- the edition's timeline (see phases.py) ---------------------------------------------------------

def open_call(*, edition, by):
    """Preparing → call open: the edition goes public and takes applications from ``opens_at``."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.status != Edition.Status.PREPARING:
            raise ApplicationError(_("The call of %(year)s is not in preparation (it is %(status)s).") % {
                "year": edition.year, "status": edition.get_status_display()})
        problems = []
        if not edition.categories.exists():
            problems.append(_("add at least one category"))
        if edition.opens_at is None or edition.closes_at is None:
            problems.append(_("set when applications open and close"))
        elif edition.closes_at <= edition.opens_at:
            problems.append(_("applications must close after they open"))
        if problems:
            raise ApplicationError(_("The call cannot open yet: %(problems)s.") % {
                "problems": "; ".join(str(p) for p in problems)})
        edition.status = Edition.Status.PUBLISHED
        edition.save(update_fields=["status"])
        record(actor=by, action="edition.call_opened", target=edition, opens_at=edition.opens_at.isoformat(),
               closes_at=edition.closes_at.isoformat())
    return edition


def archive_edition(*, edition, by, override_reason=""):
    """Published → archived: the edition's work is done; it stops being current."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.status == Edition.Status.ARCHIVED:
            raise ApplicationError(_("%(year)s is already archived.") % {"year": edition.year})
        problems = [] if edition.results_published else [_("its results are not published")]
        override = phases.guard(problems=problems, override_reason=override_reason, error=ApplicationError)
        edition.status, edition.is_current = Edition.Status.ARCHIVED, False
        edition.save(update_fields=["status", "is_current"])
        record(actor=by, action="edition.archived", target=edition, **override)
    return edition
