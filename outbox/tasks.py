"""The worker's side of the outbox. Thin: ids in, services do the work."""
from celery import shared_task

from . import services


@shared_task(name="outbox.deliver", ignore_result=True)
def deliver(message_id):
    """Deliver one message; safe to receive twice (the row lock and its status decide)."""
    return services.deliver(message_id=message_id)


@shared_task(name="outbox.sweep", ignore_result=True)
def sweep():
    """Beat, every minute: deliver what is due (never reached the broker, or failed and backed off)."""
    return services.sweep()
