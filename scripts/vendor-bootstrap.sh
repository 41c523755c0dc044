#!/usr/bin/env bash
# Refreshes the committed copy of Bootstrap in static/vendor/bootstrap/ from the
# npm registry. Only needed to change Bootstrap's version; installs never run it.
#
#   bash scripts/vendor-bootstrap.sh            # 5.3.9, the version in use
#   bash scripts/vendor-bootstrap.sh 5.3.10
#
# The source maps are kept: the production static storage (WhiteNoise's
# CompressedManifestStaticFilesStorage) follows the sourceMappingURL comments
# and collectstatic fails when a map is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VERSION="${1:-5.3.9}"
DEST=static/vendor/bootstrap
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

(cd "$TMP" && npm pack --silent "bootstrap@$VERSION" >/dev/null && tar xzf bootstrap-*.tgz)
PKG="$TMP/package"
mkdir -p "$DEST"
cp "$PKG/dist/css/bootstrap.min.css" "$PKG/dist/css/bootstrap.min.css.map" \
   "$PKG/dist/js/bootstrap.bundle.min.js" "$PKG/dist/js/bootstrap.bundle.min.js.map" \
   "$PKG/LICENSE" "$DEST/"
echo "Bootstrap $(node -p "require('$PKG/package.json').version") copied to $DEST/"
