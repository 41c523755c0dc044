import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EXPORT_LIFETIME = timedelta(days=7)


class PrivacyNotice(models.Model):
    """One version of the privacy notice, in English and Korean. Published versions are never edited:
    a change is a new version, and everyone consents again."""

    version = models.PositiveSmallIntegerField(_("version"), unique=True)
    text_en = models.TextField(_("notice (English)"))
    text_ko = models.TextField(_("notice (Korean)"))
    privacy_officer = models.CharField(_("privacy officer (name and contact)"), max_length=300)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")

    def __str__(self):
        return _("Privacy notice, version %(version)s") % {"version": self.version}


class Consent(models.Model):
    """A person agreed to one version of the notice, at one time, to these purposes."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
                             related_name="privacy_consents")
    notice = models.ForeignKey(PrivacyNotice, verbose_name=_("notice"), on_delete=models.PROTECT,
                               related_name="consents")
    consented_at = models.DateTimeField(_("consented at"), auto_now_add=True)
    items = models.JSONField(_("consented to"), default=list)

    class Meta:
        ordering = ["-consented_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [models.UniqueConstraint(fields=["user", "notice"], name="one_consent_per_notice")]

    def __str__(self):
        return f"#{self.user_id} → v{self.notice.version}"


def export_path(instance, filename):
    return f"privacy/exports/{uuid.uuid4().hex}.zip"


class DataExport(models.Model):
    """A copy of my data: built in the background, downloaded by its owner only, until it expires."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
                             related_name="data_exports")
    token = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PENDING, editable=False)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True, editable=False)
    file = models.FileField(_("archive"), upload_to=export_path, max_length=300, blank=True, editable=False)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("copy of personal data")
        verbose_name_plural = _("copies of personal data")

    def __str__(self):
        return f"#{self.pk} ({self.get_status_display()})"

    @property
    def expires_at(self):
        return self.ready_at + EXPORT_LIFETIME if self.ready_at else None

    @property
    def is_downloadable(self):
        return self.status == self.Status.READY and bool(self.file) and timezone.now() < self.expires_at


class ErasureRequest(models.Model):
    """A person asks to close their account; the secretariat decides how much of the record stays."""

    class Mode(models.TextChoices):
        ANONYMISE = "anonymise", _("Remove personal data, keep submitted applications and judging (anonymised)")
        JUDGING_ONLY = "judging_only", _("Remove everything but the judging record")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
                             related_name="erasure_requests")
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    mode = models.CharField(_("decision"), max_length=16, choices=Mode, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    done_at = models.DateTimeField(_("erased at"), null=True, blank=True, editable=False)
    counts = models.JSONField(_("what was removed"), default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")

    def __str__(self):
        return _("Erasure of user #%(id)s") % {"id": self.user_id}


class RetentionPolicy(models.Model):
    """How long an edition keeps the data of applicants who did not win, and whether a legal hold stops it."""

    edition = models.OneToOneField("applications.Edition", verbose_name=_("edition"), on_delete=models.CASCADE,
                                   related_name="retention_policy")
    years = models.PositiveSmallIntegerField(
        _("years after the call closed"), null=True, blank=True,
        help_text=_("Counted from the closing of applications. Leave empty to give a date instead."))
    until = models.DateField(_("or until"), null=True, blank=True)
    legal_hold = models.BooleanField(_("legal hold"), default=False,
                                     help_text=_("Nothing is anonymised while a legal hold is set."))
    legal_hold_reason = models.CharField(_("reason for the legal hold"), max_length=300, blank=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-edition__year"]
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")

    def __str__(self):
        return _("Retention for %(edition)s") % {"edition": self.edition.year}

    @property
    def expires_on(self):
        if self.until:
            return self.until
        if self.years is not None and self.edition.closes_at:
            closed = timezone.localdate(self.edition.closes_at)
            try:
                return closed.replace(year=closed.year + self.years)
            except ValueError:  # 29 February
                return closed.replace(year=closed.year + self.years, day=28)
        return None

    def is_due(self, today=None):
        expires = self.expires_on
        return bool(expires and not self.legal_hold and (today or timezone.localdate()) >= expires)
