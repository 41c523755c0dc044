"""Public pages of the results, open data, certificate verification and download. Thin: each view asks
``rules`` who may see what, reads ``results`` (cached) and renders."""
import json

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from applications.models import Edition
from prize_portal.downloads import private_file

from . import results, rules
from .models import Award, Ceremony, Certificate


def _ceremony(edition):
    return Ceremony.objects.filter(edition=edition).prefetch_related("programme").first()


def _is_anonymous_visit(request):
    """No session and no pending messages: the whole page is the same for every such visitor, so it is
    cached whole (pages for signed-in people differ in the navigation and are cached as content only)."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


def _public_page(request, kind, edition, render_page):
    if _is_anonymous_visit(request):
        body = (results.cached(f"anon-{kind}", edition, lambda: render_page().content) if edition is not None
                else results.cached_index(lambda: render_page().content, kind=f"anon-{kind}"))
        response = HttpResponse(body)
    else:
        response = render_page()
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


@require_safe
def winners_index(request):
    def build():
        editions = []
        for edition in rules.public_editions():
            groups = results.edition_results(edition)
            editions.append({
                "edition": edition, "ceremony": _ceremony(edition),
                "winners": sum(len(g["winners"]) for g in groups),
                "finalists": sum(len(g["rows"]) for g in groups if g["slug"] != "special-mentions"),
            })
        return render_to_string("ceremonies/_index_content.html", {"editions": editions})

    return _public_page(request, "index", None, lambda: render(
        request, "ceremonies/winners_index.html", {"content": results.cached_index(build)}))


def _visible_edition(request, year):
    edition = get_object_or_404(Edition, year=year)
    if not rules.can_see_results(request.user, edition):
        raise Http404  # the embargo: not a word about unpublished results, not even that they exist
    return edition, not rules.results_are_public(edition)


@require_safe
def winners_edition(request, year):
    edition, preview = _visible_edition(request, year)

    def build():
        return render_to_string("ceremonies/_edition_content.html", {
            "edition": edition, "groups": results.edition_results(edition), "ceremony": _ceremony(edition)})

    if preview:
        response = render(request, "ceremonies/winners_edition.html", {
            "edition": edition, "content": build(), "preview": True})
        response["Cache-Control"] = "private, no-store"
        return response
    return _public_page(request, "edition", edition, lambda: render(request, "ceremonies/winners_edition.html", {
        "edition": edition, "content": results.cached("edition", edition, build), "preview": False}))


@require_safe
def winners_json(request, year):
    edition = get_object_or_404(Edition, year=year)
    if not rules.results_are_public(edition):
        raise Http404
    with translation.override(settings.LANGUAGE_CODE):  # open data keeps the same (English) names for everyone
        body = results.cached("json", edition, lambda: json.dumps(
            results.open_data(edition, site_url=settings.SITE_URL), ensure_ascii=False, indent=2).encode("utf-8"))
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    response["Content-Disposition"] = f'inline; filename="seoul-smart-city-prize-{edition.year}.json"'
    return response


@require_safe
def award_detail(request, year, pk):
    edition, preview = _visible_edition(request, year)
    award = get_object_or_404(Award.objects.select_related("edition", "level", "category"), edition=edition, pk=pk)

    def build():
        return render_to_string("ceremonies/_award_content.html", {
            "award": award, "row": results.award_row(award), "edition": edition})

    if preview:
        return render(request, "ceremonies/award_detail.html", {
            "edition": edition, "award": award, "content": build(), "preview": True})
    return _public_page(request, f"award-{award.pk}", edition, lambda: render(
        request, "ceremonies/award_detail.html", {"edition": edition, "award": award, "preview": False,
                                                  "content": results.cached(f"award-{award.pk}", edition, build)}))


def _certificate(code):
    return (Certificate.objects.select_related("edition", "application__applicant", "award")
            .filter(code=code.strip().upper()).first())


@require_safe
def verify_certificate(request, code):
    """The page a QR code opens: valid, revoked, or unknown — said plainly."""
    certificate = _certificate(code)
    if certificate is not None and not rules.certificate_is_public(certificate):
        certificate = None  # not yet public reads exactly as unknown: the embargo holds here too
    state = "unknown" if certificate is None else ("revoked" if certificate.is_revoked else "valid")
    return render(request, "ceremonies/certificate_verify.html", {
        "certificate": certificate, "state": state, "code": code,
        "can_download": certificate is not None and rules.can_download_certificate(request.user, certificate),
    }, status=404 if state == "unknown" else 200)


@require_safe
def download_certificate(request, code):
    certificate = _certificate(code)
    if certificate is None or not rules.can_download_certificate(request.user, certificate):
        raise Http404
    response = FileResponse(certificate.file.open("rb"), content_type="application/pdf")
    return private_file(response, filename=f"{certificate.code}.pdf")
