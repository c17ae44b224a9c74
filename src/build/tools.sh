#!/bin/sh
# Makes sure the programs the build needs are installed, so that the README's commands work on a fresh
# machine. Maven runs it (pom.xml, exec-maven-plugin):
#
#   tools.sh build   in `initialize`: node and npm, which build the offline GraphiQL page
#                    (skipped with -Dfrontend.skip=true)
#   tools.sh it      in `pre-integration-test`: node and npm (JsClientIT, an Apollo Client run with npm),
#                    chromium and chromedriver (GraphiQlBrowserIT) (skipped with -DskipITs or -DskipTests)
#
# What is missing is installed from Debian's packages with apt-get when running as root on Debian;
# otherwise the build stops here and says what to install. Nothing is ever removed.
# --dry-run says what would be installed and changes nothing.
set -eu

dry_run=false
if [ "${1:-}" = "--dry-run" ]; then
  dry_run=true
  shift
fi
mode="${1:-}"
# Maven passes -DskipTests as the second argument: no tests, no programs for them.
if [ "${2:-}" = true ]; then
  exit 0
fi

missing=""
why=""
need() { # program, Debian package, what needs it
  if ! command -v "$1" >/dev/null 2>&1; then
    missing="$missing $2"
    why="$why
  $1 (Debian package $2): $3"
  fi
}

case "$mode" in
  build)
    need node nodejs "builds the offline GraphiQL page (src/main/frontend)"
    need npm npm "installs the GraphiQL page's packages"
    ;;
  it)
    need node nodejs "runs JsClientIT (src/test/js, Apollo Client)"
    need npm npm "installs JsClientIT's packages"
    need chromium chromium "GraphiQlBrowserIT opens /graphiql in headless Chromium"
    need chromedriver chromium-driver "GraphiQlBrowserIT drives Chromium through chromedriver"
    ;;
  *)
    echo "usage: tools.sh [--dry-run] build|it" >&2
    exit 2
    ;;
esac

if [ -z "$missing" ]; then
  exit 0
fi

if [ -f /etc/debian_version ] && [ "$(id -u)" = 0 ]; then
  if $dry_run; then
    echo "tools: would install from Debian's packages:$missing$why"
    exit 0
  fi
  echo "tools: installing from Debian's packages:$missing$why"
  apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
  exit 0
fi

if [ -f /etc/debian_version ]; then
  how="run the build as root (it installs them with apt-get), or: sudo apt-get install -y$missing"
else
  how="this is not Debian, so nothing was installed: install them with your system's package manager"
fi
echo "[ERROR] tools: missing programs:$why" >&2
echo "[ERROR] tools: $how" >&2
if [ "$mode" = it ]; then
  echo "[ERROR] tools: or build without the integration tests: -DskipITs" >&2
else
  echo "[ERROR] tools: or build without the GraphiQL page: -Dfrontend.skip=true" >&2
fi
exit 1
