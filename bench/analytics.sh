#!/usr/bin/env bash
# The analytics fields (bench/analytics/A*.graphql) against the same SQL run directly (A*.sql), back to back:
# pgbench on the server's database, then autocannon on the server's /graphql, same connection count.
#
#   bench/analytics.sh --data-dir /tmp/analytics-pgdata [--port 8180] [--pg-port 54480] [--conns 4]
#                      [--duration 20] [--warmup 5] [--settle 12] [--ops A1,A2,A3] [--base] [--import-cost] [--jar target/newsgraph.jar]
#
# --data-dir: an embedded-PostgreSQL data directory holding the benchmark corpus: a COPY of
# /work/corpus/default-pgdata (never the original); the server migrates it (the analytics_rollups migration fills the rollups once).
# --settle N: after the warm-up, the server is loaded in 10 s windows until it is warm, at most N windows (0: no
#   settling): its JIT compiler threads used under 5 % of its CPU in the window and its CPU per request without
#   them is within 10 % of the window before. On a loaded 2-core machine the JIT needs minutes: A1 went from 20
#   to 2.5 ms of server CPU per request over 4 minutes, and a rule on the total alone stopped on a plateau while
#   the compiler was still busy. The server's CPU per request is printed without the compiler threads (JIT
#   separately).
# --base also runs A*-base.sql: the same counts from the base tables without the rollups (reference).
# --import-cost then runs bench/analytics/import-cost.sql: the write cost of the rollups' triggers.
# Prints per operation: SQL tps and p99 (pgbench -l), GraphQL req/s and p99 (autocannon), their ratio.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
here=$root/bench/analytics
port=8180 pg_port=54480 conns=4 duration=20 warmup=5 settle=12 ops=A1,A2,A3 base=0 import_cost=0 data_dir= jar=$root/target/newsgraph.jar
while [[ $# -gt 0 ]]; do
  case $1 in
    --data-dir) data_dir=$2; shift ;;
    --port) port=$2; shift ;;
    --pg-port) pg_port=$2; shift ;;
    --conns) conns=$2; shift ;;
    --duration) duration=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --settle) settle=$2; shift ;;
    --ops) ops=$2; shift ;;
    --jar) jar=$2; shift ;;
    --base) base=1 ;;
    --import-cost) import_cost=1 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ -n $data_dir ]] || { echo "--data-dir is required (a copy of the corpus)" >&2; exit 2; }
[[ -f $jar ]] || (cd "$root" && ./mvnw -q -B -Dfrontend.skip=true -DskipTests package)
tools=${BENCH_HOME:-$HOME/.cache/newsgraph-bench}
if [[ ! -f $tools/node_modules/autocannon/autocannon.js ]]; then
  mkdir -p "$tools"
  (cd "$tools" && { [[ -f package.json ]] || npm init -y >/dev/null; } && npm install --no-audit --no-fund autocannon@9.0.0 >/dev/null)
fi
work=$(mktemp -d)
server=
cleanup() { if [[ -n $server ]]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

# shellcheck disable=SC2086
java -Xmx512m ${JVM_OPTS:-} -jar "$jar" --server.port="$port" --newsgraph.embedded.port="$pg_port" \
  --newsgraph.embedded.data-directory="$data_dir" --newsgraph.demo-data.enabled=false ${APP_ARGS:-} >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 600); do
  curl -sf -o /dev/null "http://localhost:$port/actuator/health" && break
  kill -0 "$server" 2>/dev/null || { tail -30 "$work/server.log"; exit 1; }
  sleep 1
done
# the embedded PostgreSQL wants its generated password (written next to the data directory on first start)
if [[ -z ${PGPASSWORD:-} && -f $data_dir.pg-password ]]; then
  export PGPASSWORD=$(cat "$data_dir.pg-password")
