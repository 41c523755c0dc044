"""Benchmarks of the evaluation app (results go to bench/RESULTS.md, section "Evaluation").

1. Assignment: 2,000 eligible entries, 150 judges, k = 3, random conflicts (same-country conflicts switched
   on, plus randomly declared ones), through ``evaluation.services.assign`` — the whole service: loading,
   conflict detection, the algorithm, saving, the audit entry and one email per judge.
2. Results: 2,000 entries × 3 judges × 6 criteria, all submitted: the ranking with z-scores and ICC, the
   advancement preview, the exports and the admin results page.

    .venv/bin/python bench/bench_evaluation.py                      # SQLite scratch file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prize_portal \\
    .venv/bin/python bench/bench_evaluation.py [--entries 2000] [--judges 150] [--k 3] [--no-write]

It works in its own scratch database (PostgreSQL ``bench_evaluation``, recreated each run, when DATABASE_URL
names a PostgreSQL server; otherwise a temporary SQLite file) and never touches the database in DATABASE_URL.
"""
import argparse
import os
import platform
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BENCH_DB = os.environ.get("BENCH_DATABASE_NAME", "bench_evaluation")
COUNTRIES = ["KR", "BR", "TR", "VN", "AE", "KZ", "FR", "KE", "MX", "ID", "IN", "NG", "US", "DE", "JP"]

# The benchmark data skips the call and the coverage checks, as the secretariat may with a reason.
BENCHMARK_OVERRIDE = "Benchmark data: the call and the coverage are not what is measured"


def scratch_database(tmp):
    url = os.environ.get("DATABASE_URL", "")
    if urlparse(url).scheme.startswith("postgres"):
        import psycopg2

        admin = psycopg2.connect(url)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
            cursor.execute(f'CREATE DATABASE "{BENCH_DB}"')
        admin.close()
        return urlunparse(urlparse(url)._replace(path=f"/{BENCH_DB}")), "PostgreSQL"
    return f"sqlite:///{tmp}/bench.sqlite3", "SQLite"


def setup_django(database_url, tmp):
    os.environ.update({"DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "prize_portal.settings.base",
                       "PORTAL_VAR_DIR": str(tmp), "MEDIA_ROOT": str(Path(tmp) / "media"), "LOG_LEVEL": "WARNING",
                       "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend", "DEBUG": "false",
                       "ALLOWED_HOSTS": "testserver"})
    os.environ.pop("CELERY_BROKER_URL", None)  # tasks run eagerly, in process
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


