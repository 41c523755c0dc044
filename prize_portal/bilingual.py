"""Text the secretariat enters in English and, optionally, in Korean: a field ``name`` and its ``name_ko``.

A simple pair of fields rather than django-modeltranslation: the prize has exactly two languages, English is
always entered (it is the fallback), and ``category.name`` keeps meaning the English name everywhere (exports,
audit log, slugs, the admin) instead of changing with the active language behind the code's back. Pages ask
for the reader's language explicitly: ``category.tr.name`` (``{{ category.tr.name }}``), or
``category.in_language("ko").name`` for a certificate printed in Korean.
"""
from django.conf import settings
from django.utils import translation

KOREAN = "ko"


class InLanguage:
    """``obj``'s bilingual fields in one language: the Korean text when there is one, else the English."""

    def __init__(self, obj, language=None):
        self._obj = obj
        self._language = language

    def __getattr__(self, field):
        if field.startswith("_"):
            raise AttributeError(field)
        language = self._language or translation.get_language() or settings.LANGUAGE_CODE
        if language.split("-")[0] == KOREAN:
            korean = getattr(self._obj, f"{field}_{KOREAN}", None)
            if korean:
                return korean
        return getattr(self._obj, field)


class Bilingual:
    """Mixin for models with ``<field>_ko`` twins of some English fields."""

    @property
    def tr(self):
        """In the active language (the reader's)."""
        return InLanguage(self)

    def in_language(self, language):
        return InLanguage(self, language)
