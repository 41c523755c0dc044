"""Submitted versions of an application: the snapshot taken at each submission, and how two compare.

Pure functions over the application and plain data, so the admin's comparison is testable without a browser.
"""
from difflib import SequenceMatcher

from .models import Application, Attachment

# Everything the applicant writes, in the order of the form. Status, dates of the process and screening are not
# the applicant's text and are left out.
VERSIONED_FIELDS = ("title", "summary", "problem", "solution", "target_groups", "inclusiveness",
                    "implementation_start", "implementation_end", "implementation_stage", "budget", "results",
                    "sustainability", "partners", "sectors", "links", "achievements", "nominee_name",
                    "nominee_email", "nominee_position", "nominee_organisation", "nominee_country")


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)  # text, a choice, a country code


def snapshot(application):
    """The sections and the attachment list as JSON-ready data."""
    sections = {field: _plain(getattr(application, field)) for field in VERSIONED_FIELDS}
    attachments = [{"name": a.original_name, "size": a.size, "type": a.content_type}
                   for a in application.attachments.all()]
    return sections, attachments


def _as_text(value):
    return ", ".join(value) if isinstance(value, list) else value


def _diff(old_items, new_items, joiner):
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=old_items, b=new_items, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("same", joiner.join(old_items[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("removed", joiner.join(old_items[i1:i2])))
        if j2 > j1:
            parts.append(("added", joiner.join(new_items[j1:j2])))
    return parts


def word_diff(old, new):
    """``[(kind, text)]`` with kind ``same``, ``removed`` or ``added``, word by word: readable for prose."""
    return _diff(old.split(), new.split(), " ")


def compare(older, newer):
    """Each section of two versions: its label, whether it changed, and the word diff where it did."""
    rows = []
    for field in VERSIONED_FIELDS:
        before = _as_text(older.sections.get(field, ""))
        after = _as_text(newer.sections.get(field, ""))
        if not before and not after:
            continue
        rows.append({"label": Application._meta.get_field(field).verbose_name, "changed": before != after,
                     "parts": word_diff(before, after) if before != after else [("same", after)]})
    before = [a["name"] for a in older.attachments]
    after = [a["name"] for a in newer.attachments]
    if before or after:
        rows.append({"label": Attachment._meta.verbose_name_plural, "changed": before != after,
                     "parts": _diff(before, after, ", ") if before != after else [("same", ", ".join(after))]})
    return rows
