"""Each audit action in words, for the people reading the log: “Sofia published the results: …”.

An action without a sentence here still reads as a sentence (the fallback), so a new action never breaks
the log; add its wording here when you add it.
"""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SENTENCES = {
    "admin.deleted": gettext_lazy("%(actor)s deleted %(target)s"),
    "advancement.override": gettext_lazy("%(actor)s overrode the advancement rule for %(target)s"),
    "application.reopened": gettext_lazy("%(actor)s reopened the application %(target)s"),
    "application.screened": gettext_lazy("%(actor)s screened the application %(target)s"),
    "application.stage_changed": gettext_lazy("%(actor)s changed the stage of %(target)s"),
    "application.started": gettext_lazy("%(actor)s started the application %(target)s"),
    "application.submitted": gettext_lazy("%(actor)s submitted the application %(target)s"),
    "application.withdrawn": gettext_lazy("%(actor)s withdrew the application %(target)s"),
    "assignment.added": gettext_lazy("%(actor)s assigned a judge: %(target)s"),
    "assignment.infeasible": gettext_lazy("%(actor)s could not assign every entry of %(target)s"),
    "assignment.reassigned": gettext_lazy("%(actor)s reassigned %(target)s"),
    "assignment.reassignment_failed": gettext_lazy("%(actor)s could not reassign %(target)s"),
    "assignment.released": gettext_lazy("%(actor)s released a judge's assignments in %(target)s"),
    "assignment.removed": gettext_lazy("%(actor)s removed the assignment %(target)s"),
    "assignment.run": gettext_lazy("%(actor)s assigned judges to the entries of %(target)s"),
    "award.changed": gettext_lazy("%(actor)s changed the award %(target)s"),
    "award.granted": gettext_lazy("%(actor)s granted the award %(target)s"),
    "award.removed": gettext_lazy("%(actor)s removed the award %(target)s"),
    "awards.imported": gettext_lazy("%(actor)s imported past awards into %(target)s"),
    "ceremony.published": gettext_lazy("%(actor)s published the ceremony page %(target)s"),
    "ceremony.unpublished": gettext_lazy("%(actor)s took the ceremony page %(target)s offline"),
    "certificate.language_changed": gettext_lazy("%(actor)s changed the language of the certificate %(target)s"),
    "certificate.revoked": gettext_lazy("%(actor)s revoked the certificate %(target)s"),
    "certificates.generated": gettext_lazy("%(actor)s generated the certificates of %(target)s"),
    "committee.invited": gettext_lazy("%(actor)s invited a judge to %(target)s"),
    "committee.joined": gettext_lazy("%(actor)s joined %(target)s"),
    "conflict.cleared": gettext_lazy("%(actor)s cleared the conflict of interest %(target)s"),
    "conflict.declared": gettext_lazy("%(actor)s declared a conflict of interest: %(target)s"),
    "conflict.deleted": gettext_lazy("%(actor)s deleted the conflict of interest %(target)s"),
    "conflict.found": gettext_lazy("%(actor)s found a conflict of interest: %(target)s"),
    "conflict.recorded": gettext_lazy("%(actor)s recorded a conflict of interest: %(target)s"),
    "deadline.extended": gettext_lazy("%(actor)s extended the deadline for %(target)s"),
    "drafts.reminded": gettext_lazy("%(actor)s reminded the applicants with drafts in %(target)s"),
    "edition.archived": gettext_lazy("%(actor)s archived %(target)s"),
    "edition.call_opened": gettext_lazy("%(actor)s opened the call for applications of %(target)s"),
    "edition.started": gettext_lazy("%(actor)s started %(target)s"),
    "nomination.confirmed": gettext_lazy("%(actor)s confirmed the nomination %(target)s"),
    "outcomes.sent": gettext_lazy("%(actor)s sent the outcome emails of %(target)s"),
    "privacy.consented": gettext_lazy("%(actor)s consented to the privacy notice %(target)s"),
    "privacy.erased": gettext_lazy("%(actor)s erased the personal data of %(target)s"),
    "privacy.erasure_requested": gettext_lazy("%(actor)s asked for the erasure of %(target)s"),
    "privacy.export_requested": gettext_lazy("%(actor)s asked for a copy of the data of %(target)s"),
    "privacy.notice_published": gettext_lazy("%(actor)s published the privacy notice %(target)s"),
    "privacy.retention_applied": gettext_lazy("%(actor)s applied the retention rules to %(target)s"),
    "results.published": gettext_lazy("%(actor)s published the results of %(target)s"),
    "results.withdrawn": gettext_lazy("%(actor)s withdrew the results of %(target)s"),
    "review.reminded": gettext_lazy("%(actor)s reminded the judges of %(target)s"),
    "review.submitted": gettext_lazy("%(actor)s submitted a review: %(target)s"),
    "round.changed": gettext_lazy("%(actor)s changed the round %(target)s"),
    "round.closed": gettext_lazy("%(actor)s closed the round %(target)s"),
    "round.created": gettext_lazy("%(actor)s created the round %(target)s"),
    "round.criteria_changed": gettext_lazy("%(actor)s changed the criteria of %(target)s"),
    "round.entry_added": gettext_lazy("%(actor)s added an entry to %(target)s"),
    "round.entry_withdrawn": gettext_lazy("%(actor)s withdrew an entry from %(target)s"),
    "round.finalized": gettext_lazy("%(actor)s finalized the round %(target)s"),
    "round.opened": gettext_lazy("%(actor)s opened the round %(target)s"),
    "round.reopened": gettext_lazy("%(actor)s reopened the round %(target)s"),
    "user.roles_changed": gettext_lazy("%(actor)s changed the roles of %(target)s"),
}
FALLBACK = gettext_lazy("%(actor)s: %(action)s on %(target)s")


def describe(entry):
    """The entry as one sentence in the reader's language."""
    actor = str(entry.actor) if entry.actor_id else _("The system")
    sentence = SENTENCES.get(entry.action, FALLBACK)
    text = str(sentence) % {"actor": actor, "target": entry.target_label or entry.target_id, "action": entry.action}
    if (entry.data or {}).get("override"):
        text += " " + _("(out of order, with a reason)")
    return text
