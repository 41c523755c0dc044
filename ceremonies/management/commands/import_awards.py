from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ceremonies.importer import COLUMNS, ImportRefused, import_awards


class Command(BaseCommand):
    help = (f"Load a past edition's published awards from a CSV file with the columns {','.join(COLUMNS)}. "
            "Nothing is imported if any row is bad; importing the same file again updates instead of duplicating.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.")
        try:
            result = import_awards(data, source=file.name)
        except ImportRefused as refused:
            for error in refused.errors:
                self.stderr.write(error)
            raise CommandError(f"Nothing was imported: {len(refused.errors)} problem(s) in {file}.")
        for year in result.editions_created:
            self.stdout.write(f"Created the {year} edition (archived, results published).")
        self.stdout.write(self.style.SUCCESS(
            f"{result.created} award(s) created, {result.updated} updated, {result.unchanged} unchanged."))
        for year in result.unpublished_years:
            self.stdout.write(self.style.WARNING(
                f"The results of {year} are not published yet: publish them in the admin to show these awards."))
