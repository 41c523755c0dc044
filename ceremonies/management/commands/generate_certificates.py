import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from applications.models import Edition
from ceremonies import services
from ceremonies.models import Certificate


class Command(BaseCommand):
    help = ("Issue and render every certificate of an edition (awards, finalists, judges' service), as the "
            "admin's “generate all” does. Works for imported past editions too. Codes never change.")

    def add_arguments(self, parser):
        parser.add_argument("--edition", type=int, required=True, metavar="YEAR")
        parser.add_argument("--here", action="store_true",
                            help="Render in this process instead of the Celery workers.")
        parser.add_argument("--no-wait", action="store_true", help="Queue the work and return at once.")
        parser.add_argument("--timeout", type=int, default=1800, help="Seconds to wait for the workers.")

    def handle(self, *args, edition, here, no_wait, timeout, **options):
        edition_obj = Edition.objects.filter(year=edition).first()
        if edition_obj is None:
            raise CommandError(f"There is no {edition} edition.")
        here = here or settings.CELERY_TASK_ALWAYS_EAGER  # no broker: no workers to wait for
        created, requested = services.issue_certificates(edition=edition_obj, by=None, enqueue=not here)
        self.stdout.write(f"{created} certificate(s) issued, {requested} to render.")
        if here:
            ids = list(Certificate.objects.filter(edition=edition_obj, revoked_at__isnull=True)
                       .values_list("pk", flat=True))
            for number, pk in enumerate(ids, start=1):
                try:
                    services.render_certificate(certificate_id=pk)
                except Exception as error:  # noqa: BLE001 - report it and carry on with the others
                    services.note_render_failure(certificate_id=pk, error=error)
                    self.stderr.write(f"Certificate {pk}: {error}")
                if number % 25 == 0:
                    self.stdout.write(f"  {number}/{len(ids)}")
        elif not no_wait:
            deadline = time.monotonic() + timeout
            while True:
                progress = services.certificate_progress(edition=edition_obj)
                self.stdout.write(f"  {progress['ready']}/{progress['total']} ready, {progress['failed']} failed")
                if progress["pending"] == 0 or time.monotonic() > deadline:
                    break
                time.sleep(2)
        progress = services.certificate_progress(edition=edition_obj)
        message = f"{progress['ready']} of {progress['total']} certificates ready, {progress['failed']} failed."
        if progress["failed"]:
            raise CommandError(message)
        self.stdout.write(self.style.SUCCESS(message) if progress["pending"] == 0 else message)
