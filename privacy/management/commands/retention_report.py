from django.core.management.base import BaseCommand, CommandError

from applications.models import Edition
from privacy import services


class Command(BaseCommand):
    help = "What the retention of an edition removes (dry run); --apply does it."

    def add_arguments(self, parser):
        parser.add_argument("--edition", type=int, required=True, help="The edition's year.")
        parser.add_argument("--apply", action="store_true", help="Anonymise and remove, not just report.")

    def handle(self, *args, edition, apply, **options):
        edition_obj = Edition.objects.filter(year=edition).first()
        if edition_obj is None:
            raise CommandError(f"No edition {edition}.")
        if apply:
            try:
                report = services.apply_retention(edition=edition_obj)
            except services.RetentionError as error:
                raise CommandError(str(error)) from error
        else:
            report = services.retention_report(edition=edition_obj)
        verb = "Anonymised" if apply else "Would anonymise"
        self.stdout.write(f"Edition {report['edition']}: expires {report['expires_on'] or 'never (no period set)'}"
                          f"{', LEGAL HOLD: ' + report['legal_hold_reason'] if report['legal_hold'] else ''}"
                          f"{'' if report['due'] or apply else ' (not due yet)'}")
        for row in report["applications"]:
            self.stdout.write(f"  {verb} {row['reference']} as {row['label']} ({row['status']}), "
                              f"{row['files']} file(s) removed")
        self.stdout.write(f"{verb} {report['applicants_anonymised']} applicant(s); "
                          f"{report['files']} file(s) and {report['drafts']} draft(s) removed.")
