#!/usr/bin/env bash
# README command 2: install, then run the test suite.
#
#   bash scripts/test.sh                  # the whole suite, on SQLite
#   bash scripts/test.sh -m "not e2e"     # any pytest arguments pass through
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/prize_portal bash scripts/test.sh
#
# Settings come from pyproject.toml (prize_portal.settings.test). With
# DATABASE_URL set the suite runs on PostgreSQL (test database
# $TEST_DATABASE_NAME, default test_prize_portal); without it, on SQLite and
# tests marked `postgres` are skipped. pytest's exit code is passed through
# unchanged (5 = no tests collected is a failure here, as in CI).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install.sh

exec .venv/bin/python -m pytest "$@"
