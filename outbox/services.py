"""Side effects of committed actions (emails, certificate rendering): the one way to schedule them.

Services call ``schedule("app.task_name", *ids)`` inside their transaction instead of importing tasks. The
call writes an ``OutboxMessage`` in that same transaction, so the intent is committed with the action or not
at all. After commit it is handed to a worker (best effort: a broker outage is logged, never raised into the
request); the worker runs the task's function and marks the message delivered in one transaction, so it is
delivered once. A failure (mail server down) leaves it pending with a backoff, and the periodic ``sweep``
delivers whatever is due, so delivery resumes by itself once the broker and mail server are back.
"""
import logging
import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage

log = logging.getLogger(__name__)

FIRST_BACKOFF_SECONDS = 30
MAX_BACKOFF_SECONDS = 3600
MAX_ATTEMPTS = 50  # about two days of hourly attempts, then the secretariat retries it from the admin
SWEEP_BATCH = 200
SWEEP_SECONDS = 50  # a sweep stops before the next one (every minute) starts
BROKER_PAUSE_SECONDS = 10  # after a failed hand-over, later messages wait for the sweep instead of the broker
_broker_down_until = 0.0


def schedule(task, *args, key=None):
    """Record that the Celery task named ``task`` must run with ``args`` (JSON primitives: ids) once the current
    transaction commits; nothing is recorded if it rolls back.

    ``key`` (optional) names the side effect: scheduling it twice with one key delivers it once.
    """
    task_named(task)  # a misspelt name fails here, inside the caller's transaction, not later in a worker
    message = OutboxMessage(task=task, args=list(args), key=key)
    if key is None:
        message.save()
    else:
        # ON CONFLICT DO NOTHING: no IntegrityError to break the caller's transaction.
        OutboxMessage.objects.bulk_create([message], ignore_conflicts=True)
        message = OutboxMessage.objects.get(key=key)
        if message.status != OutboxMessage.Status.PENDING:
            return message
    transaction.on_commit(lambda pk=message.pk, task=task: dispatch(pk, task=task))
    return message


def is_pending(task, *args):
    """Whether ``task`` with exactly ``args`` is scheduled and not yet delivered (so a caller need not ask twice)."""
    return OutboxMessage.objects.filter(task=task, args=list(args), status=OutboxMessage.Status.PENDING).exists()


def dispatch(message_id, *, task=None):
    """Hand one committed message to a worker now. Best effort: if the broker is down the sweep delivers it later,
    and the user's committed action still succeeds. Without a broker (eager mode) it is delivered right here."""
    from celery import current_app

    from .tasks import deliver as deliver_task

    global _broker_down_until
    if current_app.conf.task_always_eager:
        try:
            deliver(message_id=message_id)  # a failing task is recorded on the message, not raised
        except Exception:  # noqa: BLE001 - e.g. the database: the action is committed, the sweep retries
            log.exception("Outbox message %s could not be delivered in process; the sweep will retry", message_id)
        return
    if time.monotonic() < _broker_down_until:
        return  # it just failed: don't make every message of this request wait for it again
    try:
        with current_app.pool.acquire(block=True) as connection:
            # One attempt, no reconnect loop (kombu's default retries for ~6 s): a down broker fails at once.
            connection.ensure_connection(max_retries=0)
            deliver_task.apply_async((message_id,), connection=connection, retry=False, queue=queue_for(task))
    except Exception:  # noqa: BLE001 - the action is committed; any broker error here must not become a 500
        _broker_down_until = time.monotonic() + BROKER_PAUSE_SECONDS
        log.warning("Outbox message %s not handed to the broker; the sweep will deliver it", message_id,
                    exc_info=True)


def queue_for(task):
    """The queue CELERY_TASK_ROUTES names for ``task`` (e.g. certificates), or None for the default queue."""
    from celery import current_app

    routes = current_app.conf.task_routes
    if task and isinstance(routes, dict):
        return (routes.get(task) or {}).get("queue")
    return None


def deliver(*, message_id):
    """Run the message's task and mark it delivered, in one transaction. Returns True if this call delivered it.

    The row is locked (SKIP LOCKED on PostgreSQL), so two workers never run the same message, and a message
    already delivered is never run again. If the task raises, its own writes are rolled back and the message
    stays pending with the error and a backoff (or, after MAX_ATTEMPTS, failed). A worker killed mid-run leaves
    the row untouched (the transaction dies with it), so the sweep runs it again later.
    """
    with transaction.atomic():
        message = (OutboxMessage.objects.select_for_update(skip_locked=True)
                   .filter(pk=message_id, status=OutboxMessage.Status.PENDING, available_at__lte=timezone.now())
                   .first())
        if message is None:
            return False  # delivered, given up, not due yet, or being delivered by another worker right now
        message.attempts += 1
        try:
            with transaction.atomic():
                task_named(message.task)(*message.args)
        except Exception as error:  # noqa: BLE001 - whatever failed, the message is kept and retried
            _note_failure(message, error)
            return False
        message.status, message.sent_at, message.last_error = OutboxMessage.Status.DELIVERED, timezone.now(), ""
        message.save(update_fields=["status", "sent_at", "last_error", "attempts"])
    return True


def _note_failure(message, error):
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxMessage.Status.FAILED
    else:
        message.available_at = timezone.now() + backoff(message.attempts)
    message.save(update_fields=["status", "attempts", "last_error", "available_at"])
    log.warning("Outbox message %s (%s) failed on attempt %d: %s", message.pk, message.task, message.attempts,
                message.last_error)


def backoff(attempts):
    """30 s after the first failure, doubling, at most an hour."""
    return timedelta(seconds=min(MAX_BACKOFF_SECONDS, FIRST_BACKOFF_SECONDS * 2 ** (attempts - 1)))


def sweep(*, limit=SWEEP_BATCH, seconds=SWEEP_SECONDS):
    """Deliver the pending messages that are due (oldest first), in this process. Returns how many were delivered.

    Beat runs it every minute: it delivers what a down broker never received and retries what failed."""
    started = time.monotonic()
    due = list(OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, available_at__lte=timezone.now())
               .order_by("available_at", "pk").values_list("pk", flat=True)[:limit])
    delivered = 0
    for pk in due:
        if time.monotonic() - started > seconds:
            break
        delivered += deliver(message_id=pk)
    return delivered


def retry_now(*, messages):
    """Make pending or failed messages due now (the admin's "retry now") and hand them to a worker."""
    with transaction.atomic():
        ids = list(messages.exclude(status=OutboxMessage.Status.DELIVERED).values_list("pk", flat=True))
        OutboxMessage.objects.filter(pk__in=ids).update(status=OutboxMessage.Status.PENDING,
                                                        available_at=timezone.now())
        for pk, task in OutboxMessage.objects.filter(pk__in=ids).values_list("pk", "task"):
            transaction.on_commit(lambda pk=pk, task=task: dispatch(pk, task=task))
    return len(ids)


def task_named(name):
    """The Celery task ``"<app>.<task>"``, importing ``<app>.tasks`` so it is registered in any process."""
    from importlib import import_module

    from celery import current_app

    import_module(f"{name.split('.', 1)[0]}.tasks")
    return current_app.tasks[name]
