"""Loading a past edition's published awards from CSV (``manage.py import_awards FILE.csv``).

Every row is checked first; if any row is bad nothing is imported and every error is listed with its
row number (the header is row 1, as in a spreadsheet). Importing the same file again updates awards
in place (matched on year, category, level and winner's name) instead of duplicating them.
"""
import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django_countries import countries

from applications.choices import ApplicantType
from applications.demo import CATEGORIES
from applications.models import Category, Edition
from audit.services import record

from .models import Award
from .services import bump_public_pages, ensure_default_levels

COLUMNS = ("year", "category", "level", "entity_type", "entity_name", "project_title", "city", "country", "citation",
           "partner")
CATEGORY_SLUGS = ("tech-innovacity", "human-centricity", "leadership")
PROJECT_LEVELS = ("gold", "silver", "bronze", "corporation", "institution")
LEVELS = PROJECT_LEVELS + ("leadership", "special_mention")
LIMITS = {"entity_name": 200, "project_title": 250, "city": 120, "partner": 200, "citation": 2000}
CODE_LIMIT = 100  # the other columns hold short codes; a longer cell is refused without being echoed


class ImportRefused(Exception):
    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    editions_created: list = field(default_factory=list)
    unpublished_years: list = field(default_factory=list)


def read_rows(data):
    """``data``: bytes or text of a CSV file. Returns [(row number, {column: value})]."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportRefused([f"The file is not UTF-8 text (byte {error.start}); save it as CSV UTF-8."])
    reader = csv.DictReader(io.StringIO(data, newline=""))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    extra = [c for c in header if c not in COLUMNS]
    if missing or extra:
        problems = []
        if missing:
            problems.append(f"missing column(s): {', '.join(missing)}")
        if extra:
            problems.append(f"unknown column(s): {', '.join(extra)}")
        raise ImportRefused([f"Row 1 (header): {'; '.join(problems)}. Expected: {','.join(COLUMNS)}"])
    reader.fieldnames = header
    rows = []
    for number, raw in _records(reader):
        if None in raw:
            rows.append((number, None))  # more cells than columns
            continue
        values = {key: (value or "").strip() for key, value in raw.items()}
        if any(values.values()):
            rows.append((number, values))
    return rows


def _records(reader):
    """(row number, record) for each record; a cell too large for the csv module is refused with its row."""
    number = 1
    while True:
        number += 1
        try:
            raw = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportRefused([f"Row {number}: a cell is longer than {csv.field_size_limit():,} characters, or a "
                                 f"quote is not closed ({error})."]) from None
        yield number, raw


def check_row(values):
    """The problems of one row, as plain sentences (empty: the row is good)."""
    if values is None:
        return ["it has more cells than the header has columns"]
    oversized = [f"{column} is longer than {LIMITS.get(column, CODE_LIMIT)} characters"
                 for column in COLUMNS if len(values[column]) > LIMITS.get(column, CODE_LIMIT)]
    if oversized:
        return oversized  # checked first: the other messages quote the cells
    errors = []
    year = values["year"]
    if not year.isdigit() or not 2000 <= int(year) <= 2100:
        errors.append(f"year “{year}” is not a year such as 2023")
    category, level, entity_type = values["category"], values["level"], values["entity_type"]
    if category and category not in CATEGORY_SLUGS:
        errors.append(f"category “{category}” is not one of {', '.join(CATEGORY_SLUGS)} (or empty for a special mention)")
    if level not in LEVELS:
        errors.append(f"level “{level}” is not one of {', '.join(LEVELS)}")
    elif not category and level != "special_mention":
        errors.append("category is empty, which only a special mention may be")
    elif level == "leadership" and category and category != "leadership":
        errors.append("the leadership level belongs to the leadership category")
    elif level in PROJECT_LEVELS and category == "leadership":
        errors.append(f"level “{level}” is not given in the leadership category")
    if entity_type not in ApplicantType.values:
        errors.append(f"entity_type “{entity_type}” is not one of {', '.join(ApplicantType.values)}")
    elif category == "leadership" and entity_type != ApplicantType.INDIVIDUAL:
        errors.append("leadership awards go to individuals (entity_type individual)")
    if not values["entity_name"]:
        errors.append("entity_name is empty")
    if not values["project_title"] and category != "leadership" and entity_type != ApplicantType.INDIVIDUAL:
        errors.append("project_title is empty (only leadership awards may leave it empty)")
    country = values["country"].upper()
    if not country:
        errors.append("country is empty (an ISO 3166 alpha-2 code such as KR)")
    elif len(country) != 2 or country not in countries:
        errors.append(f"country “{values['country']}” is not an ISO 3166 alpha-2 code such as KR")
    if level == "special_mention" and not values["partner"]:
        errors.append("a special mention names its partner organisation (partner is empty)")
    return errors


def natural_key(values):
    return (int(values["year"]), values["category"], values["level"], values["entity_name"].casefold())


def check_file(data):
    rows = read_rows(data)
    errors, seen = [], {}
    if not rows:
        raise ImportRefused(["The file has a header but no awards."])
    for number, values in rows:
        problems = check_row(values)
        if not problems:
            key = natural_key(values)
            if key in seen:
                problems.append(f"it repeats the award of row {seen[key]}")
            seen[key] = number
        errors += [f"Row {number}: {problem}." for problem in problems]
    if errors:
        raise ImportRefused(errors)
    return [values for _number, values in rows]


def _edition(year, result):
    edition = Edition.objects.filter(year=year).first()
    if edition is None:
        # An archived edition, published as it was at the time.
        edition = Edition.objects.create(year=year, ordinal=max(year - 2022, 1), status=Edition.Status.ARCHIVED,
                                         is_current=False, results_published_at=timezone.now())
        result.editions_created.append(year)
        record(actor=None, action="results.published", target=edition, via="import_awards")
    for spec in CATEGORIES:
        Category.objects.get_or_create(edition=edition, slug=spec["slug"],
                                       defaults={k: v for k, v in spec.items() if k != "slug"})
    return edition


@transaction.atomic
def import_awards(data, *, by=None, source=""):
    rows = check_file(data)
    result = ImportResult()
    editions, levels_of = {}, {}
    for values in rows:
        year = int(values["year"])
        if year not in editions:
            editions[year] = _edition(year, result)
            levels_of[year] = ensure_default_levels(edition=editions[year])
        edition, levels = editions[year], levels_of[year]
        category = edition.categories.get(slug=values["category"]) if values["category"] else None
        fields = {"entity_type": values["entity_type"], "entity_name": values["entity_name"],
                  "project_title": values["project_title"], "city": values["city"],
                  "country": values["country"].upper(), "citation": values["citation"], "partner": values["partner"]}
        award = Award.objects.filter(edition=edition, category=category, level=levels[values["level"]],
                                     entity_name=values["entity_name"]).first()
        if award is None:
            Award.objects.create(edition=edition, category=category, level=levels[values["level"]], **fields)
            result.created += 1
        elif any(str(getattr(award, name)) != str(value) for name, value in fields.items()):
            for name, value in fields.items():
                setattr(award, name, value)
            award.save()
            result.updated += 1
        else:
            result.unchanged += 1
    for edition in editions.values():
        if result.created or result.updated:
            record(actor=by, action="awards.imported", target=edition, source=source, created=result.created,
                   updated=result.updated)
            bump_public_pages(edition=edition)
        if not edition.results_published:
            result.unpublished_years.append(edition.year)
    return result
