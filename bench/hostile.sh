#!/usr/bin/env bash
# Hostile-client figures: what the server does under the attacks of "Survive hostile clients and crashes".
#
#   bench/hostile.sh [JAR]          default target/newsgraph.jar; run it for a baseline jar too
#
# On its own embedded PostgreSQL (a copy of CORPUS, the benchmark corpus, if set; else a fresh database
# with the demo article), with -Xmx512m, on loopback:
#   1. memory: 200 connections send the heaviest query the limits allow (100 statements x their
#      article's 20,000-character summary, a 2 MB answer) for DURATION seconds: heap used and RSS before
#      and at their peak, status codes, latency;
#   2. pool isolation: light queries (4 connections) alone, then during a flood of expensive full-text
#      searches (50 connections): light-query p50/p99 and errors in both;
#   3. crash: kill -9 of the embedded postmaster under light load: seconds until queries succeed again,
#      and whether the application process is still the same.
#   1b. the same with the heaviest query that is NOT expensive (cost under 1,000, so not under the
#      concurrency bulkhead): 80 statements of 20,000 characters each, a 1.6 MB answer;
#   3. (crash) also counts the error codes answered while PostgreSQL was away.
#   2b. light queries while SLOW (250) clients send their request bodies a byte a second (slowloris): light
#      p50/p99 and status codes, and how long readiness takes to answer.
# Every section prints the load average (the machine is shared).
# Environment: PORT (8150), PGPORT (54450), DURATION (30), CORPUS (a pgdata directory to copy), FLOOD_TEXT,
# HEAVY=amplifier (send the issue's 200 MB query instead: what an older build allowed), SKIP (sections to
# leave out, e.g. "2", "s" for 2b), SLOW (slow clients in 2b).
# Needs node/npm (autocannon 9 is installed into ~/.cache/newsgraph-bench like bench/run.sh does), python3.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${1:-$root/target/newsgraph.jar}
port=${PORT:-8150}
pgport=${PGPORT:-54450}
duration=${DURATION:-30}
work=$(mktemp -d /tmp/newsgraph-hostile.XXXXXX)
tools=${BENCH_HOME:-$HOME/.cache/newsgraph-bench}
if [[ ! -f $tools/node_modules/autocannon/autocannon.js ]]; then
  echo "installing autocannon into $tools"
  mkdir -p "$tools"
  (cd "$tools" && { [[ -f package.json ]] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund autocannon@9.0.0 >/dev/null)
fi
cannon() { # connections seconds body-file [extra args]
  local c=$1 secs=$2 body=$3; shift 3
  node "$tools/node_modules/autocannon/autocannon.js" -j -c "$c" -d "$secs" -t 30 -m POST \
    -H content-type=application/json -i "$body" "$@" "http://127.0.0.1:$port/graphql" 2>/dev/null
}
summary() { # autocannon JSON on stdin -> one line
  python3 -c '
import json, sys
try:
    r = json.load(sys.stdin)
except ValueError:
    print("no result (autocannon failed)"); sys.exit(0)
codes = {k: v["count"] for k, v in (r.get("statusCodeStats") or {}).items()}
req, lat = r["requests"], r["latency"]
print("requests %d, %.1f/s, status %s, errors %d, timeouts %d, latency p50 %s ms, p99 %s ms, max %s ms"
      % (req["total"], req["average"], codes, r["errors"], r["timeouts"], lat["p50"], lat["p99"], lat["max"]))'
}

mkdir -p "$work/data"
if [[ -n ${CORPUS:-} ]]; then
  echo "copying $CORPUS"
  cp -a "$CORPUS" "$work/data/pgdata"
  rm -f "$work/data/pgdata/postmaster.pid"
fi
java -Xmx512m -jar "$jar" --server.port="$port" --newsgraph.embedded.port="$pgport" \
  --newsgraph.embedded.data-directory="$work/data/pgdata" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work/data/pgdata"' EXIT
for _ in $(seq 240); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 1; done
echo "server pid $server ($(basename "$jar")), load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# the big article: 100 statements, a 20,000-character summary
key=$(cat "$work/data/editor-key")
article=$(python3 - "$port" "$key" <<'EOF'
import json, sys, urllib.request
port, key = sys.argv[1], sys.argv[2]
doc = {"url": "https://hostile.example/amplifier", "title": "Amplifier", "summary": "x" * 20000,
       "actors": [{"ref": "p", "kind": "PERSON", "name": "Hostile Speaker"}],
       "statements": [{"speaker": "p", "kind": "DIRECT_QUOTE", "text": f"Statement {i}."} for i in range(100)]}
q = "mutation($i: IngestArticleInput!) { ingestArticle(input: $i) { article { id } errors { code } } }"
req = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", json.dumps({"query": q, "variables": {"i": doc}}).encode(),
                             {"Content-Type": "application/json", "Authorization": "Bearer " + key})
print(json.load(urllib.request.urlopen(req))["data"]["ingestArticle"]["article"]["id"])
# two articles of 45 statements of 20,000 characters by one speaker (a request may be 1 MB)
for n in range(2):
    doc = {"url": f"https://hostile.example/long-texts-{n}", "title": "Long texts",
           "actors": [{"ref": "p", "kind": "PERSON", "name": "Verbose Speaker"}],
           "statements": [{"speaker": "p", "kind": "DIRECT_QUOTE", "text": f"{n}-{i} " + "y" * 19990} for i in range(45)]}
    req = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", json.dumps({"query": q, "variables": {"i": doc}}).encode(),
                                 {"Content-Type": "application/json", "Authorization": "Bearer " + key})
    json.load(urllib.request.urlopen(req))
