#!/usr/bin/env bash
# Q1 on one PostgreSQL vs on a primary with a streaming replica, back to back on the same corpus, and how
# many table scans each server did meanwhile (pg_stat_user_tables): with the replica, the primary should
# serve no reads.
#
#   cp -a /path/to/corpus-pgdata /tmp/bench-pgdata      # a stopped corpus data directory (never the original)
#   bench/replica.sh /tmp/bench-pgdata [run.sh options, e.g. --duration 20 --warmup 20 --port 8171]
#
# Starts the primary on that directory and a hot standby on a cold copy of it (DIR-replica, made once) with
# the embedded PostgreSQL binaries (bench/ReplicatedPostgres.java), on PG_PORT (54471) and PG_PORT + 1.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
primary_dir=$(realpath "$1"); shift
replica_dir=$primary_dir-replica
pg_port=${PG_PORT:-54471} replica_port=$(( ${PG_PORT:-54471} + 1 ))
cp_file=$root/.newsgraph/bench-classpath.txt
mkdir -p "$root/.newsgraph"
[[ -s $cp_file ]] || (cd "$root" && ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime)
log=$primary_dir.servers.log
java -cp "$(cat "$cp_file")" "$root/bench/ReplicatedPostgres.java" "$primary_dir" "$replica_dir" "$pg_port" "$replica_port" >"$log" 2>&1 &
servers=$!
trap 'kill $servers 2>/dev/null || true; wait $servers 2>/dev/null || true' EXIT
for _ in $(seq 240); do grep -q '^ready' "$log" && break; kill -0 $servers || { cat "$log"; exit 1; }; sleep 0.5; done
grep -q '^ready' "$log" || { echo "servers not ready; see $log"; exit 1; }
primary=jdbc:postgresql://localhost:$pg_port/newsgraph replica=jdbc:postgresql://localhost:$replica_port/newsgraph
scans() { psql -Atc "select coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0) from pg_stat_user_tables" \
  "postgres://postgres@127.0.0.1:$1/newsgraph"; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Q1 on the primary alone"
"$root/bench/run.sh" --db-url "$primary" --ops Q1 --label single-server "$@"
sleep 11 # backends flush their table statistics when idle
p0=$(scans $pg_port) r0=$(scans $replica_port)
echo "== Q1 with reads on the replica"
"$root/bench/run.sh" --db-url "$primary" --ops Q1 --label with-replica \
  --app-args "--newsgraph.read-replica.urls=$replica" "$@"
sleep 11
p1=$(scans $pg_port) r1=$(scans $replica_port)
echo "table scans during the replica run: primary $((p1 - p0)), replica $((r1 - r0))"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
