"""The audit log reads as sentences (audit/wording.py)."""
import pytest
from django.urls import reverse

from audit.models import AuditEntry
from audit.services import record
from audit.wording import SENTENCES, describe
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def test_a_known_action_reads_as_a_sentence_with_who_and_what(sofia):
    edition = EditionFactory(year=2027)
    entry = record(actor=sofia, action="results.published", target=edition)
    assert describe(entry) == f"{sofia} published the results of {edition}"


def test_an_action_without_wording_still_reads_as_a_sentence():
    entry = AuditEntry.objects.create(action="something.new", target_type="x.y", target_id="7", target_label="Z")
    assert describe(entry) == "The system: something.new on Z"


def test_an_override_is_said_in_the_sentence(sofia):
    entry = record(actor=sofia, action="round.opened", target=EditionFactory(year=2027), override={"reason": "r"})
    assert describe(entry).endswith("(out of order, with a reason)")


def test_every_action_the_code_records_has_its_wording():
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    found = set()
    for path in root.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts or "node_modules" in path.parts:
            continue
        found |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    assert found and found <= set(SENTENCES), sorted(found - set(SENTENCES))


def test_the_admin_log_shows_the_sentences(sofia, sofia_client):
    record(actor=sofia, action="results.published", target=EditionFactory(year=2027))
    page = sofia_client.get(reverse("admin:audit_auditentry_changelist")).content.decode()
    assert "published the results of" in page


def test_sentences_are_marked_for_translation():
    assert all(type(sentence).__name__ == "__proxy__" for sentence in SENTENCES.values())  # gettext_lazy