class Measure:
    """Wall time and the number of SQL queries of a block."""

    def __init__(self, label, results):
        self.label, self.results = label, results

    def __enter__(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.capture = CaptureQueriesContext(connection)
        self.capture.__enter__()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.started
        self.capture.__exit__(*exc)
        self.queries = len(self.capture.captured_queries)
        self.results.append((self.label, self.seconds, self.queries))
        print(f"  {self.label:<62} {self.seconds:8.3f} s {self.queries:6d} queries")


def seed(entries, judges, rng):
    from applications import demo as applications_demo
    from applications.models import Application
    from evaluation import services
    from evaluation.demo import _bulk_judges
    from evaluation.models import Committee, Conflict, JudgeProfile

    edition = applications_demo.seed_current_edition()
    applications_demo.seed_bulk(edition, count=entries)
    Application.objects.filter(edition=edition).update(status=Application.Status.ELIGIBLE)
    committee = Committee.objects.create(edition=edition, name="Evaluation Committee")
    users = _bulk_judges(committee, judges)
    profiles = list(JudgeProfile.objects.filter(user__in=users))
    for profile in profiles:
        profile.country = rng.choice(COUNTRIES)
    JudgeProfile.objects.bulk_update(profiles, ["country"])
    applications = list(Application.objects.filter(edition=edition).values_list("pk", flat=True))
    declared = {(rng.choice(users).pk, rng.choice(applications)) for _ in range(entries // 2)}
    Conflict.objects.bulk_create([Conflict(judge_id=j, application_id=a, reason="declared in advance (bench)")
                                  for j, a in declared])
    rounds = services.create_default_rounds(edition=edition, committee=committee)
    first = rounds[0]
    first.judges_per_entry, first.conflict_same_country = 3, True
    first.save()
    return edition, committee, first, len(declared)


def score_everything(round, rng):
    from evaluation.models import Assignment, Score

    criteria = list(round.criteria.all())
    assignments = list(Assignment.objects.filter(round=round).values_list("pk", "judge_id"))
    leniency = {judge: rng.uniform(-1.5, 1.5) for _pk, judge in assignments}
    scores = []
    for pk, judge in assignments:
        for criterion in criteria:
            scores.append(Score(assignment_id=pk, criterion=criterion,
                                value=max(1, min(10, round_half(rng.gauss(6, 1.6) + leniency[judge])))))
    Score.objects.bulk_create(scores, batch_size=5000)
    Assignment.objects.filter(round=round).update(status=Assignment.Status.SUBMITTED, comment="Benchmark review")
    return len(assignments), len(scores)


def round_half(value):
    return int(value + 0.5)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--judges", type=int, default=150)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="Do not update bench/RESULTS.md.")
    args = parser.parse_args()
    rng = random.Random(2025)
    tmp = tempfile.mkdtemp(prefix="bench-evaluation-")
    database_url, engine = scratch_database(tmp)
    setup_django(database_url, tmp)

    from django.core import mail
    from django.urls import reverse

    from accounts.models import User
    from evaluation import exports, services
    from evaluation.assignment import plan_assignment
    from evaluation.models import Assignment, Round
    from evaluation.services.assigning import _entries, _members, blocked_judges

    results = []
    print(f"Seeding {args.entries} entries and {args.judges} judges ({engine}) …")
    started = time.perf_counter()
    edition, committee, round, declared = seed(args.entries, args.judges, rng)
    services.open_round(round=round, by=None, override_reason=BENCHMARK_OVERRIDE)
    round = Round.objects.get(pk=round.pk)
    round.judges_per_entry = args.k
    round.save()
    print(f"  seeded in {time.perf_counter() - started:.1f} s")

    print("Assignment")
    entries, members = _entries(round), _members(round)
    with Measure("conflict detection (automatic + declared), in memory", results):
        blocked = blocked_judges(round=round, entries=entries, members=members)
    conflicts = sum(len(b) for b in blocked.values())
    from evaluation.assignment import JudgeSlot

    slots = [JudgeSlot(id=m.user_id, capacity=m.capacity, region=m.user.judge_profile.region) for m in members]
    with Measure("algorithm alone (plan_assignment)", results):
        plan = plan_assignment(entries=[e.pk for e in entries], judges=slots, k=args.k, blocked=blocked)
    assert plan.feasible, plan.shortfalls[:3]
    mail.outbox = []
    with Measure(f"services.assign(): {args.entries} entries × k={args.k}, {args.judges} judges, emails", results):
        report = services.assign(round=round, by=None)
    assert report.feasible and report.created == args.entries * args.k
    emails = len(mail.outbox)
    loads = Counter(Assignment.objects.filter(round=round).values_list("judge_id", flat=True))
    per_entry = Counter(Assignment.objects.filter(round=round).values_list("entry_id", flat=True))
    pairs = set(Assignment.objects.filter(round=round).values_list("entry_id", "judge_id"))
    violations = sum(1 for entry_id, judge_id in pairs if judge_id in blocked.get(entry_id, {}))
    with Measure("services.assign() again (top-up, nothing to add)", results):
        again = services.assign(round=round, by=None)
    assert again.created == 0

    print("Results")
    reviews, scores = score_everything(round, rng)
    with Measure(f"load_results(): {reviews} reviews, {scores} scores, z-scores, ICC", results):
        ranking = services.load_results(round=round, use_snapshot=False)
    with Measure("advancement_preview() (ranking again + rule + overrides)", results):
        services.advancement_preview(round=round)
    with Measure("ranking export table (CSV/Excel rows)", results):
        table = exports.ranking_table(round)
    with Measure("scores export: Excel file of every score", results):
        response = exports.as_xlsx("scores.xlsx", exports.scores_table(round), "scores")
    xlsx_kb = len(response.content) // 1024
    staff = User.objects.create_superuser(email="bench-admin@bench.example", password="x")
    client = signed_in(staff)
    client.get(reverse("admin:evaluation_round_panel", args=[round.pk]))  # warm-up: template compilation not measured
    with Measure("admin results page (GET, rendered)", results):
        assert client.get(reverse("admin:evaluation_round_results", args=[round.pk])).status_code == 200
    services.close_round(round=round, by=staff, override_reason=BENCHMARK_OVERRIDE)
    for category in services.advancement_preview(round=round):  # a tie at the cut needs a decision first
        for row in category["undecided"]:
            services.set_override(entry=round.entries.get(pk=row.entry_id), decision="include", reason="bench",
                                  by=staff)
    with Measure("confirm_advancement(): finalize, freeze snapshot, next round", results):
        services.confirm_advancement(round=Round.objects.get(pk=round.pk), by=staff, override_reason=BENCHMARK_OVERRIDE)
    judge = User.objects.get(pk=loads.most_common(1)[0][0])
    client = signed_in(judge)
    client.get("/review/")  # warm-up
    with Measure(f"judge dashboard with {loads[judge.pk]} entries (GET)", results):
        assert client.get("/review/").status_code == 200
    assignment = Assignment.objects.filter(judge=judge).first()
    with Measure("judge review page (GET)", results):
        assert client.get(f"/review/assignments/{assignment.pk}/").status_code == 200

    facts = {
        "engine": engine, "entries": args.entries, "judges": args.judges, "k": args.k,
        "conflicts": conflicts, "declared": declared, "min_load": min(loads.values()), "max_load": max(loads.values()),
        "per_entry": sorted(set(per_entry.values())), "violations": violations, "emails": emails,
        "ranking_rows": len(table[1]), "xlsx_kb": xlsx_kb,
        "icc": [round_or_none(c["icc"]) for c in ranking.categories],
    }
    print(f"  loads {facts['min_load']}–{facts['max_load']} per judge, judges per entry {facts['per_entry']}, "
          f"{conflicts} conflicting pairs avoided, {violations} violations, {emails} emails")
    if not args.no_write:
        write_results(results, facts)


def signed_in(user):
    """A client whose session passed the second factor, as allauth records it (staff and judges need one)."""
    from allauth.account.internal.flows.login import record_authentication
    from django.http import HttpRequest
    from django.test import Client

    client = Client()
    client.force_login(user)
    request = HttpRequest()
    request.session = client.session
    record_authentication(request, user, "mfa", type="totp")
    request.session.save()
    return client


def round_or_none(value):
    return None if value is None else round(value, 3)


def write_results(results, facts):
    import django

    path = ROOT / "bench" / "RESULTS.md"
    command = ("DATABASE_URL=postgres://postgres@127.0.0.1:5432/prize_portal " if facts["engine"] == "PostgreSQL"
               else "") + ".venv/bin/python bench/bench_evaluation.py"
    lines = [
        f"### {facts['engine']}", "",
        f"`{command}` — {time.strftime('%Y-%m-%d %H:%M %Z')}, Python {platform.python_version()}, "
        f"Django {django.get_version()}, {os.cpu_count()} CPU(s).", "",
        f"{facts['entries']} entries, {facts['judges']} judges, k = {facts['k']}; same-country conflicts on and "
        f"{facts['declared']} declared conflicts: {facts['conflicts']} (entry, judge) pairs excluded.", "",
        "| step | time | SQL queries |", "|---|---:|---:|",
        *[f"| {label} | {seconds:.3f} s | {queries} |" for label, seconds, queries in results], "",
        f"Outcome: every entry has exactly {facts['per_entry']} judges; judge loads {facts['min_load']}–"
        f"{facts['max_load']} (max − min = {facts['max_load'] - facts['min_load']}); {facts['violations']} "
        f"conflicts violated; {facts['emails']} assignment emails (one per judge). Ranking export: "
        f"{facts['ranking_rows']} rows; Excel of every score: {facts['xlsx_kb']} KB. ICC per category: "
        f"{facts['icc']} (scores are random, so near 0 is expected).", "",
    ]
    text = path.read_text() if path.exists() else "# Benchmarks\n\n"
    section = re.search(r"^## Evaluation\n(.*?)(?=^## |\Z)", text, flags=re.S | re.M)
    intro = ("## Evaluation\n\nAssignment of entries to judges (conflict-aware, balanced, capacities) and the "
             "results of a round. Run by `bench/bench_evaluation.py` in its own scratch database; Celery tasks run "
             "eagerly, so `services.assign()` includes rendering and sending (locmem) one email per judge — most "
             "of its queries are one per emailed judge (their list of entries); the assignment itself is a "
             "handful of queries plus a bulk insert. Page timings are after one warm-up request.\n\n")
    body = section.group(1) if section else ""
    engines = re.split(r"(?=^### )", body, flags=re.M)
    kept = [part for part in engines if part.startswith("### ") and not part.startswith(f"### {facts['engine']}")]
    new_section = intro + "".join(sorted(kept + ["\n".join(lines) + "\n"]))
    if section:
        text = text[:section.start()] + new_section + text[section.end():]
    else:
        text = text.rstrip("\n") + "\n\n" + new_section
    path.write_text(text)
    print(f"Written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
