"""Hooks ceremonies registers on the apps below it (they never import ceremonies).

When an entrant's name or an award changes, the public pages are invalidated and the certificates
that print it are re-rendered. Each receiver only calls a service.
"""
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from applications.models import ApplicantProfile, Application, Edition

from . import services
from .models import Award, AwardLevel, Ceremony, ProgrammeItem

RESULT_STATUSES = (Application.Status.FINALIST, Application.Status.WINNER)


@receiver(post_save, sender=Application, dispatch_uid="ceremonies.application_saved")
def application_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.status in RESULT_STATUSES or instance.awards.exists():
        services.sync_from_application(application=instance)
    elif instance.edition.results_published:
        services.bump_public_pages(edition=instance.edition)


@receiver(post_save, sender=ApplicantProfile, dispatch_uid="ceremonies.applicant_saved")
def applicant_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for application in instance.applications.filter(status__in=RESULT_STATUSES).select_related(
            "edition", "category", "applicant"):
        services.sync_from_application(application=application)


@receiver(post_save, sender=Edition, dispatch_uid="ceremonies.edition_saved")
def edition_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        services.bump_public_pages(edition=instance)


@receiver(post_save, sender=Award, dispatch_uid="ceremonies.award_saved")
@receiver(post_delete, sender=Award, dispatch_uid="ceremonies.award_deleted")
@receiver(post_save, sender=AwardLevel, dispatch_uid="ceremonies.level_saved")
@receiver(post_delete, sender=AwardLevel, dispatch_uid="ceremonies.level_deleted")
@receiver(post_save, sender=Ceremony, dispatch_uid="ceremonies.ceremony_saved")
@receiver(post_delete, sender=Ceremony, dispatch_uid="ceremonies.ceremony_deleted")
def edition_content_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _bump(instance.edition_id)


@receiver(post_save, sender=ProgrammeItem, dispatch_uid="ceremonies.programme_saved")
@receiver(post_delete, sender=ProgrammeItem, dispatch_uid="ceremonies.programme_deleted")
def programme_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _bump(Ceremony.objects.filter(pk=instance.ceremony_id).values_list("edition_id", flat=True).first())


def _bump(edition_id):
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is not None:
        services.bump_public_pages(edition=edition)
