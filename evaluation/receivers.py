"""Every change to a fact an assignment stands on ends in ``services.refresh_assignments``, whatever made it.

The facts live in other apps (``accounts``, ``applications``, allauth), which may not import us: so we listen to
their models' saves and deletions here, connected in ``EvaluationConfig.ready``. The changes of one transaction
are gathered and refreshed once, after it commits, so an import of a thousand rows refreshes once and a judge
gets one email. Until then the access rules re-check the live facts themselves (``rules.conflict_now``).
"""
import threading
from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

_pending = threading.local()

# Saves that only touch these fields change nothing a conflict or a membership depends on.
USER_FACTS = {"email", "is_active"}


def queue(*, judges=(), applications=(), rounds=()):
    """Refresh these judges, applications and rounds once the current transaction commits.

    Changes join the batch still waiting for this transaction; each registers its own callback (the first to run
    refreshes the whole batch, the others find nothing left), so a batch is never stranded behind a callback that
    was registered earlier or dropped by a rollback.
    """
    batch = getattr(_pending, "batch", None)
    if batch is None or batch["flushed"] or not _still_scheduled(batch):
        batch = _pending.batch = {"judges": set(), "applications": set(), "rounds": set(), "flushed": False}
    batch["judges"].update(judges)
    batch["applications"].update(applications)
    batch["rounds"].update(rounds)
    transaction.on_commit(partial(_flush, batch), robust=True)


def _still_scheduled(batch):
    """False once a rollback dropped all the batch's callbacks: its changes never happened."""
    return connection.in_atomic_block and any(
        isinstance(func, partial) and func.func is _flush and func.args[0] is batch
        for _sids, func, _robust in reversed(connection.run_on_commit))


def _flush(batch):
    from .services import refresh_assignments

    if batch["flushed"]:
        return
    batch["flushed"] = True
    refresh_assignments(judges=batch["judges"], applications=batch["applications"], rounds=batch["rounds"])


def _judge_profile_saved(sender, instance, **kwargs):
    queue(judges=[instance.user_id])


def _user_saved(sender, instance, created=False, update_fields=None, **kwargs):
    if created or (update_fields is not None and not USER_FACTS & set(update_fields)):
        return
    from applications.models import Application

    queue(judges=[instance.pk],
          applications=Application.objects.filter(applicant__user=instance).values_list("pk", flat=True))


def _email_changed(sender, request=None, user=None, **kwargs):
    if user is not None:
        _user_saved(sender, user)


def _applicant_saved(sender, instance, created=False, **kwargs):
    if not created:
        queue(applications=instance.applications.values_list("pk", flat=True))


def _application_saved(sender, instance, created=False, **kwargs):
    # A draft is never in a round; its autosaves need no refresh.
    if not created and instance.status != instance.Status.DRAFT:
        queue(applications=[instance.pk])


def _round_saved(sender, instance, created=False, update_fields=None, **kwargs):
    if not created and (update_fields is None or "conflict_same_country" in update_fields):
        queue(rounds=[instance.pk])


def _membership_changed(sender, instance, **kwargs):
    queue(judges=[instance.user_id])


def _conflict_deleted(sender, instance, **kwargs):
    # A declared or recorded conflict withdrawn: an automatic one may still hold for the pair.
    if instance.kind != instance.Kind.AUTOMATIC:
        queue(judges=[instance.judge_id], applications=[instance.application_id])


def connect():
    from allauth.account.signals import email_changed

    from applications.models import ApplicantProfile, Application

    from .models import CommitteeMember, Conflict, JudgeProfile, Round

    receivers = [
        (post_save, _judge_profile_saved, JudgeProfile), (post_save, _user_saved, settings.AUTH_USER_MODEL),
        (post_save, _applicant_saved, ApplicantProfile), (post_save, _application_saved, Application),
        (post_save, _round_saved, Round), (post_save, _membership_changed, CommitteeMember),
        (post_delete, _membership_changed, CommitteeMember), (post_delete, _conflict_deleted, Conflict),
    ]
    for index, (signal, receiver, sender) in enumerate(receivers):
        signal.connect(receiver, sender=sender, dispatch_uid=f"evaluation-refresh-{index}")
    email_changed.connect(_email_changed, dispatch_uid="evaluation-refresh-email-changed")
