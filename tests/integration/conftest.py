"""A real Celery worker (subprocess) on the real Redis broker and the PostgreSQL test database.

Tests using it are ``@pytest.mark.integration`` and ``@pytest.mark.django_db(transaction=True)``: the
worker is another process and only sees committed rows; ``transaction.on_commit`` fires for real.
Without PostgreSQL they skip, saying why; with PostgreSQL but no Redis they fail, saying what to start.
"""
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from .smtp_sink import SMTPSink

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")


def _skip_unless_postgres():
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... (a worker process cannot share the "
                    "SQLite test database safely); CI runs these")


def _check_broker():
    import redis

    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis at {BROKER} does not answer ({error}): start redis-server or set "
                    "CELERY_TEST_BROKER_URL")


@pytest.fixture(scope="session")
def shared_media(tmp_path_factory):
    return tmp_path_factory.mktemp("worker-media")


@pytest.fixture(autouse=True)
def media_root(settings, shared_media):
    """Overrides the suite's per-test media folder: the worker writes where the test reads."""
    settings.MEDIA_ROOT = shared_media


@pytest.fixture(scope="session")
def smtp_sink():
    with SMTPSink() as sink:
        yield sink


@pytest.fixture(scope="session")
def session_worker(django_db_setup, shared_media, smtp_sink):
    """Start ``celery worker`` once per session."""
    _skip_unless_postgres()
    _check_broker()
    import redis

    redis.Redis.from_url(BROKER).flushdb()  # no stale tasks from an earlier, interrupted run
    with running_worker(BROKER, media=shared_media, smtp_port=smtp_sink.port) as worker:
        yield worker


@pytest.fixture
def celery_worker(session_worker):
    """The session's worker, with this process's tasks routed to its broker for this test only: the tests
    that run after it (other folders) find the app eager again."""
    with app_pointed_at(BROKER):
        yield session_worker


@contextmanager
def running_worker(broker, *, media, smtp_port, name="integration", extra_args=(), env=None):
    """A ``celery worker`` subprocess on ``broker``, the test database, ``media`` and the SMTP sink at
    ``smtp_port``, listening to every queue; stopped (SIGTERM) on exit."""
    env = {**os.environ, "CELERY_BROKER_URL": broker, "DJANGO_SETTINGS_MODULE": "tests.integration.worker_settings",
           "TEST_DATABASE_NAME": settings.DATABASES["default"]["NAME"],
           "PORTAL_TEST_MEDIA_ROOT": str(media), "PORTAL_TEST_SMTP_PORT": str(smtp_port), **(env or {})}
    env.pop("CELERY_RESULT_BACKEND", None)
    log_path = media / f"{name}-worker.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "prize_portal", "worker", "--pool=solo", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "--loglevel=INFO", f"--hostname={name}@%h",
         "--queues=celery,certificates", *extra_args],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    worker = Worker(process=process, log_path=log_path)
    try:
        _wait_until_ready(process, log_path)
        yield worker
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()


@contextmanager
def app_pointed_at(broker):
    """This process's Celery app publishes to ``broker`` (not eagerly) inside the block."""
    from prize_portal.celery import app

    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.update(task_always_eager=False, broker_url=broker)
    app._pool = None  # eager runs never opened one; if anything did, the next use opens one to ``broker``
    app.amqp._producer_pool = None
    try:
        yield app
    finally:
        app.conf.update(saved)
        app._pool = None
        app.amqp._producer_pool = None


class Worker:
    def __init__(self, *, process, log_path):
        self.process, self.log_path = process, log_path

    def log(self):
        return self.log_path.read_text()

    def kill(self):
        """SIGKILL the worker and any child of it (an embedded beat): its own session, started for it alone."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()

    def succeeded(self, task_name):
        """How many ``task_name`` tasks the worker reports as succeeded so far."""
        return sum(1 for line in self.log().splitlines() if f"Task {task_name}[" in line and "succeeded" in line)


def _wait_until_ready(process, log_path, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The Celery worker exited:\n{log_path.read_text()}")
        if " ready." in log_path.read_text():
            return
        time.sleep(0.1)
    process.kill()
    pytest.fail(f"The Celery worker was not ready in {timeout} s:\n{log_path.read_text()}")


def wait_for(predicate, *, timeout=30, interval=0.05, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout} s waiting for {message}")
