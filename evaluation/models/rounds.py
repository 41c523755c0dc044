from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def default_tie_break():
    return ["inclusiveness", "impact"]


class Round(models.Model):
    """One judging round of an edition. Its behaviour is data the secretariat edits, not code."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        FINALIZED = "finalized", _("Finalized")

    class Visibility(models.TextChoices):
        NEVER = "never", _("Never")
        AFTER_OWN = "after_own", _("After submitting one's own review")
        ALWAYS = "always", _("Always")

    class Rule(models.TextChoices):
        TOP_N = "top_n", _("Top N per category")
        MIN_SCORE = "min_score", _("Minimum normalised score")
        MANUAL = "manual", _("Manual selection")

    class Basis(models.TextChoices):
        NORMALISED = "normalised", _("Normalised score (mean of per-judge z-scores)")
        WEIGHTED = "weighted", _("Weighted mean")

    edition = models.ForeignKey("applications.Edition", verbose_name=_("edition"), on_delete=models.CASCADE,
                                related_name="rounds")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    committee = models.ForeignKey("evaluation.Committee", verbose_name=_("committee"), on_delete=models.PROTECT,
                                  related_name="rounds")
    categories = models.ManyToManyField("applications.Category", verbose_name=_("categories"), blank=True,
                                        related_name="rounds", help_text=_("Empty: every category of the edition."))
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True,
                                     help_text=_("Korea time. Judges can change their reviews until then."))
    judges_per_entry = models.PositiveSmallIntegerField(_("judges per entry (k)"), default=3)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=10)
    score_visibility = models.CharField(_("judges see each other's scores"), max_length=16, choices=Visibility,
                                        default=Visibility.NEVER)
    conflict_same_country = models.BooleanField(
        _("a judge from the applicant's country is conflicted"), default=False)
    advancement_rule = models.CharField(_("advancement rule"), max_length=16, choices=Rule, default=Rule.TOP_N)
    advance_top_n = models.PositiveSmallIntegerField(_("N (top N per category)"), default=10)
    advance_min_score = models.DecimalField(_("minimum normalised score"), max_digits=5, decimal_places=2,
                                            default=Decimal("0.00"))
    ranking_basis = models.CharField(_("rank by"), max_length=16, choices=Basis, default=Basis.NORMALISED)
    tie_break = models.JSONField(
        _("tie-break"), default=default_tie_break, blank=True,
        help_text=_("Criterion codes in order: a tie is broken by the higher mean of the first, then the next."))
    disagreement_threshold = models.DecimalField(
        _("disagreement flag above (standard deviation)"), max_digits=4, decimal_places=2, default=Decimal("2.00"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.DRAFT, editable=False)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    finalized_at = models.DateTimeField(_("finalized at"), null=True, blank=True, editable=False)
    result_snapshot = models.JSONField(_("frozen results"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["edition", "number"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="unique_round_number_per_edition")]

    # Only the services' transitions write these (always with ``update_fields``); an ordinary save of a stale
    # instance — an admin form left open while the round closed — must not put an old status back.
    WORKFLOW_FIELDS = frozenset({"status", "opened_at", "closed_at", "finalized_at", "result_snapshot"})

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None and not self._state.adding:
            update_fields = [f.name for f in self._meta.concrete_fields
                             if not f.primary_key and f.name not in self.WORKFLOW_FIELDS]
        super().save(*args, update_fields=update_fields, **kwargs)

    def __str__(self):
        return _("Round %(number)s — %(name)s (%(year)s)") % {"number": self.number, "name": self.name,
                                                              "year": self.edition.year}

    @property
    def tie_break_codes(self):
        """The stored tie-break as the list of criterion codes it is meant to be. The admin form only saves
        such lists; anything else stored another way is ignored rather than breaking results and exports."""
        value = self.tie_break if isinstance(self.tie_break, (list, tuple)) else []
        return list(dict.fromkeys(code for code in value if isinstance(code, str)))

    def accepts_reviews_at(self, moment):
        return self.status == self.Status.OPEN and (self.closes_at is None or moment <= self.closes_at)

    @property
    def accepts_reviews(self):
        return self.accepts_reviews_at(timezone.now())


class Criterion(models.Model):
    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("code"), max_length=40, help_text=_("Short name used by the tie-break, e.g. impact."))
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("what judges look for"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=Decimal("1"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["round", "order", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [models.UniqueConstraint(fields=["round", "code"], name="unique_criterion_code_per_round")]

    def __str__(self):
        return self.name


class RoundEntry(models.Model):
    """An application taking part in a round, and what the round decided about it."""

    class Override(models.TextChoices):
        NONE = "", _("Follow the rule")
        INCLUDE = "include", _("Include")
        EXCLUDE = "exclude", _("Exclude")

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="entries")
    application = models.ForeignKey("applications.Application", verbose_name=_("application"),
                                    on_delete=models.CASCADE, related_name="round_entries")
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    override = models.CharField(_("secretariat decision"), max_length=8, choices=Override, blank=True, default="")
    override_reason = models.CharField(_("reason"), max_length=500, blank=True)
    override_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", editable=False)
    advanced = models.BooleanField(_("advanced"), null=True, editable=False)
    rank = models.PositiveIntegerField(_("rank in category"), null=True, editable=False)

    class Meta:
        ordering = ["round", "application__category__order", "application__reference"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [models.UniqueConstraint(fields=["round", "application"], name="one_entry_per_round")]

    def __str__(self):
        return str(self.application)
