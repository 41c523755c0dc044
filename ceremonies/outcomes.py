"""Telling applicants their outcome once the results are published.

The secretariat previews every email, then sends them with one deliberate action (not as a side effect of
``publish_results``: results can be withdrawn again after a mistake, an email cannot). Each application's
outcome is sent exactly once: ``Application.outcome_sent_at`` is claimed with a conditional update, and who
sent it is kept beside it and in the audit log.
"""
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.models import Application, Edition
from audit.services import record
from evaluation.services import last_round_outcome
from outbox.services import schedule
from prize_portal.emails import render_templated_email, send_templated_email

from .services import AwardError

Status = Application.Status
WINNER, FINALIST, NOT_ADVANCED = "winner", "finalist", "not_advanced"
TEMPLATE = "outcome"
LABELS = {WINNER: gettext_lazy("Winner"), FINALIST: gettext_lazy("Finalist"),
          NOT_ADVANCED: gettext_lazy("Not advanced")}


def evaluated_applications(edition):
    """The entries the jury evaluated: finalists and winners, and eligible entries that took part in a round."""
    return (edition.applications
            .filter(Q(status__in=(Status.FINALIST, Status.WINNER))
                    | Q(status=Status.ELIGIBLE, round_entries__isnull=False))
            .distinct().select_related("edition", "category", "applicant__user", "outcome_sent_by")
            .order_by("reference"))


def outcome_of(application):
    """``{"kind": …}`` for a decided outcome, or None while the entry is still in a round."""
    if application.status == Status.WINNER:
        return {"kind": WINNER, "awards": [award.level.name for award in
                                           application.awards.select_related("level").order_by("level__order")]}
    if application.status == Status.FINALIST:
        return {"kind": FINALIST}
    progress = last_round_outcome(application)
    if progress is not None and progress[1] is False:
        return {"kind": NOT_ADVANCED, "round": progress[0]}
    return None


def _context(application, outcome):
    certificates = [certificate for certificate in application.certificates.filter(revoked_at__isnull=True)
                    if certificate.is_ready] if outcome["kind"] in (WINNER, FINALIST) else []
    return {"application": application, "outcome": outcome, "edition": application.edition,
            "certificates": certificates, "dashboard_path": reverse("applications:dashboard"),
            "winners_path": reverse("ceremonies:edition", args=[application.edition.year])}


def preview_outcome_emails(*, edition):
    """Each email as it would be sent now: recipient, subject, text, and whether it has gone already."""
    previews = []
    for application in evaluated_applications(edition):
        outcome = outcome_of(application)
        if outcome is None:
            continue
        subject, text, html = render_templated_email(template=TEMPLATE, context=_context(application, outcome))
        previews.append({"application": application, "outcome": LABELS[outcome["kind"]],
                         "to": application.applicant.user.email,
                         "subject": subject, "text": text, "html": html, "sent_at": application.outcome_sent_at,
                         "sent_by": application.outcome_sent_by})
    return previews


def send_outcome_emails(*, edition, by, now=None):
    """Send every evaluated applicant whose outcome is decided and not yet sent their outcome email.
    Refused before publication. Returns the references sent now (an empty list the second time)."""
    now = now or timezone.now()
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if not edition.results_published:
            raise AwardError(_("Publish the results of %(year)s before telling the applicants.")
                             % {"year": edition.year})
        sent = []
        for application in evaluated_applications(edition).filter(outcome_sent_at__isnull=True):
            if outcome_of(application) is None:
                continue
            # The conditional update is the claim: a concurrent or repeated send finds it taken.
            if Application.objects.filter(pk=application.pk, outcome_sent_at__isnull=True).update(
                    outcome_sent_at=now, outcome_sent_by=by):
                schedule("ceremonies.send_outcome_email", application.pk,
                         key=f"outcome-{application.pk}-{edition.year}")
                sent.append(application.reference)
        if sent:
            record(actor=by, action="outcomes.sent", target=edition, applications=sent)
    return sent


def deliver_outcome_email(*, application_id):
    """The task's work: send one claimed outcome email. Nothing if unclaimed or the results were withdrawn."""
    application = (Application.objects.select_related("edition", "category", "applicant__user")
                   .filter(pk=application_id, outcome_sent_at__isnull=False).first())
    if application is None or not application.edition.results_published:
        return False
    outcome = outcome_of(application)
    if outcome is None:
        return False
    send_templated_email(to=application.applicant.user.email, template=TEMPLATE, context=_context(application, outcome))
    return True

