"""Starting a new edition: its categories copied from the previous edition (or the defaults), editable after.

The higher apps copy what they own when ``signals.edition_started`` is sent: award levels (ceremonies), rounds
and their criteria (evaluation). All of it happens in one transaction: a copy that fails starts nothing.
"""
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record

from . import signals
from .demo import CATEGORIES as DEFAULT_CATEGORIES  # the first edition's categories, as published
from .models import Category, Edition
from .services import ApplicationError

# What a new edition takes over from the one before; dates, theme and status start afresh.
CARRIED_OVER = ("max_applications_per_applicant", "draft_reminder_days", "review_reminder_days")
CATEGORY_FIELDS = ("name", "name_ko", "slug", "description", "description_ko", "example_projects",
                   "example_projects_ko", "eligible_applicant_types", "accepts_nominations", "is_for_individuals",
                   "order")


def previous_edition(year):
    return Edition.objects.filter(year__lt=year).order_by("-year").first()


def start_edition(*, year, by, copy_from=None):
    """A new edition in preparation, with the categories (and, through the signal, the award levels and rounds)
    of ``copy_from`` — by default the latest edition before ``year`` — or the defaults when there is none."""
    with transaction.atomic():
        if Edition.objects.filter(year=year).exists():
            raise ApplicationError(_("There is already an edition in %(year)s.") % {"year": year})
        copy_from = copy_from or previous_edition(year)
        edition = Edition(year=year, status=Edition.Status.PREPARING,
                          ordinal=copy_from.ordinal + (year - copy_from.year) if copy_from else max(year - 2022, 1))
        for field in CARRIED_OVER if copy_from else ():
            setattr(edition, field, getattr(copy_from, field))
        edition.save()
        if copy_from is not None:
            specs = [{field: getattr(category, field) for field in CATEGORY_FIELDS}
                     for category in copy_from.categories.all()]
        else:
            default = {field: Category._meta.get_field(field).get_default() for field in CATEGORY_FIELDS}
            specs = [{field: spec.get(field, default[field]) for field in CATEGORY_FIELDS} for spec in DEFAULT_CATEGORIES]
        Category.objects.bulk_create([Category(edition=edition, **spec) for spec in specs])
        signals.edition_started.send(sender=Edition, edition=edition, copy_from=copy_from, by=by)
        record(actor=by, action="edition.started", target=edition,
               copied_from=copy_from.year if copy_from else None)
    return edition
