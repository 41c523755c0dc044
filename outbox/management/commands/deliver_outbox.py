from django.core.management.base import BaseCommand

from outbox import services
from outbox.models import OutboxMessage


class Command(BaseCommand):
    help = ("Deliver the outbox messages that are due (emails, renderings), in this process: what beat's "
            "`outbox.sweep` does every minute. For the quick start without a broker, or cron.")

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=services.SWEEP_BATCH)

    def handle(self, *args, limit, **options):
        delivered = services.sweep(limit=limit, seconds=float("inf"))
        pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count()
        self.stdout.write(f"Delivered {delivered}; {pending} still pending.")