EOF
)
speaker=$(curl -s -H content-type:application/json -d '{"query":"{ actors(filter: {search: \"Verbose Speaker\"}, first: 1) { edges { node { id } } } }"}' \
  "http://127.0.0.1:$port/graphql" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["actors"]["edges"][0]["node"]["id"])')
python3 - "$work" "$article" "${FLOOD_TEXT:-}" "$speaker" <<'EOF'
import json, os, sys
work, article, flood, speaker = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
cheap = "query($s: ID!) { statements(filter: {speaker: $s}, first: 80) { edges { node { text } } } }"
json.dump({"query": cheap, "variables": {"s": speaker}}, open(f"{work}/cheap-heavy.json", "w"))
heavy = ("query($a: ID!) { statements(filter: {article: $a}, first: 100) { edges { node { article { summary } } } } }")
if os.environ.get("HEAVY") == "amplifier":  # the issue's 200 MB answer: refused (QUERY_TOO_COMPLEX) since the cost model
    heavy = ("query($a: ID!) { statements(filter: {article: $a}, first: 100) { edges { node { article {"
             " statements(first: 100) { edges { node { article { summary } } } } } } } } }")
json.dump({"query": heavy, "variables": {"a": article}}, open(f"{work}/heavy.json", "w"))
words = flood or " or ".join(["peace", "talks", "minister", "said", "war", "crimea", "deal", "sanctions"] * 30)
expensive = "query($t: String) { statements(filter: {text: $t}, first: 5) { totalCount edges { node { text } } } }"
json.dump({"query": expensive, "variables": {"t": words[:2000]}}, open(f"{work}/expensive.json", "w"))
json.dump({"query": "{ article(url: \"https://hostile.example/amplifier\") { title } }"}, open(f"{work}/light.json", "w"))
EOF

