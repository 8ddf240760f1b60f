#!/usr/bin/env bash
# Index benchmark: bulk ingest into LuceneEventStore and a rare-term lookup, side by side with grep
# (and ripgrep when installed) on the same raw file, plus the aggregations next to awk/sort.
#   bench/index/run.sh [EVENTS]          default 10,000,000 events; RUNS=3 runs each (medians)
#   SKIP_INGEST=1 bench/index/run.sh N   the comparisons only, on the store of the last run
# Output: one line per measurement and the ratios; data under bench/out/index (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000000}
RUNS=${RUNS:-3}
OUT=$(realpath -m "${OUT:-bench/out/index}")
mkdir -p "$OUT"

mvn -B -q -o -pl index -am compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
# a private copy of the classes: other builds of the tree must not change them under a long run
rm -rf "$OUT/index-classes" "$OUT/core-classes"
cp -r index/target/classes "$OUT/index-classes" && cp -r core/target/classes "$OUT/core-classes"
CP="$OUT/index-classes:$(sed "s#$PWD/core/target/classes#$OUT/core-classes#" "$OUT/cp.txt")"
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" -cp "$CP" bench/index/IndexBench.java
RUN=(java -Xms256m -Xmx1g -XX:+UseParallelGC -cp "$OUT/classes:$CP" IndexBench)   # the node's JVM options (bin/vigil)

LOG="$OUT/events-$N.log"
[ -s "$LOG" ] || "${RUN[@]}" gen "$LOG" "$N"
echo "file $LOG: $(wc -l < "$LOG") lines, $(du -h "$LOG" | cut -f1)"

median() { python3 -c 'import sys,statistics; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
now() { date +%s.%N; }

# 1. ingest (store append, search visible), RUNS times into fresh directories (SKIP_INGEST=1 reuses $OUT/data)
rates=()
for i in $(seq "$RUNS"); do
  [ "${SKIP_INGEST:-0}" = 1 ] && break
  rm -rf "$OUT/data"
  line=$("${RUN[@]}" ingest "$LOG" "$OUT/data" 2>/dev/null | grep '^ingest')
  echo "run $i: $line"
  rates+=("$(sed 's/.*events_per_s=\([0-9]*\).*/\1/' <<< "$line")")
done
[ ${#rates[@]} -gt 0 ] && echo "ingest median events/s: $(median "${rates[@]}") (goal 150000)"

# 2. the rare term: grep (and rg) over the raw file versus the index
RARE=qzxv7rareterm
gt=()
for i in $(seq "$RUNS"); do s=$(now); grep -c "$RARE" "$LOG" >/dev/null; gt+=("$(python3 -c "print(($(now)-$s)*1000)")"); done
echo "grep -c $RARE median ms: $(median "${gt[@]}")"
if command -v rg >/dev/null; then
  rt=()
  for i in $(seq "$RUNS"); do s=$(now); rg -c "$RARE" "$LOG" >/dev/null; rt+=("$(python3 -c "print(($(now)-$s)*1000)")"); done
  echo "rg -c $RARE median ms: $(median "${rt[@]}")"
else
  echo "rg: not installed"
fi

# 3. aggregations with awk/sort on the raw file (host = field 4; src = the address after 'from')
at=(); st=(); tt=()
for i in $(seq "$RUNS"); do
  s=$(now); awk '{print $4}' "$LOG" | sort | uniq -c >/dev/null; at+=("$(python3 -c "print(($(now)-$s)*1000)")")
  s=$(now); awk '{split($3,t,":"); print $1" "$2" "t[1]" "$5}' "$LOG" | sort | uniq -c >/dev/null; tt+=("$(python3 -c "print(($(now)-$s)*1000)")")
  s=$(now); grep -o 'from [0-9.]*' "$LOG" | sort | uniq -c | sort -rn | sed -n 1,10p >/dev/null; st+=("$(python3 -c "print(($(now)-$s)*1000)")")
done
echo "awk/sort count by host median ms: $(median "${at[@]}")"
echo "awk/sort count by hour,program median ms: $(median "${tt[@]}")"
echo "grep/sort top 10 src median ms: $(median "${st[@]}")"

# 4. the same on the index (first run, then p50 of 51 runs after 20 untimed, inside one JVM), RUNS JVMs,
#    with the aggregation cache and without it
for i in $(seq "$RUNS"); do "${RUN[@]}" query "$OUT/data" 51 2>/dev/null | sed "s/^/jvm $i: /"; done
for i in $(seq "$RUNS"); do "${RUN[@]}" query "$OUT/data" 51 nocache 2>/dev/null | sed "s/^/jvm $i nocache: /"; done
