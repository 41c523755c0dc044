#!/usr/bin/env bash
# README command 1: install, create the SQLite database, load demo data, serve.
#
#   bash scripts/quickstart.sh            # then open http://127.0.0.1:8000/
#
# Runs with the development settings (prize_portal.settings.base): SQLite in
# var/, Celery tasks run in process, emails printed to this terminal.
# PORTAL_ADDR=0.0.0.0:8000 changes the address runserver listens on.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install.sh

echo "[quickstart] migrate"
.venv/bin/python manage.py migrate --noinput

echo "[quickstart] seed_demo (demo logins are printed below)"
.venv/bin/python manage.py seed_demo

ADDR="${PORTAL_ADDR:-127.0.0.1:8000}"
echo "[quickstart] serving on http://${ADDR}/ (Ctrl-C stops)"
exec .venv/bin/python manage.py runserver "$ADDR"
