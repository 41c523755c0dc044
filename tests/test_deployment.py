"""The deployment files: docker-compose.yml, production settings, static files, scripts.

Each check runs in a subprocess, as an operator would run it, so that the
production settings are loaded fresh and never leak into the test settings.
"""
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOLS_VENV = ROOT / ".venv-tools"
CHECK_JSONSCHEMA = TOOLS_VENV / "bin" / "check-jsonschema"
COMPOSE_FILE = ROOT / "docker-compose.yml"
SERVICES = {"web", "worker", "beat", "db", "redis"}
PORTAL_SERVICES = {"web", "worker", "beat"}

# Variables that would change what production settings do; removed so the
# checks see production's own defaults whatever the calling shell (or another
# test module: the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE) exports.
OVERRIDES = (
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "ALLOW_DEV_SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
)


def tools_venv_or_fail():
    if not CHECK_JSONSCHEMA.exists():
        pytest.fail(
            f"{CHECK_JSONSCHEMA.relative_to(ROOT)} is missing: run `bash scripts/install.sh` "
            "(it creates .venv-tools with check-jsonschema)."
        )


def load_compose_file():
    """The compose file as plain data, anchors and merge keys resolved.

    Parsed by the ruamel.yaml that check-jsonschema itself uses, so the
    structure checked here is the one that was validated.
    """
    tools_venv_or_fail()
    script = (
        "import json, sys; from ruamel.yaml import YAML; "
        "print(json.dumps(YAML(typ='safe').load(open(sys.argv[1], encoding='utf-8'))))"
    )
    result = subprocess.run(
        [str(TOOLS_VENV / "bin" / "python"), "-c", script, str(COMPOSE_FILE)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def production_env(**extra):
    env = {key: value for key, value in os.environ.items() if key not in OVERRIDES}
    env["DJANGO_SETTINGS_MODULE"] = "prize_portal.settings.production"
    env.update(extra)
    return env


def strong_secret_key():
    return secrets.token_urlsafe(64)


def manage(*args, env, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )


def test_the_compose_file_validates_against_the_compose_specification():
    tools_venv_or_fail()
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.compose-spec", str(COMPOSE_FILE)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_the_compose_file_has_the_five_services_each_with_a_healthcheck():
    compose = load_compose_file()
    services = compose["services"]
    assert set(services) == SERVICES
    for name, service in services.items():
        test = service.get("healthcheck", {}).get("test")
        assert test, f"service {name} has no healthcheck"
        assert not service["healthcheck"].get("disable"), f"service {name} disables its healthcheck"


def test_the_portal_services_run_production_settings_and_wait_for_healthy_dependencies():
    compose = load_compose_file()
    services = compose["services"]
    for name in PORTAL_SERVICES:
        service = services[name]
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == "prize_portal.settings.production"
        assert service["depends_on"], f"service {name} starts without waiting"
        for dependency, condition in service["depends_on"].items():
            assert dependency in SERVICES
            assert condition["condition"] == "service_healthy", (name, dependency)
    assert "gunicorn prize_portal.wsgi" in " ".join(services["web"]["command"])
    assert services["worker"]["command"][:4] == ["celery", "-A", "prize_portal", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "prize_portal", "beat"]
    assert services["db"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"


def test_the_compose_file_keeps_the_database_and_media_on_named_volumes():
    compose = load_compose_file()
    volumes = compose["volumes"]
    services = compose["services"]
    assert any(mount.startswith("db-data:") for mount in services["db"]["volumes"])
    for name in ("web", "worker"):
        assert "media:/app/var/media" in services[name]["volumes"], name
    assert {"db-data", "media"} <= set(volumes)


def test_production_settings_pass_check_deploy_with_no_warnings():
    env = production_env(SECRET_KEY=strong_secret_key(), ALLOWED_HOSTS="prize.example.org")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = manage("check", env=production_env())
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_settings_refuse_the_dev_secret_key_even_when_set_explicitly():
    dev_key = "dev-only-insecure-key-change-me-in-production"
    result = manage("check", env=production_env(SECRET_KEY=dev_key))
    assert result.returncode != 0
    assert "Set SECRET_KEY in the environment for production." in result.stderr


def test_production_collectstatic_succeeds_with_the_vendored_bootstrap(tmp_path):
    env = production_env(SECRET_KEY=strong_secret_key(), STATIC_ROOT=str(tmp_path))
    result = manage("collectstatic", "--noinput", "-v", "0", env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert "vendor/bootstrap/bootstrap.min.css" in manifest
    assert "vendor/bootstrap/bootstrap.bundle.min.js" in manifest


def test_the_shell_scripts_have_valid_syntax():
    scripts = [
        "scripts/install.sh",
        "scripts/quickstart.sh",
        "scripts/test.sh",
        "scripts/vendor-bootstrap.sh",
        ".ci/run",
    ]
    for script in scripts:
        result = subprocess.run(["bash", "-n", script], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, f"{script}: {result.stderr}"
