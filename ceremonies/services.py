"""The rules of awarding, publishing and certifying. Views, the admin, commands and tasks call these.

Each transition checks the state it starts from, changes state in one transaction, records an audit
entry and schedules its side effects (certificate rendering) with ``transaction.on_commit``.
"""
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.language import language_of
from applications import phases
from applications.choices import ApplicantType
from applications.models import Application, Edition
from audit.services import record
from outbox.services import schedule

from .models import Award, AwardLevel, Certificate, PublicPageVersion

log = logging.getLogger(__name__)
Status = Application.Status
PROJECT_CATEGORIES = ("tech-innovacity", "human-centricity")

# The first edition's structure; the secretariat edits it per edition in the admin.
DEFAULT_LEVELS = [
    # slug, name, Korean name, rank, categories, special mention, at most per category
    ("gold", "Gold", "금상", 1, PROJECT_CATEGORIES, False, 1),
    ("silver", "Silver", "은상", 2, PROJECT_CATEGORIES, False, None),
    ("bronze", "Bronze", "동상", 3, PROJECT_CATEGORIES, False, None),
    ("corporation", "Corporation Prize", "기업상", 4, PROJECT_CATEGORIES, False, 1),
    ("institution", "Institution Prize", "기관상", 5, PROJECT_CATEGORIES, False, 1),
    ("leadership", "Leadership Prize", "리더십상", 6, ("leadership",), False, 2),
    ("special_mention", "Special Mention", "특별상", 9, (), True, None),
]


class AwardError(Exception):
    """A rule of the prize refused the action; the message is for the secretariat."""


# --- public pages --------------------------------------------------------------------------------

def bump_public_pages(*, edition):
    """Everything cached about this edition's public pages is stale from now on."""
    version, _created = PublicPageVersion.objects.get_or_create(edition=edition)
    PublicPageVersion.objects.filter(pk=version.pk).update(number=F("number") + 1)


def page_version(*, edition):
    return PublicPageVersion.objects.filter(edition=edition).values_list("number", flat=True).first() or 0


# --- award levels --------------------------------------------------------------------------------

def ensure_default_levels(*, edition):
    """Create the default award levels an edition does not have yet; existing ones are left alone."""
    categories = {category.slug: category for category in edition.categories.all()}
    levels = {}
    for slug, name, name_ko, order, category_slugs, special, limit in DEFAULT_LEVELS:
        level, created = AwardLevel.objects.get_or_create(edition=edition, slug=slug, defaults={
            "name": name, "name_ko": name_ko, "order": order, "is_special_mention": special, "max_per_category": limit})
        if created:
            level.categories.set([categories[s] for s in category_slugs if s in categories])
        levels[slug] = level
    return levels


# --- awards ----------------------------------------------------------------------------------------

def snapshot_of(application):
    """What the public pages and the certificate say about an application's entrant."""
    profile = application.applicant
    if application.is_nomination:
        return {"entity_type": ApplicantType.INDIVIDUAL, "entity_name": application.nominee_name,
                "city": "", "country": application.nominee_country or "",
                "project_title": "", "summary": application.summary}
    individual = application.category.is_for_individuals
    return {"entity_type": profile.applicant_type, "entity_name": profile.name, "city": profile.city,
            "country": profile.country.code or "", "project_title": "" if individual else application.title,
            "summary": application.summary}


def _check_level(*, level, category, exclude=None):
    if level.is_special_mention:
        return
    allowed = list(level.categories.all())
    if allowed and category not in allowed:
        raise AwardError(_("%(level)s is not given in %(category)s.") % {"level": level.tr.name,
                                                                          "category": category.tr.name})
    if level.max_per_category:
        taken = Award.objects.filter(level=level, category=category).exclude(pk=getattr(exclude, "pk", None))
        if taken.count() >= level.max_per_category:
            raise AwardError(_("%(category)s already has %(count)d %(level)s award(s), the most allowed.") % {
                "category": category.tr.name, "count": level.max_per_category, "level": level.tr.name})


def check_grant(*, application, level, partner=""):
    """Raise AwardError when ``application`` may not receive ``level``; the admin's form asks this too."""
    if application.status not in (Status.FINALIST, Status.WINNER):
        raise AwardError(_("Only finalists can receive an award; %(ref)s is “%(status)s”.") % {
            "ref": application.reference or application.pk, "status": application.get_status_display()})
    if level.edition_id != application.edition_id:
        raise AwardError(_("That award level belongs to another edition."))
    if level.is_special_mention and not partner:
        raise AwardError(_("A special mention names the partner organisation that chose it."))
    _check_level(level=level, category=application.category)
    if Award.objects.filter(level=level, application=application).exists():
        raise AwardError(_("This application already has that award."))


