from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Assignment(models.Model):
    """A judge reviewing one entry of a round; it carries the review itself (comment, status, scores)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    class Source(models.TextChoices):
        AUTOMATIC = "auto", _("Automatic")
        MANUAL = "manual", _("Added by the secretariat")
        REASSIGNED = "reassigned", _("Reassigned after a conflict")

    round = models.ForeignKey("evaluation.Round", verbose_name=_("round"), on_delete=models.CASCADE,
                              related_name="assignments")
    entry = models.ForeignKey("evaluation.RoundEntry", verbose_name=_("entry"), on_delete=models.CASCADE,
                              related_name="assignments")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("judge"), on_delete=models.PROTECT,
                              related_name="assignments")
    source = models.CharField(_("source"), max_length=16, choices=Source, default=Source.AUTOMATIC, editable=False)
    status = models.CharField(_("review status"), max_length=16, choices=Status, default=Status.NOT_STARTED,
                              editable=False, db_index=True)
    comment = models.TextField(_("overall comment"), blank=True, editable=False)
    note_for_secretariat = models.TextField(_("note for the secretariat"), blank=True, editable=False)
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["round", "entry", "judge"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["entry", "judge"], name="one_assignment_per_entry_and_judge")]
        indexes = [models.Index(fields=["judge", "round"]), models.Index(fields=["round", "status"])]

    def __str__(self):
        return f"{self.entry.application.reference} ← {self.judge}"


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("evaluation.Criterion", verbose_name=_("criterion"), on_delete=models.CASCADE,
                                  related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="one_score_per_criterion")]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class Conflict(models.Model):
    """A conflict of interest: declared (the judge), recorded (the secretariat) or automatic.

    Automatic conflicts (same organisation, email domain, country: see ``evaluation.conflicts``) are
    computed from the judge's and the applicant's facts; ``services.refresh_assignments`` stores them here, with
    their reason, whenever those facts change after an assignment, and removes them when the cause is gone.
    """

    class Kind(models.TextChoices):
        DECLARED = "declared", _("Declared by the judge")
        SECRETARIAT = "secretariat", _("Recorded by the secretariat")
        AUTOMATIC = "automatic", _("Found automatically")

    judge = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("judge"), on_delete=models.CASCADE,
                              related_name="conflicts")
    application = models.ForeignKey("applications.Application", verbose_name=_("application"),
                                    on_delete=models.CASCADE, related_name="conflicts")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.DECLARED)
    reason = models.CharField(_("reason"), max_length=500)
    round = models.ForeignKey("evaluation.Round", verbose_name=_("round"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["judge", "application"], name="one_conflict_per_judge_entry")]

    def __str__(self):
        return f"{self.judge} ✕ {self.application}"
