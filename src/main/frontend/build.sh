#!/bin/sh
# Builds the offline GraphiQL page into $1 (Maven passes target/classes/static/graphiql).
# Run by exec-maven-plugin in generate-resources; skip it with -Dfrontend.skip=true.
#
# Without node/npm on PATH this prints a warning and exits 0: the app then serves Spring's built-in
# /graphiql page, which loads GraphiQL from a CDN and so stays blank on a machine without internet.
set -eu

cd "$(dirname "$0")"
out="${1:-${GRAPHIQL_OUT_DIR:-}}"
if [ -z "$out" ]; then
  echo "usage: build.sh <outdir>" >&2
  exit 2
fi

warn() {
  cat >&2 <<EOF
[WARNING] ====================================================================================
[WARNING] Offline GraphiQL NOT built: $1
[WARNING] /graphiql will fall back to Spring's built-in page, which loads GraphiQL from esm.sh
[WARNING] and renders nothing without internet access. Install Node.js 20+ and npm, then rebuild.
[WARNING] ====================================================================================
EOF
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  warn "node and/or npm not found on PATH"
  exit 0
fi

# npm ci once per package-lock.json, into a cache shared by checkouts (src/build/node-modules.sh)
sh ../../build/node-modules.sh .

exec node build.mjs "$out"
