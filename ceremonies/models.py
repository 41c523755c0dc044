"""Award levels, awards, the ceremony and certificates of an edition.

Models hold data only. What may change and how (granting an award, publishing, issuing or revoking
a certificate) is decided in ``services.py``; who may see what, in ``rules.py``.
"""
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from applications.choices import ApplicantType
from applications.models import KOREAN_HELP, Application, Category, Edition
from prize_portal.bilingual import Bilingual


# Printed under the signatures: titles, kept as the secretariat enters them (not through gettext).
DEFAULT_SIGNATORIES = {"en": ("Secretary General, WeGO", "Mayor, Seoul Metropolitan Government"),
                       "ko": ("WeGO 사무총장", "서울특별시장")}


class AwardLevel(Bilingual, models.Model):
    """A kind of award an edition gives: Gold, Silver, …, Leadership, a Special Mention."""

    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.CASCADE,
                                related_name="award_levels")
    slug = models.SlugField(_("code"), max_length=40,
                            help_text=_("gold, silver, bronze, corporation, institution, leadership, special_mention"))
    name = models.CharField(_("name"), max_length=100)
    name_ko = models.CharField(_("name (Korean)"), max_length=100, blank=True, help_text=KOREAN_HELP)
    order = models.PositiveSmallIntegerField(_("rank"), default=0, help_text=_("Lower ranks are listed first."))
    categories = models.ManyToManyField(Category, verbose_name=_("categories"), blank=True, related_name="+",
                                        help_text=_("Where this level is given. Empty: across categories."))
    is_special_mention = models.BooleanField(_("special mention"), default=False,
                                             help_text=_("Chosen with a partner organisation, named on the award."))
    max_per_category = models.PositiveSmallIntegerField(
        _("at most per category"), null=True, blank=True,
        help_text=_("Empty: no limit (several Silver or Bronze awards are possible)."))

    class Meta:
        ordering = ["edition", "order", "name"]
        verbose_name = _("award level")
        verbose_name_plural = _("award levels")
        constraints = [models.UniqueConstraint(fields=["edition", "slug"], name="unique_award_level_per_edition")]

    def __str__(self):
        return f"{self.tr.name} ({self.edition.year})"