@transaction.atomic
def grant_award(*, application, level, citation="", partner="", by):
    """A finalist receives an award; the application becomes a winner."""
    application = Application.objects.select_for_update().select_related(
        "edition", "category", "applicant").get(pk=application.pk)
    check_grant(application=application, level=level, partner=partner)
    award = Award.objects.create(edition=application.edition, category=application.category, level=level,
                                 application=application, citation=citation, partner=partner,
                                 **snapshot_of(application))
    Application.objects.filter(pk=application.pk).update(status=Status.WINNER)
    record(actor=by, action="award.granted", target=award, application=application.reference,
           level=level.slug, category=application.category.slug)
    bump_public_pages(edition=application.edition)
    return award


AWARD_FIELDS = ("level", "category", "entity_type", "entity_name", "project_title", "city", "country", "summary",
                "citation", "partner")


@transaction.atomic
def change_award(*, award, changes, by):
    """Edit an award (the admin's form); its certificate is re-rendered with the new text."""
    unknown = set(changes) - set(AWARD_FIELDS)
    if unknown:
        raise AwardError(_("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    before = {field: str(getattr(award, field)) for field in changes}
    for field, value in changes.items():
        setattr(award, field, value)
    if "level" in changes or "category" in changes:
        if award.category is not None:
            _check_level(level=award.level, category=award.category, exclude=award)
    award.save()
    changed = {field: [before[field], str(getattr(award, field))] for field in changes
               if before[field] != str(getattr(award, field))}
    if changed:
        record(actor=by, action="award.changed", target=award, changes=changed)
        bump_public_pages(edition=award.edition)
        _rerender(Certificate.objects.filter(award=award))
    return award


@transaction.atomic
def remove_award(*, award, by, reason):
    """Take an award back: its certificate is revoked, the application is a finalist again."""
    if not reason:
        raise AwardError(_("Say why the award is removed."))
    certificate = Certificate.objects.filter(award=award, revoked_at__isnull=True).first()
    if certificate:
        revoke_certificate(certificate=certificate, by=by, reason=reason)
    application = award.application
    record(actor=by, action="award.removed", target=award, reason=reason, level=award.level.slug)
    edition = award.edition
    award.delete()
    if application and not application.awards.exists():
        Application.objects.filter(pk=application.pk, status=Status.WINNER).update(status=Status.FINALIST)
    bump_public_pages(edition=edition)


def sync_from_application(*, application):
    """An application or its applicant changed: refresh the awards' snapshot, re-render what shows it."""
    if application.status not in (Status.FINALIST, Status.WINNER) and not application.awards.exists():
        return
    snapshot = snapshot_of(application)
    with transaction.atomic():
        for award in application.awards.all():
            changes = {k: v for k, v in snapshot.items() if str(getattr(award, k)) != str(v)}
            if changes:
                Award.objects.filter(pk=award.pk).update(updated_at=timezone.now(), **changes)
        stale = [certificate for certificate in application.certificates.filter(revoked_at__isnull=True)
                 if any(getattr(certificate, field) != value
                        for field, value in printed_content(certificate).items())]
        _rerender(Certificate.objects.filter(pk__in=[c.pk for c in stale]))
        bump_public_pages(edition=application.edition)


# --- publishing -----------------------------------------------------------------------------------

def publication_problems(*, edition):
    """What stands between ``edition`` and publishing its results (empty: nothing)."""
    from evaluation.services import edition_gaps

    return phases.problems_before_publication(edition) + [str(gap) for gap in edition_gaps(edition)]


@transaction.atomic
def publish_results(*, edition, by, override_reason=""):
    """Lift the embargo: finalists and winners become public. Deliberate, once, and recorded.

    Only once the evaluation is over (the call closed, the last round finalized), every eligible entry was
    evaluated and every category has a finalist — unless overridden with a reason the audit log keeps."""
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if edition.results_published:
        raise AwardError(_("The results of %(year)s are already published.") % {"year": edition.year})
    finalists = edition.applications.filter(status__in=(Status.FINALIST, Status.WINNER)).count()
    awards = edition.awards.count()
    if not finalists and not awards:
        raise AwardError(_("%(year)s has no finalists and no awards to publish.") % {"year": edition.year})
    override = phases.guard(problems=publication_problems(edition=edition), override_reason=override_reason,
                            error=AwardError)
    edition.results_published_at = timezone.now()
    edition.save(update_fields=["results_published_at"])
    record(actor=by, action="results.published", target=edition, finalists=finalists, awards=awards, **override)
    bump_public_pages(edition=edition)
    return edition


@transaction.atomic
def withdraw_results(*, edition, by, reason):
    """Put the embargo back (a mistake was found); recorded with the reason."""
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if not edition.results_published:
        raise AwardError(_("The results of %(year)s are not published.") % {"year": edition.year})
    if not reason:
        raise AwardError(_("Say why the results are withdrawn."))
    edition.results_published_at = None
    edition.save(update_fields=["results_published_at"])
    record(actor=by, action="results.withdrawn", target=edition, reason=reason)
    bump_public_pages(edition=edition)
    return edition


# --- certificates ---------------------------------------------------------------------------------

def judges_who_completed_reviews(edition):
    """The judges owed a certificate of service: those who submitted at least one review in ``edition``."""
    from django.contrib.auth import get_user_model

    from evaluation.models import Assignment

    judge_ids = Assignment.objects.filter(round__edition=edition, status=Assignment.Status.SUBMITTED).values("judge_id")
    return list(get_user_model().objects.filter(pk__in=judge_ids).order_by("last_name", "first_name", "email"))


def _finalists(edition):
    return edition.applications.filter(status__in=(Status.FINALIST, Status.WINNER)).select_related(
        "category", "applicant")


def _rerender(queryset, *, enqueue=True):
    """Mark certificates stale and (unless told not to) enqueue their rendering once the transaction
    commits: nothing is enqueued for a transaction that rolls back."""
    now = timezone.now()
    ids = list(queryset.filter(revoked_at__isnull=True).values_list("pk", flat=True))
    if ids:
        Certificate.objects.filter(pk__in=ids).update(requested_at=now)
        if enqueue:
            for pk in ids:
                schedule("ceremonies.render_certificate", pk)
    return ids


def _recipient_language(application):
    """A certificate is printed in its recipient's language: the applicant's account (a nominee has none:
    the nominator's); an award imported without an application, in the portal's default."""
    return language_of(application.applicant.user if application else None)


def issue_certificates(*, edition, by, enqueue=True, override_reason=""):
    """Every certificate the edition owes (awards, finalists, judges of service), created where missing,
    and all of them (re-)rendered in the background. Safe to run again: codes never change.
    Only once the results are published, unless overridden with a reason.
    Returns (number created, number requested). ``enqueue=False``: the caller renders them itself."""
    created = 0
    with transaction.atomic():
        override = phases.guard(problems=phases.problems_before_certificates(edition),
                                override_reason=override_reason, error=AwardError)
        for award in edition.awards.select_related("application__applicant__user").filter(certificate__isnull=True):
            Certificate.objects.create(edition=edition, kind=Certificate.Kind.AWARD, award=award,
                                       application=award.application, recipient_name=award.entity_name,
                                       language=_recipient_language(award.application))
            created += 1
        have = set(Certificate.objects.filter(edition=edition, kind=Certificate.Kind.FINALIST)
                   .values_list("application_id", flat=True))
        for application in _finalists(edition).select_related("applicant__user").exclude(pk__in=have):
            Certificate.objects.create(edition=edition, kind=Certificate.Kind.FINALIST, application=application,
                                       recipient_name=application.entrant_name,
                                       language=_recipient_language(application))
            created += 1
        have = set(Certificate.objects.filter(edition=edition, kind=Certificate.Kind.SERVICE)
                   .values_list("judge_id", flat=True))
        for judge in judges_who_completed_reviews(edition):
            if judge.pk not in have:
                Certificate.objects.create(edition=edition, kind=Certificate.Kind.SERVICE, judge=judge,
                                           recipient_name=judge.get_full_name() or judge.email,
                                           language=language_of(judge))
                created += 1
        queued = _rerender(Certificate.objects.filter(edition=edition), enqueue=enqueue)
        record(actor=by, action="certificates.generated", target=edition, created=created, queued=len(queued),
               **override)
    return created, len(queued)


def certificate_progress(*, edition):
    """How far “generate all” has come: counts for the admin's progress page (counted in the database)."""
    from django.db.models import Count, Q

    current = Q(rendered_at__isnull=False) & ~Q(file="") & (Q(requested_at__isnull=True)
                                                          | Q(rendered_at__gte=F("requested_at")))
    counts = Certificate.objects.filter(edition=edition, revoked_at__isnull=True).aggregate(
        total=Count("pk"), ready=Count("pk", filter=current), failed=Count("pk", filter=~current & ~Q(render_error="")))
    total, ready, failed = counts["total"], counts["ready"], counts["failed"]
    return {"total": total, "ready": ready, "failed": failed, "pending": total - ready - failed,
            "percent": round(100 * ready / total) if total else 100}


def printed_content(certificate):
    """What the certificate says, from its source today (award, application or judge), in its language."""
    with translation.override(certificate.language or settings.LANGUAGE_CODE):
        return _printed_content(certificate)


def _printed_content(certificate):
    if certificate.kind == Certificate.Kind.AWARD and certificate.award_id:
        award = certificate.award
        place = ", ".join(p for p in (award.city, award.country.name if award.country else "") if p)
        return {"recipient_name": award.entity_name, "recipient_place": place, "project_title": award.project_title,
                "category_name": award.category.tr.name if award.category else "", "level_name": award.level.tr.name,
                "partner": award.partner}
    if certificate.kind == Certificate.Kind.FINALIST and certificate.application_id:
        application = certificate.application
        snapshot = snapshot_of(application)
        country = application.nominee_country if application.is_nomination else application.applicant.country
        place = ", ".join(p for p in (snapshot["city"], country.name if country else "") if p)
        return {"recipient_name": snapshot["entity_name"], "recipient_place": place,
                "project_title": snapshot["project_title"], "category_name": application.category.tr.name,
                "level_name": str(Certificate.Kind.FINALIST.label), "partner": ""}
    if certificate.kind == Certificate.Kind.SERVICE and certificate.judge_id:
        judge = certificate.judge
        return {"recipient_name": judge.get_full_name() or judge.email, "recipient_place": "", "project_title": "",
                "category_name": "", "level_name": "", "partner": ""}
    # The source is gone (an award removed): keep what was printed.
    return {field: getattr(certificate, field) for field in
            ("recipient_name", "recipient_place", "project_title", "category_name", "level_name", "partner")}


def render_certificate(*, certificate_id, force=False):
    """Render and store one certificate's PDF. Idempotent: the code stays, the file is replaced.
    Returns False when there was nothing to do (revoked, or already current)."""
    from django.core.files.base import ContentFile

    from .certificates import render_pdf

    started = timezone.now()
    certificate = Certificate.objects.select_related(
        "edition", "award__level", "award__category", "application__applicant", "application__category",
        "judge").get(pk=certificate_id)
    if certificate.is_revoked or (certificate.is_ready and not force):
        return False
    content = printed_content(certificate)
    for field, value in content.items():
        setattr(certificate, field, value)
    pdf = render_pdf(certificate)
    if certificate.file:
        certificate.file.delete(save=False)
    certificate.file.save(f"{certificate.code}.pdf", ContentFile(pdf), save=False)
    Certificate.objects.filter(pk=certificate.pk).update(file=certificate.file.name, rendered_at=started,
                                                         render_error="", **content)
    return True


def note_render_failure(*, certificate_id, error):
    Certificate.objects.filter(pk=certificate_id).update(render_error=str(error)[:2000])


@transaction.atomic
def print_certificates_in(*, certificates, language, by):
    """The secretariat chooses the language of some certificates (the recipient's is the default): each
    one changed is recorded and rendered again. Returns how many changed."""
    if language not in dict(settings.LANGUAGES):
        raise AwardError(_("Certificates cannot be printed in that language."))
    changed = [c for c in certificates if c.language != language and not c.is_revoked]
    for certificate in changed:
        record(actor=by, action="certificate.language_changed", target=certificate,
               language=[certificate.language, language])
    Certificate.objects.filter(pk__in=[c.pk for c in changed]).update(language=language)
    _rerender(Certificate.objects.filter(pk__in=[c.pk for c in changed]))
    return len(changed)


@transaction.atomic
def revoke_certificate(*, certificate, by, reason):
    """The certificate stops being valid; its page says so plainly. The code is never reused."""
    if certificate.is_revoked:
        raise AwardError(_("Certificate %(code)s is already revoked.") % {"code": certificate.code})
    if not reason:
        raise AwardError(_("Say why the certificate is revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason
    certificate.revoked_by = by if by is not None and by.is_authenticated else None
    certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    record(actor=by, action="certificate.revoked", target=certificate, reason=reason)
    return certificate
