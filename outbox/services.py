"""Side effects of committed actions (emails, certificate rendering): the one way to schedule them.

Services call ``schedule("app.task_name", *ids)`` inside their transaction instead of importing tasks, so
rules never depend on the broker. (First version: hands the task to Celery after commit; the transactional
outbox that survives a broker outage replaces the body, not the call sites.)
"""
from django.db import transaction


def schedule(task, *args, key=None):
    """Run the Celery task named ``task`` with ``args`` once the current transaction commits.

    ``key`` (optional) names the side effect so that scheduling it twice delivers it once.
    """
    transaction.on_commit(lambda: task_named(task).delay(*args))


def task_named(name):
    """The Celery task ``"<app>.<task>"``, importing ``<app>.tasks`` so it is registered in any process."""
    from importlib import import_module

    from celery import current_app

    import_module(f"{name.split('.', 1)[0]}.tasks")
    return current_app.tasks[name]
