#!/usr/bin/env bash
# A/B on one operation: servers A and B side by side on the same database, both warmed, loaded in turn
# (A B B A A B ...), so that both see the same background load of a shared machine. Two JVMs of the same
# build differ by a few percent (what the JIT compiled, and which one hosts the embedded PostgreSQL), so the
# runs come in --blocks: each block starts both servers afresh, and A and B swap ports (and the PostgreSQL
# host) from one block to the next. Prints, per run and as medians, throughput, server CPU per request
# (/proc; also without the JIT compiler threads, and theirs alone), PostgreSQL CPU per request and heap
# allocated per request, and B/A per adjacent pair and per block.
#
#   bench/ab.sh --data-dir /tmp/x-pgdata [--jar-a JAR] [--jar-b JAR] [--args-a "..."] [--args-b "..."]
#               [--op Q1] [--blocks 2] [--rounds 6] [--duration 15] [--warmup 60] [--connections 8]
#               [--port 8130] [--pg-port 54430] [--heap 512m] [--jfr DIR]
#
# --data-dir: an embedded-PostgreSQL data directory holding the corpus (a COPY of /work/corpus/default-pgdata).
# The server on --port runs it on --pg-port; the one on --port + 1 connects to that PostgreSQL. Only one
# server is loaded at a time, so the PostgreSQL CPU of a run is that server's.
# --op: bench/queries/OP.json, or bench/analytics/OP.graphql with the top speaker as $id (A1-timeline, ...).
# --jfr DIR records a JFR profile of each server per block (DIR/A-1.jfr, DIR/B-1.jfr, ...) over the measured
# runs: both pay the recording, so the comparison stays fair.
# Example (#16, metrics off as A, on as B):
#   bench/ab.sh --data-dir /tmp/perf-pgdata --args-a "--newsgraph.metrics.enabled=false" --blocks 4 --rounds 8 --duration 5
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar_a=$root/target/newsgraph.jar jar_b= args_a= args_b= op=Q1 rounds=6 blocks=2 duration=15 warmup=60 conns=8
port=8130 pg_port=54430 heap=512m data_dir= jfr=
while [[ $# -gt 0 ]]; do
  case $1 in
    --jar-a) jar_a=$2; shift ;;
    --jar-b) jar_b=$2; shift ;;
    --args-a) args_a=$2; shift ;;
    --args-b) args_b=$2; shift ;;
    --op) op=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --blocks) blocks=$2; shift ;;
    --duration) duration=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --connections) conns=$2; shift ;;
    --port) port=$2; shift ;;
    --pg-port) pg_port=$2; shift ;;
    --heap) heap=$2; shift ;;
    --data-dir) data_dir=$2; shift ;;
    --jfr) jfr=$2; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ -n $data_dir ]] || { echo "--data-dir is required (a copy of the corpus)" >&2; exit 2; }
