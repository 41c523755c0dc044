"""Ids and numbers that come from outside (a URL, a filter, a form) never reach the database unchecked.

Every id column is a 64-bit integer on SQLite and PostgreSQL alike. A value outside that range cannot
name a row, so it answers "not found" — never OverflowError (SQLite) or DataError (PostgreSQL).
"""
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In
from django.urls import register_converter

MAX_ID = 2**63 - 1  # BigAutoField on both databases


def parse_id(value):
    """``value`` (a query or form parameter) as an id, or None when it cannot be one: empty, not ASCII digits
    (``²`` and ``١٢`` are digits to ``str.isdigit`` and ``int``), or too large for the database."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if number <= MAX_ID else None


class DatabaseIntConverter:
    """``<dbint:pk>``: ASCII digits that fit the database; anything else is simply no match (404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # the URL does not match
        return number

    def to_url(self, value):
        return str(value)


def _bounds(lookup, connection):
    field = lookup.lhs.output_field
    field = getattr(field, "target_field", field)  # a foreign key compares with the id it points to
    try:
        return connection.ops.integer_field_range(field.get_internal_type())
    except KeyError:
        return None, None  # not an integer column


def _fits(value, bounds):
    low, high = bounds
    return not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))


class _OutOfRangeMatchesNothing:
    """Django already answers ``pk=<huge>`` with an empty result; the same for ``__in`` and foreign keys."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            bounds = _bounds(self, connection)
            if self.lookup_name == "in":
                self.rhs = [value for value in self.rhs if _fits(value, bounds)]
            elif not _fits(self.rhs, bounds):
                from django.core.exceptions import EmptyResultSet

                raise EmptyResultSet
        return super().process_rhs(compiler, connection)


class BoundedIn(_OutOfRangeMatchesNothing, In):
    pass


class BoundedRelatedExact(_OutOfRangeMatchesNothing, RelatedExact):
    pass


class BoundedRelatedIn(_OutOfRangeMatchesNothing, RelatedIn):
    pass


def install():
    register_converter(DatabaseIntConverter, "dbint")
    IntegerField.register_lookup(BoundedIn)
    ForeignObject.register_lookup(BoundedRelatedExact)
    ForeignObject.register_lookup(BoundedRelatedIn)
