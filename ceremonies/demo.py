"""Demo archive for the quick start: a published past edition, so /winners/ has something to show."""
from pathlib import Path

from .importer import import_awards

ARCHIVE = Path(__file__).with_name("demo_archive.csv")


def demo_seed(edition, options, stdout):
    result = import_awards(ARCHIVE.read_bytes(), source=ARCHIVE.name)
    stdout.write(f"Demo archive: {result.created} award(s) created, {result.updated} updated, "
                 f"{result.unchanged} unchanged — see /winners/")
    return []
