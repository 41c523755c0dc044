import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_countries.fields import CountryField

from prize_portal.bilingual import Bilingual

from .choices import ApplicantType, ImplementationStage, Sector, TargetGroup

SUMMARY_WORD_LIMIT = 300
SECTION_WORD_LIMIT = 800
# What a draft may hold per text box: room to paste and then cut down to the word limits, but bounded, so a
# draft's PDF renders in seconds and a pasted book is refused with a message instead of stored.
SUMMARY_DRAFT_CHARACTERS = 4000
SECTION_DRAFT_CHARACTERS = 10000
LINKS_DRAFT_CHARACTERS = 2000


def deadline_passed(deadline, moment):
    """A deadline of 23:59:59 still accepts 23:59:59.999; 00:00:00 the next day is late."""
    return moment.replace(microsecond=0) > deadline


def default_draft_reminder_days():
    return [7, 3, 1]


def default_review_reminder_days():
    return [3, 1]


KOREAN_HELP = _("Shown to readers of the Korean pages; empty: the English text is shown.")


class Edition(Bilingual, models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing (not public)")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    ordinal = models.PositiveSmallIntegerField(_("edition number"), help_text=_("1 for the 1st edition, 2 for the 2nd…"))
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    theme_ko = models.CharField(_("theme (Korean)"), max_length=300, blank=True, help_text=KOREAN_HELP)
    opens_at = models.DateTimeField(_("applications open"), null=True, blank=True)
    closes_at = models.DateTimeField(_("applications close"), null=True, blank=True)
    max_applications_per_applicant = models.PositiveSmallIntegerField(_("maximum applications per applicant"), default=3)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PREPARING)
    is_current = models.BooleanField(_("current edition"), default=False, help_text=_("The edition applicants see."))
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True, editable=False)
    draft_reminder_days = models.JSONField(
        _("draft reminders (days before closing)"), default=default_draft_reminder_days, blank=True,
        help_text=_("Applicants with an unsubmitted draft are reminded this many days before applications close."))
    review_reminder_days = models.JSONField(
        _("review reminders (days before a round closes)"), default=default_review_reminder_days, blank=True,
        help_text=_("Judges with unsubmitted reviews are reminded this many days before their round closes."))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True), name="one_current_edition"),
        ]

    def __str__(self):
        return _("%(ordinal)s Seoul Smart City Prize (%(year)s)") % {"ordinal": self.ordinal_label, "year": self.year}

    @property
    def ordinal_label(self):
        """“1st”, “2nd”… in English; each form is its own message so that Korean can say “제1회”."""
        n = self.ordinal
        ending = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        forms = {"st": pgettext("edition", "%(number)sst"), "nd": pgettext("edition", "%(number)snd"),
                 "rd": pgettext("edition", "%(number)srd"), "th": pgettext("edition", "%(number)sth")}
        return forms[ending] % {"number": n}

    def is_open_at(self, moment):
        """Open from ``opens_at`` through the whole last second before ``closes_at`` ends."""
        return bool(self.opens_at and self.closes_at and self.opens_at <= moment and not deadline_passed(self.closes_at, moment))

    @property
    def is_open(self):
        return self.is_open_at(timezone.now())

    @property
    def is_upcoming(self):
        return bool(self.opens_at and timezone.now() < self.opens_at)

    @property
    def results_published(self):
        return self.results_published_at is not None


