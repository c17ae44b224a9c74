#!/usr/bin/env bash
# Bounded load test of NewsGraph on loopback: a fixed mix of GraphQL reads (and, with WRITE_BODY, writes)
# at a fixed concurrency for a fixed time, with wrk (Debian package "wrk"). Reports requests, error rate,
# p50/p95/p99 latency, the server's memory (RSS from /proc) and checks that the article count afterwards
# equals the count before plus the acknowledged writes.
#
#   ./mvnw -B -DskipTests package        # builds target/newsgraph.jar once
#   bench/load.sh                        # 2 minutes, 16 connections, own server + embedded PostgreSQL
#   DURATION=30s CONNECTIONS=32 bench/load.sh
#
# Environment:
#   DURATION (120s)  CONNECTIONS (16)  THREADS (2)   how long and how hard
#   PORT (18080) PG_PORT (55480)       ports of the server this script starts (loopback only)
#   NEWSGRAPH_URL      use an already running server instead (must be http://localhost or 127.0.0.1);
#                      then SERVER_PID (for memory) and PSQL ("psql -h ... dbname", for row counts) may be set
#   WRITE_BODY WRITE_EVERY WRITE_ACK AUTH_HEADER   writes, see bench/load.lua (none by default)
#   JAVA_OPTS          options for the server JVM this script starts (default -Xmx512m)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
DURATION="${DURATION:-120s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18080}"
PG_PORT="${PG_PORT:-55480}"
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
export RUN_ID="${RUN_ID:-$(date +%s)}"

command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 2; }

workdir="$(mktemp -d /tmp/newsgraph-load.XXXXXX)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  fi
  [[ -n "${sampler_pid:-}" ]] && kill "$sampler_pid" 2>/dev/null || true
  rm -rf "$workdir"
}
trap cleanup EXIT

if [[ -n "${NEWSGRAPH_URL:-}" ]]; then
  url="$NEWSGRAPH_URL"
  [[ "$url" =~ ^http://(localhost|127\.0\.0\.1)(:[0-9]+)?/ ]] || { echo "NEWSGRAPH_URL must be on loopback: $url" >&2; exit 2; }
  server_pid="" ; pid_for_memory="${SERVER_PID:-}"
  psql_cmd="${PSQL:-}"
else
  jar="$root/target/newsgraph.jar"
  [[ -f "$jar" ]] || { echo "missing $jar: run ./mvnw -B -DskipTests package first" >&2; exit 2; }
  url="http://127.0.0.1:$PORT/graphql"
  echo "Starting NewsGraph on 127.0.0.1:$PORT (embedded PostgreSQL on $PG_PORT, data in $workdir/pgdata)"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$jar" --server.address=127.0.0.1 --server.port="$PORT" \
    --newsgraph.embedded.port="$PG_PORT" --newsgraph.embedded.data-directory="$workdir/pgdata" \
    --logging.level.root=WARN > "$workdir/server.log" 2>&1 &
  server_pid=$!
  pid_for_memory="$server_pid"
  psql_cmd="psql -h 127.0.0.1 -p $PG_PORT -U postgres newsgraph"
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited:"; tail -30 "$workdir/server.log"; exit 1; }
    sleep 1
  done
  curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null || { echo "server not ready"; exit 1; }
fi

rss_kb() { [[ -n "${pid_for_memory:-}" && -r "/proc/$pid_for_memory/status" ]] && awk '/VmRSS/ {print $2}' "/proc/$pid_for_memory/status" || echo 0; }
count_articles() { [[ -n "${psql_cmd:-}" ]] && $psql_cmd -Atc "select count(*) from articles" 2>/dev/null || echo "?"; }

# Warm-up (JIT, pool) so the measured minutes are steady state; not counted.
wrk -t1 -c4 -d10s -s "$here/load.lua" "$url" >/dev/null 2>&1 || true

articles_before="$(count_articles)"
rss_before="$(rss_kb)"
( peak=0; while sleep 1; do r="$(rss_kb)"; (( r > peak )) && peak=$r && echo "$peak" > "$workdir/rss_peak"; done ) &
sampler_pid=$!

echo "Load: $DURATION, $CONNECTIONS connections, $THREADS threads, $url, writes: ${WRITE_BODY:-none}"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s -s "$here/load.lua" "$url" | tee "$workdir/wrk.out"

kill "$sampler_pid" 2>/dev/null || true; sampler_pid=""
rss_after="$(rss_kb)"
rss_peak="$(cat "$workdir/rss_peak" 2>/dev/null || echo "$rss_after")"
articles_after="$(count_articles)"
acked="$(awk -F= '/^RESULT writes_acked=/ {print $2}' "$workdir/wrk.out")"

echo
echo "== NewsGraph load summary =="
grep '^RESULT' "$workdir/wrk.out" | sed 's/^RESULT /  /'
echo "  server_rss_mb before=$((rss_before / 1024)) peak=$((rss_peak / 1024)) after=$((rss_after / 1024))"
echo "  articles before=$articles_before after=$articles_after acknowledged_writes=$acked"
if [[ "$articles_before" != "?" && "$articles_after" != "?" ]]; then
  if (( articles_after - articles_before == acked )); then
    echo "  row check: OK (articles grew by exactly the acknowledged writes)"
  else
    echo "  row check: MISMATCH (grew by $((articles_after - articles_before)), acknowledged $acked)"; exit 1
  fi
fi
