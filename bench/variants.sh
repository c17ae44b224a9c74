#!/usr/bin/env bash
# Resolution benchmark (issue #11): the corpus written as many outlets would write it (generate --variants),
# imported with resolution and scored against its truth (evaluate), back to back with a plain import of the
# non-variant NDJSON of the same corpus, each into a fresh embedded PostgreSQL. Prints pairwise precision and
# recall of actors, events and utterances, both imports' statements/s and their ratio.
#
#   ./mvnw -q -Dfrontend.skip=true -DskipTests package && bench/variants.sh            # scale 1.0: ~500k statements
#   SCALE=0.1 bench/variants.sh                                                          # quicker
#   BASELINE_JAR=/work/corpus/newsgraph-87a3db4.jar SCALE=0.1 bench/variants.sh           # plain import by another build
#
# Environment: SCALE (1.0), SEED (42), WORK (/tmp/newsgraph-variants), PORT (54439, the embedded database),
# BASELINE_JAR (the build whose plain import is the baseline; default this build: then the ratio is what
# resolution and the follow-ups cost; issue #11 measures against the import before the engine, 87a3db4).
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-1.0}
SEED=${SEED:-42}
WORK=${WORK:-/tmp/newsgraph-variants}
PORT=${PORT:-54439}
JAR=$WORK/newsgraph.jar
BASE=$WORK/baseline.jar
mkdir -p "$WORK"
cp target/newsgraph.jar "$JAR"   # a rebuild while this runs does not change what is measured
cp "${BASELINE_JAR:-target/newsgraph.jar}" "$BASE"
run() { java -Xmx2g -jar "$JAR" "$@" --newsgraph.embedded.port="$PORT"; }

echo "== generate (seed $SEED, scale $SCALE), load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -f "$WORK/plain-$SCALE.ndjson" ] || run generate --seed "$SEED" --scale "$SCALE" --no-load \
    --ndjson "$WORK/plain-$SCALE.ndjson" --newsgraph.embedded.data-directory="$WORK/scratch-db" | grep -v ' INFO '
[ -f "$WORK/variants-$SCALE.ndjson" ] || run generate --seed "$SEED" --scale "$SCALE" --variants \
    --ndjson "$WORK/variants-$SCALE.ndjson" --truth "$WORK/variants-$SCALE.truth.ndjson" \
    --newsgraph.embedded.data-directory="$WORK/scratch-db" | grep -v ' INFO '

echo "== plain import (no variants) by ${BASELINE_JAR:-this build}, load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$WORK/plain-db" "$WORK/plain-db.pg-password"
java -Xmx2g -jar "$BASE" import "$WORK/plain-$SCALE.ndjson" --newsgraph.embedded.port="$PORT" \
    --newsgraph.embedded.data-directory="$WORK/plain-db" | grep -v ' INFO ' | tee "$WORK/plain.out"

echo "== variants: import with resolution, then evaluate, load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$WORK/variants-db" "$WORK/variants-db.pg-password"
run evaluate "$WORK/variants-$SCALE.ndjson" --truth "$WORK/variants-$SCALE.truth.ndjson" \
    --newsgraph.embedded.data-directory="$WORK/variants-db" | grep -v ' INFO ' | tee "$WORK/variants.out"
rate() { grep -m1 -oE '= [0-9,]+ statements/s' "$1" | tr -dc '0-9'; }
plain=$(rate "$WORK/plain.out") variants=$(rate "$WORK/variants.out")
[[ -n $plain && -n $variants ]] && echo "== import with resolution / plain import: $variants / $plain statements/s = $(echo "scale=2; $variants / $plain" | bc)x"
echo "== done, load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$WORK/plain-db" "$WORK/variants-db" "$WORK/scratch-db"
