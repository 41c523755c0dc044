"""The ceremony page and the edition's public timeline: what may be announced before the results.

The ceremony page is public once the secretariat publishes it (``publish_ceremony``), which may be long
before the results; the results themselves stay under the embargo in ``rules``.
"""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record

from .models import Ceremony
from .services import bump_public_pages


def published_ceremony(edition):
    """The edition's ceremony if its page is public, else None (not even whether one is planned)."""
    return (Ceremony.objects.filter(edition=edition, published_at__isnull=False)
            .select_related("edition").prefetch_related("programme").first())


@transaction.atomic
def publish_ceremony(*, ceremony, by):
    if ceremony.published_at is None:
        ceremony.published_at = timezone.now()
        ceremony.save(update_fields=["published_at", "updated_at"])
        record(actor=by, action="ceremony.published", target=ceremony)
        bump_public_pages(edition=ceremony.edition)
    return ceremony


@transaction.atomic
def unpublish_ceremony(*, ceremony, by):
    if ceremony.published_at is not None:
        ceremony.published_at = None
        ceremony.save(update_fields=["published_at", "updated_at"])
        record(actor=by, action="ceremony.unpublished", target=ceremony)
        bump_public_pages(edition=ceremony.edition)
    return ceremony


def edition_timeline(edition, *, rounds=()):
    """The edition's dates, in order, as the public may read them: the call, the rounds (``rounds``: the
    evaluation app's (name, opens, closes)), the announcement and the ceremony once its page is public."""
    steps = []
    if edition.opens_at:
        steps.append({"key": "call_opens", "at": edition.opens_at, "label": _("Call for applications opens")})
    if edition.closes_at:
        steps.append({"key": "call_closes", "at": edition.closes_at, "label": _("Call for applications closes")})
    for name, opens_at, closes_at in rounds:
        if opens_at or closes_at:
            steps.append({"key": "round", "at": opens_at, "until": closes_at, "label": name})
    ceremony = published_ceremony(edition)
    if edition.results_published_at:
        steps.append({"key": "announcement", "at": edition.results_published_at,
                      "label": _("Finalists and winners announced")})
    elif ceremony and ceremony.announces_on:
        steps.append({"key": "announcement", "on": ceremony.announces_on,
                      "label": _("Finalists and winners to be announced")})
    if ceremony:
        steps.append({"key": "ceremony", "at": ceremony.starts_at, "label": _("Prize ceremony")})
    return steps
