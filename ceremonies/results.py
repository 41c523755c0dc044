"""The results of an edition as the public reads them: one structure for the HTML pages and the
open data. Read-only; it never decides whether results may be shown (``rules`` does)."""
from django.core.cache import cache
from django.db.models import Sum
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from applications.choices import ApplicantType

from . import rules
from .models import Award, PublicPageVersion
from .services import page_version, snapshot_of

CACHE_SECONDS = 24 * 60 * 60
FINALIST = "finalist"


def _country(code_or_field):
    from django_countries import countries

    code = str(code_or_field or "")
    return {"code": code, "name": str(countries.name(code)) if code else ""}


def _entity_type_label(value):
    try:
        return ApplicantType(value).label
    except ValueError:
        return value


def award_row(award):
    return {
        "year": award.edition.year,
        "category": award.category.slug if award.category else None,
        "category_name": award.category.tr.name if award.category else "",
        "level": award.level.slug,
        "level_name": award.level.tr.name,
        "level_order": award.level.order,
        "is_special_mention": award.level.is_special_mention,
        "entity_name": award.entity_name,
        "entity_type": award.entity_type,
        "entity_type_label": _entity_type_label(award.entity_type),
        "project_title": award.project_title,
        "city": award.city,
        "country": _country(award.country),
        "citation": award.citation,
        "partner": award.partner,
        "url": reverse("ceremonies:award", args=[award.edition.year, award.pk]),
    }


def finalist_row(application):
    snapshot = snapshot_of(application)
    return {
        "year": application.edition.year,
        "category": application.category.slug,
        "category_name": application.category.tr.name,
        "level": FINALIST,
        "level_name": gettext("Finalist"),
        "level_order": 1000,
        "is_special_mention": False,
        "entity_name": snapshot["entity_name"],
        "entity_type": snapshot["entity_type"],
        "entity_type_label": _entity_type_label(snapshot["entity_type"]),
        "project_title": snapshot["project_title"],
        "city": snapshot["city"],
        "country": _country(snapshot["country"]),
        "citation": "",
        "partner": "",
        "url": None,
    }


def edition_results(edition):
    """Winners and finalists grouped by category (in the edition's order), then by level (Gold first);
    special mentions last. Finalists who won appear once, with their award."""
    awards = list(Award.objects.filter(edition=edition).select_related("edition", "level", "category")
                  .order_by("level__order", "entity_name"))
    finalists = list(rules.finalists_of(edition).filter(awards__isnull=True).select_related("edition")
                     .order_by("applicant__name"))
    groups = []
    for category in edition.categories.all():
        rows = [award_row(a) for a in awards if a.category_id == category.pk and not a.level.is_special_mention]
        rows += [finalist_row(a) for a in finalists if a.category_id == category.pk]
        if rows:
            groups.append({"slug": category.slug, "name": category.tr.name, "rows": rows,
                           "winners": [r for r in rows if r["level"] != FINALIST],
                           "finalists": [r for r in rows if r["level"] == FINALIST]})
    special = [award_row(a) for a in awards if a.level.is_special_mention or a.category_id is None]
    if special:
        groups.append({"slug": "special-mentions", "name": gettext("Special Mentions"), "rows": special,
                       "winners": special, "finalists": []})
    return groups


OPEN_DATA_FIELDS = ("year", "category", "level", "entity_name", "entity_type", "project_title", "city", "country",
                    "citation", "partner")


def open_data(edition, *, site_url):
    """The rows of /winners/<year>.json (schema in README.md, "Open data")."""
    rows = []
    for group in edition_results(edition):
        for row in group["rows"]:
            item = {field: row[field] for field in OPEN_DATA_FIELDS}
            item["country"] = row["country"]["code"] or None
            item["category_name"] = row["category_name"] or None
            item["level_name"] = row["level_name"]
            item["url"] = f"{site_url}{row['url']}" if row["url"] else None
            rows.append(item)
    return rows


def cached(kind, edition, build):
    """``build()``'s result, cached per edition, page version and language; a change bumps the version."""
    key = f"ceremonies:{kind}:{edition.year}:v{page_version(edition=edition)}:{translation.get_language()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value


def cached_index(build, *, kind="index"):
    editions = list(rules.public_editions().values_list("pk", "year"))
    total = PublicPageVersion.objects.filter(edition_id__in=[pk for pk, _year in editions]).aggregate(
        n=Sum("number"))["n"] or 0
    years = "-".join(str(year) for _pk, year in editions)
    key = f"ceremonies:{kind}:{years}:v{total}:{translation.get_language()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value
