"""Site-wide protections: a content security policy without inline scripts, login throttling counted in the shared
cache, working-day sessions for staff and judges, the admin at a path set by the environment."""
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.demo import DEMO_TOTP_SECRET, current_code, give_demo_authenticator
from accounts.second_factor import ACTIVE_AT
from tests.evaluation.conftest import committee, hana  # noqa: F401 (the judge persona)
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
WORKING_DAY = 8 * 60 * 60


def script_sources(response):
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return directives["script-src"].split()


@pytest.mark.parametrize("who, path", [("anonymous", "/"), ("anonymous", "/accounts/login/"),
                                       ("anonymous", "/winners/"), ("alice", "/dashboard/"),
                                       ("sofia", "/admin/"), ("hana", "/review/")])
def test_every_page_has_a_content_security_policy_without_inline_scripts(who, path, request, client):
    from tests.conftest import signed_in

    if who != "anonymous":
        person = request.getfixturevalue(who)
        client = signed_in(getattr(person, "user", person))
    response = client.get(path)
    assert response.status_code == 200
    assert script_sources(response) == ["'self'"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def test_no_template_has_an_inline_script_or_event_handler():
    templates = [p for p in ROOT.glob("**/templates/**/*.html") if ".venv" not in p.parts
                 and "node_modules" not in p.parts]
    assert len(templates) > 20
    offenders = [str(p.relative_to(ROOT)) for p in templates
                 if INLINE_SCRIPT.search(p.read_text()) or INLINE_HANDLER.search(p.read_text())]
    assert offenders == []


def test_failed_logins_through_the_admin_lock_the_address_out(sofia):
    give_demo_authenticator(sofia)
    client = Client()
    login = client.get("/admin/login/?next=/admin/")["Location"]
    for _attempt in range(5):
        assert client.post(login, {"login": sofia.email, "password": "not-the-password"}).status_code == 200
    refused = client.post(login, {"login": sofia.email, "password": PASSWORD})
    assert refused.status_code == 200 and "Too many failed login attempts" in refused.content.decode()
    assert SESSION_KEY not in client.session


def test_failed_logins_are_counted_per_address_not_for_everyone(sofia, alice):
    client = Client()
    for _attempt in range(5):
        client.post("/accounts/login/", {"login": sofia.email, "password": "not-the-password"})
    assert client.post("/accounts/login/", {"login": alice.user.email, "password": PASSWORD}).status_code == 302


def sign_in_with_a_code(user):
    give_demo_authenticator(user)
    client = Client()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(DEMO_TOTP_SECRET)})
    assert response.status_code == 302 and client.session.get(SESSION_KEY) == str(user.pk)
    return client


@pytest.mark.parametrize("person", ["sofia", "hana"])
def test_staff_and_judge_sessions_end_after_a_working_day_without_activity(person, request):
    client = sign_in_with_a_code(request.getfixturevalue(person))
    assert client.session.get_expiry_age() == WORKING_DAY


def test_an_applicants_session_keeps_the_default_length(alice, settings):
    client = Client()
    assert client.post("/accounts/login/", {"login": alice.user.email, "password": PASSWORD}).status_code == 302
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE > WORKING_DAY


def test_activity_moves_a_working_day_session_forward(sofia):
    client = sign_in_with_a_code(sofia)
    session = client.session
    session[ACTIVE_AT] = time.time() - 10 * 60
    session.save()
    expires = Session.objects.get(pk=session.session_key).expire_date
    assert client.get("/admin/").status_code == 200
    assert Session.objects.get(pk=session.session_key).expire_date > expires
    assert client.session[ACTIVE_AT] > time.time() - 60


def manage_py(code, **env):
    environment = {key: value for key, value in os.environ.items() if key not in ("CACHE_URL", "REDIS_URL", "ADMIN_URL")}
    environment.update(env)
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def test_the_admin_lives_at_the_path_the_environment_gives():
    code = "from django.urls import reverse; print(reverse('admin:index'), reverse('admin:login'))"
    assert manage_py(code) == "/admin/ /admin/login/"
    assert manage_py(code, ADMIN_URL="secretariat-7f3a/") == "/secretariat-7f3a/ /secretariat-7f3a/login/"


def test_the_cache_is_local_memory_by_default_and_redis_when_a_url_is_given():
    backend = "from django.core.cache import caches; print(type(caches['default']).__name__)"
    assert manage_py(backend) == "LocMemCache"
    assert manage_py(backend, CACHE_URL="redis://127.0.0.1:6379/4") == "RedisCache"
    assert manage_py(backend, REDIS_URL="redis://127.0.0.1:6379/4") == "RedisCache"


@pytest.mark.integration
def test_two_processes_share_the_redis_cache_that_counts_failed_logins():
    url = os.environ.get("CELERY_TEST_BROKER_URL") or "redis://127.0.0.1:6379/4"
    key = f"portal-test-shared-{os.getpid()}"
    try:
        manage_py(f"from django.core.cache import cache; cache.set('{key}', 'seen', 60)", REDIS_URL=url)
    except AssertionError as error:
        pytest.skip(f"no Redis at {url}: {error}")
    try:
        assert manage_py(f"from django.core.cache import cache; print(cache.get('{key}'))", REDIS_URL=url) == "seen"
    finally:
        manage_py(f"from django.core.cache import cache; cache.delete('{key}')", REDIS_URL=url)
