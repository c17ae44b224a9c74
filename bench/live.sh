#!/bin/sh
# Live news benchmarks (bench/README.md, "Live news"):
#   bench/live.sh latency   commit-to-subscriber latency with SUBS (1000) open subscriptions while ingesting,
#                           and the server's memory per open subscription
#   bench/live.sh import    import throughput and CPU per statement with the outbox on and off, ROUNDS (3)
#                           back-to-back pairs
# Uses target/newsgraph.jar (./mvnw -B -DskipTests package), an embedded PostgreSQL of its own under
# $WORK (default /tmp/newsgraph-live-bench) on port 54461 (PG_PORT), the server on 8162 (PORT); loopback only.
# JVM_OPTS are passed to the server JVM (e.g. -XX:StartFlightRecording:...).
set -eu
cd "$(dirname "$0")/.."
JAR=${JAR:-target/newsgraph.jar}
WORK=${WORK:-/tmp/newsgraph-live-bench}
PG_PORT=${PG_PORT:-54461}
PORT=${PORT:-8162}
mode=${1:-latency}
mkdir -p "$WORK"

heap_used_kb() { # after a full GC
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1
}
rss_kb() { sed -n 's/^VmRSS:[^0-9]*\([0-9]*\).*/\1/p' "/proc/$1/status"; }

case "$mode" in
latency)
  rm -rf "$WORK/pgdata" "$WORK/editor-key" "$WORK/ready" "$WORK/ready.go"
  java -Xmx512m ${JVM_OPTS:-} -jar "$JAR" --server.port="$PORT" --newsgraph.embedded.port="$PG_PORT" \
    --newsgraph.embedded.data-directory="$WORK/pgdata" \
    --management.endpoints.web.exposure.include=health,prometheus ${APP_ARGS:-} > "$WORK/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for i in $(seq 1 240); do
    curl -sf "localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  (cd bench/live && npm ci --no-audit --no-fund --loglevel=error)
  # warm-up: a few articles with a few subscriptions
  (cd bench/live && URL="http://localhost:$PORT/graphql" SUBS=20 ARTICLES=10 RATE=5 TAG=warmup \
    EDITOR_KEY="$(cat "$WORK/editor-key")" node latency.mjs >/dev/null)
  before_heap=$(heap_used_kb $server); before_rss=$(rss_kb $server)
  (cd bench/live && URL="http://localhost:$PORT/graphql" READY_FILE="$WORK/ready" \
    EDITOR_KEY="$(cat "$WORK/editor-key")" node latency.mjs) &
  client=$!
  while [ ! -f "$WORK/ready" ]; do sleep 0.2; done
  after_heap=$(heap_used_kb $server); after_rss=$(rss_kb $server)
  touch "$WORK/ready.go"
  wait $client
  subs=${SUBS:-1000}
  echo "memory: heap after GC $before_heap -> $after_heap KB, RSS $before_rss -> $after_rss KB:" \
    "$(( (after_heap - before_heap) * 1024 / subs )) bytes heap, $(( (after_rss - before_rss) * 1024 / subs )) bytes RSS per open subscription"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  ;;
import)
  STATEMENTS=${STATEMENTS:-50000}
  file="$WORK/articles-$STATEMENTS.ndjson"
  [ -f "$file" ] || python3 bench/generate-articles.py --statements "$STATEMENTS" > "$file"
  for round in $(seq 1 "${ROUNDS:-3}"); do
    # alternate which goes first, so that a drift of the machine's load does not favour one side
    if [ $((round % 2)) -eq 1 ]; then order="true false"; else order="false true"; fi
    for outbox in $order; do
      rm -rf "$WORK/import-pgdata"
      # the import's own statements/s, and the CPU of the import and its embedded PostgreSQL together
      # (bench/cpu-of.py counts the database server that outlives its starter too), per 1,000 statements
      python3 bench/cpu-of.py "$WORK/cpu" java -Xmx512m -jar "$JAR" import "$file" --newsgraph.live.outbox.enabled=$outbox \
          --newsgraph.embedded.port="$PG_PORT" --newsgraph.embedded.data-directory="$WORK/import-pgdata" \
          --newsgraph.demo-data.enabled=false > "$WORK/import.log" 2>&1
      rate=$(sed -n 's/.*= \([0-9,]*\) statements\/s.*/\1/p' "$WORK/import.log" | tr -d ,)
      statements=$(sed -n 's/.*Statements: \([0-9,]*\) in.*/\1/p' "$WORK/import.log" | tr -d ,)
      read -r cpu wall < "$WORK/cpu"
      echo "round $round outbox=$outbox: $rate statements/s, CPU $(python3 -c "print(round($cpu * 1e6 / $statements))") ms per 1,000 statements (import + PostgreSQL, start and stop included; wall $wall s) (load average $(cut -d' ' -f1 /proc/loadavg))"
    done
  done
  ;;
*) echo "usage: bench/live.sh latency|import" >&2; exit 2 ;;
esac
