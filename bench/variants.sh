#!/usr/bin/env bash
# Resolution benchmark (issue #11): the corpus written as many outlets would write it (generate --variants),
# imported with resolution and scored against its truth (evaluate), back to back with a plain import of the
# non-variant NDJSON of the same corpus, each into a fresh embedded PostgreSQL. Prints pairwise precision and
# recall of actors, events and utterances and both imports' statements/s.
#
#   ./mvnw -q -Dfrontend.skip=true -DskipTests package && bench/variants.sh            # scale 1.0: ~500k statements
#   SCALE=0.1 bench/variants.sh                                                          # quicker
#
# Environment: SCALE (1.0), SEED (42), WORK (/tmp/newsgraph-variants), PORT (54439, the embedded database).
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-1.0}
SEED=${SEED:-42}
WORK=${WORK:-/tmp/newsgraph-variants}
PORT=${PORT:-54439}
JAR=$WORK/newsgraph.jar
mkdir -p "$WORK"
cp target/newsgraph.jar "$JAR"   # a rebuild while this runs does not change what is measured
run() { java -Xmx2g -jar "$JAR" "$@" --newsgraph.embedded.port="$PORT"; }

echo "== generate (seed $SEED, scale $SCALE), load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -f "$WORK/plain-$SCALE.ndjson" ] || run generate --seed "$SEED" --scale "$SCALE" --no-load \
    --ndjson "$WORK/plain-$SCALE.ndjson" --newsgraph.embedded.data-directory="$WORK/scratch-db" | grep -v ' INFO '
[ -f "$WORK/variants-$SCALE.ndjson" ] || run generate --seed "$SEED" --scale "$SCALE" --variants \
    --ndjson "$WORK/variants-$SCALE.ndjson" --truth "$WORK/variants-$SCALE.truth.ndjson" \
    --newsgraph.embedded.data-directory="$WORK/scratch-db" | grep -v ' INFO '

echo "== plain import (no variants), load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$WORK/plain-db"
run import "$WORK/plain-$SCALE.ndjson" --newsgraph.embedded.data-directory="$WORK/plain-db" | grep -v ' INFO '

echo "== variants: import with resolution, then evaluate, load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$WORK/variants-db"
run evaluate "$WORK/variants-$SCALE.ndjson" --truth "$WORK/variants-$SCALE.truth.ndjson" \
    --newsgraph.embedded.data-directory="$WORK/variants-db" | grep -v ' INFO '
echo "== done, load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$WORK/plain-db" "$WORK/variants-db" "$WORK/scratch-db"
