#!/usr/bin/env bash
# Installs everything the portal and its test suite need, and nothing twice.
#
#   bash scripts/install.sh
#
# 1. Debian packages, only those missing (one `apt-get update` first):
#    chromium (browser tests; Playwright is pointed at it, never `playwright install`),
#    poppler-utils (pdftotext/pdftoppm in tests), the Pango/HarfBuzz libraries
#    WeasyPrint loads, gettext (compilemessages), and nodejs + npm only when
#    no `npm` is on PATH (a NodeSource or nvm Node already brings its own npm;
#    Debian's npm package would conflict with NodeSource's nodejs).
# 2. .venv with Python 3.11 and the project with its test extras; pip runs only
#    when pyproject.toml changed since the last successful install.
# 3. .venv-tools, a separate virtualenv with check-jsonschema (validates
#    docker-compose.yml against the Compose specification offline).
# 4. node_modules/ with axe-core, exactly as pinned in package-lock.json (the
#    browser accessibility tests inject it); `npm ci` runs only when
#    node_modules/axe-core is missing or package-lock.json changed.
# 5. The translation catalogues in locale/ compiled (.mo, never committed), when a .po changed.
#
# Environment: PYTHON=/path/to/python3.11 picks the interpreter;
# PORTAL_SKIP_APT=1 skips the Debian step (for a machine you set up yourself).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"

CHECK_JSONSCHEMA_VERSION="0.39.0"
APT_PACKAGES=(
    chromium
    poppler-utils
    libpango-1.0-0
    libpangoft2-1.0-0
    libharfbuzz-subset0
    gettext
    redis-server
)

log() { printf '[install] %s\n' "$*"; }
die() { printf '[install] ERROR: %s\n' "$*" >&2; exit 1; }

# --- Python 3.11 -----------------------------------------------------------
find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.11 python3; do
        [ -n "$candidate" ] || continue
        command -v "$candidate" >/dev/null 2>&1 || continue
        if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}
PY="$(find_python)" || die "Python 3.11 not found (set PYTHON=/path/to/python3.11)."

# --- Debian packages -------------------------------------------------------
is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

if [ "${PORTAL_SKIP_APT:-0}" = "1" ]; then
    log "PORTAL_SKIP_APT=1: not checking Debian packages."
elif ! command -v dpkg-query >/dev/null 2>&1; then
    log "WARNING: not a Debian/Ubuntu system; install by hand: ${APT_PACKAGES[*]}"
else
    missing=()
    for pkg in "${APT_PACKAGES[@]}"; do
        is_installed "$pkg" || missing+=("$pkg")
    done
    # npm for axe-core: from Debian only when none is installed at all.
    if ! command -v npm >/dev/null 2>&1; then
        missing+=(nodejs npm)
    fi
    # Debian's own python3.11 needs python3.11-venv for `python -m venv`.
    if ! "$PY" -c 'import ensurepip' >/dev/null 2>&1 && [ "$PY" = "/usr/bin/python3.11" ]; then
        missing+=(python3.11-venv)
    fi
    if [ "${#missing[@]}" -gt 0 ]; then
        SUDO=()
        if [ "$(id -u)" -ne 0 ]; then
            command -v sudo >/dev/null 2>&1 || die "not root and no sudo; install: ${missing[*]}"
            SUDO=(sudo)
        fi
        log "apt-get install ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        "${SUDO[@]}" apt-get update -qq
        "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
    else
        log "Debian packages present."
    fi
fi

# --- .venv: the project and its test extras ---------------------------------
if [ ! -x .venv/bin/python ]; then
    log "creating .venv with $PY"
    "$PY" -m venv .venv
fi

STAMP=.venv/.portal-install-stamp
want="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)"
have="$(cat "$STAMP" 2>/dev/null || true)"
if [ "$want" != "$have" ]; then
    log "pip install -e '.[test]' (pyproject.toml changed or first install)"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
    echo "$want" > "$STAMP"
else
    log ".venv up to date with pyproject.toml."
fi

# --- .venv-tools: check-jsonschema, kept apart from the project's packages --
if ! .venv-tools/bin/check-jsonschema --version 2>/dev/null | grep -q "$CHECK_JSONSCHEMA_VERSION"; then
    log "installing check-jsonschema $CHECK_JSONSCHEMA_VERSION into .venv-tools"
    [ -x .venv-tools/bin/python ] || "$PY" -m venv .venv-tools
    .venv-tools/bin/python -m pip install --quiet --disable-pip-version-check \
        "check-jsonschema==$CHECK_JSONSCHEMA_VERSION"
else
    log ".venv-tools up to date."
fi

# --- node_modules: axe-core for the accessibility tests --------------------
command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js with npm (Debian: apt-get install nodejs npm), then rerun."
NODE_STAMP=node_modules/.portal-install-stamp
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
have="$(cat "$NODE_STAMP" 2>/dev/null || true)"
if [ ! -f node_modules/axe-core/axe.min.js ] || [ "$want" != "$have" ]; then
    log "npm ci (package-lock.json changed or node_modules/axe-core missing)"
    npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed (is the npm registry reachable?)"
    echo "$want" > "$NODE_STAMP"
else
    log "node_modules up to date with package-lock.json."
fi

# --- compiled catalogues: locale/*/LC_MESSAGES/*.po → .mo (never committed) --
# Only when a catalogue changed since it was last compiled (or was never compiled).
stale_po="$(find locale -name '*.po' 2>/dev/null | while read -r po; do
    [ "${po%.po}.mo" -nt "$po" ] || echo "$po"; done)"
if [ -n "$stale_po" ]; then
    log "compilemessages (a catalogue in locale/ changed)"
    bash scripts/i18n.sh --compile >/dev/null
else
    log "compiled catalogues up to date."
fi

# SQLite database, media and the test database live here by default.
mkdir -p "${PORTAL_VAR_DIR:-$ROOT/var}"
log "done."