fi
psql=(psql -h localhost -p "$pg_port" -U postgres -At newsgraph)
top=$("${psql[@]}" -c "select speaker_id from statements group by 1 order by count(*) desc limit 1")
id=$(printf 'Actor:%s' "$top" | base64 | tr '+/' '-_' | tr -d '=\n')
echo "top speaker: $top ($id), $("${psql[@]}" -c "select count(*) from statements where speaker_id = $top") statements; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# CPU in clock ticks (1/100 s): the server's, and PostgreSQL's (the postmaster with the backends it reaped,
# plus the live backends), so that each side's CPU per request can be compared on a shared machine
ticks() { awk '{print $14 + $15}' /proc/$1/stat 2>/dev/null || echo 0; }
# the JIT compiler threads' ticks (their names start "C1 Compiler", "C2 Compiler"): no part of a request's cost
jit_ticks() { local s=0 t; for t in /proc/$1/task/*; do
  grep -q '^C[12] Compiler' "$t/comm" 2>/dev/null && s=$((s + $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0))); done; echo $s; }
pg_ticks() {
  local postmaster; postmaster=$(head -1 "$data_dir/postmaster.pid")
  local sum; sum=$(awk '{print $14 + $15 + $16 + $17}' /proc/"$postmaster"/stat)
  local p; for p in $(ps --ppid "$postmaster" -o pid=); do sum=$((sum + $(ticks "$p"))); done; echo $sum
}
per() { python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) * 10 / max(1.0, float(sys.argv[2]))))' "$1" "$2"; } # ticks/n -> ms

p99_of_pgbench_log() { # the 99th percentile of the latencies (µs, column 3) in pgbench's -l logs, in ms
  cat "$@" | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {i=int(NR*0.99); if (i<1) i=1; printf "%.1f", a[i]/1000}'
}
sqlbench() { # file label (the variables: actor = the top speaker, others = the actors the answer names)
  local file=$1 label=$2
  pgbench -n -h localhost -p "$pg_port" -U postgres -f "$file" -D actor="$top" -D others="$others" -c "$conns" -j 2 -T "$warmup" newsgraph >/dev/null 2>&1
  rm -f "$work"/pgbench_log.*
  local pg_before; pg_before=$(pg_ticks)
  local out; out=$(cd "$work" && pgbench -n -h localhost -p "$pg_port" -U postgres -f "$file" -D actor="$top" \
    -D others="$others" -c "$conns" -j 2 -T "$duration" -l newsgraph 2>&1)
  sleep 1 # pgbench's backends have exited: let the postmaster reap them (their CPU is counted then)
  local pg_cpu=$(( $(pg_ticks) - pg_before ))
  local tps; tps=$(grep -oP 'tps = \K[0-9.]+' <<<"$out" | head -1)
  local n; n=$(grep -oP 'number of transactions actually processed: \K[0-9]+' <<<"$out" | head -1)
  printf '  %-26s %9.1f tps   p99 %7s ms   CPU/transaction: PostgreSQL %s ms\n' "$label" "$tps" \
    "$(p99_of_pgbench_log "$work"/pgbench_log.*)" "$(per "$pg_cpu" "$n")" >&2
  echo "$tps"
}
IFS=, read -ra list <<<"$ops"
for op in "${list[@]}"; do
  gql=$(ls "$here/$op"-*.graphql | head -1); name=$(basename "$gql" .graphql); sql=$here/$name.sql
  python3 -c 'import json,sys; print(json.dumps({"query": open(sys.argv[1]).read(), "variables": {"id": sys.argv[2]}}))' \
    "$gql" "$id" >"$work/$op.json"
  answer=$(curl -s -X POST -H content-type:application/json --data-binary @"$work/$op.json" "http://localhost:$port/graphql")
  if grep -q '"errors"' <<<"$answer"; then echo "$op: the server answers errors: ${answer:0:300}" >&2; continue; fi
  others=$(python3 -c '
import base64, json, re, sys
ids = set()
for g in re.findall(r"\"id\":\"([A-Za-z0-9_-]+)\"", sys.stdin.read()):
    text = base64.urlsafe_b64decode(g + "=" * (-len(g) % 4)).decode()
    if text.startswith("Actor:"): ids.add(text[6:])
print(",".join(sorted(ids)) or "0")' <<<"$answer")
  echo "$name  (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  tps=$(sqlbench "$sql" "SQL ($(basename "$sql"))")
  node "$tools/node_modules/autocannon/autocannon.js" -c "$conns" -d "$warmup" -m POST -H content-type=application/json \
    -i "$work/$op.json" "http://localhost:$port/graphql" >/dev/null 2>&1
  previous=
  for window in $(seq "$settle"); do
    before=$(ticks "$server") jit_before=$(jit_ticks "$server")
    total=$(node "$tools/node_modules/autocannon/autocannon.js" -j -c "$conns" -d 10 -t 30 -m POST \
      -H content-type=application/json -i "$work/$op.json" "http://localhost:$port/graphql" 2>/dev/null | jq .requests.total)
    all=$(( $(ticks "$server") - before )) jit=$(( $(jit_ticks "$server") - jit_before ))
    cpu=$(per "$(( all - jit ))" "$total")
    echo "  settling: window $window, server CPU/request $cpu ms + JIT $(per "$jit" "$total") ms ($total requests)" >&2
    if [[ -n $previous ]] && python3 -c 'import sys; a, b, jit, all = map(float, sys.argv[1:]); sys.exit(0 if abs(a - b) <= 0.1 * b and jit < 0.05 * max(all, 1) else 1)' "$cpu" "$previous" "$jit" "$all"; then
      break
    fi
    previous=$cpu
  done
  jvm_before=$(ticks "$server") jit_before=$(jit_ticks "$server") pg_before=$(pg_ticks)
  json=$(node "$tools/node_modules/autocannon/autocannon.js" -j -c "$conns" -d "$duration" -t 30 -m POST \
    -H content-type=application/json -i "$work/$op.json" "http://localhost:$port/graphql" 2>/dev/null)
  jit_cpu=$(( $(jit_ticks "$server") - jit_before ))
  jvm_cpu=$(( $(ticks "$server") - jvm_before - jit_cpu )) pg_cpu=$(( $(pg_ticks) - pg_before ))
  read -r rps p99 errors non2xx total < <(python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["requests"]["average"], r["latency"]["p99"], r["errors"], r["non2xx"], r["requests"]["total"])' <<<"$json")
  printf '  %-26s %9.1f req/s p99 %7s ms   errors %s non-2xx %s   CPU/request: server %s ms (+ JIT %s), PostgreSQL %s ms\n' \
    "GraphQL ($name.graphql)" "$rps" "$p99" "$errors" "$non2xx" "$(per "$jvm_cpu" "$total")" "$(per "$jit_cpu" "$total")" "$(per "$pg_cpu" "$total")"
  python3 -c 'import sys; print("  ratio GraphQL/SQL          %9.2fx" % (float(sys.argv[1]) / float(sys.argv[2])))' "$rps" "$tps"
  if [[ $base == 1 && -f $here/$name-base.sql ]]; then sqlbench "$here/$name-base.sql" "SQL without rollups" >/dev/null; fi
done
if [[ $import_cost == 1 ]]; then
  echo "import cost of the analytics triggers (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  "${psql[@]}" -f "$here/import-cost.sql" 2>&1 | python3 -c '
import re, sys
label, total = None, 0.0
def flush():
    if label: print("  %-28s %8.0f ms (begin to rollback)" % (label, total))
for line in sys.stdin:
    if line.startswith("with"):
        flush(); label, total = line.strip(), 0.0
    m = re.match(r"Time: ([0-9.]+) ms", line)
    if m: total += float(m.group(1))
flush()'
fi
