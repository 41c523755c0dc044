"""Load the demo edition. Safe to run twice.

Each app may add its own demo data in a ``demo_seed(edition, options, stdout)`` function of its ``demo``
module; they run in INSTALLED_APPS order, so higher apps build on what lower ones made.
"""
import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import timezone

from applications import demo


class Command(BaseCommand):
    help = "Load the current edition with categories, applicants, applications and one login per role."

    def add_arguments(self, parser):
        parser.add_argument("--applications", type=int, default=0, help="Also create this many submitted "
                            "applications (for benchmarks).")
        parser.add_argument("--judges", type=int, default=0, help="Also create this many judges (for benchmarks).")

    def handle(self, *args, **options):
        edition = demo.seed_current_edition()
        logins = demo.seed_people_and_applications(edition)
        if options["applications"]:
            demo.seed_bulk(edition, count=options["applications"], stdout=self.stdout)
        for config in apps.get_app_configs():
            if config.name == "applications":
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            if hasattr(module, "demo_seed"):
                logins += module.demo_seed(edition, options, self.stdout) or []
        self.stdout.write(self.style.SUCCESS(f"Demo edition: {edition} — applications close {timezone.localtime(edition.closes_at):%Y-%m-%d %H:%M} KST"))
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        for role, email in logins:
            self.stdout.write(f"  {role:<40} {email}")
