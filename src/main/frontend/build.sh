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

# npm ci only when package-lock.json changed since the last install (a copy of the lock file that
# the last successful install left in node_modules is the stamp).
stamp=node_modules/.newsgraph-package-lock.json
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  echo "graphiql: node_modules up to date with package-lock.json, skipping npm ci"
else
  echo "graphiql: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

exec node build.mjs "$out"
