from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from audit.services import record

from ..models import Consent, PrivacyNotice

CONSENT_ITEMS = ("collection_and_use", "transfer_abroad")
SESSION_KEY = "privacy_consented_version"


def current_notice():
    return PrivacyNotice.objects.exclude(published_at=None).order_by("-version").first()


def _current_version():
    """Asked on every signed-in request: one indexed query (a cache would go stale across workers)."""
    return (PrivacyNotice.objects.exclude(published_at=None).aggregate(last=Max("version"))["last"]) or 0


def needs_consent(user, session=None):
    """Signed in, a notice is published, and the person has not consented to this version. ``session``
    remembers a consent already found, so a page costs one query, not two."""
    version = _current_version()
    if not version or not user.is_authenticated:
        return False
    if session is not None and session.get(SESSION_KEY) == version:
        return False
    consented = Consent.objects.filter(user=user, notice__version=version).exists()
    if consented and session is not None:
        session[SESSION_KEY] = version
    return not consented


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