class Category(Bilingual, models.Model):
    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=100)
    name_ko = models.CharField(_("name (Korean)"), max_length=100, blank=True, help_text=KOREAN_HELP)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True, help_text=KOREAN_HELP)
    example_projects = models.TextField(_("example projects"), blank=True)
    example_projects_ko = models.TextField(_("example projects (Korean)"), blank=True, help_text=KOREAN_HELP)
    eligible_applicant_types = models.JSONField(
        _("who may enter"), default=list, help_text=_("Applicant types that may enter this category.")
    )
    accepts_nominations = models.BooleanField(
        _("accepts nominations"), default=False,
        help_text=_("Anyone may nominate an individual (Leadership)."),
    )
    is_for_individuals = models.BooleanField(
        _("for individuals"), default=False, help_text=_("Entries describe a person's achievements, not a project.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["edition", "order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [models.UniqueConstraint(fields=["edition", "slug"], name="unique_category_slug_per_edition")]

    def __str__(self):
        return self.tr.name

    def eligible_type_labels(self):
        return [ApplicantType(value).label for value in self.eligible_applicant_types]


class ApplicantProfile(models.Model):
    """Who applies: a city, company, institution or individual, with a contact person."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applicant_profile")
    applicant_type = models.CharField(_("applicant type"), max_length=16, choices=ApplicantType)
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The organisation's full name, or your full name if you apply as an individual.")
    )
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120)
    website = models.URLField(_("website"), blank=True)
    organisation = models.CharField(
        _("organisation (individuals)"), max_length=200, blank=True,
        help_text=_("Individuals: the organisation you work for, if any."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_position = models.CharField(_("position"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("phone"), max_length=40, help_text=_("With the country code, e.g. +82 2 123 4567."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        ordering = ["name"]

    def __str__(self):
        return self.name

    REQUIRED_FIELDS = ("applicant_type", "name", "country", "city", "contact_name", "contact_position",
                       "contact_email", "contact_phone")

    @property
    def is_complete(self):
        return all(getattr(self, field) for field in self.REQUIRED_FIELDS)


class ReferenceSequence(models.Model):
    """The last reference number handed out per edition; locked while a submission takes the next."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="reference_sequence")
    last_number = models.PositiveIntegerField(default=0)


class DeadlineExtension(models.Model):
    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="extensions")
    applicant = models.ForeignKey(
        ApplicantProfile, verbose_name=_("applicant"), on_delete=models.CASCADE, related_name="extensions"
    )
    until = models.DateTimeField(_("extended until"))
    reason = models.CharField(_("reason"), max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        constraints = [models.UniqueConstraint(fields=["edition", "applicant"], name="one_extension_per_applicant")]

    def __str__(self):
        return f"{self.applicant} → {self.until:%Y-%m-%d %H:%M}"


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        NOT_ELIGIBLE = "not_eligible", _("Not eligible")
        ELIGIBLE = "eligible", _("Under evaluation")
        FINALIST = "finalist", _("Finalist")
        WINNER = "winner", _("Winner")

    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="applications")
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        ApplicantProfile, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.DRAFT, db_index=True)
    reference = models.CharField(_("reference"), max_length=32, unique=True, null=True, blank=True)

    title = models.CharField(_("project title"), max_length=250, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    problem = models.TextField(_("problem addressed"), blank=True)
    solution = models.TextField(_("solution and technology"), blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    inclusiveness = models.TextField(_("inclusiveness"), blank=True)
    implementation_start = models.DateField(_("implementation started"), null=True, blank=True)
    implementation_end = models.DateField(_("implementation ends"), null=True, blank=True)
    implementation_stage = models.CharField(
        _("implementation stage"), max_length=16, choices=ImplementationStage, blank=True
    )
    budget = models.TextField(_("budget and funding"), blank=True)
    results = models.TextField(_("results and impact"), blank=True)
    sustainability = models.TextField(_("sustainability and transferability"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    links = models.TextField(_("links"), blank=True)
    achievements = models.TextField(_("achievements"), blank=True)

    is_nomination = models.BooleanField(_("nomination of someone else"), default=False)
    nominee_name = models.CharField(_("nominee's full name"), max_length=200, blank=True)
    nominee_email = models.EmailField(_("nominee's email"), blank=True)
    nominee_position = models.CharField(_("nominee's position"), max_length=200, blank=True)
    nominee_organisation = models.CharField(_("nominee's organisation"), max_length=200, blank=True)
    nominee_country = CountryField(_("nominee's country"), blank=True)
    nominee_token = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    nominee_confirmed_at = models.DateTimeField(_("nominee confirmed at"), null=True, blank=True)

    screening_reason = models.TextField(_("screening reason"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # Set once, when the secretariat sends the published outcome: the guard that makes it exactly one email.
    outcome_sent_at = models.DateTimeField(_("outcome email sent at"), null=True, blank=True, editable=False)
    outcome_sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("outcome email sent by"), null=True,
                                        blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [models.Index(fields=["edition", "status"]), models.Index(fields=["edition", "category"])]

    def __str__(self):
        label = self.reference or _("draft #%(id)s") % {"id": self.pk}
        return f"{label} — {self.display_title}"

    @property
    def display_title(self):
        if self.category_id and self.category.is_for_individuals:
            # A nomination just started has no nominee yet: never an empty link or heading.
            return self.entrant_name or _("(untitled)")
        return self.title or _("(untitled)")

    @property
    def entrant_name(self):
        """Who would win: the nominee, or the applicant themself."""
        return self.nominee_name if self.is_nomination else self.applicant.name

    @property
    def is_editable(self):
        return self.status == self.Status.DRAFT

    @property
    def is_reopened(self):
        """A draft again after a submission: it keeps its reference but is NOT submitted until sent again."""
        return self.status == self.Status.DRAFT and bool(self.reference)

    def get_sector_labels(self):
        return [Sector(value).label for value in self.sectors if value in Sector.values]

    def get_target_group_labels(self):
        return [TargetGroup(value).label for value in self.target_groups if value in TargetGroup.values]

    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]


def attachment_path(instance, filename):
    # Random names: nothing in storage can be guessed from a reference or a title.
    return f"attachments/{instance.application.edition.year}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Attachment(models.Model):
    MAX_SIZE = 20 * 1024 * 1024
    MAX_PER_APPLICATION = 10

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class SentReminder(models.Model):
    """One reminder (recipient, purpose, offset) claimed for sending. The unique constraint is what makes a
    reminder go out at most once, however often beat fires or a worker restarts."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE,
                                  related_name="+")
    purpose = models.CharField(_("purpose"), max_length=64, help_text=_("e.g. draft-deadline, review-deadline"))
    key = models.CharField(_("about"), max_length=64, help_text=_("What the reminder is about, e.g. edition-2027."))
    offset_days = models.PositiveSmallIntegerField(_("days before"))
    claimed_at = models.DateTimeField(_("claimed at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-claimed_at"]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [models.UniqueConstraint(fields=["recipient", "purpose", "key", "offset_days"],
                                               name="one_reminder_per_recipient_purpose_offset")]

    def __str__(self):
        return f"{self.purpose} {self.key} −{self.offset_days}d → {self.recipient}"


class ApplicationVersion(models.Model):
    """What the applicant sent at one submission: the sections and the attachment list, kept as sent.

    Written only by ``submit_application``; a reopened application resubmitted makes the next number."""

    application = models.ForeignKey(Application, verbose_name=_("application"), on_delete=models.CASCADE,
                                    related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    sections = models.JSONField(_("sections"), default=dict)
    attachments = models.JSONField(_("attachments"), default=list)

    class Meta:
        ordering = ["application", "number"]
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        constraints = [models.UniqueConstraint(fields=["application", "number"],
                                               name="one_version_number_per_application")]

    def __str__(self):
        return _("Version %(number)d of %(application)s") % {"number": self.number, "application": self.application}
