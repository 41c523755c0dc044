"""Container health checks for docker-compose.yml (standard library + kombu only).

    python scripts/healthcheck.py web    # gunicorn answers HTTP below 500
    python scripts/healthcheck.py worker # this container's Celery worker answers a ping
    python scripts/healthcheck.py beat   # beat's process is alive and the broker answers

Exit 0 is healthy, 1 is not.
"""
import os
import socket
import sys
import urllib.error
import urllib.request


def check_web():
    url = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/")
    # Behind the TLS proxy every request carries X-Forwarded-Proto; without it
    # SECURE_SSL_REDIRECT would answer a redirect to https on this port.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code  # 3xx/4xx: the application answered
    except OSError as error:
        print(f"web: {error}")
        return False
    print(f"web: HTTP {status}")
    return status < 500


def check_worker():
    # The worker's default node name is celery@<hostname>, the container's.
    node = os.environ.get("CELERY_WORKER_NODE") or f"celery@{socket.gethostname()}"
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from prize_portal.celery import app

    replies = app.control.ping(destination=[node], timeout=5)
    answered = any(node in reply for reply in replies)
    print(f"worker: {node} {'answered' if answered else 'did not answer'}")
    return answered


def check_beat():
    pidfile = os.environ.get("CELERY_BEAT_PIDFILE", "/tmp/celerybeat.pid")
    try:
        with open(pidfile) as handle:
            pid = int(handle.read().strip())
        os.kill(pid, 0)
    except (OSError, ValueError) as error:
        print(f"beat: process not running ({error})")
        return False
    from kombu import Connection

    try:
        with Connection(os.environ["CELERY_BROKER_URL"], connect_timeout=5) as connection:
            connection.ensure_connection(max_retries=1)
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy
        print(f"beat: broker unreachable ({error})")
        return False
    print(f"beat: pid {pid}, broker reachable")
    return True


CHECKS = {"web": check_web, "worker": check_worker, "beat": check_beat}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in CHECKS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(CHECKS)}}}")
    sys.exit(0 if CHECKS[sys.argv[1]]() else 1)
