"""Date-times as the portal shows them: always in Korea time, always saying so."""
import zoneinfo

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()
KST = zoneinfo.ZoneInfo("Asia/Seoul")


@register.filter
def kst(value, fmt="DATETIME_FORMAT"):
    """“8 January 2027, 23:59 KST” / “2027년 1월 8일 23:59 KST”: a format name (prize_portal/formats) or a
    format string."""
    if not value:
        return ""
    return f"{date_format(value.astimezone(KST), fmt)} KST"


@register.filter
def time_left(deadline):
    """“12 days, 3 hours left”, or “closed”. Plain words a busy reader takes in at a glance."""
    if not deadline:
        return ""
    remaining = deadline - timezone.now()
    seconds = int(remaining.total_seconds())
    if seconds < 0:
        return _("closed")
    days, hours, minutes = seconds // 86400, seconds % 86400 // 3600, seconds % 3600 // 60
    if days:
        return _("%(days)s, %(hours)s left") % {"days": ngettext("%d day", "%d days", days) % days,
                                                 "hours": ngettext("%d hour", "%d hours", hours) % hours}
    if hours:
        return _("%(hours)s, %(minutes)s left") % {"hours": ngettext("%d hour", "%d hours", hours) % hours,
                                                    "minutes": ngettext("%d minute", "%d minutes", minutes) % minutes}
    return _("%(minutes)s left") % {"minutes": ngettext("%d minute", "%d minutes", max(minutes, 1)) % max(minutes, 1)}


@register.filter
def choice_labels(values, choices):
    """Labels of stored choice values, e.g. sectors: ``application.sectors|choice_labels:sector_choices``."""
    mapping = dict(choices)
    return [mapping.get(value, value) for value in values or []]


@register.filter
def field_anchor(bound_field):
    """The id an error summary links to: the field itself, or the first choice of a radio or checkbox group
    (whose widget gives no id for the label)."""
    return bound_field.id_for_label or f"{bound_field.auto_id}_0"
