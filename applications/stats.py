"""The current edition at a glance, for the secretariat's admin index."""
from django.db.models import Count
from django.utils.translation import gettext as _
from django_countries import countries

from .choices import ApplicantType
from .models import Application, Edition


def current_edition_overview():
    edition = Edition.objects.filter(is_current=True).first()
    if edition is None:
        return None
    applications = Application.objects.filter(edition=edition)
    entered = applications.exclude(status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN])

    def breakdown(field, labels=None):
        rows = entered.values(field).annotate(n=Count("id")).order_by("-n", field)
        return [{"label": (labels or {}).get(row[field], row[field]), "count": row["n"]} for row in rows]

    by_status = {row["status"]: row["n"] for row in applications.values("status").annotate(n=Count("id"))}
    by_category = breakdown("category__name")
    by_type = breakdown("applicant__applicant_type", dict(ApplicantType.choices))
    by_country = breakdown("applicant__country", dict(countries))
    return {
        "edition": edition,
        "tables": [(_("By status"), [{"label": Application.Status(s).label, "count": n}
                                     for s, n in sorted(by_status.items())]),
                   (_("Entered, by category"), by_category), (_("Entered, by applicant type"), by_type),
                   (_("Entered, by country"), by_country)],
        "drafts": by_status.get(Application.Status.DRAFT, 0),
        "submitted": sum(by_status.get(s, 0) for s in Application.Status.values
                         if s not in (Application.Status.DRAFT, Application.Status.WITHDRAWN)),
        "withdrawn": by_status.get(Application.Status.WITHDRAWN, 0),
    }
