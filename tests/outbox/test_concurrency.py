"""Two workers handed the same message at once (the broker's copy and the sweep, or a redelivery): it is
delivered by one of them, once. The guarantee is PostgreSQL's row lock (SKIP LOCKED), so PostgreSQL only."""
import threading

import pytest
from django.core import mail
from django.db import close_old_connections, connection

from outbox import services
from outbox.models import OutboxMessage

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks (CI runs it)"),
]


def deliver_all_at_once(message_id, workers=4, timeout=60):
    barrier = threading.Barrier(workers)
    results = [None] * workers

    def worker(index):
        try:
            connection.ensure_connection()
            barrier.wait(timeout=timeout)
            results[index] = services.deliver(message_id=message_id)
        except Exception as error:  # noqa: BLE001 - reported to the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    close_old_connections()
    return results


def test_a_message_delivered_by_four_workers_at_once_is_sent_once(alices_draft, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    real_send = EmailBackend.send_messages

    def slow_send(backend, messages):  # a real mail server takes a while: the others arrive meanwhile
        import time

        time.sleep(0.3)
        return real_send(backend, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", slow_send)
    message = OutboxMessage.objects.create(task="applications.send_submission_confirmation", args=[alices_draft.pk])

    results = deliver_all_at_once(message.pk)

    assert sorted(results, key=str) == [False, False, False, True], results
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.DELIVERED, 1)
