"""Who may see what of the results: the one place that decides (the embargo lives here).

Views, querysets, templates and the admin all ask these predicates.
"""
from accounts.roles import is_secretariat
from applications.models import Application, Edition

from .models import Certificate


def results_are_public(edition):
    """The embargo: finalists and winners are public only once the secretariat has published them."""
    return edition is not None and edition.results_published


def public_editions():
    """The editions the public may read about, newest first."""
    return Edition.objects.filter(results_published_at__isnull=False).order_by("-year")


def can_preview_results(user, edition):
    """The secretariat checks the pages before publishing; nobody else sees unpublished results."""
    return is_secretariat(user)


def can_see_results(user, edition):
    return results_are_public(edition) or can_preview_results(user, edition)


def certificate_is_public(certificate):
    """A certificate is confirmed publicly only when what it certifies is public: awards and finalists
    after publication, service on the committee at once. Before that it reads as unknown."""
    if certificate.kind == Certificate.Kind.SERVICE:
        return True
    return results_are_public(certificate.edition)


def is_certificate_recipient(user, certificate):
    if not user.is_authenticated:
        return False
    if certificate.kind == Certificate.Kind.SERVICE:
        return certificate.judge_id == user.pk
    application = certificate.application
    return application is not None and application.applicant.user_id == user.pk


def can_download_certificate(user, certificate):
    """Staff always; the recipient once it is rendered, public and not revoked."""
    if is_secretariat(user):
        return bool(certificate.file)
    return (is_certificate_recipient(user, certificate) and not certificate.is_revoked and bool(certificate.file)
            and certificate_is_public(certificate))


def own_certificates(user):
    """The certificates a user reaches from their own pages: theirs, valid, rendered and public."""
    if not user.is_authenticated:
        return Certificate.objects.none()
    mine = (Certificate.objects.filter(application__applicant__user=user,
                                       kind__in=(Certificate.Kind.AWARD, Certificate.Kind.FINALIST),
                                       edition__results_published_at__isnull=False)
            | Certificate.objects.filter(judge=user, kind=Certificate.Kind.SERVICE))
    return mine.filter(revoked_at__isnull=True).exclude(file="").select_related("edition").order_by(
        "-edition__year", "kind")


def public_finalists(edition):
    """Finalists and winners of a published edition (empty while the embargo holds)."""
    if not results_are_public(edition):
        return Application.objects.none()
    return finalists_of(edition)


def finalists_of(edition):
    return (edition.applications.filter(status__in=(Application.Status.FINALIST, Application.Status.WINNER))
            .select_related("category", "applicant"))
