"""Benchmarks of the ceremonies app (results go to bench/RESULTS.md, section "Ceremonies").

1. Certificates: N certificates rendered by a real Celery worker (Redis broker, PostgreSQL, files through
   Django's default storage) against raw WeasyPrint rendering the very same HTML in one loop.
2. The public winners page: requests per second through gunicorn on loopback, against a static file served
   by the same gunicorn + WhiteNoise stack, under wrk (or a bounded Python load loop without wrk).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prize_portal \\
    BENCH_BROKER_URL=redis://127.0.0.1:6379/13 \\
    .venv/bin/python bench/bench_ceremonies.py [--certificates 200] [--duration 10] [--connections 16]

It works in its own database (``bench_ceremonies``, recreated each run) and a temporary media folder; the
database named in DATABASE_URL is only used to create it.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BENCH_DB = os.environ.get("BENCH_DATABASE_NAME", "bench_ceremonies")
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/13")

# The benchmark data skips the call and the coverage checks, as the secretariat may with a reason.
BENCHMARK_OVERRIDE = "Benchmark data: no evaluation behind these results"


def database_url(name):
    url = urlparse(os.environ.get("DATABASE_URL", ""))
    if not url.scheme.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database: the worker and the web server share it.")
    return urlunparse(url._replace(path=f"/{name}"))


def recreate_database():
    import psycopg2

    admin = psycopg2.connect(os.environ["DATABASE_URL"])
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
        cursor.execute(f'CREATE DATABASE "{BENCH_DB}"')
    admin.close()


def environment(media, static):
    """The production settings (gunicorn + WhiteNoise, as deployed), on loopback over plain HTTP."""
    import secrets

    return {**os.environ, "DATABASE_URL": database_url(BENCH_DB),
            "DJANGO_SETTINGS_MODULE": "prize_portal.settings.production", "SECRET_KEY": secrets.token_urlsafe(50),
            "SECURE_SSL_REDIRECT": "false", "CELERY_BROKER_URL": BROKER, "MEDIA_ROOT": str(media),
            "STATIC_ROOT": str(static), "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "WARNING", "SITE_URL": "https://prize.example",
            "DATABASE_CONN_MAX_AGE": "60"}  # as docker-compose.yml runs it


def setup_django(env):
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)


PLAN = ["gold", "silver", "silver", "bronze", "bronze", "corporation", "institution"]


def seed(count):
    """A published edition whose certificates number ``count``: finalists with Unicode names, and 14 awards
    among them (7 levels in each project category); each award and each finalist has a certificate."""
    from applications.models import ApplicantProfile, Application, Category, Edition
    from applications.demo import CATEGORIES
    from accounts.models import User
    from ceremonies import services
    from ceremonies.models import Ceremony
    from django.utils import timezone

    edition = Edition.objects.create(year=2025, ordinal=3, theme="Fostering digital transformation",
                                     status=Edition.Status.ARCHIVED)
    for spec in CATEGORIES:
        Category.objects.create(edition=edition, **spec)
    categories = list(edition.categories.filter(is_for_individuals=False))
    names = ["서울특별시", "Prefeitura de São Paulo", "Beyoğlu Belediyesi", "Ủy ban nhân dân thành phố Đà Nẵng",
             "Алматы Digital Institute", "Ankara Akıllı Şehir Teknolojileri A.Ş."]
    countries = ["KR", "BR", "TR", "VN", "KZ", "TR"]
    finalists = count - len(PLAN) * len(categories)
    users = User.objects.bulk_create([User(email=f"bench-{i}@bench.example") for i in range(finalists)])
    profiles = ApplicantProfile.objects.bulk_create([ApplicantProfile(
        user=user, applicant_type="city", name=f"{names[i % 6]} {i}", country=countries[i % 6], city=names[i % 6],
        contact_name="Contact", contact_position="Officer", contact_email=user.email, contact_phone="+82 2 0000")
        for i, user in enumerate(users)])
    Application.objects.bulk_create([Application(
        edition=edition, category=categories[i % len(categories)], applicant=profile, status="finalist",
        reference=f"SSCP-2025-{i + 1:04d}", title=f"Open data for flood warnings, project {i} — Đà Nẵng",
        summary="A people-centred service.") for i, profile in enumerate(profiles)])
    Ceremony.objects.create(edition=edition, starts_at=timezone.now(), venue="Dongdaemun Design Plaza")
    levels = services.ensure_default_levels(edition=edition)
    for category in categories:
        for slug, application in zip(PLAN, edition.applications.filter(category=category)[: len(PLAN)]):
            services.grant_award(application=application, level=levels[slug], citation="For residents first.",
                                 by=None)
    services.publish_results(edition=edition, by=None, override_reason=BENCHMARK_OVERRIDE)
    return edition


def start_worker(env, *, pool="solo", concurrency=1):
    log = open(Path(env["MEDIA_ROOT"]) / f"worker-{pool}.log", "w")
    args = [sys.executable, "-m", "celery", "-A", "prize_portal", "worker", f"--pool={pool}", "--without-gossip",
            "--without-mingle", "--without-heartbeat", "--loglevel=INFO", f"--hostname=bench-{pool}@%h"]
    if pool == "prefork":
        args.append(f"--concurrency={concurrency}")
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while " ready." not in (Path(env["MEDIA_ROOT"]) / f"worker-{pool}.log").read_text():
        if time.monotonic() > deadline or process.poll() is not None:
            sys.exit("The worker did not start; see its log in " + env["MEDIA_ROOT"])
        time.sleep(0.1)
    return process


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def bench_worker(edition, env, *, pool, concurrency):
    from ceremonies import services
    from ceremonies.models import Certificate

    worker = start_worker(env, pool=pool, concurrency=concurrency)
    try:
        started = time.perf_counter()
        created, requested = services.issue_certificates(edition=edition, by=None, override_reason=BENCHMARK_OVERRIDE)
        while True:
            progress = services.certificate_progress(edition=edition)
            if progress["pending"] == 0:
                break
            time.sleep(0.2)  # one COUNT query per poll: negligible next to the rendering
        elapsed = time.perf_counter() - started
    finally:
        stop(worker)
    assert progress["failed"] == 0, progress
    return {"certificates": requested, "seconds": elapsed, "per_certificate": elapsed / requested,
            "bytes": sum(Path(env["MEDIA_ROOT"], c.file.name).stat().st_size
                         for c in Certificate.objects.filter(edition=edition))}


def bench_raw(edition):
    """The same HTML each certificate is made from, rendered by WeasyPrint in one loop, nothing else."""
    from ceremonies.certificates import certificate_html, html_to_pdf
    from ceremonies.models import Certificate

    htmls = [certificate_html(c) for c in Certificate.objects.filter(edition=edition).select_related("edition")]
    html_to_pdf(htmls[0])  # warm-up: fonts loaded once, as in a long-lived worker
    started = time.perf_counter()
    for html in htmls:
        html_to_pdf(html)
    elapsed = time.perf_counter() - started
    return {"certificates": len(htmls), "seconds": elapsed, "per_certificate": elapsed / len(htmls)}


def start_gunicorn(env, port, workers):
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "prize_portal.wsgi", f"--bind=127.0.0.1:{port}", f"--workers={workers}",
         "--log-level=warning"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/winners/", timeout=2).read()
            return process
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                sys.exit("gunicorn did not start")
            time.sleep(0.2)


def run_wrk(url, *, duration, connections, threads):
    output = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url],
                            capture_output=True, text=True, check=True).stdout
    rps = float(next(line for line in output.splitlines() if line.startswith("Requests/sec:")).split()[1])
    p50 = next(line.split()[1] for line in output.splitlines() if line.strip().startswith("50%"))
    p99 = next(line.split()[1] for line in output.splitlines() if line.strip().startswith("99%"))
    errors = [line.strip() for line in output.splitlines() if "Non-2xx" in line or "Socket errors" in line]
    return {"rps": rps, "p50": p50, "p99": p99, "errors": errors, "tool": "wrk"}


def run_python_load(url, *, duration, connections, threads):
    """A bounded load loop for machines without wrk: ``connections`` threads, keep-alive, ``duration`` s."""
    import http.client

    parsed = urlparse(url)
    counts, stop_at = [], time.monotonic() + duration

    def worker():
        connection, done = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10), 0
        while time.monotonic() < stop_at:
            connection.request("GET", parsed.path)
            response = connection.getresponse()
            response.read()
            done += response.status == 200
        counts.append(done)

    pool = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return {"rps": sum(counts) / duration, "p50": "-", "p99": "-", "errors": [], "tool": "python loop"}


def bench_http(env, *, duration, connections, workers):
    port = 8765
    server = start_gunicorn(env, port, workers)
    load = run_wrk if shutil.which("wrk") else run_python_load
    try:
        page = f"http://127.0.0.1:{port}/winners/2025/"
        static = f"http://127.0.0.1:{port}/static/ceremonies/winners.css"
        for url in (page, static):  # warm both (the page's first request fills the cache)
            try:
                urllib.request.urlopen(url).read()
            except OSError as error:
                sys.exit(f"{url}: {error}")
        size_page = len(urllib.request.urlopen(page).read())
        size_static = len(urllib.request.urlopen(static).read())
        results = {"page": load(page, duration=duration, connections=connections, threads=2),
                   "static": load(static, duration=duration, connections=connections, threads=2)}
        results["page"]["bytes"], results["static"]["bytes"] = size_page, size_static
    finally:
        stop(server)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--certificates", type=int, default=200)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--web-workers", type=int, default=2)
    options = parser.parse_args()

    import redis

    redis.Redis.from_url(BROKER).flushdb()
    recreate_database()
    media = Path(tempfile.mkdtemp(prefix="bench-media-"))
    static = Path(tempfile.mkdtemp(prefix="bench-static-"))
    env = environment(media, static)
    setup_django(env)
    edition = seed(options.certificates)
    from ceremonies.models import Certificate

    report = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                          "load_average_at_start": os.getloadavg()}}
    report["raw_weasyprint"] = None
    report["worker_solo"] = bench_worker(edition, env, pool="solo", concurrency=1)
    total = Certificate.objects.filter(edition=edition).count()
    report["raw_weasyprint"] = bench_raw(edition)
    report["worker_prefork"] = bench_worker(edition, env, pool="prefork", concurrency=os.cpu_count() or 2)
    report["ratio_solo_to_raw"] = report["worker_solo"]["seconds"] / report["raw_weasyprint"]["seconds"]
    report["ratio_prefork_to_raw"] = report["worker_prefork"]["seconds"] / report["raw_weasyprint"]["seconds"]
    report["http"] = bench_http(env, duration=options.duration, connections=options.connections,
                                workers=options.web_workers)
    report["ratio_page_to_static"] = report["http"]["page"]["rps"] / report["http"]["static"]["rps"]
    report["certificates_total"] = total
    report["machine"]["load_average_at_end"] = os.getloadavg()
    print(json.dumps(report, indent=2))
    shutil.rmtree(media, ignore_errors=True)
    shutil.rmtree(static, ignore_errors=True)


if __name__ == "__main__":
    main()
