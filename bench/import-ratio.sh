#!/usr/bin/env bash
# Import throughput of this build against a baseline build, back to back on fresh embedded databases.
#
#   bench/import-ratio.sh FILE.ndjson [--baseline-jar JAR] [--jar JAR] [--rounds 2] [--port 54419] [--work DIR]
#
# Each round imports FILE with the baseline jar, then with this jar (`java -Xmx512m -jar J import FILE` into a
# fresh data directory each time, so both pay the same migrations and start-up), and prints per run: statements/s
# as the import reports it, the CPU seconds of the JVM's main thread and its import thread (the import itself: the
# main thread reads and parses, `newsgraph-import` writes the batches), of its JIT compiler
# threads and of the PostgreSQL processes of that cluster (sampled from /proc while it runs), and the load average
# before and after. The ratio is this jar's statements/s over the baseline's, per round and as the median.
# Default baseline: /work/corpus/newsgraph-87a3db4.jar (the import before the resolution engine, issue #11).
# The machine is shared: compare runs of one invocation only, and quote the load average with the ratio.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
file= baseline_jar=/work/corpus/newsgraph-87a3db4.jar jar=$root/target/newsgraph.jar rounds=2 port=54419
work=${TMPDIR:-/tmp}/newsgraph-import-ratio
while [[ $# -gt 0 ]]; do
  case $1 in
    --baseline-jar) baseline_jar=$2; shift ;;
    --jar) jar=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --port) port=$2; shift ;;
    --work) work=$2; shift ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) file=$1 ;;
  esac
  shift
done
[[ -n $file && -f $file ]] || { echo "usage: bench/import-ratio.sh FILE.ndjson [options]" >&2; exit 2; }
[[ -f $jar ]] || (cd "$root" && ./mvnw -q -B -Dfrontend.skip=true -DskipTests package)
mkdir -p "$work"
tck=$(getconf CLK_TCK)

# run LABEL JAR: one import into a fresh cluster; prints one line and sets $rate
run() {
  local label=$1 j=$2 dir=$work/$1-pgdata log=$work/$1.log
  rm -rf "$dir" "$dir.pg-password"
  local load0 pid
  load0=$(cut -d' ' -f1 /proc/loadavg)
  java -Xmx512m -jar "$j" import "$file" --newsgraph.embedded.data-directory="$dir" \
    --newsgraph.embedded.port="$port" > "$log" 2>&1 &
  pid=$!
  declare -A pg=() threads=()
  while kill -0 "$pid" 2>/dev/null; do
    local postmaster
    postmaster=$(pgrep -f "postgres -D $dir" | head -1 || true)
    if [[ -n $postmaster ]]; then
      for p in $postmaster $(pgrep -P "$postmaster" || true); do
        v=$(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || true)
        if [[ -n $v ]]; then pg[$p]=$v; fi
      done
    fi
    for t in /proc/$pid/task/*; do
      v=$(awk '{print $14+$15}' "$t/stat" 2>/dev/null || true)
      if [[ -n $v ]]; then threads["$(tr ' ' _ 2>/dev/null < "$t/comm" || echo x)_${t##*/}"]=$v; fi
    done
    sleep 0.2
  done
  wait "$pid" || { echo "$label: import failed, see $log" >&2; exit 1; }
  local main=0 jit=0 pgsum=0
  for k in "${!threads[@]}"; do
    case $k in java_*|newsgraph-impor_*) main=$((main + threads[$k])) ;; C1_*|C2_*) jit=$((jit + threads[$k])) ;; esac
  done
  for v in "${pg[@]}"; do pgsum=$((pgsum + v)); done
  rate=$(grep -o 'Statements: .* = [0-9,]* statements/s' "$log" | sed -E 's/.* = ([0-9,]+) statements\/s/\1/; s/,//g')
  printf '%-9s %6s st/s | CPU s: main thread %5.1f, JIT %5.1f, PostgreSQL %5.1f | load %s -> %s | %s\n' \
    "$label" "$rate" "$(echo "$main/$tck" | bc -l)" "$(echo "$jit/$tck" | bc -l)" "$(echo "$pgsum/$tck" | bc -l)" \
    "$load0" "$(cut -d' ' -f1 /proc/loadavg)" "$(grep -E '^(Actors|Events):' "$log" | tr -s ' ' | paste -sd';')"
}

echo "file $file; baseline $baseline_jar; this $jar; $(date -u +%FT%TZ)"
ratios=()
for ((r = 1; r <= rounds; r++)); do
  run baseline "$baseline_jar"; base=$rate
  run this "$jar"; mine=$rate
  ratio=$(echo "scale=3; $mine / $base" | bc -l)
  ratios+=("$ratio")
  echo "round $r: ratio $ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
echo "median ratio (this / baseline statements/s): $median over $rounds rounds"
