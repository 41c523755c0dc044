"""The ceremony page, its calendar file and the edition's timeline. Thin: ``ceremony`` decides what is
public; nothing here depends on the results, which keep their own embargo."""
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from accounts.roles import is_secretariat
from applications.models import Edition
from evaluation.models import Round

from .calendar import ceremony_ics
from .ceremony import edition_timeline, published_ceremony
from .models import Ceremony


def _ceremony_for(request, year):
    """The published ceremony; the secretariat also previews an unpublished one (never cached)."""
    edition = get_object_or_404(Edition, year=year)
    ceremony = published_ceremony(edition)
    if ceremony is None and is_secretariat(request.user):
        ceremony = Ceremony.objects.filter(edition=edition).prefetch_related("programme").first()
    if ceremony is None:
        raise Http404
    return ceremony


def _private_if_preview(response, ceremony):
    if not ceremony.is_published:
        response["Cache-Control"] = "private, no-store"  # a preview must never sit in a shared cache
    return response


@require_safe
def ceremony_page(request, year):
    ceremony = _ceremony_for(request, year)
    return _private_if_preview(render(request, "ceremonies/ceremony.html", {
        "ceremony": ceremony, "edition": ceremony.edition, "preview": not ceremony.is_published}), ceremony)


@require_safe
def ceremony_calendar(request, year):
    ceremony = _ceremony_for(request, year)
    with translation.override(request.LANGUAGE_CODE):
        body = ceremony_ics(ceremony, summary=str(ceremony), host=urlsplit(settings.SITE_URL).hostname or "localhost",
                            url=settings.SITE_URL + reverse("ceremonies:ceremony", args=[year]))
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="seoul-smart-city-prize-ceremony-{year}.ics"'
    return _private_if_preview(response, ceremony)


@require_safe
def timeline(request, year):
    edition = get_object_or_404(Edition, year=year)
    if edition.status == Edition.Status.PREPARING:
        raise Http404  # an edition in preparation is not public, nor are its dates
    rounds = Round.objects.filter(edition=edition).order_by("number").values_list("name", "opens_at", "closes_at")
    return render(request, "ceremonies/timeline.html", {
        "edition": edition, "steps": edition_timeline(edition, rounds=rounds),
        "ceremony": published_ceremony(edition)})