jar_b=${jar_b:-$jar_a}
tools=${BENCH_HOME:-$HOME/.cache/newsgraph-bench}
[[ -f $tools/node_modules/autocannon/autocannon.js ]] || { echo "run bench/run.sh once (it installs autocannon)" >&2; exit 2; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

jvm=(-Xmx"$heap")
# graphql-java's asynchronous execution makes deep stacks: keep them whole in the profiles
[[ -n $jfr ]] && jvm+=(-XX:FlightRecorderOptions=stackdepth=2048)
common=(--newsgraph.demo-data.enabled=false --management.endpoints.web.exposure.include=health,metrics)
wait_ready() { # port pid
  for _ in $(seq 600); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/actuator/health/readiness" && return 0
    kill -0 "$2" 2>/dev/null || { echo "server on $1 exited:"; tail -30 "$work/$1.log"; exit 1; }
    sleep 1
  done
  echo "server on $1 not ready" >&2; exit 1
}
port_b=$((port + 1))
start_servers() { # block: A on the first port (with the embedded PostgreSQL) in odd blocks, B in even ones
  local first_jar=$jar_a first_args=$args_a second_jar=$jar_b second_args=$args_b
  if (( $1 % 2 == 0 )); then first_jar=$jar_b first_args=$args_b second_jar=$jar_a second_args=$args_a; fi
  # shellcheck disable=SC2086
  java "${jvm[@]}" -jar "$first_jar" --server.port="$port" --newsgraph.embedded.port="$pg_port" \
    --newsgraph.embedded.data-directory="$data_dir" "${common[@]}" $first_args >"$work/$port.log" 2>&1 &
  pids+=($!); local first=$!
  wait_ready "$port" "$first"
  password=$(cat "$data_dir.pg-password")
  # shellcheck disable=SC2086
  java "${jvm[@]}" -jar "$second_jar" --server.port="$port_b" "${common[@]}" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$pg_port/newsgraph" --spring.datasource.username=postgres \
    --spring.datasource.password="$password" $second_args >"$work/$port_b.log" 2>&1 &
  pids+=($!); local second=$!
  wait_ready "$port_b" "$second"
  if (( $1 % 2 )); then pid_a=$first port_a=$port pid_b=$second port_bb=$port_b
  else pid_a=$second port_a=$port_b pid_b=$first port_bb=$port; fi
  postmaster=$(head -1 "$data_dir/postmaster.pid")
}
stop_servers() { # the second first: it uses the first one's PostgreSQL
  local p
  for p in $pid_a $pid_b; do [[ $p == "$first_pid" ]] || { kill "$p"; wait "$p" 2>/dev/null || true; }; done
  kill "$first_pid"; wait "$first_pid" 2>/dev/null || true
  pids=()
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# the JIT compiler threads' share of a server's ticks (their names start "C1 Compiler", "C2 Compiler"): on a
# loaded machine a JVM compiles for minutes, and that CPU is no part of a request's cost
jit_ticks() { local s=0 t; for t in /proc/$1/task/*; do
  grep -q '^C[12] Compiler' "$t/comm" 2>/dev/null && s=$((s + $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0))); done; echo $s; }
pg_ticks() { local s=0 p; for p in $(ps --ppid "$postmaster" -o pid=); do s=$((s + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $s; }
allocated() { curl -sf "http://127.0.0.1:$1/actuator/metrics/jvm.gc.memory.allocated" | jq -r '.measurements[0].value | floor'; }
cannon() { node "$tools/node_modules/autocannon/autocannon.js" -j -c "$conns" -d "$2" -t 30 -m POST \
  -H content-type=application/json -i "$body" "http://127.0.0.1:$1/graphql" 2>/dev/null; }
run() { # side port pid block round
  local t0 j0 p0 a0 result
  t0=$(ticks "$3") j0=$(jit_ticks "$3") p0=$(pg_ticks) a0=$(allocated "$2")
  result=$(cannon "$2" "$duration")
  local jit=$(( $(jit_ticks "$3") - j0 ))
  jq -c --arg side "$1" --argjson block "$4" --argjson round "$5" --argjson jvm "$(( $(ticks "$3") - t0 ))" \
    --argjson jit "$jit" --argjson pg "$(( $(pg_ticks) - p0 ))" --argjson alloc "$(( $(allocated "$2") - a0 ))" \
    --arg load "$(cut -d' ' -f1 /proc/loadavg)" '{side: $side, block: $block, round: $round,
      rps: .requests.average, requests: .requests.total, errors: (.errors + .timeouts + .non2xx), p99: .latency.p99,
      cpuMs: (if .requests.total > 0 then $jvm * 10 / .requests.total else null end),
      cpuNoJitMs: (if .requests.total > 0 then ($jvm - $jit) * 10 / .requests.total else null end),
      jitMs: (if .requests.total > 0 then $jit * 10 / .requests.total else null end),
      pgMs: (if .requests.total > 0 then $pg * 10 / .requests.total else null end),
      allocKb: (if .requests.total > 0 then $alloc / 1024 / .requests.total else null end), load: ($load | tonumber)}' <<<"$result" \
    | tee -a "$work/runs.jsonl"
}
for block in $(seq "$blocks"); do
  start_servers "$block"
  first_pid=$(( block % 2 ? pid_a : pid_b ))
  if [[ $block == 1 ]]; then
    export PGPASSWORD=$password
    actor_row=$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -At newsgraph -c "select speaker_id from statements group by 1 order by count(*) desc, 1 limit 1")
    actor_id=$(printf 'Actor:%s' "$actor_row" | base64 -w0 | tr '+/' '-_' | tr -d '=')
    body=$work/body.json
    if [[ -f $root/bench/queries/$op.json ]]; then
      sed -e "s/__ACTOR_ID__/$actor_id/g" "$root/bench/queries/$op.json" >"$body"
    else
      jq -n --rawfile q "$root/bench/analytics/$op.graphql" --arg id "$actor_id" '{query: $q, variables: {id: $id}}' >"$body"
    fi
  fi
  for p in "$port" "$port_b"; do
    answer=$(curl -s -X POST -H content-type:application/json --data-binary @"$body" "http://127.0.0.1:$p/graphql")
    jq -e '.data != null and (.errors | not)' <<<"$answer" >/dev/null || { echo "server on $p answered: ${answer:0:300}" >&2; exit 1; }
  done
  echo "block $block: A on port $port_a, B on port $port_bb; warming both ($warmup s each) with $op, $conns connections"
  # in turns of 20 s, B first in even blocks: a server left idle while the other warms goes on compiling
  for (( left = warmup; left > 0; left -= 20 )); do
    chunk=$(( left < 20 ? left : 20 ))
    if (( block % 2 )); then cannon "$port_a" "$chunk" >/dev/null; cannon "$port_bb" "$chunk" >/dev/null
    else cannon "$port_bb" "$chunk" >/dev/null; cannon "$port_a" "$chunk" >/dev/null; fi
  done
  if [[ -n $jfr ]]; then
    mkdir -p "$jfr"
    jcmd "$pid_a" JFR.start name=ab settings=profile filename="$jfr/A-$block.jfr" >/dev/null
    jcmd "$pid_b" JFR.start name=ab settings=profile filename="$jfr/B-$block.jfr" >/dev/null
  fi
  for r in $(seq "$rounds"); do
    if (( (r + block) % 2 == 0 )); then run A "$port_a" "$pid_a" "$block" "$r"; run B "$port_bb" "$pid_b" "$block" "$r"
    else run B "$port_bb" "$pid_b" "$block" "$r"; run A "$port_a" "$pid_a" "$block" "$r"; fi
  done
  if [[ -n $jfr ]]; then
    jcmd "$pid_a" JFR.stop name=ab >/dev/null
    jcmd "$pid_b" JFR.stop name=ab >/dev/null
  fi
  stop_servers
done
python3 - "$work/runs.jsonl" <<'EOF'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
def med(side, key): return statistics.median(r[key] for r in runs if r["side"] == side)
for key in ("rps", "cpuMs", "cpuNoJitMs", "jitMs", "pgMs", "allocKb", "p99"):
    a, b = med("A", key), med("B", key)
    pairs, blocks = [], {}
    for blk, rnd in sorted({(r["block"], r["round"]) for r in runs}):
        ra = [r[key] for r in runs if (r["block"], r["round"]) == (blk, rnd) and r["side"] == "A"][0]
        rb = [r[key] for r in runs if (r["block"], r["round"]) == (blk, rnd) and r["side"] == "B"][0]
        pairs.append(rb / ra if ra else float("nan"))
        blocks.setdefault(blk, []).append(pairs[-1])
    per_block = {blk: statistics.median(v) for blk, v in blocks.items()}
    print(f"{key:8s} median A {a:9.2f}  B {b:9.2f}   B/A per pair: median {statistics.median(pairs):.3f}"
          f" (geometric mean {statistics.geometric_mean(p for p in pairs if p > 0):.3f}); per block (fresh JVMs): "
          + " ".join(f"{v:.3f}" for v in per_block.values()))
loads = [r["load"] for r in runs]
print(f"load average during the runs: {min(loads)}-{max(loads)}; errors: {sum(r['errors'] for r in runs)}")
EOF