class Award(models.Model):
    """One award. What the public sees is kept here (a snapshot of the application, refreshed when it
    changes), so an imported past edition needs no applications at all."""

    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="awards")
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="awards", help_text=_("Empty for a special mention."))
    level = models.ForeignKey(AwardLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="awards")
    application = models.ForeignKey(Application, verbose_name=_("application"), on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="awards",
                                    help_text=_("Empty for awards imported from a past edition."))
    entity_type = models.CharField(_("winner type"), max_length=16, choices=ApplicantType)
    entity_name = models.CharField(_("winner"), max_length=200)
    project_title = models.CharField(_("project title"), max_length=250, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    citation = models.TextField(_("citation"), blank=True, help_text=_("One or two sentences, read at the ceremony."))
    partner = models.CharField(_("partner organisation"), max_length=200, blank=True,
                               help_text=_("Special mentions: the partner that chose it."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["edition", "category__order", "level__order", "entity_name"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(fields=["level", "application"], condition=Q(application__isnull=False),
                                    name="one_award_of_a_level_per_application"),
        ]

    def __str__(self):
        return f"{self.level.name} — {self.entity_name}"


class Ceremony(Bilingual, models.Model):
    edition = models.OneToOneField(Edition, verbose_name=_("edition"), on_delete=models.CASCADE,
                                   related_name="ceremony")
    starts_at = models.DateTimeField(_("starts"), help_text=_("Korea Standard Time."))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200)
    venue_ko = models.CharField(_("venue (Korean)"), max_length=200, blank=True, help_text=KOREAN_HELP)
    address = models.CharField(_("address"), max_length=300, blank=True)
    address_ko = models.CharField(_("address (Korean)"), max_length=300, blank=True, help_text=KOREAN_HELP)
    language_notes = models.CharField(_("languages"), max_length=300, blank=True,
                                      help_text=_("e.g. In English with Korean interpretation."))
    language_notes_ko = models.CharField(_("languages (Korean)"), max_length=300, blank=True, help_text=KOREAN_HELP)
    notes = models.TextField(_("notes for the public"), blank=True)
    notes_ko = models.TextField(_("notes for the public (Korean)"), blank=True, help_text=KOREAN_HELP)
    announces_on = models.DateField(_("results announced on"), null=True, blank=True,
                                    help_text=_("The planned day of the announcement, shown on the public timeline."))
    published_at = models.DateTimeField(_("ceremony page published"), null=True, blank=True, editable=False,
                                        help_text=_("The ceremony page may be public before the results are."))
    signatory_left = models.CharField(_("first signature line"), max_length=120,
                                      default=DEFAULT_SIGNATORIES["en"][0])
    signatory_left_ko = models.CharField(_("first signature line (Korean)"), max_length=120,
                                         default=DEFAULT_SIGNATORIES["ko"][0], help_text=_("On certificates in Korean."))
    signatory_right = models.CharField(_("second signature line"), max_length=120,
                                       default=DEFAULT_SIGNATORIES["en"][1])
    signatory_right_ko = models.CharField(_("second signature line (Korean)"), max_length=120,
                                          default=DEFAULT_SIGNATORIES["ko"][1], help_text=_("On certificates in Korean."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ceremony")
        verbose_name_plural = _("ceremonies")

    def __str__(self):
        return _("Prize Ceremony %(year)s") % {"year": self.edition.year}

    @property
    def is_published(self):
        return self.published_at is not None


class ProgrammeItem(Bilingual, models.Model):
    ceremony = models.ForeignKey(Ceremony, on_delete=models.CASCADE, related_name="programme")
    at = models.TimeField(_("time (KST)"))
    title = models.CharField(_("title"), max_length=200)
    title_ko = models.CharField(_("title (Korean)"), max_length=200, blank=True, help_text=KOREAN_HELP)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)

    class Meta:
        ordering = ["ceremony", "at", "id"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")

    def __str__(self):
        return f"{self.at:%H:%M} {self.title}"


class PublicPageVersion(models.Model):
    """Bumped whenever anything shown on an edition's public pages changes: the cache key includes it,
    so every web process sees the change at once, whatever cache backend runs."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField(default=0)


CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud or typed from paper


def new_certificate_code():
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"SSCP-{body[:4]}-{body[4:8]}-{body[8:]}"


def certificate_path(certificate, filename):
    return f"certificates/{certificate.edition.year}/{certificate.code}.pdf"


class Certificate(models.Model):
    class Kind(models.TextChoices):
        AWARD = "award", _("Award")
        FINALIST = "finalist", _("Finalist")
        SERVICE = "service", _("Service on the Evaluation Committee")

    edition = models.ForeignKey(Edition, verbose_name=_("edition"), on_delete=models.PROTECT,
                                related_name="certificates")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    code = models.CharField(_("verification code"), max_length=24, unique=True, default=new_certificate_code,
                            editable=False)
    award = models.OneToOneField(Award, verbose_name=_("award"), on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="certificate")
    application = models.ForeignKey(Application, verbose_name=_("application"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="certificates")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("judge"), on_delete=models.SET_NULL,
                              null=True, blank=True, related_name="service_certificates")

    # What is printed, kept as printed: the verification page shows exactly this.
    recipient_name = models.CharField(_("recipient"), max_length=200)
    recipient_place = models.CharField(_("city and country"), max_length=250, blank=True)
    project_title = models.CharField(_("project title"), max_length=250, blank=True)
    category_name = models.CharField(_("category"), max_length=100, blank=True)
    level_name = models.CharField(_("level"), max_length=100, blank=True)
    partner = models.CharField(_("partner"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en",
                                help_text=_("The language the certificate is printed in: the recipient's, unless "
                                            "the secretariat chooses another."))

    file = models.FileField(_("PDF"), upload_to=certificate_path, max_length=300, blank=True)
    requested_at = models.DateTimeField(_("rendering requested"), null=True, blank=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)
    render_error = models.TextField(_("last rendering error"), blank=True)

    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        ordering = ["edition", "kind", "recipient_name"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["application"], condition=Q(kind="finalist"),
                                    name="one_finalist_certificate_per_application"),
            models.UniqueConstraint(fields=["edition", "judge"], condition=Q(kind="service"),
                                    name="one_service_certificate_per_judge_and_edition"),
        ]

    def __str__(self):
        return f"{self.code} — {self.recipient_name}"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_ready(self):
        """Rendered since the last request, so the stored PDF shows the current data."""
        return bool(self.file and self.rendered_at and (self.requested_at is None
                                                         or self.rendered_at >= self.requested_at))


class EditionResults(Edition):
    """An edition seen from the secretariat's results desk: publishing, certificates, progress."""

    class Meta:
        proxy = True
        verbose_name = _("results and publication")
        verbose_name_plural = _("results and publication")
