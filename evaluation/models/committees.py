import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Region(models.TextChoices):
    ASIA = "asia", _("Asia")
    AFRICA = "africa", _("Africa")
    EUROPE = "europe", _("Europe")
    LATIN_AMERICA = "latin_america", _("Latin America")
    MIDDLE_EAST = "middle_east", _("Middle East")
    NORTH_AMERICA = "north_america", _("North America")
    OCEANIA = "oceania", _("Oceania")


class Committee(models.Model):
    class Kind(models.TextChoices):
        ORGANIZING = "organizing", _("Organizing Committee")
        EVALUATION = "evaluation", _("Evaluation Committee")
        STEERING = "steering", _("Steering Committee")

    edition = models.ForeignKey("applications.Edition", verbose_name=_("edition"), on_delete=models.CASCADE,
                                related_name="committees")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.EVALUATION)
    name = models.CharField(_("name"), max_length=200)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="CommitteeMember", related_name="committees",
                                     verbose_name=_("members"))

    class Meta:
        ordering = ["edition", "kind", "name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="unique_committee_name_per_edition")]

    def __str__(self):
        return f"{self.name} ({self.edition.year})"


class CommitteeMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.CASCADE,
                                  related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("judge"), on_delete=models.CASCADE,
                             related_name="committee_memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role, default=Role.MEMBER)
    capacity = models.PositiveSmallIntegerField(
        _("capacity per round"), null=True, blank=True,
        help_text=_("The most entries this judge reviews in one round. Empty: no limit."))
    is_active = models.BooleanField(_("active"), default=True,
                                    help_text=_("Inactive members keep their past reviews but get no new entries."))
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        ordering = ["committee", "user__last_name", "user__email"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [models.UniqueConstraint(fields=["committee", "user"], name="one_membership_per_committee")]

    def __str__(self):
        return f"{self.user} — {self.committee}"


class JudgeProfile(models.Model):
    """Who a judge is: what the conflict checks and the regional spread of assignments look at."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="judge_profile")
    country = CountryField(_("country"), blank=True)
    region = models.CharField(_("region"), max_length=16, choices=Region, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    expertise = models.JSONField(_("expertise sectors"), default=list, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True, help_text=_("e.g. English, Korean"))
    bio = models.TextField(_("short bio"), blank=True)

    class Meta:
        verbose_name = _("judge profile")
        verbose_name_plural = _("judge profiles")

    def __str__(self):
        return str(self.user)


class Invitation(models.Model):
    """The secretariat asks an expert to join a committee; accepting creates or links their account."""

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.CASCADE,
                                  related_name="invitations")
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity per round"), null=True, blank=True)
    token = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", editable=False)

    class Meta:
        ordering = ["-invited_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["committee", "email"], name="one_invitation_per_email")]

    def __str__(self):
        return f"{self.email} → {self.committee}"
