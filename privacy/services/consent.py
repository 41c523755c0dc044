from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from audit.services import record

from ..models import Consent, PrivacyNotice

CONSENT_ITEMS = ("collection_and_use", "transfer_abroad")


def current_notice():
    return PrivacyNotice.objects.exclude(published_at=None).order_by("-version").first()


def needs_consent(user):
    """Signed in, a notice is published, and the person has not consented to this version."""
    notice = current_notice()
    return bool(notice and user.is_authenticated and not Consent.objects.filter(user=user, notice=notice).exists())


def record_consent(*, user, notice, items=CONSENT_ITEMS):
    with transaction.atomic():
        consent, created = Consent.objects.get_or_create(user=user, notice=notice, defaults={"items": list(items)})
        if created:
            record(actor=user, action="privacy.consented", target=notice, items=list(items))
        return consent


def next_version():
    return (PrivacyNotice.objects.aggregate(last=Max("version"))["last"] or 0) + 1


def publish_notice(*, notice, by):
    """From now on everyone signing in consents to this version."""
    with transaction.atomic():
        if notice.published_at is None:
            PrivacyNotice.objects.filter(pk=notice.pk).update(published_at=timezone.now())
            notice.refresh_from_db()
            record(actor=by, action="privacy.notice_published", target=notice, version=notice.version)
        return notice
