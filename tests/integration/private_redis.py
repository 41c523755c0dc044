"""A private ``redis-server`` on a spare port, which a test may stop and start again (never the shared one)."""
import os
import shutil
import signal
import socket
import subprocess
import time

import pytest

PORTS = range(6391, 6400)


def spare_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"No spare port for a private redis-server in {PORTS.start}-{PORTS.stop - 1}")


class PrivateRedis:
    def __init__(self, directory):
        if not shutil.which("redis-server"):
            pytest.fail("redis-server is not installed (Debian package redis-server, see scripts/install.sh)")
        self.directory, self.port, self.pid = directory, spare_port(), None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        pidfile = self.directory / "redis.pid"
        pidfile.unlink(missing_ok=True)
        subprocess.run(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                        "--appendonly", "no", "--daemonize", "yes", "--dir", str(self.directory),
                        "--pidfile", str(pidfile), "--logfile", str(self.directory / "redis.log")], check=True)
        self._wait(lambda: self.answers() and pidfile.exists(), "to answer")
        self.pid = int(pidfile.read_text())

    def stop(self):
        """Stop it by its own PID, as an outage would; its queues are lost with it (no persistence)."""
        if self.pid:
            os.kill(self.pid, signal.SIGTERM)
            self._wait(lambda: not self.answers(), "to stop")
            self.pid = None

    def answers(self):
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5, retry=Retry(NoBackoff(), 0)).ping()
        except redis.RedisError:
            return False

    def _wait(self, predicate, what, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.05)
        pytest.fail(f"The private redis-server on port {self.port} did not {what} in {timeout} s")
