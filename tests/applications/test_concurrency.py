"""Reference numbers under concurrent submits: one reference per application, sequential, no gaps or duplicates.

Real threads, each with its own database connection and transaction, meet at a barrier and submit at once.
The guarantee comes from PostgreSQL row locks (SELECT … FOR UPDATE), so these run on PostgreSQL only.
"""
import threading

import pytest
from django.core import mail
from django.db import close_old_connections, connection

from applications import services
from applications.models import Application, ReferenceSequence
from audit.models import AuditEntry
from tests.factories import ApplicantProfileFactory, ApplicationFactory, UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks (CI runs it)"),
]


def submit_all_at_once(drafts, timeout=60):
    """Submit each draft from its own thread and connection, all released together; return [(result, error)].

    Each thread connects and loads its copy of the draft *before* the barrier (as a browser tab holds the form),
    so only the submits themselves race: nothing else staggers them.
    """
    barrier = threading.Barrier(len(drafts))
    outcomes = [None] * len(drafts)

    def worker(index, draft):
        try:
            connection.ensure_connection()
            application = Application.objects.select_related("applicant__user").get(pk=draft.pk)
            barrier.wait(timeout=timeout)
            outcomes[index] = (services.submit_application(application=application, user=application.applicant.user),
                               None)
        except Exception as error:  # noqa: BLE001 — reported to the test
            outcomes[index] = (None, error)
        finally:
            connection.close()  # this thread's own connection, or the test database cannot be dropped

    threads = [threading.Thread(target=worker, args=(i, draft), daemon=True) for i, draft in enumerate(drafts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a submit hung (deadlock?)"
    close_old_connections()
    return outcomes


def test_two_simultaneous_submits_of_one_draft_give_exactly_one_reference(edition, alice):
    draft = ApplicationFactory(edition=edition, applicant=alice)

    outcomes = submit_all_at_once([draft, draft])  # two browser tabs posting the same form

    succeeded = [result for result, error in outcomes if error is None]
    refused = [error for result, error in outcomes if error is not None]
    assert len(succeeded) == 1 and len(refused) == 1, outcomes
    assert isinstance(refused[0], services.ApplicationError), repr(refused[0])
    assert "already been submitted" in str(refused[0])
    reference = f"SSCP-{edition.year}-0001"
    assert succeeded[0].reference == reference
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED and draft.reference == reference
    assert ReferenceSequence.objects.get(edition=edition).last_number == 1
    assert AuditEntry.objects.filter(action="application.submitted", target_id=str(draft.pk)).count() == 1
    assert [m.subject for m in mail.outbox].count(f"Application {reference} received — Seoul Smart City Prize") == 1


def test_parallel_submits_of_different_drafts_get_sequential_references_without_gaps_or_duplicates(edition):
    count = 12
    drafts = [ApplicationFactory(edition=edition, applicant=ApplicantProfileFactory(
        user=UserFactory(email=f"city{n}@parallel.example"), name=f"Şehir {n}")) for n in range(count)]

    outcomes = submit_all_at_once(drafts)

    assert [error for _result, error in outcomes if error is not None] == []
    references = sorted(Application.objects.filter(edition=edition).values_list("reference", flat=True))
    assert references == [f"SSCP-{edition.year}-{n:04d}" for n in range(1, count + 1)]
    assert sorted(result.reference for result, _error in outcomes) == references
    assert ReferenceSequence.objects.get(edition=edition).last_number == count
    assert sorted(m.to[0] for m in mail.outbox) == sorted(d.applicant.user.email for d in drafts)


def test_a_refused_submit_running_alongside_others_leaves_no_gap(edition):
    """An incomplete draft fails inside the same race; the numbers handed out stay 0001..N."""
    complete = [ApplicationFactory(edition=edition, applicant=ApplicantProfileFactory(
        user=UserFactory(email=f"ok{n}@parallel.example"))) for n in range(5)]
    incomplete = [ApplicationFactory(edition=edition, summary="", applicant=ApplicantProfileFactory(
        user=UserFactory(email=f"half{n}@parallel.example"))) for n in range(3)]
    drafts = complete + incomplete

    outcomes = submit_all_at_once(drafts)

    errors = [error for _result, error in outcomes if error is not None]
    assert len(errors) == 3 and all(isinstance(e, services.ApplicationError) for e in errors), errors
    references = sorted(Application.objects.exclude(reference=None).values_list("reference", flat=True))
    assert references == [f"SSCP-{edition.year}-{n:04d}" for n in range(1, 6)]
    assert ReferenceSequence.objects.get(edition=edition).last_number == 5
    assert set(Application.objects.filter(pk__in=[d.pk for d in incomplete]).values_list("status", flat=True)) == {
        "draft"}