heap_used_kb() { jstat -gc "$server" | awk 'NR==2 {print int($3+$4+$6+$8)}'; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
peak_sampler() { # prints the peak heap used (KB) seen until killed
  local peak=0
  trap 'echo $peak; exit 0' TERM
  while true; do h=$(heap_used_kb); (( h > peak )) && peak=$h; sleep 0.5; done
}

memory_run() { # title body-file
  echo "== $1, ${duration}s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  cannon 4 5 "$2" >/dev/null # warm-up
  echo "   before: heap used $(( $(heap_used_kb) / 1024 )) MB, RSS $(( $(rss_kb) / 1024 )) MB"
  echo 5 > "/proc/$server/clear_refs" 2>/dev/null || true # reset the RSS high-water mark
  peak_sampler > "$work/peak" & sampler=$!
  cannon 200 "$duration" "$2" | summary | sed 's/^/   /'
  kill -TERM $sampler; wait $sampler 2>/dev/null || true
  echo "   peak: heap used $(( $(cat "$work/peak") / 1024 )) MB (of 512), RSS high-water $(( $(awk '/VmHWM/ {print $2}' "/proc/$server/status") / 1024 )) MB"
  echo "   OutOfMemoryError in the log so far: $(grep -c OutOfMemoryError "$work/server.log" || true); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}
if [[ ${SKIP:-} != *1* ]]; then
  memory_run "1. memory: 200 connections of the heaviest allowed query (2 MB, expensive)" "$work/heavy.json"
  memory_run "1b. memory: 200 connections of the heaviest cheap query (1.6 MB, not expensive)" "$work/cheap-heavy.json"
fi

if [[ ${SKIP:-} != *2* ]]; then
echo "== 2. light queries alone (4 connections), then during a flood of expensive searches (50 connections); load average $(cut -d' ' -f1-3 /proc/loadavg)"
cannon 4 "$duration" "$work/light.json" | summary | sed 's/^/   alone:  /'
cannon 50 $(( duration + 10 )) "$work/expensive.json" > "$work/flood.out" & flood=$!
sleep 5
cannon 4 "$duration" "$work/light.json" | summary | sed 's/^/   during: /'
curl -s -o /dev/null -w '   readiness during the flood: %{http_code}\n' "http://127.0.0.1:$port/actuator/health/readiness"
wait $flood || true
summary < "$work/flood.out" | sed 's/^/   flood:  /'

echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

if [[ ${SKIP:-} != *s* ]]; then
echo "== 2b. light queries while ${SLOW:-250} clients send request bodies a byte at a time (slowloris); load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$port" "${SLOW:-250}" $(( duration + 15 )) <<'EOF' & slow=$!
import socket, sys, time
port, n, secs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
socks = []
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
    socks.append(s)
end = time.time() + secs
while time.time() < end:  # a byte a second each, for as long as the server keeps them
    for s in socks:
        try: s.send(b" ")
        except OSError: pass
    time.sleep(1)
EOF
sleep 5
cannon 4 "$duration" "$work/light.json" | summary | sed 's/^/   light:  /'
curl -s -m 30 -o /dev/null -w '   readiness during the slow bodies: %{http_code} in %{time_total} s\n' "http://127.0.0.1:$port/actuator/health/readiness"
wait $slow || true
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

echo "== 3. kill -9 of the embedded postmaster under light load; load average $(cut -d' ' -f1-3 /proc/loadavg)"
postmaster=$(head -1 "$work/data/pgdata/postmaster.pid")
# a steady stream of light queries through the crash: which codes do clients get?
python3 - "$port" "$work/light.json" > "$work/crash-codes" <<'EOF' & stream=$!
import json, sys, time, urllib.request, urllib.error, collections, signal
port, body = sys.argv[1], open(sys.argv[2], "rb").read()
codes = collections.Counter()
def done(*_):
    print(" ".join(f"{k}={v}" for k, v in sorted(codes.items()))); sys.exit(0)
signal.signal(signal.SIGTERM, done)
while True:
    req = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", body, {"Content-Type": "application/json"})
    try:
        r = json.load(urllib.request.urlopen(req, timeout=10))
    except urllib.error.HTTPError as e:
        try: r = json.load(e)
        except Exception: r = {"errors": [{"extensions": {"code": f"HTTP{e.code}"}}]}
    except Exception as e:
        r = {"errors": [{"extensions": {"code": type(e).__name__}}]}
    errs = r.get("errors") or []
    codes[errs[0].get("extensions", {}).get("code", "NO_CODE") if errs else "ok"] += 1
    time.sleep(0.02)
EOF
sleep 2
start=$(date +%s.%N)
kill -9 "$postmaster"
ok=0
deadline=$(( $(date +%s) + ${RECOVERY_WAIT:-120} ))
while (( $(date +%s) < deadline )); do
  if curl -s -m 5 -H content-type:application/json -d @"$work/light.json" "http://127.0.0.1:$port/graphql" \
      | grep -q '"title"'; then ok=1; break; fi
  sleep 0.1
done
end=$(date +%s.%N)
if (( ok )); then
  printf '   queries answer again after %.1f s; application pid still %s: %s\n' "$(echo "$end - $start" | bc)" \
    "$server" "$(kill -0 $server 2>/dev/null && echo yes || echo no)"
else
  echo "   no recovery within ${RECOVERY_WAIT:-120} s (application pid $server alive: $(kill -0 $server 2>/dev/null && echo yes || echo no))"
fi
sleep 2
kill -TERM $stream; wait $stream 2>/dev/null || true
echo "   codes answered to a stream of light queries (every 20 ms) through the crash: $(cat "$work/crash-codes")"
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E 'restarted|not running|Restarting' "$work/server.log" | sed 's/^/   log: /' | head -5 || true
grep -E 'INTERNAL_ERROR|Internal error' "$work/server.log" | sed 's/^/   internal: /' | cut -c1-300 | head -5 || true
echo "server log: $work/server.log"
