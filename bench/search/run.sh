#!/bin/sh
# SPL search benchmark: Vigil (SPL over the Lucene index, -Xmx1g) against grep/awk/sort over the same raw file.
# usage: bench/search/run.sh [EVENTS] [WORKDIR] [RUNS]   (defaults: 10000000 /tmp/vigil-bench-search 3)
#   RUNS runs of each peer; VRUNS=21 runs of each Vigil query (medians)
# Reuses WORKDIR/events.txt and WORKDIR/data when present; delete WORKDIR to start over.
set -eu
N=${1:-10000000}
W=${2:-/tmp/vigil-bench-search}
RUNS=${3:-3}
VRUNS=${VRUNS:-21}   # Vigil runs per query (fast: many runs give a stable median)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
mkdir -p "$W/lib"
mvn -B -q -o -pl search -am compile dependency:build-classpath -Dmdep.outputFile="$W/lib/cp.txt" >/dev/null
# a private copy of the classes: other builds may rewrite the tree while this runs
for m in core index search; do rm -rf "$W/lib/$m" && cp -r "$m/target/classes" "$W/lib/$m"; done
CP="$W/lib/core:$W/lib/index:$W/lib/search:$(tr ':' '\n' < "$W/lib/cp.txt" | grep -v "$ROOT/" | paste -sd:)"
mkdir -p "$W/classes" && javac -d "$W/classes" -cp "$CP" bench/search/SearchBench.java
bench() { java -Xmx1g -cp "$W/classes:$CP" SearchBench "$@"; }
if [ ! -f "$W/events.txt" ]; then
  echo "generating $N events into $W/events.txt"
  bench gen "$W/events.txt" "$N"
fi
if [ ! -d "$W/data" ]; then
  bench ingest "$W/events.txt" "$W/data"
fi
echo "file: $(du -h "$W/events.txt" | cut -f1)  index: $(du -sh "$W/data" | cut -f1)  events: $(wc -l < "$W/events.txt")"

ms() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
peer() { # name, command
  name=$1; shift
  : > "$W/t"
  i=0
  while [ $i -lt "$RUNS" ]; do
    t=$(ms); sh -c "$*" > "$W/peer.out"; echo $(( $(ms) - t )) >> "$W/t"; i=$((i+1))
  done
  m=$(median < "$W/t")
  echo "$m" >> "$W/peer.medians"
  echo "peer	$name	median_ms=$m	runs=$(tr '\n' ' ' < "$W/t")"
}
: > "$W/peer.medians"
F="$W/events.txt"
export LC_ALL=C
peer "grep rare term" "grep qzxv7rareterm $F"
peer "awk stats count by host" "awk '{c[\$2]++} END {for (h in c) print h, c[h]}' $F | sort"
peer "awk timechart span=1h count by sourcetype" "awk '{c[int(\$1/3600)*3600 \" \" \$3]++} END {for (k in c) print k, c[k]}' $F | sort"
peer "awk top 10 src" "awk '{for (i=4;i<=NF;i++) if (substr(\$i,1,4)==\"src=\") {c[substr(\$i,5)]++; break}} END {for (k in c) print c[k], k}' $F | sort -rn | head -10"
# Vigil: with the aggregation cache (a dashboard re-running its searches), then without (every run from doc values)
bench query "$W/data" "$VRUNS" | tee "$W/vigil.out"
bench query "$W/data" "$VRUNS" nocache | tee "$W/vigil-nocache.out"
# ratios, query by query in the order above: how many times faster Vigil's median is than the peer's
for f in vigil vigil-nocache; do
  grep '^vigil' "$W/$f.out" | sed 's/.*median_ms=\([0-9.]*\).*/\1/' | paste "$W/peer.medians" - |
    awk -F'\t' -v f="$f" 'BEGIN {split("rare-term/grep stats-by-host/awk timechart-by-sourcetype/awk top-10-src/awk", n, " ")}
         {printf "ratio\t%s\t%s\tpeer_ms=%s\tvigil_ms=%s\tspeedup=%.1fx\n", f, n[NR], $1, $2, $1 / $2}'
done
