"""Replace a person's strings wherever they were copied: every text and JSON column of every model.

Personal strings travel: into audit details, version snapshots, frozen results, conflict reasons, emails
waiting in the outbox. Rather than list each copy (and miss the next one someone adds), erasure searches
every text column of every installed model. Rows that must stay as they are (published awards, which are
public record) are passed in ``keep``.
"""
import re

from django.apps import apps
from django.db import models
from django.db.models import Q

MIN_LENGTH = 4  # shorter strings ("Li", "+82") would match unrelated text


def personal_strings(values):
    """The distinct strings worth searching for, longest first (so a full name goes before a first name)."""
    found = {str(v).strip() for v in values if v and len(str(v).strip()) >= MIN_LENGTH}
    return sorted(found, key=len, reverse=True)


def _pattern(strings):
    # Whole words only: erasing "Hana" must not turn the city of "Hanam" into "Judge Am".
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in strings) + r")(?!\w)", re.IGNORECASE)


def _replace(value, pattern, replacement):
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [_replace(v, pattern, replacement) for v in value]
    if isinstance(value, dict):
        return {_replace(k, pattern, replacement): _replace(v, pattern, replacement) for k, v in value.items()}
    return value


def _text_fields(model):
    for field in model._meta.concrete_fields:
        if isinstance(field, models.EmailField):
            yield field, "email"
        elif isinstance(field, (models.CharField, models.TextField)) and not field.choices:
            yield field, "text"
        elif isinstance(field, models.JSONField):
            yield field, "json"


def scrub_everywhere(strings, replacement, *, keep=None):
    """Replace each of ``strings`` by ``replacement`` in every row of every model; the number of rows changed.

    ``keep``: {model: queryset of rows to leave untouched}. Updates go through ``QuerySet.update`` so that
    append-only models (the audit log) are corrected without pretending to be edited.
    """
    if not strings:
        return 0
    pattern, keep, changed = _pattern(strings), keep or {}, 0
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = list(_text_fields(model))
        if not fields:
            continue
        rows = model._default_manager.all()
        if model in keep:
            rows = rows.exclude(pk__in=keep[model].values("pk"))
        for field, kind in fields:
            candidates = rows
            if kind != "json":  # the database finds text matches; JSON escapes non-ASCII, so it is read in Python
                # An address is replaced only when it is exactly the person's: another one may contain it.
                lookup = "iexact" if kind == "email" else "icontains"
                query = Q()
                for s in strings:
                    query |= Q(**{f"{field.attname}__{lookup}": s})
                candidates = rows.filter(query)
            for pk, value in candidates.values_list("pk", field.attname).iterator():
                if kind == "email":
                    new = f"erased-{model._meta.model_name}-{pk}@erased.invalid"
                else:
                    new = _replace(value, pattern, replacement)
                if new != value:
                    if isinstance(new, str) and field.max_length:
                        new = new[:field.max_length]
                    model._default_manager.filter(pk=pk).update(**{field.attname: new})
                    changed += 1
    return changed
