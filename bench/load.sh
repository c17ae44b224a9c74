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
#   WRITES (1)         1: every WRITE_EVERY-th (10th) request is an ingestArticle mutation of the demo
#                      article under a new URL, with the editor key of the server this script starts;
#                      0: reads only. With NEWSGRAPH_URL, give WRITE_BODY/WRITE_ACK/AUTH_HEADER yourself
#                      (see bench/load.lua)
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
WRITES="${WRITES:-1}"

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

# Reads: the operations known clients send (graphql/operations), with their example variables.
python3 - "$root/graphql/operations" > "$workdir/reads.ndjson" <<'PY'
import json, pathlib, sys
for op in sorted(pathlib.Path(sys.argv[1]).glob("*.graphql")):
    text = op.read_text()
    if any(line.startswith("mutation") for line in text.splitlines()):
        continue  # the mutation examples; writes are sent below, with a key
    variables = op.with_suffix(".variables.json")
    body = {"query": text}
    if variables.exists():
        body["variables"] = json.loads(variables.read_text())
    print(json.dumps(body))
PY
export READS="$workdir/reads.ndjson"

# Writes: the demo article under a URL unique per request, as the ingestArticle mutation.
if [[ -z "${NEWSGRAPH_URL:-}" && "$WRITES" == "1" ]]; then
  python3 - "$root/db/demo" > "$workdir/write.json" <<'PY'
import json, pathlib, sys
doc = json.loads(sorted(pathlib.Path(sys.argv[1]).glob("*.json"))[0].read_text())
doc["url"] = "https://example.org/load/__UNIQUE__"
print(json.dumps({"query": "mutation Ingest($input: IngestArticleInput!) { ingestArticle(input: $input) "
                  "{ outcome article { url } errors { message } } }", "variables": {"input": doc}}))
PY
  export WRITE_BODY="$workdir/write.json"
  export WRITE_ACK='"outcome":"CREATED"'
  export AUTH_HEADER="Authorization: Bearer $(cat "$workdir/editor-key")"
  export WRITE_EVERY="${WRITE_EVERY:-10}"
  export ACK_LOG="$workdir/acked.txt"
  : > "$ACK_LOG"
  demo_statements="$(python3 -c "import json,pathlib,sys; print(len(json.loads(sorted(pathlib.Path(sys.argv[1]).glob('*.json'))[0].read_text())['statements']))" "$root/db/demo")"
fi

rss_kb() { [[ -n "${pid_for_memory:-}" && -r "/proc/$pid_for_memory/status" ]] && awk '/VmRSS/ {print $2}' "/proc/$pid_for_memory/status" || echo 0; }
count_articles() { [[ -n "${psql_cmd:-}" ]] && $psql_cmd -Atc "select count(*) from articles" 2>/dev/null || echo "?"; }

# Warm-up (JIT, pool) so the measured minutes are steady state; reads only, not counted.
WRITE_BODY="" wrk -t1 -c4 -d10s -s "$here/load.lua" "$url" >/dev/null 2>&1 || true

articles_before="$(count_articles)"
rss_before="$(rss_kb)"
( peak=0; while sleep 1; do r="$(rss_kb)"; (( r > peak )) && peak=$r && echo "$peak" > "$workdir/rss_peak"; done ) &
sampler_pid=$!

echo "Load: $DURATION, $CONNECTIONS connections, $THREADS threads, $url, writes: ${WRITE_BODY:-none}"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s -s "$here/load.lua" "$url" | tee "$workdir/wrk.out"

kill "$sampler_pid" 2>/dev/null || true; sampler_pid=""
rss_after="$(rss_kb)"
rss_peak="$(cat "$workdir/rss_peak" 2>/dev/null || echo "$rss_after")"
sleep 2 # writes still in flight when wrk stopped finish (or fail) on the server
articles_after="$(count_articles)"
acked="$(awk -F= '/^RESULT writes_acked=/ {print $2}' "$workdir/wrk.out")"
sent="$(awk -F= '/^RESULT writes_sent=/ {print $2}' "$workdir/wrk.out")"

echo
echo "== NewsGraph load summary =="
grep '^RESULT' "$workdir/wrk.out" | sed 's/^RESULT /  /'
echo "  server_rss_mb before=$((rss_before / 1024)) peak=$((rss_peak / 1024)) after=$((rss_after / 1024))"
echo "  articles before=$articles_before after=$articles_after writes_sent=$sent acknowledged=$acked"
if [[ "$articles_before" == "?" || "$articles_after" == "?" ]]; then
  echo "  row check: skipped (no database access; set PSQL)"
  exit 0
fi
grew=$((articles_after - articles_before))
if [[ -n "${ACK_LOG:-}" ]]; then
  # Every acknowledged write is there; rows beyond them are writes wrk sent but stopped waiting for
  # (in flight at the end, at most one per connection); no article is half written.
  $psql_cmd -Atc "select url from articles where url like 'https://example.org/load/${RUN_ID}-%' order by 1" > "$workdir/present.txt"
  sort -u "$ACK_LOG" > "$workdir/acked.sorted"
  missing="$(comm -23 "$workdir/acked.sorted" "$workdir/present.txt" | wc -l)"
  unacked="$(comm -13 "$workdir/acked.sorted" "$workdir/present.txt" | wc -l)"
  partial="$($psql_cmd -Atc "select count(*) from articles a where a.url like 'https://example.org/load/${RUN_ID}-%'
      and (select count(*) from statements s where s.article_id = a.id) <> $demo_statements")"
  echo "  acknowledged but missing=$missing, present without acknowledgement (in flight at the end)=$unacked, half-written=$partial"
  if (( missing == 0 && partial == 0 && grew == acked + unacked && unacked <= sent - acked && unacked <= CONNECTIONS )); then
    echo "  row check: OK (every acknowledged write is stored whole; articles grew by $grew = $acked acknowledged + $unacked in flight)"
  else
    echo "  row check: FAILED"; exit 1
  fi
elif (( grew == acked )); then
  echo "  row check: OK (articles grew by exactly the acknowledged writes)"
else
  echo "  row check: MISMATCH (grew by $grew, acknowledged $acked)"; exit 1
fi
