from django.core.management.base import BaseCommand

from accounts.demo import current_code


class Command(BaseCommand):
    help = "Print the current second-factor code of the demo's staff and judges (the key seed_demo prints)."

    def handle(self, *args, **options):
        self.stdout.write(current_code())
