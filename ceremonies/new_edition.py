"""A new edition takes over the award levels of the edition it copies (or the default levels)."""
from .models import AwardLevel
from .services import ensure_default_levels

LEVEL_FIELDS = ("slug", "name", "name_ko", "order", "is_special_mention", "max_per_category")


def copy_award_levels(sender, *, edition, copy_from, by=None, **kwargs):
    if copy_from is None or not copy_from.award_levels.exists():
        ensure_default_levels(edition=edition)
        return
    categories = {category.slug: category for category in edition.categories.all()}
    for level in copy_from.award_levels.prefetch_related("categories"):
        copy = AwardLevel.objects.create(edition=edition, **{field: getattr(level, field) for field in LEVEL_FIELDS})
        copy.categories.set([categories[c.slug] for c in level.categories.all() if c.slug in categories])
