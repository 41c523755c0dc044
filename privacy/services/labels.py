"""Stable anonymous names: "Applicant 17" from the reference number, "Judge C" by order in the committee."""
import re
from string import ascii_uppercase

from django.utils.translation import gettext as _


def applicant_label(application):
    digits = re.findall(r"\d+", application.reference or "")
    number = int(digits[-1]) if digits else application.pk
    return _("Applicant %(number)s") % {"number": number}


def _letters(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = ascii_uppercase[rest] + letters
    return letters


def judge_label(user):
    """By the judge's place in the first committee they joined (in order of joining)."""
    from evaluation.models import CommitteeMember

    first = CommitteeMember.objects.filter(user=user).order_by("committee__edition__year", "joined_at", "pk").first()
    if first is None:
        return None
    order = list(CommitteeMember.objects.filter(committee=first.committee).order_by("joined_at", "pk")
                 .values_list("user_id", flat=True))
    return _("Judge %(letter)s") % {"letter": _letters(order.index(user.pk))}


def person_label(user):
    """The name an erased person keeps in the record."""
    profile = getattr(user, "applicant_profile", None)  # a missing one-to-one raises AttributeError
    if profile is not None:
        first = profile.applications.exclude(reference=None).order_by("submitted_at", "pk").first()
        if first is not None:
            return applicant_label(first)
    return judge_label(user) or _("Person %(id)s") % {"id": user.pk}
