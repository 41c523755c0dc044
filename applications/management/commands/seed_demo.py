"""Load the demo edition. Safe to run twice.

Each app may add its own demo data in a ``demo_seed(edition, options, stdout)`` function of its ``demo``
module; they run in INSTALLED_APPS order, so higher apps build on what lower ones made.
"""
import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.demo import DEMO_TOTP_SECRET, give_demo_authenticator
from accounts.second_factor import must_use_second_factor
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
        self.second_factor_for_staff_and_judges([email for _role, email in logins])

    def second_factor_for_staff_and_judges(self, emails):
        """Staff and judges must sign in with a second factor: in the demo they share one authenticator key."""
        for user in get_user_model().objects.filter(email__in=emails):
            if must_use_second_factor(user):
                give_demo_authenticator(user)
        self.stdout.write(f"Staff and judges then enter a code from an authenticator app set up with the key "
                          f"{DEMO_TOTP_SECRET} (or print the current code with `manage.py demo_code`).")
