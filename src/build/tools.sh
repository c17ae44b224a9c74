#!/bin/sh
# Makes sure the programs the build needs are installed, so that the README's commands work on a fresh
# machine. Maven runs it (pom.xml, exec-maven-plugin):
#
#   tools.sh build   in `initialize`: node and npm, which build the offline GraphiQL page
#                    (skipped with -Dfrontend.skip=true)
#   tools.sh it      in `pre-integration-test`: node and npm (JsClientIT, an Apollo Client run with npm),
#                    chromium and chromedriver (GraphiQlBrowserIT) (skipped with -DskipITs or -DskipTests)
#   tools.sh db      in `process-test-classes`: that the tests' embedded PostgreSQL can start here (as root it
#                    needs a user namespace); nothing to install, so it only says why not (skipped with
#                    -DskipTests)
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
  db)
    # initdb and postgres refuse to run as root. As root, the embedded PostgreSQL library runs them in a user
    # namespace (unshare -U), where they are "nobody"; a chroot, or a container that blocks user namespaces,
    # does not allow one. No package helps there: say so once, before the tests, instead of in each of them.
    if [ -n "${NEWSGRAPH_TEST_DATABASE_URL:-}" ] || [ -n "${DOCKER_HOST:-}" ] || [ -S /var/run/docker.sock ] \
        || [ "$(id -u)" != 0 ]; then
      exit 0
    fi
    if command -v unshare >/dev/null 2>&1 && problem=$(unshare -U true 2>&1); then
      exit 0
    fi
    [ -n "${problem:-}" ] || problem="there is no unshare (Debian package util-linux)"
    echo "[ERROR] tools: the tests' embedded PostgreSQL cannot start here. Its initdb and server refuse to run as" >&2
    echo "[ERROR] tools: root; as root they run in a user namespace, which this machine does not allow:" >&2
    echo "[ERROR] tools:   unshare -U: $problem" >&2
    echo "[ERROR] tools: (as inside a chroot, or a container that blocks user namespaces). Either:" >&2
    echo "[ERROR] tools:   run the build as an ordinary user (a fresh Debian machine allows the namespace to root too)," >&2
    echo "[ERROR] tools:   or give the tests a PostgreSQL 17: NEWSGRAPH_TEST_DATABASE_URL=jdbc:postgresql://host:5432/db" >&2
    echo "[ERROR] tools:   (with NEWSGRAPH_TEST_DATABASE_USER and _PASSWORD), or a Docker engine (Testcontainers)," >&2
    echo "[ERROR] tools:   or build without the tests: -DskipTests" >&2
    exit 1
    ;;
  *)
    echo "usage: tools.sh [--dry-run] build|it|db" >&2
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
