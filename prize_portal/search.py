"""Search that ignores accents: "Sao Paulo" finds "São Paulo", "Beyoglu" finds "Beyoğlu", "Da Nang" finds
"Đà Nẵng".

Neither SQLite nor every PostgreSQL has ``unaccent``, so the admin's own search runs first and the names
are also compared here, folded in Python: fine for the thousands of rows the prize has.
"""
import unicodedata


# Letters that are not a base letter plus a combining mark, so NFKD leaves them alone.
SPECIAL_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ı": "i", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae",
                                 "œ": "oe", "þ": "th", "ħ": "h"})


def fold(text):
    """Lower case, without accents: the form two names are compared in."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").casefold().translate(SPECIAL_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).translate(SPECIAL_LETTERS)


def _field_path(search_field):
    return search_field.lstrip("^=@")


class AccentInsensitiveSearch:
    """Admin mixin: every word of the search must appear, accents aside, in one of ``search_fields``."""

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = [fold(word) for word in search_term.split() if fold(word)]
        fields = [_field_path(field) for field in self.get_search_fields(request)]
        if not words or not fields:
            return results, may_have_duplicates
        matches = set()
        for pk, *values in queryset.values_list("pk", *fields).iterator():
            folded = [fold(value) for value in values]
            if all(any(word in value for value in folded) for word in words):
                matches.add(pk)
        if not matches:
            return results, may_have_duplicates
        found = matches | set(results.values_list("pk", flat=True))
        return queryset.filter(pk__in=found), False
