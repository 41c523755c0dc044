#!/usr/bin/env bash
# Bring the catalogues in locale/ up to date with the code, then compile them.
#
#   bash scripts/i18n.sh            # makemessages (Korean) + compilemessages
#   bash scripts/i18n.sh --compile  # compilemessages only (what install.sh and the Dockerfile do)
#
# After makemessages, translate every new or fuzzy entry of locale/ko/LC_MESSAGES/django.po (msgfmt
# --statistics shows how many are left); tests/test_i18n.py fails until none is missing, untranslated or fuzzy.
# The compiled .mo files are never committed (.gitignore).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-.venv/bin/python}"

if [ "${1:-}" != "--compile" ]; then
    "$PYTHON" manage.py makemessages --locale ko --no-obsolete --ignore=.venv --ignore=.venv-tools \
        --ignore=node_modules --ignore=var --ignore=tests --ignore=bench --ignore=scripts --ignore=static/vendor
    msgfmt --check --statistics -o /dev/null locale/ko/LC_MESSAGES/django.po
fi
"$PYTHON" manage.py compilemessages --ignore=.venv --ignore=.venv-tools --ignore=node_modules --ignore=var
